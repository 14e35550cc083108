// drivers camera scanner: QR codes found in pictures with ZXing — images made here with
// libqrencode, plain and as a camera would see them (small, tilted, on a grey, noisy scene), fed
// as frames from image files; and a camera that is not there.

#include "drivers/devices/camera_scanner.h"
#include "drivers/devices/image_folder_scanner.h"
#include "drivers/protocols/qr_image/qr_image_decoder.h"
#include "tests/support/qtest_strings.h"

#include <qrencode.h>

#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hk;

namespace {

const QByteArray kCode = "YY1.SQ-001.bk_20261201-42.SB-001.1764558000.1764559800.WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo";

// A QR code drawn with libqrencode, `scale` pixels a module, with the 4-module quiet zone.
QImage qrImage(const QByteArray &data, int scale, bool eciUtf8 = false)
{
    QRcode *raw = nullptr;
    if (eciUtf8) {
        QRinput *input = QRinput_new2(0, QR_ECLEVEL_M);
        QRinput_appendECIheader(input, 26); // ECI 26: UTF-8
        QRinput_append(input, QR_MODE_8, int(data.size()), reinterpret_cast<const unsigned char *>(data.constData()));
        raw = QRcode_encodeInput(input);
        QRinput_free(input);
    } else {
        raw = QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char *>(data.constData()), 0, QR_ECLEVEL_M);
    }
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(raw, &QRcode_free);
    if (!code)
        return {};
    const int modules = code->width + 8;
    QImage image(modules * scale, modules * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1)
                painter.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale, Qt::black);
        }
    }
    return image;
}

// As a camera might see a phone held up to it: a 640×480 grey scene with noise, the code small,
// tilted and not quite black on white.
QImage cameraFrame(const QImage &qr)
{
    QImage frame(640, 480, QImage::Format_RGB32);
    frame.fill(QColor(118, 120, 125));
    QPainter painter(&frame);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.translate(330, 250);
    painter.rotate(12);
    painter.setOpacity(0.85);
    painter.drawImage(QRectF(-150, -150, 300, 300), qr);
    painter.end();
    QRandomGenerator noise(42);
    for (int i = 0; i < 4000; ++i)
        frame.setPixel(int(noise.bounded(640)), int(noise.bounded(480)), qRgb(int(noise.bounded(256)), 128, 128));
    return frame;
}

} // namespace

class TestCameraFrames : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodesGeneratedCodes_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("eci");
        QTest::newRow("booking code") << kCode << false;
        QTest::newRow("ticket code") << QByteArray("HK1:SQ-001:d134cc76-157d-41c8-b969-3d1ec94e9166") << false;
        QTest::newRow("chinese, no ECI") << QStringLiteral("请A001号到3号窗口").toUtf8() << false;
        QTest::newRow("chinese, ECI 26") << QStringLiteral("请A001号到3号窗口").toUtf8() << true;
    }
    void decodesGeneratedCodes()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, eci);
        const QImage qr = qrImage(content, 6, eci);
        QVERIFY(!qr.isNull());
        QCOMPARE(QrImageDecoder::decode(qr), std::optional(QString::fromUtf8(content)));
        const QImage frame = cameraFrame(qr);
        frame.save(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/camera-frame-%1.png").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')).replace(QLatin1Char(','), QLatin1Char('-')));
        QCOMPARE(QrImageDecoder::decode(frame).value_or(QStringLiteral("<none>")), QString::fromUtf8(content));
    }

    void noCodeIsNothing()
    {
        QImage blank(320, 240, QImage::Format_RGB32);
        blank.fill(Qt::gray);
        QVERIFY(!QrImageDecoder::decode(blank));
        QVERIFY(!QrImageDecoder::decode(QImage()));
    }

    void framesFromImageFiles()
    {
        QTemporaryDir dir;
        ImageFolderScanner scanner(dir.path(), 20);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        QCOMPARE(scanner.health().state, DeviceHealth::State::Ok);
        QCOMPARE(scanner.name(), QStringLiteral("camera"));
        QVERIFY(cameraFrame(qrImage(kCode, 6)).save(dir.filePath(QStringLiteral("frame-0001.png"))));
        QImage nothing(320, 240, QImage::Format_RGB32);
        nothing.fill(Qt::darkGray);
        QVERIFY(nothing.save(dir.filePath(QStringLiteral("frame-0002.png"))));
        QVERIFY(qrImage("HK1:SQ-001:0a0b", 5).save(dir.filePath(QStringLiteral("frame-0003.jpg")), "JPG", 90));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 2, 20000);
        QCOMPARE(scans.at(0).first().toString(), QString::fromLatin1(kCode));
        QCOMPARE(scans.at(1).first().toString(), QStringLiteral("HK1:SQ-001:0a0b"));
        // Each picture once: nothing more arrives while the folder stays as it is.
        QTest::qWait(200);
        QCOMPARE(scans.count(), 2);
    }

    void aMissingFolderIsOffline()
    {
        ImageFolderScanner scanner(QStringLiteral("/nonexistent/frames"), 20);
        scanner.start();
        QCOMPARE(scanner.health().state, DeviceHealth::State::Offline);
    }

    void aCameraThatIsNotThereIsOffline()
    {
        CameraScanner camera(QStringLiteral("no-such-camera"));
        QSignalSpy health(&camera, &CodeScanner::healthChanged);
        camera.start();
        QCOMPARE(camera.health().state, DeviceHealth::State::Offline);
        QVERIFY(camera.health().detail.contains(QStringLiteral("no-such-camera")));
        QCOMPARE(camera.name(), QStringLiteral("camera"));
    }
};

QTEST_MAIN(TestCameraFrames)
#include "tst_camera_frames.moc"

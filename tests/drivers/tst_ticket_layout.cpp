// What a ticket is made of and what it looks like: the printer profiles shipped as data, the QR
// code sent as a raster image to printers without GS ( k (read back with ZXing-C++ to the ticket
// id), the ticket template, and the preview drawn from the bytes.

#include "app/services/ticket/ticket_composer.h"
#include "app/services/ticket/ticket_template.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/protocols/escpos/escpos_stream_decoder.h"
#include "drivers/sim/ticket_image_renderer.h"

#include <ZXing/ReadBarcode.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTest>

using namespace hk;

namespace {

const QString kProfiles = QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/printers");
const QString kTickets = QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/tickets");
const QString kTicketId = QStringLiteral("5b0c2f4e-8a7d-4f7e-9d55-2c1f0e6b9a10");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

TicketSlip slip()
{
    TicketSlip s;
    s.ticketId = kTicketId;
    s.number = QStringLiteral("A007");
    s.groupName = QStringLiteral("社保医保");
    s.peopleAhead = 3;
    s.issuedAtText = QStringLiteral("2026-11-24 09:05");
    s.qrPayload = QStringLiteral("HK1:SQ-001:%1").arg(kTicketId);
    return s;
}

// ZXing reads the picture as a phone would; the text of the first QR code, or empty.
QString readQr(const QImage &picture)
{
    const QImage gray = picture.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum, int(gray.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    return result.isValid() ? QString::fromStdString(result.text()) : QString();
}

// The GS v 0 bands of a ticket, joined into one picture on white paper with a quiet zone.
QImage rasterOf(const QByteArray &escpos)
{
    EscPosStreamDecoder decoder;
    QList<EscPosEvent> bands;
    for (const EscPosEvent &e : decoder.feed(escpos)) {
        if (e.kind == EscPosEvent::Kind::Raster)
            bands << e;
    }
    if (bands.isEmpty())
        return {};
    const int width = bands.first().value * 8;
    int height = 0;
    for (const EscPosEvent &b : bands)
        height += b.height;
    constexpr int kQuiet = 40;
    QImage image(width + 2 * kQuiet, height + 2 * kQuiet, QImage::Format_Grayscale8);
    image.fill(255);
    int y = kQuiet;
    for (const EscPosEvent &b : bands) {
        for (int row = 0; row < b.height; ++row, ++y) {
            for (int x = 0; x < width; ++x) {
                if ((static_cast<unsigned char>(b.data.at(row * b.value + x / 8)) >> (7 - x % 8)) & 1)
                    image.scanLine(y)[kQuiet + x] = 0;
            }
        }
    }
    return image;
}

} // namespace

class TestTicketLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shippedProfilesLoad_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("dots");
        QTest::addColumn<bool>("nativeQr");
        QTest::newRow("80 mm") << "escpos-80mm" << 576 << true;
        QTest::newRow("58 mm") << "escpos-58mm" << 384 << true;
        QTest::newRow("80 mm raster") << "escpos-80mm-raster" << 576 << false;
        QTest::newRow("58 mm raster") << "escpos-58mm-raster" << 384 << false;
    }
    void shippedProfilesLoad()
    {
        QFETCH(QString, name);
        QFETCH(int, dots);
        QFETCH(bool, nativeQr);
        auto profile = EscPosProfile::load(name, kProfiles);
        QVERIFY2(profile.ok(), profile ? "" : qPrintable(profile.error()));
        QCOMPARE(profile->name, name);
        QCOMPARE(profile->dotsPerLine, dots);
        QCOMPARE(profile->nativeQr, nativeQr);
        QCOMPARE(profile->paperMm, dots == 576 ? 80 : 58);
    }

    void profileMistakesNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << QByteArray(R"({"name": "x", "colour": 1})") << "colour: unknown key";
        QTest::newRow("no name") << QByteArray(R"({"dots_per_line": 576})") << "name: is required";
        QTest::newRow("width") << QByteArray(R"({"name": "x", "dots_per_line": 577})") << "dots_per_line: must be a multiple of 8";
        QTest::newRow("qr") << QByteArray(R"({"name": "x", "qr": "laser"})") << "qr: must be";
        QTest::newRow("cut") << QByteArray(R"({"name": "x", "cut": "scissors"})") << "cut: must be";
        QTest::newRow("status") << QByteArray(R"({"name": "x", "status": "yes"})") << "status: must be true or false";
        QTest::newRow("not json") << QByteArray("{") << "not a JSON object";
    }
    void profileMistakesNameTheKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto profile = EscPosProfile::fromJson(json);
        QVERIFY(!profile.ok());
        QVERIFY2(profile.error().contains(expected), qPrintable(profile.error()));
        auto unknown = EscPosProfile::load(QStringLiteral("laser-a4"), kProfiles);
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(QStringLiteral("escpos-80mm")), qPrintable(unknown.error())); // names what exists
    }

    void rasterQrReadsBackToTheTicket_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::newRow("80 mm") << "escpos-80mm-raster";
        QTest::newRow("58 mm") << "escpos-58mm-raster";
    }
    void rasterQrReadsBackToTheTicket()
    {
        QFETCH(QString, profile);
        const EscPosProfile p = EscPosProfile::load(profile, kProfiles).value();
        const TicketComposer composer(QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心"));
        const QByteArray bytes = EscPosDocumentEncoder::encode(composer.compose(slip()), p);
        QVERIFY(!bytes.contains(QByteArray::fromHex("1D286B"))); // no GS ( k for this printer
        const QImage code = rasterOf(bytes);
        QVERIFY(!code.isNull());
        QVERIFY(code.width() - 80 <= p.dotsPerLine);
        const QString text = readQr(code);
        QCOMPARE(text, QStringLiteral("HK1:SQ-001:%1").arg(kTicketId));
        QVERIFY(text.endsWith(kTicketId));
        qInfo("%s: %lld bytes on the wire, QR %d dots wide", qPrintable(profile), qlonglong(bytes.size()), code.width() - 80);
    }

    void previewIsWhatThePaperShows_data()
    {
        QTest::addColumn<QString>("profile");
        for (const char *name : {"escpos-80mm", "escpos-58mm", "escpos-80mm-raster", "escpos-58mm-raster"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void previewIsWhatThePaperShows()
    {
        QFETCH(QString, profile);
        const EscPosProfile p = EscPosProfile::load(profile, kProfiles).value();
        const TicketComposer composer(QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心"));
        const QImage paper = TicketImageRenderer::render(EscPosDocumentEncoder::encode(composer.compose(slip()), p), p.dotsPerLine);
        QVERIFY(!paper.isNull());
        QCOMPARE(paper.width(), p.dotsPerLine);
        QVERIFY(paper.height() > 400);
        // The code on the drawn paper reads back, whether the printer draws it (GS ( k) or we do.
        QCOMPARE(readQr(paper), QStringLiteral("HK1:SQ-001:%1").arg(kTicketId));
        QVERIFY(paper.save(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/ticket-%1.png").arg(profile)));
    }

    void templateFileIsTheStandardLayout()
    {
        auto fromFile = TicketTemplate::fromJson(readFile(kTickets + QStringLiteral("/ticket.json")));
        QVERIFY2(fromFile.ok(), fromFile ? "" : qPrintable(fromFile.error()));
        TicketSlip booked = slip();
        booked.kind = TicketKind::Booked;
        booked.slotText = QStringLiteral("09:00–10:00");
        booked.matterName = QStringLiteral("养老保险关系转移");
        for (TicketSlip s : {slip(), booked}) {
            for (bool reprint : {false, true}) {
                s.reprint = reprint;
                const TicketComposer file(QStringLiteral("SQ-001"), QStringLiteral("中心"), {}, fromFile.value());
                const TicketComposer standard(QStringLiteral("SQ-001"), QStringLiteral("中心"));
                QCOMPARE(EscPosDocumentEncoder::encode(file.compose(s), EscPosProfile{}),
                         EscPosDocumentEncoder::encode(standard.compose(s), EscPosProfile{}));
            }
        }
    }

    void templateConditionsAndFields()
    {
        TicketSlip booked = slip();
        booked.kind = TicketKind::Booked;
        booked.slotText = QStringLiteral("09:00–10:00");
        booked.reprint = true;
        const TicketComposer composer(QStringLiteral("SQ-001"), QStringLiteral("青山县政务服务中心"));
        QStringList lines;
        for (const PrintBlock &b : composer.compose(booked).blocks)
            lines << b.text;
        QVERIFY(lines.contains(QStringLiteral("预约优先")));
        QVERIFY(lines.contains(QStringLiteral("预约时段 09:00–10:00")));
        QVERIFY(lines.contains(QStringLiteral("（补打）")));
        QVERIFY(lines.contains(QStringLiteral("前面还有 3 人")));
        lines.clear();
        for (const PrintBlock &b : composer.compose(slip()).blocks)
            lines << b.text;
        QVERIFY(!lines.contains(QStringLiteral("预约优先")));
        QVERIFY(!lines.contains(QStringLiteral("（补打）")));
        QVERIFY(!lines.join(QString()).contains(QLatin1Char('{')));
        QCOMPARE(composer.compose(slip()).key, kTicketId);
    }

    void templateWithALogo()
    {
        auto layout = TicketTemplate::fromJson(readFile(kTickets + QStringLiteral("/ticket-with-logo.json")));
        QVERIFY(layout.ok());
        QCOMPARE(layout->logoFile, QStringLiteral("logo.png"));
        const QImage logo(kTickets + QStringLiteral("/logo.png"));
        QVERIFY(!logo.isNull());
        MonoImage mono;
        mono.width = logo.width();
        mono.height = logo.height();
        mono.dots = QByteArray(qsizetype(mono.bytesPerRow()) * mono.height, '\xFF');
        const TicketComposer composer(QStringLiteral("SQ-001"), QStringLiteral("中心"), {}, layout.value(), mono);
        const PrintDocument doc = composer.compose(slip());
        QCOMPARE(doc.blocks.first().kind, PrintBlock::Kind::Image);
        const QByteArray bytes = EscPosDocumentEncoder::encode(doc, EscPosProfile{});
        QVERIFY(bytes.contains(QByteArray::fromHex("1D763000") + char(mono.bytesPerRow()) + '\0' + char(mono.height) + '\0'));
    }

    void templateMistakesNameTheBlock_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no number") << QByteArray(R"({"blocks": [{"type": "qr"}]})") << "no block prints the ticket's {number}";
        QTest::newRow("no qr") << QByteArray(R"({"blocks": [{"type": "text", "text": "{number}"}]})") << "QR code";
        QTest::newRow("unknown field") << QByteArray(R"({"blocks": [{"type": "text", "text": "{name}"}, {"type": "qr"}]})")
                                       << "blocks[0].text: unknown field {name}";
        QTest::newRow("size") << QByteArray(R"({"blocks": [{"type": "text", "text": "{number}", "size": 9}, {"type": "qr"}]})")
                              << "blocks[0].size";
        QTest::newRow("when") << QByteArray(R"({"blocks": [{"type": "qr", "when": "rain"}]})") << "blocks[0].when";
        QTest::newRow("type") << QByteArray(R"({"blocks": [{"type": "barcode"}]})") << "blocks[0].type";
        QTest::newRow("key") << QByteArray(R"({"blocks": [{"type": "feed", "text": "x"}]})") << "blocks[0].text: unknown key for a feed block";
    }
    void templateMistakesNameTheBlock()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto layout = TicketTemplate::fromJson(json);
        QVERIFY(!layout.ok());
        QVERIFY2(layout.error().contains(expected), qPrintable(layout.error()));
    }
};

QTEST_MAIN(TestTicketLayout)
#include "tst_ticket_layout.moc"

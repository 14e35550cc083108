// End to end with the built hallkiosk program: a GA 467 reader, a line-mode scanner and a printer
// on pseudo-terminals driven by this test as any program speaking those protocols would — a QR
// scan and an ID card give priority tickets on the printer, a forged code gives none and the
// refusal screen (saved by --screenshot-dir). The hall is open around the clock in this test's
// catalog, so the real time is always inside the issuing hours.

#include "db/database.h"
#include "db/stores/sql_booking_store.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/all_day_catalog.h"
#include "tests/support/hall_time.h"
#include "tests/support/test_platform.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hk;

namespace {

const QString kResident = QStringLiteral("11010519491231002X");

QString writeJson(const QString &path, const QJsonObject &json)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(QJsonDocument(json).toJson());
    return path;
}

// The first picture after the first `skip` that shows an alert title (dark red, #8B0000).
QString alertScreenAfter(const QString &dir, int skip)
{
    const QStringList pictures = QDir(dir).entryList({QStringLiteral("screen-*.png")}, QDir::Files, QDir::Name);
    for (int i = skip; i < pictures.size(); ++i) {
        const QImage image(QDir(dir).filePath(pictures.at(i)));
        if (image.size() != QSize(1080, 1920))
            continue;
        int red = 0;
        for (int y = 300; y < 600; y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                red += image.pixel(x, y) == qRgb(0x8B, 0x00, 0x00);
        }
        if (red > 500)
            return QDir(dir).filePath(pictures.at(i));
    }
    return {};
}

} // namespace

class TestCheckInBinaryE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scansAndCardsGivePriorityTicketsOnThePrinter()
    {
        QTemporaryDir dir;
        auto printer = std::move(PrinterSimulator::create()).value();
        auto reader = std::move(IdCardSimulator::create()).value();
        QVERIFY(reader->loadCards(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json")).ok());
        auto scanner = std::move(ScannerSimulator::create()).value();
        scanner->setSuffix(ScannerLineDecoder::Suffix::CrLf);
        test::TestPlatform platform;

        // Now, on the minute, in the hall's zone: a slot that is open for check-in whatever the hour.
        QDateTime slot = QDateTime::currentDateTimeUtc().toTimeZone(test::hallZone());
        slot.setTime(QTime(slot.time().hour(), slot.time().minute()));
        const QString dbPath = dir.filePath(QStringLiteral("hallkiosk.db"));
        {
            auto db = Database::open(dbPath);
            QVERIFY(db.ok());
            SqlBookingStore bookings(*db.value());
            QVERIFY(bookings.upsert(platform.booking(QStringLiteral("CARD-1"), slot, kResident, "HJ-001", "HJ")).value());
        }
        const QJsonObject config{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), dbPath},
            {QStringLiteral("devices"), QJsonObject{
                {QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())},
                {QStringLiteral("idcard"), QStringLiteral("serial:%1?baud=115200").arg(reader->devicePath())},
                {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=crlf").arg(scanner->devicePath())}}},
            {QStringLiteral("platform"), QJsonObject{{QStringLiteral("public_key_file"), platform.publicKeyFile(dir.path())},
                                                     {QStringLiteral("match_key_file"), platform.matchKeyFile(dir.path())}}},
            {QStringLiteral("catalog_file"), test::writeAllDayCatalog(dir.filePath(QStringLiteral("catalog.json")))},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
        };
        const QString shots = QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/checkin-binary");
        QDir(shots).removeRecursively();
        QProcess terminal;
        terminal.setProcessChannelMode(QProcess::SeparateChannels);
        terminal.start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), writeJson(dir.filePath(QStringLiteral("hallkiosk.json")), config),
                                                          QStringLiteral("--screenshot-dir"), shots});
        QVERIFY(terminal.waitForStarted());
        QString log;
        const auto logged = [&](const QString &text) {
            log += QString::fromUtf8(terminal.readAllStandardError());
            return log.contains(text);
        };
        // The terminal asks the reader for its status, then polls for cards.
        QTRY_VERIFY_WITH_TIMEOUT(reader->commandsReceived(SamCommand::findCard()) >= 1, 30000);
        QVERIFY(reader->commandsReceived(SamCommand::status()) >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("scanner ok")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("printer ok")), 30000);

        // A booking made a minute ago, not in the cache yet: its code alone checks it in.
        QVERIFY(scanner->send(platform.code(QStringLiteral("QR-1"), slot, "SB-001")));
        QTRY_COMPARE_WITH_TIMEOUT(printer->tickets().size(), 1, 30000);
        QVERIFY2(printer->tickets().at(0).text.contains(QStringLiteral("预约优先")), qPrintable(printer->tickets().at(0).text));
        QVERIFY(printer->tickets().at(0).text.contains(QStringLiteral("Y001")));
        QVERIFY(printer->tickets().at(0).text.contains(QStringLiteral("城乡居民养老保险参保登记")));

        // The resident card: its booking of today, matched by digest.
        reader->command(QStringLiteral("card resident"));
        QTRY_COMPARE_WITH_TIMEOUT(printer->tickets().size(), 2, 30000);
        QVERIFY(printer->tickets().at(1).text.contains(QStringLiteral("Y002")));
        QVERIFY(printer->tickets().at(1).text.contains(QStringLiteral("居民身份证换领")));
        reader->command(QStringLiteral("remove"));

        // A forged code: refused, logged, nothing printed, the refusal on screen.
        const int before = int(QDir(shots).entryList({QStringLiteral("screen-*.png")}, QDir::Files).size());
        QVERIFY(scanner->send(platform.forged(QStringLiteral("QR-2"), slot)));
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("check-in refused: invalid_code")), 30000);
        QCOMPARE(printer->tickets().size(), 2);
        QVERIFY2(!log.contains(kResident) && !log.contains(QStringLiteral("张三")), "the log holds no ID number or name");
        // Among the screens since: one with a title in the alert colour (kiosk_style.h) — the refusal.
        QString refusal;
        QTRY_VERIFY_WITH_TIMEOUT(!(refusal = alertScreenAfter(shots, before)).isEmpty(), 30000);
        QFile::remove(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/e2e-binary-forged-code.png"));
        QVERIFY(QFile::copy(refusal, QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/e2e-binary-forged-code.png")));

        ::kill(pid_t(terminal.processId()), SIGTERM);
        QVERIFY(terminal.waitForFinished(20000));
        QCOMPARE(terminal.exitCode(), 0);
        auto db = Database::open(dbPath);
        QSqlQuery q(db.value()->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE status = 'checked_in'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCheckInBinaryE2e)
#include "tst_checkin_binary_e2e.moc"

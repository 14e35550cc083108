// The real serial transport, ID-card reader and line scanner against their simulators on
// pseudo-terminals (every card of resources/sim/idcards.json, the SAM's faults, each suffix), and
// the hallkiosk-devsim program driven through its standard input as a technician would.

#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/transports/serial_transport.h"
#include "tests/support/qtest_strings.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

const QString kCards = QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json");

SerialSettings serialFor(const QString &path, int baud)
{
    return {.path = path, .baud = baud, .logReceivedBytes = false};
}

// Deadlines long enough for any load: the tests wait for what the reader reports.
SamIdCardReader::Timing patient()
{
    return {.pollIntervalMs = 50, .replyTimeoutMs = 5000, .readTimeoutMs = 5000};
}

struct ReaderRig {
    std::unique_ptr<IdCardSimulator> sim;
    std::unique_ptr<SerialTransport> transport;
    std::unique_ptr<SamIdCardReader> reader;
    std::unique_ptr<QSignalSpy> read;
    std::unique_ptr<QSignalSpy> failed;

    bool start(const QString &path = {})
    {
        if (path.isEmpty()) {
            auto created = IdCardSimulator::create();
            if (!created || !created.value()->loadCards(kCards))
                return false;
            sim = std::move(created).value();
        }
        transport = std::make_unique<SerialTransport>(serialFor(path.isEmpty() ? sim->devicePath() : path, 115200));
        reader = std::make_unique<SamIdCardReader>(*transport, patient());
        read = std::make_unique<QSignalSpy>(reader.get(), &IdentityReader::cardRead);
        failed = std::make_unique<QSignalSpy>(reader.get(), &IdentityReader::cardFailed);
        reader->start();
        return QTest::qWaitFor([this] { return reader->health().state == DeviceHealth::State::Ok; }, 20000);
    }
    bool finds(int more)
    {
        const int target = sim->commandsReceived(SamCommand::findCard()) + more;
        return QTest::qWaitFor([&] { return sim->commandsReceived(SamCommand::findCard()) >= target; }, 20000);
    }
};

} // namespace

class TestCheckInDevicesPty : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyGoodCardIsRead_data()
    {
        QTest::addColumn<QString>("card");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind");
        using K = IdentityDocument::Kind;
        QTest::newRow("resident") << "resident" << "11010519491231002X" << "张三" << int(K::ResidentCard);
        QTest::newRow("J") << "hk-resident" << "810000199001011230" << "陈大文" << int(K::ResidencePermit);
        QTest::newRow("I") << "foreigner-2017" << "USA310085031501" << "史密斯" << int(K::ForeignerPermanent);
        QTest::newRow("Y") << "foreigner-2023" << "93184019850315001X" << "史约翰" << int(K::ForeignerPermanent);
    }
    void everyGoodCardIsRead()
    {
        QFETCH(QString, card);
        QFETCH(QString, number);
        QFETCH(QString, name);
        QFETCH(int, kind);
        ReaderRig rig;
        QVERIFY(rig.start());
        QCOMPARE(rig.sim->command(QStringLiteral("card ") + card), QStringLiteral("card %1 on the reader").arg(card));
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        const auto document = rig.read->first().first().value<IdentityDocument>();
        QCOMPARE(document.number, number);
        QCOMPARE(document.name, name);
        QCOMPARE(int(document.kind), kind);
        // Left on the reader, which answers every poll again: still one.
        const int readsOut = rig.sim->cardsReadOut();
        QVERIFY(rig.finds(5));
        QVERIFY(rig.sim->cardsReadOut() > readsOut);
        QCOMPARE(rig.read->count(), 1);
        // Removed and placed again: read again.
        rig.sim->command(QStringLiteral("remove"));
        QVERIFY(rig.finds(3));
        rig.sim->command(QStringLiteral("card ") + card);
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 2, 20000);
        QCOMPARE(rig.failed->count(), 0);
    }

    void aReaderThatStaysSelectedReadsOnce()
    {
        ReaderRig rig;
        QVERIFY(rig.start());
        rig.sim->command(QStringLiteral("mode stays_selected"));
        rig.sim->command(QStringLiteral("card resident"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        QVERIFY(rig.finds(5));
        QCOMPARE(rig.sim->cardsReadOut(), 1);
        QCOMPARE(rig.read->count(), 1);
    }

    void cardsThatFail_data()
    {
        QTest::addColumn<QString>("card");
        QTest::addColumn<int>("kind");
        QTest::newRow("bad check digit") << "bad-checksum" << int(CardReadFailure::Kind::InvalidNumber);
        QTest::newRow("failing read") << "failing-read" << int(CardReadFailure::Kind::Unreadable);
        QTest::newRow("removed during the read") << "removed" << int(CardReadFailure::Kind::Unreadable);
    }
    void cardsThatFail()
    {
        QFETCH(QString, card);
        QFETCH(int, kind);
        ReaderRig rig;
        QVERIFY(rig.start());
        rig.sim->command(QStringLiteral("card ") + card);
        QTRY_COMPARE_WITH_TIMEOUT(rig.failed->count(), 1, 20000);
        QCOMPARE(int(rig.failed->first().first().value<CardReadFailure>().kind), kind);
        QVERIFY(rig.finds(5));
        QCOMPARE(rig.failed->count(), 1);
        QCOMPARE(rig.read->count(), 0);
    }

    void samFaults()
    {
        ReaderRig rig;
        QVERIFY(rig.start());
        rig.sim->command(QStringLiteral("sam self_test_failed"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.reader->health().state, DeviceHealth::State::Error, 20000);
        QCOMPARE(int(rig.failed->first().first().value<CardReadFailure>().kind), int(CardReadFailure::Kind::ReaderFault));
        rig.sim->command(QStringLiteral("sam ok"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.reader->health().state, DeviceHealth::State::Ok, 20000);
        rig.sim->command(QStringLiteral("card resident"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        QVERIFY(rig.sim->commandsReceived(SamCommand::status()) >= 2); // asked again after the fault
    }

    void scannerSuffixes_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("cr") << "cr";
        QTest::newRow("lf") << "lf";
        QTest::newRow("crlf") << "crlf";
    }
    void scannerSuffixes()
    {
        QFETCH(QString, suffix);
        auto sim = ScannerSimulator::create();
        QVERIFY(sim.ok());
        const auto s = ScannerSimulator::suffixFromString(suffix);
        sim.value()->setSuffix(*s);
        SerialTransport transport(serialFor(sim.value()->devicePath(), 9600));
        SerialLineScanner::Settings settings;
        settings.suffix = *s;
        SerialLineScanner scanner(transport, settings);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        QTRY_COMPARE_WITH_TIMEOUT(scanner.health().state, DeviceHealth::State::Ok, 20000);
        const QByteArray code = "YY1.SQ-001.bk-1.SB-001.1764558000.1764559800.WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo";
        QVERIFY(sim.value()->send(code));
        QCOMPARE(sim.value()->command(QStringLiteral("gbk 请A001号到3号窗口")), QStringLiteral("sent 17 bytes (GBK)"));
        QVERIFY(sim.value()->command(QStringLiteral("send 预约 A1")).startsWith(QStringLiteral("sent")));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 3, 20000);
        QCOMPARE(scans.at(0).first().toString(), QString::fromLatin1(code));
        QCOMPARE(scans.at(1).first().toString(), QStringLiteral("请A001号到3号窗口"));
        QCOMPARE(scans.at(2).first().toString(), QStringLiteral("预约 A1"));
    }

    void devsimIdCardAndScannerPrograms()
    {
        QTemporaryDir dir;
        const QString readerLink = dir.filePath(QStringLiteral("idcard"));
        QProcess reader;
        reader.start(QStringLiteral(HALLKIOSK_DEVSIM), {QStringLiteral("idcard"), QStringLiteral("--link"), readerLink});
        QVERIFY(reader.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(reader.canReadLine(), 20000);
        QVERIFY(QString::fromUtf8(reader.readLine()).contains(QStringLiteral("cards: resident")));
        ReaderRig rig;
        QVERIFY(rig.start(readerLink));
        reader.write("card hk-resident\n");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        QCOMPARE(rig.read->first().first().value<IdentityDocument>().number, QStringLiteral("810000199001011230"));

        const QString scannerLink = dir.filePath(QStringLiteral("scanner"));
        QProcess scanner;
        scanner.start(QStringLiteral(HALLKIOSK_DEVSIM), {QStringLiteral("scanner"), QStringLiteral("--link"), scannerLink,
                                                         QStringLiteral("--suffix"), QStringLiteral("crlf")});
        QVERIFY(scanner.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(scanner.canReadLine(), 20000);
        SerialTransport transport(serialFor(scannerLink, 9600));
        SerialLineScanner::Settings settings;
        settings.suffix = ScannerLineDecoder::Suffix::CrLf;
        SerialLineScanner device(transport, settings);
        QSignalSpy scans(&device, &CodeScanner::scanned);
        device.start();
        QTRY_COMPARE_WITH_TIMEOUT(device.health().state, DeviceHealth::State::Ok, 20000);
        scanner.write("send HK1:SQ-001:0a0b\n");
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 1, 20000);
        QCOMPARE(scans.first().first().toString(), QStringLiteral("HK1:SQ-001:0a0b"));

        for (QProcess *p : {&reader, &scanner}) {
            p->write("quit\n");
            QVERIFY(p->waitForFinished(20000));
            QCOMPARE(p->exitCode(), 0);
        }
    }
};

QTEST_MAIN(TestCheckInDevicesPty)
#include "tst_checkin_devices_pty.moc"

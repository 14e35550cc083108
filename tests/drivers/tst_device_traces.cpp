// Every driver's DeviceTrace (DESIGN §12) against its simulator on a real pseudo-terminal (and the
// CUPS printer against a private cupsd): the trace holds the bytes that really crossed the wire,
// the counters move, a bad frame from the simulator is counted bad, the ring keeps the last 200 —
// and a card read leaves neither the holder's name nor the number in it, in any encoding.

#include "app/ports/devices/device_trace.h"
#include "db/database.h"
#include "db/stores/sql_window_bus_state_store.h"
#include "app/services/system_clock.h"
#include "drivers/devices/cups_printer.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/devices/hallbus_master.h"
#include "drivers/devices/keyboard_wedge_scanner.h"
#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/protocols/escpos/escpos_encoder.h"
#include "drivers/protocols/hallbus/hallbus_messages.h"
#include "drivers/protocols/sam_idcard/sam_command.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/pseudo_terminal.h"
#include "drivers/sim/scanner_simulator.h"
#include "drivers/transports/cups_transport.h"
#include "drivers/transports/evdev_transport.h"
#include "drivers/transports/serial_transport.h"
#include "tests/support/callback_answer.h"
#include "tests/support/input_event_stream.h"
#include "tests/support/private_cups.h"

#include <QSignalSpy>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hk;

namespace {

const QString kCards = QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json");
const QString kProfiles = QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/printers");

PrintDocument ticket(const QString &number)
{
    PrintDocument doc;
    doc.title = QStringLiteral("ticket %1").arg(number);
    doc.key = number;
    doc.blocks << PrintBlock::textLine(QStringLiteral("青山县政务服务中心"), PrintBlock::Align::Center, 1, true)
               << PrintBlock::textLine(number, PrintBlock::Align::Center, 4, true)
               << PrintBlock::qr(QByteArrayLiteral("HK1:SQ-001:5b0c2f4e-8a7d-4f7e-9d55-2c1f0e6b9a10"));
    return doc;
}

QList<QByteArray> bytesOf(const DeviceTrace &trace, DeviceFrame::Dir dir)
{
    QList<QByteArray> out;
    for (const DeviceFrame &f : trace.frames()) {
        if (f.dir == dir)
            out << f.bytes;
    }
    return out;
}

QByteArray joined(const QList<QByteArray> &chunks)
{
    QByteArray all;
    for (const QByteArray &c : chunks)
        all += c;
    return all;
}

Result<void, DeviceError> printOn(TicketPrinter &printer, const PrintDocument &doc)
{
    auto printed = test::answerOf<Result<void, DeviceError>>([&](auto done) { printer.print(doc, done); }, 20000);
    return printed ? *printed : fail(DeviceError::Busy); // no answer in time: the caller's check fails
}

Result<PrinterReadiness, DeviceError> statusOf(TicketPrinter &printer)
{
    std::optional<Result<PrinterReadiness, DeviceError>> result;
    printer.checkStatus([&](Result<PrinterReadiness, DeviceError> r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return fail(DeviceError::Busy);
    return *result;
}

} // namespace

class TestDeviceTraces : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void escposPrinterRecordsTheWire()
    {
        auto created = PrinterSimulator::create();
        QVERIFY(created.ok());
        PrinterSimulator &sim = *created.value();
        SerialTransport transport(SerialSettings{sim.devicePath(), 115200, QSerialPort::NoParity, 100});
        DeviceTrace trace;
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.setTrace(&trace);
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        const PrintDocument doc = ticket(QStringLiteral("A007"));
        QVERIFY(printOn(printer, doc).ok());
        QTRY_COMPARE(sim.tickets().size(), 1);

        // DLE EOT 1 went out, and the simulator's status byte came back.
        const QList<QByteArray> tx = bytesOf(trace, DeviceFrame::Dir::Tx);
        const QList<QByteArray> rx = bytesOf(trace, DeviceFrame::Dir::Rx);
        QVERIFY(tx.contains(QByteArray::fromHex("100401")));
        QVERIFY(rx.contains(QByteArray(1, char(*PrinterSimulator::replyFor(PrinterSimulator::Condition::Ok, 1)))));
        // Every byte the printer received is in the trace, in order, the ticket's head included.
        const QByteArray encoded = EscPosDocumentEncoder::encode(doc, EscPosProfile{});
        const auto frames = trace.frames();
        const auto ticketFrame = std::find_if(frames.begin(), frames.end(), [&](const DeviceFrame &f) { return f.size == encoded.size(); });
        QVERIFY(ticketFrame != frames.end());
        QCOMPARE(ticketFrame->dir, DeviceFrame::Dir::Tx);
        QCOMPARE(ticketFrame->bytes, encoded.left(DeviceTrace::kFrameBytes));
        QCOMPARE(trace.counters().bytesTx, qint64(sim.received().size()));
        QCOMPARE(trace.counters().ticketsPrinted, 1);
        QVERIFY(trace.counters().framesGood >= 6); // three status bytes before the ticket, three after
        QCOMPARE(trace.counters().framesBad, 0);
        QCOMPARE(trace.counters().bytesRx, trace.counters().framesGood);

        // A reply that is no status byte is a bad frame; so is none at all.
        sim.setCondition(PrinterSimulator::Condition::Silent);
        const auto garble = connect(&sim, &PrinterSimulator::statusRequested, &sim, [&sim] { sim.endpoint().send("\xff"); },
                                    Qt::SingleShotConnection);
        QCOMPARE(statusOf(printer).error(), DeviceError::BadReply);
        QCOMPARE(trace.counters().framesBad, 1);
        QVERIFY(rx.size() < bytesOf(trace, DeviceFrame::Dir::Rx).size());
        QCOMPARE(bytesOf(trace, DeviceFrame::Dir::Rx).last(), QByteArray("\xff"));
        QVERIFY2(trace.counters().lastError.contains(QStringLiteral("not a status byte")), qPrintable(trace.counters().lastError));
        disconnect(garble);
        QCOMPARE(statusOf(printer).error(), DeviceError::Timeout);
        QCOMPARE(trace.counters().framesBad, 2);
        QVERIFY(trace.counters().lastError.contains(QStringLiteral("no reply")));

        // Unplugged and back: one reconnect.
        sim.setCondition(PrinterSimulator::Condition::Ok);
        QCOMPARE(trace.counters().reconnects, 0);
        sim.unplug();
        QTRY_VERIFY_WITH_TIMEOUT(!transport.isOpen(), 5000);
        QVERIFY(sim.plug().ok());
        QTRY_COMPARE_WITH_TIMEOUT(printer.health().state, DeviceHealth::State::Ok, 5000);
        QCOMPARE(trace.counters().reconnects, 1);
    }

    void theRingKeepsTheLast200()
    {
        auto created = PrinterSimulator::create();
        QVERIFY(created.ok());
        PrinterSimulator &sim = *created.value();
        SerialTransport transport(SerialSettings{sim.devicePath(), 115200, QSerialPort::NoParity, 100});
        DeviceTrace trace;
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.setTrace(&trace);
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        // Each status check is three requests and three replies.
        for (int i = 0; i < 40; ++i)
            QVERIFY(statusOf(printer).ok());
        const auto counters = trace.counters();
        QVERIFY(counters.bytesTx + counters.bytesRx > DeviceTrace::kCapacity);
        const auto frames = trace.frames();
        QCOMPARE(int(frames.size()), DeviceTrace::kCapacity);
        // The newest last, and what the ring holds of the sent bytes is the end of what the
        // printer received.
        QCOMPARE(frames.back().dir, DeviceFrame::Dir::Rx);
        const QByteArray keptTx = joined(bytesOf(trace, DeviceFrame::Dir::Tx));
        QVERIFY(keptTx.size() < counters.bytesTx);
        QVERIFY(sim.received().endsWith(keptTx));
        QCOMPARE(int(trace.frames(10).size()), 10);
        QCOMPARE(trace.frames(10).back().at, frames.back().at);
    }

    void profileChangesFromTheNextTicket()
    {
        auto created = PrinterSimulator::create();
        QVERIFY(created.ok());
        PrinterSimulator &sim = *created.value();
        SerialTransport transport(SerialSettings{sim.devicePath(), 115200, QSerialPort::NoParity, 100});
        const auto first = EscPosProfile::load(QStringLiteral("escpos-80mm"), kProfiles);
        const auto second = EscPosProfile::load(QStringLiteral("escpos-58mm-raster"), kProfiles);
        QVERIFY(first.ok());
        QVERIFY(second.ok());
        EscPosPrinter printer(transport, first.value(), {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        const PrintDocument doc = ticket(QStringLiteral("A001"));
        QVERIFY(EscPosDocumentEncoder::encode(doc, first.value()) != EscPosDocumentEncoder::encode(doc, second.value()));
        QVERIFY(printOn(printer, doc).ok());
        printer.setProfile(second.value());
        QCOMPARE(printer.profile().name, second.value().name);
        QVERIFY(printOn(printer, doc).ok());
        QTRY_COMPARE(sim.tickets().size(), 2);
        QCOMPARE(sim.tickets().at(0).bytes, EscPosDocumentEncoder::encode(doc, first.value()));
        QCOMPARE(sim.tickets().at(1).bytes, EscPosDocumentEncoder::encode(doc, second.value()));
    }

    void cupsPrinterRecordsJobsAndTheQueue()
    {
        hk::test::PrivateCups cups;
        const QString problem = cups.start();
        if (!problem.isEmpty())
            QFAIL(qPrintable(QStringLiteral("a private cupsd is needed and did not start: ") + problem));
        auto created = PrinterSimulator::createTcp();
        QVERIFY(created.ok());
        PrinterSimulator &sim = *created.value();
        const QString added = cups.addRawQueue(QStringLiteral("traced"), QStringLiteral("socket://%1").arg(sim.devicePath()));
        QVERIFY2(added.isEmpty(), qPrintable(added));
        CupsTransport transport(CupsSettings{QStringLiteral("traced"), cups.server(), 200});
        DeviceTrace trace;
        CupsPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.setTrace(&trace);
        transport.open();
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        const PrintDocument doc = ticket(QStringLiteral("A021"));
        const auto printed = printOn(printer, doc);
        QVERIFY2(printed.ok(), qPrintable(printer.health().detail));
        QTRY_COMPARE(sim.tickets().size(), 1);
        const QByteArray encoded = EscPosDocumentEncoder::encode(doc, EscPosProfile{});
        const QList<QByteArray> tx = bytesOf(trace, DeviceFrame::Dir::Tx);
        QCOMPARE(tx.size(), 1);
        QCOMPARE(tx.first(), encoded.left(DeviceTrace::kFrameBytes));
        QCOMPARE(trace.counters().bytesTx, qint64(encoded.size()));
        QCOMPARE(trace.counters().ticketsPrinted, 1);
        QVERIFY(trace.counters().framesGood >= 3); // the queue, the job, the queue again
        const QByteArray said = joined(bytesOf(trace, DeviceFrame::Dir::Rx));
        QVERIFY2(said.contains("printer-state 3, accepting"), said.constData());
        QVERIFY2(said.contains("completed"), said.constData());

        bool ok = false;
        cups.run(QStringLiteral("cupsdisable"), {QStringLiteral("traced")}, &ok);
        QVERIFY(ok);
        QVERIFY(!statusOf(printer).ok());
        QVERIFY(joined(bytesOf(trace, DeviceFrame::Dir::Rx)).contains("printer-state 5"));
        QVERIFY2(trace.counters().lastError.contains(QStringLiteral("stopped")), qPrintable(trace.counters().lastError));
    }

    void idCardReaderRecordsNoCardData_data()
    {
        QTest::addColumn<QString>("card");
        QTest::addColumn<QStringList>("secrets");
        QTest::newRow("resident") << "resident"
                                  << QStringList{QStringLiteral("11010519491231002X"), QStringLiteral("张三"),
                                                 QStringLiteral("北京市西城区复兴门外大街999号院11号楼3单元502室")};
        QTest::newRow("J") << "hk-resident" << QStringList{QStringLiteral("810000199001011230"), QStringLiteral("陈大文"), QStringLiteral("H12345678")};
        QTest::newRow("I") << "foreigner-2017" << QStringList{QStringLiteral("USA310085031501"), QStringLiteral("史密斯"), QStringLiteral("SMITH JOHN")};
        QTest::newRow("Y") << "foreigner-2023" << QStringList{QStringLiteral("93184019850315001X"), QStringLiteral("史约翰"), QStringLiteral("SMITH JOHN WILLIAM")};
    }
    void idCardReaderRecordsNoCardData()
    {
        QFETCH(QString, card);
        QFETCH(QStringList, secrets);
        auto created = IdCardSimulator::create();
        QVERIFY(created.ok());
        IdCardSimulator &sim = *created.value();
        QVERIFY(sim.loadCards(kCards).ok());
        SerialTransport transport(SerialSettings{.path = sim.devicePath(), .baud = 115200, .logReceivedBytes = false});
        DeviceTrace trace;
        SamIdCardReader reader(transport, {.pollIntervalMs = 50, .replyTimeoutMs = 5000, .readTimeoutMs = 5000});
        reader.setTrace(&trace);
        QSignalSpy read(&reader, &IdentityReader::cardRead);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(reader.health().state, DeviceHealth::State::Ok, 20000);
        sim.command(QStringLiteral("card ") + card);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 20000);

        // The commands as they went out, the read reply's header as it came back.
        const auto encoded = [](const SamCommand &c) {
            const auto v = c.encode();
            return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size()));
        };
        const QList<QByteArray> tx = bytesOf(trace, DeviceFrame::Dir::Tx);
        QVERIFY(tx.contains(encoded(SamCommand::findCard())));
        QVERIFY(tx.contains(encoded(SamCommand::readText())));
        const auto frames = trace.frames();
        const auto readReply = std::find_if(frames.begin(), frames.end(), [](const DeviceFrame &f) { return f.size > 1000; });
        QVERIFY(readReply != frames.end());
        QCOMPARE(readReply->dir, DeviceFrame::Dir::Rx);
        QCOMPARE(readReply->bytes.left(5), QByteArray::fromHex("AAAAAA9669"));
        QCOMPARE(int((quint8(readReply->bytes.at(5)) << 8) | quint8(readReply->bytes.at(6))), int(readReply->size - 7));
        QCOMPARE(readReply->bytes.mid(7, 3), QByteArray::fromHex("000090"));
        QCOMPARE(readReply->bytes.mid(10), QByteArray(readReply->bytes.size() - 10, '\0'));
        QVERIFY(trace.counters().framesGood >= 4); // status, find, select, read
        QCOMPARE(trace.counters().framesBad, 0);

        // Neither raw nor as the hex the menu shows, in any encoding the card or a scan could use.
        QByteArray raw;
        QByteArray hex;
        for (const DeviceFrame &f : frames) {
            raw += f.bytes;
            hex += f.bytes.toHex() + ' ' + f.bytes.toHex(' ') + ' ';
        }
        QStringEncoder gb18030("GB18030");
        for (const QString &secret : secrets) {
            QList<QByteArray> forms{secret.toUtf8(), QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2),
                                    gb18030(secret)};
            for (const QByteArray &form : forms) {
                QVERIFY2(!raw.contains(form), qPrintable(secret));
                QVERIFY2(!hex.contains(form.toHex()), qPrintable(secret));
                QVERIFY2(!hex.contains(form.toHex(' ')), qPrintable(secret));
            }
            QVERIFY(!trace.counters().lastError.contains(secret));
        }
    }

    void idCardReaderCountsABadFrame()
    {
        auto created = IdCardSimulator::create();
        QVERIFY(created.ok());
        IdCardSimulator &sim = *created.value();
        QVERIFY(sim.loadCards(kCards).ok());
        SerialTransport transport(SerialSettings{.path = sim.devicePath(), .baud = 115200, .logReceivedBytes = false});
        DeviceTrace trace;
        SamIdCardReader reader(transport, {.pollIntervalMs = 50, .replyTimeoutMs = 300, .readTimeoutMs = 5000});
        reader.setTrace(&trace);
        reader.start();
        QTRY_COMPARE_WITH_TIMEOUT(reader.health().state, DeviceHealth::State::Ok, 20000);
        QCOMPARE(trace.counters().framesBad, 0);
        QCOMPARE(sim.command(QStringLiteral("corrupt 1")), QStringLiteral("the next 1 replies fail their check"));
        QTRY_VERIFY_WITH_TIMEOUT(trace.counters().framesBad >= 1, 20000);
        const qint64 good = trace.counters().framesGood;
        QTRY_VERIFY_WITH_TIMEOUT(trace.counters().framesGood > good, 20000); // and the next ones are fine
        // The damaged frame is kept by its length only: its bytes could have been a card's.
        const auto frames = trace.frames();
        QVERIFY(std::any_of(frames.begin(), frames.end(), [](const DeviceFrame &f) {
            return f.dir == DeviceFrame::Dir::Rx && f.bytes == QByteArray(f.bytes.size(), '\0');
        }));
        // A card that fails its check is an error, in the reader's words only.
        sim.command(QStringLiteral("card bad-checksum"));
        QTRY_VERIFY_WITH_TIMEOUT(trace.counters().lastError.contains(QStringLiteral("GB 11643")), 20000);
        QVERIFY(!trace.counters().lastError.contains(QStringLiteral("110105194912310021")));
    }

    void serialScannerRecordsLines()
    {
        auto created = ScannerSimulator::create();
        QVERIFY(created.ok());
        ScannerSimulator &sim = *created.value();
        sim.setSuffix(ScannerLineDecoder::Suffix::CrLf);
        SerialTransport transport(SerialSettings{.path = sim.devicePath(), .baud = 9600});
        SerialLineScanner::Settings settings;
        settings.suffix = ScannerLineDecoder::Suffix::CrLf;
        SerialLineScanner scanner(transport, settings);
        DeviceTrace trace;
        scanner.setTrace(&trace);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        QSignalSpy failures(&scanner, &CodeScanner::scanFailed);
        scanner.start();
        QTRY_COMPARE_WITH_TIMEOUT(scanner.health().state, DeviceHealth::State::Ok, 20000);
        QVERIFY(sim.send("HK1:SQ-001:0a0b"));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 1, 20000);
        QCOMPARE(joined(bytesOf(trace, DeviceFrame::Dir::Rx)), QByteArray("HK1:SQ-001:0a0b\r\n"));
        QCOMPARE(trace.counters().framesGood, 1);
        QCOMPARE(trace.counters().bytesRx, 17);
        QVERIFY(sim.sendRaw(QByteArray::fromHex("41C70D0A"))); // a lone GBK lead byte
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 20000);
        QCOMPARE(trace.counters().framesBad, 1);
        QVERIFY(joined(bytesOf(trace, DeviceFrame::Dir::Rx)).endsWith(QByteArray::fromHex("41C70D0A")));
        QVERIFY2(trace.counters().lastError.contains(QStringLiteral("neither UTF-8 nor GBK")), qPrintable(trace.counters().lastError));
        QVERIFY(bytesOf(trace, DeviceFrame::Dir::Tx).isEmpty());
    }

    void keyboardWedgeRecordsDecodedLines()
    {
        // A pseudo-terminal stands in for the event device, as in tst_code_scanners.
        auto pty = PseudoTerminal::open();
        QVERIFY(pty.ok());
        EvdevTransport transport(EvdevSettings{pty.value()->slavePath(), true, 100});
        KeyboardWedgeScanner scanner(transport);
        DeviceTrace trace;
        scanner.setTrace(&trace);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        QVERIFY(transport.isOpen());
        const QByteArray events = test::typedLine("HK1:SQ-001:d134cc76");
        qsizetype done = 0;
        QVERIFY(QTest::qWaitFor([&] {
            const ssize_t n = ::write(pty.value()->masterFd(), events.constData() + done, size_t(events.size() - done));
            if (n > 0)
                done += n;
            return done == events.size();
        }, 20000));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 1, 20000);
        const QList<QByteArray> rx = bytesOf(trace, DeviceFrame::Dir::Rx);
        QCOMPARE(rx, QList<QByteArray>{QByteArray("HK1:SQ-001:d134cc76")});
        QCOMPARE(trace.counters().framesGood, 1);
        QCOMPARE(trace.counters().bytesRx, 19);
    }

    void hallbusMasterRecordsFrames()
    {
        auto created = HallbusSimulator::create();
        QVERIFY(created.ok());
        HallbusSimulator &sim = *created.value();
        sim.addDevice(HallbusSimulator::Kind::Board, 3);
        sim.addDevice(HallbusSimulator::Kind::Caller, 103);
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("bus.db")));
        QVERIFY(db.ok());
        SqlWindowBusStateStore store(*db.value());
        SystemClock clock;
        SerialTransport transport(SerialSettings{sim.devicePath(), 9600, QSerialPort::NoParity, 100});
        HallbusTiming timing;
        timing.pollIntervalMs = 30;
        timing.offlineProbeMs = 300;
        HallbusMaster master(transport, store, clock, {{3, {3, 103, 0}}}, timing);
        DeviceTrace trace;
        master.setTrace(&trace);
        master.start();
        const QString text = QStringLiteral("A001 请到3号窗口");
        master.show(3, {text, QString(), false});
        QTRY_COMPARE(sim.boardLine(3, 0), text);
        const QByteArray show = encodeHallbusFrame(HallbusMessages::show(3, 0, hallbus::Effect::Static, text));
        const QByteArray shown = encodeHallbusFrame(HallbusMessages::reply(3, hallbus::Command::Show, hallbus::Status::Ok));
        QVERIFY(bytesOf(trace, DeviceFrame::Dir::Tx).contains(show));
        QTRY_VERIFY(joined(bytesOf(trace, DeviceFrame::Dir::Rx)).contains(shown));
        QVERIFY(trace.counters().framesGood >= 1);
        QCOMPARE(trace.counters().framesBad, 0);

        sim.corruptReplies(1);
        QTRY_COMPARE_WITH_TIMEOUT(trace.counters().framesBad, 1, 20000);
        const qint64 good = trace.counters().framesGood;
        QTRY_VERIFY(trace.counters().framesGood > good); // the retry is answered
        QCOMPARE(master.stats().badFrames, 1);

        // A silent caller: its timeouts are bad frames, and it going offline is an error.
        sim.setSilent(103, true);
        QTRY_VERIFY_WITH_TIMEOUT(trace.counters().lastError.contains(QStringLiteral("caller 103 (window 3) offline")), 20000);
        QVERIFY(trace.counters().framesBad >= 4);
    }
};

QTEST_MAIN(TestDeviceTraces)
#include "tst_device_traces.moc"

// The real serial transport and printer device against the printer simulator on a pseudo-terminal,
// and the hallkiosk-devsim program driven as a technician would drive it.

#include "drivers/devices/escpos_printer.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/protocols/escpos/escpos_encoder.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/serial_transport.h"
#include "tests/support/qtest_strings.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

PrintDocument ticket(const QString &number)
{
    PrintDocument doc;
    doc.blocks << PrintBlock::textLine(QStringLiteral("青山县政务服务中心"), PrintBlock::Align::Center)
               << PrintBlock::textLine(number, PrintBlock::Align::Center, 4, true)
               << PrintBlock::qr(QByteArrayLiteral("HK1:SQ-001:0a0b"));
    return doc;
}

EscPosPrinter::Timing timing()
{
    return {.idlePollMs = 0};
}

} // namespace

class TestPrinterPty : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void statusOverARealPty_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<int>("error"); // -1 ready
        QTest::newRow("ok") << "ok" << -1;
        QTest::newRow("near end") << "near_end" << -1;
        QTest::newRow("paper out") << "paper_out" << int(DeviceError::PaperOut);
        QTest::newRow("cover open") << "cover_open" << int(DeviceError::CoverOpen);
        QTest::newRow("cutter error") << "cutter_error" << int(DeviceError::CutterError);
        QTest::newRow("silent") << "silent" << int(DeviceError::Timeout);
    }
    void statusOverARealPty()
    {
        QFETCH(QString, condition);
        QFETCH(int, error);
        auto sim = PrinterSimulator::create();
        QVERIFY2(sim.ok(), qPrintable(sim ? QString() : sim.error()));
        QCOMPARE(sim.value()->command(QStringLiteral("status ") + condition), QStringLiteral("printer ") + condition);
        SerialTransport transport({sim.value()->devicePath(), 115200});
        EscPosPrinter printer(transport, EscPosProfile{}, timing());
        printer.start();
        QTRY_VERIFY(sim.value()->statusRequests(1) >= 1); // asked at start-up
        std::optional<Result<PrinterReadiness, DeviceError>> result;
        printer.checkStatus([&](Result<PrinterReadiness, DeviceError> r) { result = r; });
        QTRY_VERIFY(result.has_value());
        if (error < 0)
            QVERIFY(result->ok());
        else
            QCOMPARE(int(result->error()), error);
    }

    void ticketArrivesByteExact()
    {
        auto sim = PrinterSimulator::create();
        QVERIFY(sim.ok());
        QTemporaryDir out;
        sim.value()->setOutputDirectory(out.path());
        SerialTransport transport({sim.value()->devicePath(), 115200});
        EscPosPrinter printer(transport, EscPosProfile{}, timing());
        printer.start();
        std::optional<bool> printed;
        printer.print(ticket(QStringLiteral("A007")), [&](Result<void, DeviceError> r) { printed = r.ok(); });
        QTRY_VERIFY(printed.has_value());
        QVERIFY(*printed);
        QCOMPARE(sim.value()->tickets().size(), 1);
        const SimulatedTicket t = sim.value()->tickets().first();
        QCOMPARE(t.bytes, EscPosDocumentEncoder::encode(ticket(QStringLiteral("A007")), EscPosProfile{}));
        QVERIFY2(t.text.contains(QStringLiteral("A007")), qPrintable(t.text));
        QVERIFY2(t.text.contains(QStringLiteral("青山县政务服务中心")), qPrintable(t.text));
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("ticket-0001.txt"))));
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("ticket-0001.bin"))));
    }

    void paperOutPrintsNothing()
    {
        auto sim = PrinterSimulator::create();
        QVERIFY(sim.ok());
        SerialTransport transport({sim.value()->devicePath(), 115200});
        EscPosPrinter printer(transport, EscPosProfile{}, timing());
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        sim.value()->setCondition(PrinterSimulator::Condition::PaperOut);
        std::optional<Result<void, DeviceError>> printed;
        printer.print(ticket(QStringLiteral("A008")), [&](Result<void, DeviceError> r) { printed = r; });
        QTRY_VERIFY(printed.has_value());
        QCOMPARE(printed->error(), DeviceError::PaperOut);
        QCOMPARE(sim.value()->tickets().size(), 0);
        QCOMPARE(sim.value()->discardedTickets(), 1);
    }

    void devsimProgramAnswersAndTakesCommands()
    {
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("printer"));
        QProcess devsim;
        devsim.setProcessChannelMode(QProcess::SeparateChannels);
        devsim.start(QStringLiteral(HALLKIOSK_DEVSIM), {QStringLiteral("printer"), QStringLiteral("--link"), link,
                                                        QStringLiteral("--out"), dir.filePath(QStringLiteral("tickets"))});
        QVERIFY(devsim.waitForStarted());
        QTRY_VERIFY(devsim.canReadLine());
        const QString banner = QString::fromUtf8(devsim.readLine()).trimmed();
        QVERIFY2(banner.startsWith(QStringLiteral("printer ok at ")), qPrintable(banner));
        QVERIFY(QFileInfo(link).isSymLink());

        // The terminal's own serial code on the symlinked path.
        SerialTransport transport({link, 9600});
        QSignalSpy received(&transport, &ByteTransport::received);
        transport.open();
        QVERIFY(transport.isOpen());
        transport.write(EscPosEncoder::statusRequest(1));
        QTRY_VERIFY(!received.isEmpty());
        QCOMPARE(received.first().first().toByteArray(), QByteArray::fromHex("12"));

        devsim.write("status paper_out\n");
        QTRY_VERIFY(devsim.canReadLine());
        QCOMPARE(QString::fromUtf8(devsim.readLine()).trimmed(), QStringLiteral("printer paper_out"));
        received.clear();
        transport.write(EscPosEncoder::statusRequest(1) + EscPosEncoder::statusRequest(4));
        QTRY_VERIFY(!received.isEmpty());
        QByteArray replies;
        for (const auto &args : received)
            replies += args.first().toByteArray();
        QTRY_COMPARE(replies.size(), 2);
        QCOMPARE(replies, QByteArray::fromHex("1A7E"));

        devsim.write("status ok\n");
        QTRY_VERIFY(devsim.canReadLine());
        devsim.readAll();
        transport.write(EscPosDocumentEncoder::encode(ticket(QStringLiteral("B012")), EscPosProfile{}));
        QByteArray output;
        QTRY_VERIFY2((output += devsim.readAllStandardOutput()).contains("B012"), output.constData());
        QTRY_VERIFY(QFile::exists(dir.filePath(QStringLiteral("tickets/ticket-0001.txt"))));

        devsim.write("quit\n");
        QVERIFY(devsim.waitForFinished(5000));
        QCOMPARE(devsim.exitCode(), 0);
        QVERIFY(!QFileInfo::exists(link)); // the link goes with the simulator
    }

    void devsimRefusesBadUsage()
    {
        QProcess devsim;
        devsim.start(QStringLiteral(HALLKIOSK_DEVSIM), {QStringLiteral("toaster")});
        QVERIFY(devsim.waitForFinished(5000));
        QCOMPARE(devsim.exitCode(), 2);
        QVERIFY(devsim.readAllStandardError().contains("printer"));
    }

    void reopensAfterTheDeviceComesBack()
    {
        // The pty vanishes (device unplugged) and a new one appears at the same link path.
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("printer"));
        auto first = PrinterSimulator::create(link);
        QVERIFY(first.ok());
        SerialTransport transport({link, 115200, QSerialPort::NoParity, 100});
        QSignalSpy lost(&transport, &ByteTransport::lost);
        QSignalSpy opened(&transport, &ByteTransport::opened);
        transport.open();
        QCOMPARE(opened.size(), 1);
        first.value().reset();
        QTRY_VERIFY(!lost.isEmpty());
        QVERIFY(!transport.isOpen());
        auto second = PrinterSimulator::create(link);
        QVERIFY(second.ok());
        QTRY_COMPARE(opened.size(), 2);
        QSignalSpy received(&transport, &ByteTransport::received);
        transport.write(EscPosEncoder::statusRequest(1));
        QTRY_VERIFY(!received.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPrinterPty)
#include "tst_printer_pty.moc"

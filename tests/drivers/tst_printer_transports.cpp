// Every printer transport against the printer simulator, byte for byte: serial (a pty), usblp (a
// pty, and a FIFO for a write-only printer, at a path standing in for /dev/usb/lp0), TCP 9100 (a
// listener on an ephemeral loopback port) and a CUPS raw queue (a private cupsd started here with
// a socket:// queue pointing at the simulator). Then what unplugging does to each.

#include "drivers/devices/cups_printer.h"
#include "drivers/devices/escpos_printer.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/cups_transport.h"
#include "drivers/transports/serial_transport.h"
#include "drivers/transports/tcp_transport.h"
#include "drivers/transports/usblp_transport.h"
#include "tests/support/private_cups.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

PrintDocument ticket(const QString &number, const QString &key = {})
{
    PrintDocument doc;
    doc.title = QStringLiteral("ticket %1").arg(number);
    doc.key = key;
    doc.blocks << PrintBlock::textLine(QStringLiteral("青山县政务服务中心"), PrintBlock::Align::Center, 1, true)
               << PrintBlock::textLine(number, PrintBlock::Align::Center, 4, true)
               << PrintBlock::textLine(QStringLiteral("前面还有 3 人"), PrintBlock::Align::Center)
               << PrintBlock::qr(QByteArrayLiteral("HK1:SQ-001:5b0c2f4e-8a7d-4f7e-9d55-2c1f0e6b9a10"));
    return doc;
}

// A printer rig over one transport: the simulator, the transport, the device.
struct Rig {
    QString kind;
    std::unique_ptr<PrinterSimulator> sim;
    std::unique_ptr<ByteTransport> transport;
    std::unique_ptr<TicketPrinter> printer;

    void start()
    {
        if (auto *escpos = qobject_cast<EscPosPrinter *>(printer.get())) {
            escpos->start();
        } else if (auto *cups = qobject_cast<CupsPrinter *>(printer.get())) {
            transport->open();
            cups->start();
        }
    }
    Result<PrinterReadiness, DeviceError> status()
    {
        std::optional<Result<PrinterReadiness, DeviceError>> result;
        printer->checkStatus([&](Result<PrinterReadiness, DeviceError> r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
            return fail(DeviceError::Busy);
        return *result;
    }
    Result<void, DeviceError> print(const PrintDocument &doc)
    {
        std::optional<Result<void, DeviceError>> result;
        printer->print(doc, [&](Result<void, DeviceError> r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
            return fail(DeviceError::Busy);
        return *result;
    }
};

EscPosPrinter::Timing fast()
{
    return {.idlePollMs = 0};
}

} // namespace

class TestPrinterTransports : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_cupsProblem = m_cups.start();
        if (!m_cupsProblem.isEmpty())
            qWarning("no private CUPS scheduler: %s", qPrintable(m_cupsProblem));
    }

    void everyTransportPrintsTheSameBytes_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"serial", "usblp", "usblp-write-only", "tcp", "cups"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void everyTransportPrintsTheSameBytes()
    {
        QFETCH(QString, kind);
        Rig rig = make(kind);
        if (!rig.printer)
            return; // skipped or failed in make()
        rig.start();
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok); // a connection takes a moment
        const PrintDocument doc = ticket(QStringLiteral("A007"), QStringLiteral("t-1"));
        const auto printed = rig.print(doc);
        QVERIFY2(printed.ok(), printed ? "" : qPrintable(nameOf(printed.error()) + QLatin1Char(' ') + rig.printer->health().detail +
                                                         (kind == QLatin1String("cups") ? QLatin1Char('\n') + m_cups.errorLog() : QString())));
        QTRY_COMPARE(rig.sim->tickets().size(), 1);
        const QByteArray bytes = rig.sim->tickets().first().bytes;
        QCOMPARE(bytes, EscPosDocumentEncoder::encode(doc, EscPosProfile{}));
        QVERIFY(rig.sim->tickets().first().text.contains(QStringLiteral("A007")));
        // The same ticket from every transport, bytes compared with the first one seen.
        if (m_firstTicket.isEmpty())
            m_firstTicket = bytes;
        QCOMPARE(bytes, m_firstTicket);
        if (kind == QLatin1String("usblp-write-only") || kind == QLatin1String("cups"))
            QVERIFY2(rig.printer->health().detail.contains(QStringLiteral("not reported")), qPrintable(rig.printer->health().detail));
        else
            QVERIFY(rig.sim->statusRequests(1) >= 2); // before (at open) and after the ticket
    }

    void replugIsUsedAgain_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"serial", "usblp", "usblp-write-only", "tcp"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void replugIsUsedAgain()
    {
        QFETCH(QString, kind);
        Rig rig = make(kind);
        QVERIFY(rig.printer);
        QSignalSpy lost(rig.transport.get(), &ByteTransport::lost);
        QSignalSpy opened(rig.transport.get(), &ByteTransport::opened);
        rig.start();
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok);
        rig.sim->unplug();
        if (kind == QLatin1String("tcp") || kind == QLatin1String("usblp-write-only")) {
            // Nothing tells an idle host that a socket or a write-only node went, until it writes
            // (tcp: the reset comes back) or looks (usblp checks the node now and then).
            if (kind == QLatin1String("tcp"))
                (void)rig.print(ticket(QStringLiteral("A001")));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!lost.isEmpty(), 5000);
        QVERIFY(!rig.transport->isOpen());
        const auto offline = rig.print(ticket(QStringLiteral("A002")));
        QVERIFY(!offline.ok());
        QCOMPARE(offline.error(), DeviceError::Offline);
        QVERIFY(rig.sim->plug().ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.transport->isOpen(), 5000);
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok);
        rig.sim->clear();
        const auto again = rig.print(ticket(QStringLiteral("A003")));
        QVERIFY(again.ok());
        QTRY_COMPARE(rig.sim->tickets().size(), 1);
        QCOMPARE(rig.sim->tickets().first().bytes, EscPosDocumentEncoder::encode(ticket(QStringLiteral("A003")), EscPosProfile{}));
        QVERIFY(opened.size() >= 2);
    }

    void unplugMidPrintFailsAndIsNotResent_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"serial", "usblp", "tcp"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void unplugMidPrintFailsAndIsNotResent()
    {
        QFETCH(QString, kind);
        Rig rig = make(kind);
        QVERIFY(rig.printer);
        rig.start();
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok);
        PrinterSimulator *sim = rig.sim.get();
        connect(sim, &PrinterSimulator::ticketStarted, sim, [sim] { sim->unplug(); }, Qt::SingleShotConnection);
        const auto printed = rig.print(ticket(QStringLiteral("A010")));
        QVERIFY(!printed.ok());
        QVERIFY2(printed.error() == DeviceError::WriteFailed || printed.error() == DeviceError::Offline ||
                     printed.error() == DeviceError::Timeout,
                 qPrintable(nameOf(printed.error())));
        QCOMPARE(sim->interruptedTickets(), 1);
        QVERIFY(sim->plug().ok());
        QTRY_VERIFY_WITH_TIMEOUT(rig.transport->isOpen(), 5000);
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok);
        // It may be partly on paper: only an explicit reprint prints it again (DESIGN §4).
        QTest::qWait(300);
        QCOMPARE(sim->tickets().size(), 0);
    }

    void cupsQueueStateIsThePrinterStatus()
    {
        if (!m_cupsProblem.isEmpty())
            QFAIL(qPrintable(QStringLiteral("a private cupsd is needed and did not start: ") + m_cupsProblem));
        Rig rig = make(QStringLiteral("cups"));
        QVERIFY(rig.printer);
        rig.start();
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok);
        bool ok = false;
        m_cups.run(QStringLiteral("cupsdisable"), {m_queue}, &ok);
        QVERIFY(ok);
        std::optional<Result<PrinterReadiness, DeviceError>> status;
        rig.printer->checkStatus([&](Result<PrinterReadiness, DeviceError> r) { status = r; });
        QTRY_VERIFY(status.has_value());
        QCOMPARE(status->error(), DeviceError::Offline);
        QVERIFY2(rig.printer->health().detail.contains(QStringLiteral("stopped")), qPrintable(rig.printer->health().detail));
        m_cups.run(QStringLiteral("cupsenable"), {m_queue}, &ok);
        m_cups.run(QStringLiteral("cupsreject"), {m_queue}, &ok);
        QVERIFY(ok);
        status.reset();
        rig.printer->checkStatus([&](Result<PrinterReadiness, DeviceError> r) { status = r; });
        QTRY_VERIFY(status.has_value());
        QCOMPARE(status->error(), DeviceError::Offline);
        QVERIFY2(rig.printer->health().detail.contains(QStringLiteral("not accepting")), qPrintable(rig.printer->health().detail));
        m_cups.run(QStringLiteral("cupsaccept"), {m_queue}, &ok);
        status.reset();
        rig.printer->checkStatus([&](Result<PrinterReadiness, DeviceError> r) { status = r; });
        QTRY_VERIFY(status.has_value());
        QVERIFY(status->ok());
    }

    void cupsPendingJobFailsAndIsCancelledBeforeTheReprint()
    {
        if (!m_cupsProblem.isEmpty())
            QFAIL(qPrintable(QStringLiteral("a private cupsd is needed and did not start: ") + m_cupsProblem));
        Rig rig = make(QStringLiteral("cups"), 2);
        QVERIFY(rig.printer);
        rig.start();
        QTRY_COMPARE(rig.printer->health().state, DeviceHealth::State::Ok);
        auto *cups = qobject_cast<CupsPrinter *>(rig.printer.get());
        // The printer behind the queue is off: the job waits in the queue.
        rig.sim->unplug();
        const auto first = rig.print(ticket(QStringLiteral("A020"), QStringLiteral("ticket-20")));
        QVERIFY(!first.ok());
        QCOMPARE(first.error(), DeviceError::Timeout);
        const auto pending = cups->pendingJobFor(QStringLiteral("ticket-20"));
        QVERIFY(pending.has_value());
        // A queue with a job pending for longer than the limit counts as bad (DESIGN §4).
        QTRY_VERIFY_WITH_TIMEOUT(!rig.status().ok(), 5000);
        QCOMPARE(rig.status().error(), DeviceError::Offline);
        QVERIFY2(rig.printer->health().detail.contains(QStringLiteral("pending")), qPrintable(rig.printer->health().detail));

        // The printer is back and the ticket is reprinted: the first job goes first, so the
        // citizen gets one ticket, not two.
        QVERIFY(rig.sim->plug().ok());
        // A queue prints one job at a time: the reprint can only complete if the first job, which
        // held the printer, was cancelled.
        const auto reprint = rig.print(ticket(QStringLiteral("A020"), QStringLiteral("ticket-20")));
        QVERIFY2(reprint.ok(), qPrintable(rig.printer->health().detail));
        QTRY_COMPARE(rig.sim->tickets().size(), 1);
        QVERIFY2(!cups->pendingJobFor(QStringLiteral("ticket-20")).has_value(), "no job left for the ticket");
        QTest::qWait(1500);
        QCOMPARE(rig.sim->tickets().size(), 1);
        QCOMPARE(rig.sim->interruptedTickets(), 0);
    }

private:
    Rig make(const QString &kind, int pendingLimitS = 10)
    {
        Rig rig;
        rig.kind = kind;
        const QString lp0 = m_dir.filePath(QStringLiteral("lp0-%1").arg(++m_count));
        if (kind == QLatin1String("serial") || kind == QLatin1String("usblp")) {
            auto sim = PrinterSimulator::create(lp0);
            if (!sim) {
                qWarning("%s", qPrintable(sim.error()));
                return rig;
            }
            rig.sim = std::move(sim).value();
            if (kind == QLatin1String("serial"))
                rig.transport = std::make_unique<SerialTransport>(SerialSettings{lp0, 115200, QSerialPort::NoParity, 100});
            else
                rig.transport = std::make_unique<UsbLpTransport>(UsbLpSettings{lp0, 100});
        } else if (kind == QLatin1String("usblp-write-only")) {
            auto sim = PrinterSimulator::createFifo(lp0);
            if (!sim)
                return rig;
            rig.sim = std::move(sim).value();
            rig.transport = std::make_unique<UsbLpTransport>(UsbLpSettings{lp0, 100});
        } else if (kind == QLatin1String("tcp")) {
            auto sim = PrinterSimulator::createTcp();
            if (!sim)
                return rig;
            rig.sim = std::move(sim).value();
            const quint16 port = rig.sim->devicePath().section(QLatin1Char(':'), 1).toUShort();
            rig.transport = std::make_unique<TcpTransport>(TcpSettings{QStringLiteral("127.0.0.1"), port, 100, 2000});
        } else if (kind == QLatin1String("cups")) {
            if (!m_cupsProblem.isEmpty()) {
                QTest::qSkip(qPrintable(QStringLiteral("cupsd cannot run here: ") + m_cupsProblem), __FILE__, __LINE__);
                return rig;
            }
            auto sim = PrinterSimulator::createTcp();
            if (!sim)
                return rig;
            rig.sim = std::move(sim).value();
            m_queue = QStringLiteral("ticket%1").arg(++m_count);
            const QString added = m_cups.addRawQueue(m_queue, QStringLiteral("socket://%1").arg(rig.sim->devicePath()));
            if (!added.isEmpty()) {
                qWarning("%s", qPrintable(added));
                return rig;
            }
            auto cups = std::make_unique<CupsTransport>(CupsSettings{m_queue, m_cups.server(), 200});
            CupsPrinter::Timing timing;
            timing.pendingLimitS = pendingLimitS;
            timing.idlePollMs = 0;
            rig.printer = std::make_unique<CupsPrinter>(*cups, EscPosProfile{}, timing);
            rig.transport = std::move(cups);
            return rig;
        }
        rig.printer = std::make_unique<EscPosPrinter>(*rig.transport, EscPosProfile{}, fast());
        return rig;
    }

    QTemporaryDir m_dir;
    hk::test::PrivateCups m_cups;
    QString m_cupsProblem;
    QString m_queue;
    QByteArray m_firstTicket;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(TestPrinterTransports)
#include "tst_printer_transports.moc"

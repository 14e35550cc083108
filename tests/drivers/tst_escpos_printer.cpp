// drivers/devices/escpos_printer: the DLE EOT sequence, deadlines, and what a failure means,
// against a fake transport the test answers by hand.

#include "drivers/devices/escpos_printer.h"
#include "drivers/protocols/escpos/escpos_encoder.h"
#include "tests/support/callback_answer.h"
#include "tests/support/fake_transport.h"
#include "tests/support/qtest_strings.h"

#include <QSignalSpy>
#include <QThread>
#include <QTest>

using namespace hk;
using hk::test::FakeTransport;

namespace {

// Answers DLE EOT n with replies[n]; other writes get nothing back.
FakeTransport::Responder statusReplies(QMap<int, int> replies)
{
    return [replies](const QByteArray &written) -> QByteArray {
        if (written.size() == 3 && written.at(0) == 0x10 && written.at(1) == 0x04 && replies.contains(written.at(2)))
            return QByteArray(1, char(replies.value(written.at(2))));
        return {};
    };
}

QList<int> queriesIn(const QList<QByteArray> &writes)
{
    QList<int> queries;
    for (const QByteArray &w : writes) {
        if (w.size() == 3 && w.at(0) == 0x10 && w.at(1) == 0x04)
            queries << w.at(2);
    }
    return queries;
}

PrintDocument ticket()
{
    PrintDocument doc;
    doc.blocks << PrintBlock::textLine(QStringLiteral("A001"), PrintBlock::Align::Center, 4, true);
    return doc;
}

EscPosPrinter::Timing fastTiming()
{
    return {.replyTimeoutMs = 100, .writeTimeoutMs = 300, .idlePollMs = 0};
}

using Status = Result<PrinterReadiness, DeviceError>;

// A status check or a print of the test ticket, its answer waited for: empty if none came.
std::optional<Status> statusOf(EscPosPrinter &printer)
{
    return test::answerOf<Status>([&printer](auto done) { printer.checkStatus(done); });
}

std::optional<Result<void, DeviceError>> printTicket(EscPosPrinter &printer)
{
    return test::answerOf<Result<void, DeviceError>>([&printer](auto done) { printer.print(ticket(), done); });
}

} // namespace

class TestEscPosPrinter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aSilentPrinterIsAskedAgainSoon()
    {
        FakeTransport transport;
        EscPosPrinter::Timing t;
        t.replyTimeoutMs = 50;
        t.idlePollMs = 600000; // the idle poll is far away: only the retry can bring it back
        t.retryAfterTimeoutMs = 100;
        EscPosPrinter printer(transport, EscPosProfile{}, t);
        printer.start();
        QTRY_VERIFY(printer.health().error == DeviceError::Timeout);
        QCOMPARE(printer.health().state, DeviceHealth::State::Offline);
        transport.responder = statusReplies({{1, 0x12}, {2, 0x12}, {4, 0x12}});
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
    }

    void statusConditions_data()
    {
        QTest::addColumn<int>("r1");
        QTest::addColumn<int>("r2");
        QTest::addColumn<int>("r3");
        QTest::addColumn<int>("r4");
        QTest::addColumn<int>("error"); // -1: ready
        QTest::addColumn<bool>("nearEnd");
        QTest::addColumn<QList<int>>("queries");
        QTest::addColumn<int>("health");
        using H = DeviceHealth::State;
        QTest::newRow("healthy") << 0x12 << 0x12 << 0x12 << 0x12 << -1 << false << QList<int>{1, 2, 4} << int(H::Ok);
        QTest::newRow("paper near end") << 0x12 << 0x12 << 0x12 << 0x1E << -1 << true << QList<int>{1, 2, 4} << int(H::Warning);
        QTest::newRow("paper out") << 0x1A << 0x32 << 0x12 << 0x7E << int(DeviceError::PaperOut) << false
                                   << QList<int>{1, 2, 4} << int(H::Error);
        QTest::newRow("cover open") << 0x1A << 0x16 << 0x12 << 0x12 << int(DeviceError::CoverOpen) << false
                                    << QList<int>{1, 2, 4} << int(H::Error);
        // Only an error reported by DLE EOT 2 makes DLE EOT 3 worth asking (DESIGN §4).
        QTest::newRow("cutter error asks 3") << 0x1A << 0x52 << 0x1A << 0x12 << int(DeviceError::CutterError) << false
                                             << QList<int>{1, 2, 3, 4} << int(H::Error);
        QTest::newRow("overheated asks 3") << 0x1A << 0x52 << 0x52 << 0x12 << int(DeviceError::MechanicalError) << false
                                           << QList<int>{1, 2, 3, 4} << int(H::Error);
        QTest::newRow("offline only") << 0x1A << 0x12 << 0x12 << 0x12 << int(DeviceError::Offline) << false
                                      << QList<int>{1, 2, 4} << int(H::Offline);
    }
    void statusConditions()
    {
        QFETCH(int, r1);
        QFETCH(int, r2);
        QFETCH(int, r3);
        QFETCH(int, r4);
        QFETCH(int, error);
        QFETCH(bool, nearEnd);
        QFETCH(QList<int>, queries);
        QFETCH(int, health);
        FakeTransport transport;
        transport.responder = statusReplies({{1, r1}, {2, r2}, {3, r3}, {4, r4}});
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        QTRY_VERIFY(!queriesIn(transport.writes).isEmpty()); // the start-up check on open
        QTRY_COMPARE(queriesIn(transport.writes).size(), queries.size());
        transport.writes.clear();

        std::optional<Status> status;
        printer.checkStatus([&status](Status r) { status = r; });
        QVERIFY(!status); // never answered inside the call
        QTRY_VERIFY(status);
        QCOMPARE(queriesIn(transport.writes), queries);
        if (error < 0) {
            QVERIFY(status->ok());
            QCOMPARE(status->value().paperNearEnd, nearEnd);
        } else {
            QVERIFY(!status->ok());
            QCOMPARE(int(status->error()), error);
        }
        QCOMPARE(int(printer.health().state), health);
        QVERIFY(transport.discards > 0); // stale bytes dropped before asking
    }

    void silentPrinterTimesOut()
    {
        FakeTransport transport;
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        const auto status = statusOf(printer);
        QVERIFY2(status, "the printer did not answer");
        QCOMPARE(status->error(), DeviceError::Timeout);
        QCOMPARE(printer.health().state, DeviceHealth::State::Offline);
        QVERIFY(printer.health().detail.contains(QStringLiteral("no reply to DLE EOT 1")));
    }

    // The terminal's thread held up (a blocking call elsewhere on the event loop) past the reply
    // timeout, the reply only coming once the loop turns again (a simulator on the same loop, a
    // serial port read after the timer): the printer is not taken for silent.
    void aReplyAfterTheLoopWasHeldUpCounts()
    {
        FakeTransport transport;
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        QTRY_VERIFY(printer.health().error == DeviceError::Timeout); // nothing answers yet
        bool heldUp = false;
        transport.responder = [&transport, &heldUp](const QByteArray &written) -> QByteArray {
            if (written.size() != 3 || written.at(0) != 0x10 || written.at(1) != 0x04)
                return {};
            if (!std::exchange(heldUp, true))
                QThread::msleep(6 * 100); // the thread held up for six reply timeouts just after asking
            // The reply two turns of the loop later.
            QTimer::singleShot(0, &transport, [&transport] { QTimer::singleShot(0, &transport, [&transport] { transport.feed("\x12"); }); });
            return {};
        };
        std::optional<Status> status;
        printer.checkStatus([&status](Status r) { status = r; });
        QTRY_VERIFY(status);
        QVERIFY(heldUp);
        QVERIFY2(status->ok(), qPrintable(printer.health().detail));
        QCOMPARE(printer.health().state, DeviceHealth::State::Ok);
    }

    void garbageReplyIsRefused()
    {
        FakeTransport transport;
        transport.responder = statusReplies({{1, 0xFF}});
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        const auto status = statusOf(printer);
        QVERIFY2(status, "the printer did not answer");
        QCOMPARE(status->error(), DeviceError::BadReply);
        QCOMPARE(printer.health().state, DeviceHealth::State::Error);
    }

    void closedTransportIsOffline()
    {
        FakeTransport transport;
        transport.failOpen = true;
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        QSignalSpy health(&printer, &TicketPrinter::healthChanged);
        printer.start();
        const auto status = statusOf(printer);
        QVERIFY2(status, "the printer did not answer");
        QCOMPARE(status->error(), DeviceError::Offline);
        QVERIFY(transport.writes.isEmpty());
        QCOMPARE(printer.health().error, DeviceError::Offline);
    }

    void printWritesThenAsksStatus()
    {
        FakeTransport transport;
        transport.responder = statusReplies({{1, 0x12}, {2, 0x12}, {4, 0x12}});
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        QTRY_COMPARE(queriesIn(transport.writes).size(), 3);
        transport.writes.clear();
        const auto printed = printTicket(printer);
        QVERIFY2(printed, "the print did not answer");
        QVERIFY(printed->ok());
        QVERIFY(transport.writes.first().startsWith(QByteArray::fromHex("1b401c26")));
        QCOMPARE(queriesIn(transport.writes.mid(1)), (QList<int>{1, 2, 4}));
    }

    void paperRunningOutDuringPrintFailsIt()
    {
        FakeTransport transport;
        bool paperOut = false;
        transport.responder = [&](const QByteArray &w) -> QByteArray {
            if (w.size() != 3 || w.at(0) != 0x10)
                return {};
            const QMap<int, int> out{{1, 0x1A}, {2, 0x32}, {4, 0x7E}};
            return QByteArray(1, char(paperOut ? out.value(w.at(2)) : 0x12));
        };
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        QTRY_COMPARE(queriesIn(transport.writes).size(), 3);
        paperOut = true; // the roll ends while the ticket goes out
        const auto printed = printTicket(printer);
        QVERIFY2(printed, "the print did not answer");
        QVERIFY(!printed->ok());
        QCOMPARE(printed->error(), DeviceError::PaperOut);
    }

    void unplugMidWriteFailsThePrint()
    {
        FakeTransport transport;
        transport.stallWrites = true;
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        std::optional<Result<void, DeviceError>> printed;
        printer.print(ticket(), [&printed](Result<void, DeviceError> r) { printed = r; });
        // The start-up status check goes first (and times out: nobody answers); then the ticket.
        QTRY_VERIFY(!transport.writes.isEmpty() && transport.writes.last().startsWith(QByteArray::fromHex("1b40")));
        transport.drop();
        QTRY_VERIFY(printed);
        QVERIFY(!printed->ok());
        QCOMPARE(printed->error(), DeviceError::WriteFailed);
        QCOMPARE(printer.health().state, DeviceHealth::State::Offline);
    }

    void stalledWriteTimesOut()
    {
        FakeTransport transport;
        transport.stallWrites = true;
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        const auto printed = printTicket(printer);
        QVERIFY2(printed, "the print did not answer");
        QVERIFY(!printed->ok());
        QCOMPARE(printed->error(), DeviceError::WriteFailed);
    }

    void requestsRunInOrder()
    {
        FakeTransport transport;
        transport.responder = statusReplies({{1, 0x12}, {2, 0x12}, {4, 0x12}});
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        QStringList order;
        printer.checkStatus([&](auto) { order << QStringLiteral("status"); });
        printer.print(ticket(), [&](auto) { order << QStringLiteral("print"); });
        printer.checkStatus([&](auto) { order << QStringLiteral("status2"); });
        QTRY_COMPARE(order.size(), 3);
        QCOMPARE(order, (QStringList{QStringLiteral("status"), QStringLiteral("print"), QStringLiteral("status2")}));
    }

    void unsolicitedBytesAreIgnored()
    {
        FakeTransport transport;
        transport.responder = statusReplies({{1, 0x12}, {2, 0x12}, {4, 0x12}});
        EscPosPrinter printer(transport, EscPosProfile{}, fastTiming());
        transport.open();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        transport.feed(QByteArray::fromHex("1A327E")); // no request is waiting for these
        QCOMPARE(printer.health().state, DeviceHealth::State::Ok);
    }
};

QTEST_GUILESS_MAIN(TestEscPosPrinter)
#include "tst_escpos_printer.moc"

// app/services: issuing (status first, then number, then print), 帮办 and health — over a real
// SQLite store and a printer the test scripts.

#include "app/services/checkin/applicant_identity.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_composer.h"
#include "db/database.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/issuing_hall.h"
#include "tests/support/qtest_strings.h"
#include "tests/support/sql_values.h"

#include <QSignalSpy>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

struct Rig : IssuingHall {
    // 2026-11-24 00:30 UTC is 08:30 in Shanghai; 2026-11-24 23:30 UTC is already the 25th there.
    Rig()
        : IssuingHall(QDateTime(QDate(2026, 11, 24), QTime(0, 30), Qt::UTC))
    {
    }

    SqlOutboxStore outbox{*db};
    SqlHelpStore helpStore{*db};

    // A walk-in ticket whose print failed with `error`; empty if none came.
    TicketSlip failedTicket(DeviceError error)
    {
        printer.printResult = fail(error);
        QSignalSpy failed(&issue, &IssueTicketService::ticketPrintFailed);
        issue.issueWalkIn(QStringLiteral("SB"));
        return QTest::qWaitFor([&] { return !failed.isEmpty(); }) ? failed.first().first().value<TicketSlip>() : TicketSlip{};
    }

    // Asks for a reprint and waits for its answer; none if it never came.
    std::optional<Result<TicketSlip, ReprintError>> reprint(const QString &ticketId, const IssueTicketService::Reprinter &by)
    {
        auto done = std::make_shared<std::optional<Result<TicketSlip, ReprintError>>>();
        issue.reprint(ticketId, by, [done](Result<TicketSlip, ReprintError> r) { *done = std::move(r); });
        if (!QTest::qWaitFor([&] { return done->has_value(); }))
            return std::nullopt;
        return *done;
    }
};

} // namespace

class TestServices : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void issuesAndPrints()
    {
        Rig rig;
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QVERIFY(rig.issue.isBusy());
        QTRY_COMPARE(issued.size(), 1);
        QVERIFY(!rig.issue.isBusy());
        const auto slip = issued.first().first().value<TicketSlip>();
        QCOMPARE(slip.number, QStringLiteral("A001"));
        QCOMPARE(slip.groupName, QStringLiteral("社保医保"));
        QCOMPARE(slip.issuedAtText, QStringLiteral("2026-11-24 08:30"));
        QCOMPARE(slip.qrPayload, QStringLiteral("HK1:SQ-001:%1").arg(slip.ticketId));
        QCOMPARE(rig.printer.statusChecks, 1);
        QCOMPARE(rig.printer.printed.size(), 1);
        QString printedText;
        for (const PrintBlock &b : rig.printer.printed.first().blocks)
            printedText += b.text + QString::fromUtf8(b.qrData) + QLatin1Char('\n');
        for (const QString &expected : {QStringLiteral("青山县政务服务中心"), QStringLiteral("A001"), QStringLiteral("社保医保"),
                                        QStringLiteral("前面还有 0 人"), QStringLiteral("2026-11-24 08:30"), slip.qrPayload})
            QVERIFY2(printedText.contains(expected), qPrintable(expected));
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE print_state = 'printed'")), 1);
        QCOMPARE(rig.issue.waitingCounts().value(QStringLiteral("SB")), 1);
    }

    void serviceDayIsTheCentersDate()
    {
        Rig rig;
        // 23:45 UTC on the 24th is 07:45 on the 25th in Shanghai: open with early service (早晚弹性).
        // A hall open from 08:00 issues from 07:30 (the early hour, 早晚弹性, is for booked matters).
        Catalog early = demoCatalog();
        early.hours.workday = {{8 * 60, 12 * 60}, {13 * 60, 17 * 60}};
        rig.catalog.replace(early);
        rig.clock.set(QDateTime(QDate(2026, 11, 24), QTime(23, 45), Qt::UTC));
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QTRY_COMPARE(issued.size(), 1);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE service_date = '2026-11-25'")), 1);
    }

    void outsideTheIssuingHoursNothingIsIssued_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("opensAt");
        // Shanghai is UTC+8: 08:29 there is 00:29 UTC; Friday 17:00 there opens again on Monday 08:30.
        QTest::newRow("08:29, a minute early") << QDateTime(QDate(2026, 11, 24), QTime(0, 29), Qt::UTC)
                                               << QDateTime(QDate(2026, 11, 24), QTime(0, 30), Qt::UTC);
        QTest::newRow("Friday 17:00") << QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC)
                                      << QDateTime(QDate(2026, 11, 30), QTime(0, 30), Qt::UTC);
        QTest::newRow("Sunday") << QDateTime(QDate(2026, 11, 29), QTime(2, 0), Qt::UTC)
                                << QDateTime(QDate(2026, 11, 30), QTime(0, 30), Qt::UTC);
    }
    void outsideTheIssuingHoursNothingIsIssued()
    {
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, opensAt);
        Rig rig;
        rig.clock.set(now);
        QSignalSpy refused(&rig.issue, &IssueTicketService::issueRefused);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QCOMPARE(refused.size(), 1);
        const auto refusal = refused.first().first().value<IssueRefusal>();
        QCOMPARE(refusal.reason, IssueRefusal::Reason::Closed);
        QCOMPARE(refusal.opensAt.value(), opensAt);
        QCOMPARE(rig.printer.statusChecks, 0); // nobody was even asked
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
        QVERIFY(!rig.issue.isBusy());
    }

    void walkInsOnlyWhenTheirServiceIsOpen_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("group");
        QTest::addColumn<int>("reason");
        QTest::addColumn<QDateTime>("opensAt");
        // Early/late 60 min and Saturday 09:00–12:00 for the matters marked weekend (BDC's here).
        QTest::newRow("08:10, the early hour") << QDateTime(QDate(2026, 11, 24), QTime(0, 10), Qt::UTC) << "SB"
                                               << int(IssueRefusal::Reason::BookedOnly) << QDateTime(QDate(2026, 11, 24), QTime(0, 30), Qt::UTC);
        QTest::newRow("17:30, the late hour") << QDateTime(QDate(2026, 11, 24), QTime(9, 30), Qt::UTC) << "SB"
                                              << int(IssueRefusal::Reason::BookedOnly) << QDateTime(QDate(2026, 11, 25), QTime(0, 30), Qt::UTC);
        QTest::newRow("Saturday, a weekdays group") << QDateTime(QDate(2026, 11, 28), QTime(2, 0), Qt::UTC) << "SB"
                                                    << int(IssueRefusal::Reason::NotOnWeekend) << QDateTime(QDate(2026, 11, 30), QTime(0, 30), Qt::UTC);
        QTest::newRow("Saturday, a weekend group") << QDateTime(QDate(2026, 11, 28), QTime(2, 0), Qt::UTC) << "BDC" << -1 << QDateTime();
        QTest::newRow("09:10 on a workday") << QDateTime(QDate(2026, 11, 24), QTime(1, 10), Qt::UTC) << "SB" << -1 << QDateTime();
    }
    void walkInsOnlyWhenTheirServiceIsOpen()
    {
        QFETCH(QDateTime, now);
        QFETCH(QString, group);
        QFETCH(int, reason);
        QFETCH(QDateTime, opensAt);
        Rig rig;
        Catalog hall = demoCatalog();
        hall.hours.extended.earlyLateMinutes = 60;
        hall.hours.extended.weekend = {{9 * 60, 12 * 60}};
        for (Matter &m : hall.matters)
            m.weekend = m.group == "BDC";
        rig.catalog.replace(hall);
        rig.clock.set(now);
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        QSignalSpy refused(&rig.issue, &IssueTicketService::issueRefused);
        rig.issue.issueWalkIn(group);
        if (reason < 0) {
            QTRY_COMPARE(issued.size(), 1);
            QCOMPARE(refused.size(), 0);
            return;
        }
        QCOMPARE(refused.size(), 1);
        const auto refusal = refused.first().first().value<IssueRefusal>();
        QCOMPARE(int(refusal.reason), reason);
        QCOMPARE(refusal.opensAt.value(), opensAt);
        QCOMPARE(rig.printer.statusChecks, 0);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
    }

    void refusalIssuesNothing_data()
    {
        QTest::addColumn<int>("error");
        QTest::newRow("paper out") << int(DeviceError::PaperOut);
        QTest::newRow("cover open") << int(DeviceError::CoverOpen);
        QTest::newRow("offline") << int(DeviceError::Offline);
        QTest::newRow("timeout") << int(DeviceError::Timeout);
    }
    void refusalIssuesNothing()
    {
        QFETCH(int, error);
        Rig rig;
        rig.printer.status = fail(DeviceError(error));
        QSignalSpy refused(&rig.issue, &IssueTicketService::issueRefused);
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QTRY_COMPARE(refused.size(), 1);
        const auto refusal = refused.first().first().value<IssueRefusal>();
        QCOMPARE(refusal.reason, IssueRefusal::Reason::PrinterUnavailable);
        QCOMPARE(int(*refusal.deviceError), error);
        QCOMPARE(issued.size(), 0);
        QCOMPARE(rig.printer.printed.size(), 0);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        // The number was not used up: the next ticket is still 001.
        rig.printer.status = PrinterReadiness{};
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QTRY_COMPARE(issued.size(), 1);
        QCOMPARE(issued.first().first().value<TicketSlip>().number, QStringLiteral("A001"));
    }

    void failedPrintKeepsTheNumberAndSaysSo()
    {
        Rig rig;
        rig.printer.printResult = fail(DeviceError::WriteFailed);
        QSignalSpy failed(&rig.issue, &IssueTicketService::ticketPrintFailed);
        rig.issue.issueWalkIn(QStringLiteral("BDC"));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<TicketSlip>().number, QStringLiteral("B001"));
        QCOMPARE(failed.first().at(1).value<DeviceError>(), DeviceError::WriteFailed);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE print_state = 'print_failed'")), 1);
    }

    void secondTapWhileBusyIsIgnored()
    {
        Rig rig;
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        QSignalSpy refused(&rig.issue, &IssueTicketService::issueRefused);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QTRY_COMPARE(issued.size(), 1);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().first().value<IssueRefusal>().reason, IssueRefusal::Reason::Busy);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM tickets")), 1);
    }

    void unknownGroupIsRefused()
    {
        Rig rig;
        QSignalSpy refused(&rig.issue, &IssueTicketService::issueRefused);
        rig.issue.issueWalkIn(QStringLiteral("NOPE"));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().first().value<IssueRefusal>().reason, IssueRefusal::Reason::UnknownGroup);
        QCOMPARE(rig.printer.statusChecks, 0);
    }

    void citizenReprintsAFailedTicketOnce()
    {
        Rig rig;
        const TicketSlip slip = rig.failedTicket(DeviceError::PaperOut);
        QVERIFY(!slip.ticketId.isEmpty());

        rig.printer.printResult = Ok{};
        std::optional<Result<TicketSlip, ReprintError>> done;
        rig.issue.reprint(slip.ticketId, IssueTicketService::Reprinter::atTerminal(), [&](Result<TicketSlip, ReprintError> r) { done = r; });
        QVERIFY(!done.has_value()); // never inside the call
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->ok());
        QCOMPARE(done->value().number, slip.number);
        QVERIFY(done->value().reprint);
        QCOMPARE(rig.printer.printed.size(), 2);
        QStringList lines;
        for (const PrintBlock &b : rig.printer.printed.last().blocks)
            lines << b.text;
        QVERIFY(lines.contains(QStringLiteral("（补打）")));
        QVERIFY(lines.contains(slip.number));
        QCOMPARE(rig.printer.printed.last().key, slip.ticketId); // a CUPS queue cancels the first job by this
        const TicketRecord t = *rig.store.ticket(slip.ticketId).value();
        QCOMPARE(t.printState, PrintState::Printed);
        QCOMPARE(t.reprints, 1);
        QCOMPARE(t.citizenReprints, 1);
        SqlAuditLog audit(*rig.db);
        const auto rows = audit.entries(slip.ticketId).value();
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows.front().entry.actor, QStringLiteral("citizen"));
        QCOMPARE(rows.front().entry.action, QStringLiteral("ticket_reprinted"));
        QCOMPARE(rows.front().entry.detail.value(QStringLiteral("result")).toString(), QStringLiteral("printed"));

        // Once only at the terminal; the ticket printed anyway.
        const auto again = rig.reprint(slip.ticketId, IssueTicketService::Reprinter::atTerminal());
        QVERIFY(again.has_value());
        QCOMPARE(again->error().reason, ReprintError::Reason::NotFailed);
        QCOMPARE(rig.printer.printed.size(), 2);
    }

    void aFailedReprintUsesTheCitizensOneReprint()
    {
        Rig rig;
        const QString id = rig.failedTicket(DeviceError::WriteFailed).ticketId;
        QVERIFY(!id.isEmpty());
        const auto first = rig.reprint(id, IssueTicketService::Reprinter::atTerminal());
        QVERIFY(first.has_value());
        QCOMPARE(first->error().reason, ReprintError::Reason::PrintFailed);
        QCOMPARE(*first->error().deviceError, DeviceError::WriteFailed);
        const auto second = rig.reprint(id, IssueTicketService::Reprinter::atTerminal());
        QVERIFY(second.has_value());
        QCOMPARE(second->error().reason, ReprintError::Reason::CitizenLimit);
        QCOMPARE(rig.printer.printed.size(), 2);
        SqlAuditLog audit(*rig.db);
        QCOMPARE(audit.entries(id).value().front().entry.detail.value(QStringLiteral("result")).toString(), QStringLiteral("print_failed"));
    }

    void aPrinterThatCannotPrintCostsNoReprint()
    {
        Rig rig;
        const QString id = rig.failedTicket(DeviceError::PaperOut).ticketId;
        QVERIFY(!id.isEmpty());
        rig.printer.status = fail(DeviceError::PaperOut);
        const auto done = rig.reprint(id, IssueTicketService::Reprinter::atTerminal());
        QVERIFY(done.has_value());
        QCOMPARE(done->error().reason, ReprintError::Reason::PrinterUnavailable);
        QCOMPARE(*done->error().deviceError, DeviceError::PaperOut);
        QCOMPARE(rig.printer.printed.size(), 1);
        QCOMPARE(rig.store.ticket(id).value()->citizenReprints, 0);
        QCOMPARE(SqlAuditLog(*rig.db).entries().value().size(), size_t(0));
    }

    void staffReprintAnyTicketAnyTime()
    {
        Rig rig;
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        rig.issue.issueWalkIn(QStringLiteral("BDC"));
        QTRY_COMPARE(issued.size(), 1);
        const QString id = issued.first().first().value<TicketSlip>().ticketId;
        for (int i = 0; i < 2; ++i) {
            const auto done = rig.reprint(id, IssueTicketService::Reprinter::staff(QStringLiteral("S01")));
            QVERIFY(done.has_value());
            QVERIFY(done->ok());
        }
        QCOMPARE(rig.store.ticket(id).value()->reprints, 2);
        QCOMPARE(rig.store.ticket(id).value()->citizenReprints, 0);
        SqlAuditLog audit(*rig.db);
        const auto rows = audit.entries(id).value();
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows.back().entry.actor, QStringLiteral("staff:S01"));
        QVERIFY(audit.verify().value().intact());

        const auto unknown = rig.reprint(QStringLiteral("nope"), IssueTicketService::Reprinter::staff(QStringLiteral("S01")));
        QVERIFY(unknown.has_value());
        QCOMPARE(unknown->error().reason, ReprintError::Reason::UnknownTicket);
    }

    void workWaitsForThePrinterInItsTurn()
    {
        Rig rig;
        QObject citizen;
        QStringList ran;
        const auto note = [&ran](const char *what) { return [&ran, what] { ran << QString::fromLatin1(what); }; };
        // Free: at once.
        QVERIFY(rig.issue.whenFree(&citizen, note("now")));
        QCOMPARE(ran, QStringList{QStringLiteral("now")});
        // While a ticket prints: after it, in order; a context gone by then is skipped.
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        auto gone = std::make_unique<QObject>();
        QVERIFY(rig.issue.whenFree(&citizen, note("first")));
        QVERIFY(rig.issue.whenFree(gone.get(), note("gone")));
        QVERIFY(rig.issue.whenFree(&citizen, note("second")));
        gone.reset();
        QCOMPARE(rig.issue.waiting(), 3);
        QCOMPARE(ran.size(), 1);
        QTRY_COMPARE(ran, (QStringList{QStringLiteral("now"), QStringLiteral("first"), QStringLiteral("second")}));
        QCOMPARE(issued.size(), 1);
        QCOMPARE(rig.issue.waiting(), 0);
        // A reprint holds the printer as well, and lets what waits go when it is done.
        const QString id = issued.first().first().value<TicketSlip>().ticketId;
        rig.issue.reprint(id, IssueTicketService::Reprinter::staff(QStringLiteral("S01")), [&ran](auto) { ran << QStringLiteral("reprinted"); });
        QVERIFY(rig.issue.isBusy());
        QVERIFY(rig.issue.whenFree(&citizen, note("after")));
        QTRY_COMPARE(ran.size(), 5);
        QCOMPARE(ran.mid(3), (QStringList{QStringLiteral("reprinted"), QStringLiteral("after")}));
        // Beyond kMaxWaiting it is a stuck key, not a queue: refused, nothing kept.
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        for (int i = 0; i < IssueTicketService::kMaxWaiting; ++i)
            QVERIFY(rig.issue.whenFree(&citizen, [] {}));
        QVERIFY(!rig.issue.whenFree(&citizen, note("dropped")));
        QCOMPARE(rig.issue.waiting(), IssueTicketService::kMaxWaiting);
        QTRY_COMPARE(rig.issue.waiting(), 0);
        QVERIFY(!ran.contains(QStringLiteral("dropped")));
    }

    void theCatalogNamesGroupsAndMatters()
    {
        Rig rig;
        QCOMPARE(rig.catalog.groupOfMatter(QStringLiteral("BDC-001")), std::optional(QStringLiteral("BDC")));
        QCOMPARE(rig.catalog.groupOfMatter(QStringLiteral("NOPE-001")), std::nullopt);
        QCOMPARE(rig.catalog.groupName(QStringLiteral("SB")), QStringLiteral("社保医保"));
        QCOMPARE(rig.catalog.groupName(QStringLiteral("GONE")), QStringLiteral("GONE"));
    }

    void aSlipSaysWhatTheTicketIs()
    {
        Rig rig;
        IssuedTicket ticket;
        ticket.id = QStringLiteral("t-1");
        ticket.number = QStringLiteral("Y007");
        ticket.kind = TicketKind::Booked;
        ticket.groupCode = QStringLiteral("BDC");
        ticket.issuedAt = QDateTime(QDate(2026, 11, 24), QTime(1, 5), Qt::UTC);
        ticket.peopleAhead = 3;
        TicketSlip draft;
        draft.matterName = QStringLiteral("不动产转移登记");
        draft.slotText = QStringLiteral("09:00–10:00");
        const TicketSlip slip = rig.composer.slip(ticket, rig.catalog, draft);
        QCOMPARE(slip.ticketId, QStringLiteral("t-1"));
        QCOMPARE(slip.number, QStringLiteral("Y007"));
        QCOMPARE(slip.kind, TicketKind::Booked);
        QCOMPARE(slip.groupName, QStringLiteral("不动产登记"));
        QCOMPARE(slip.matterName, draft.matterName);
        QCOMPARE(slip.slotText, draft.slotText);
        QCOMPARE(slip.peopleAhead, 3);
        QCOMPARE(slip.issuedAtText, QStringLiteral("2026-11-24 09:05")); // the center's time
        QCOMPARE(slip.qrPayload, QStringLiteral("HK1:SQ-001:t-1"));
        QVERIFY(!slip.reprint);

        // Read back from the store, a ticket says what it said when it was issued.
        QSignalSpy issued(&rig.issue, &IssueTicketService::ticketIssued);
        rig.issue.issueWalkIn(QStringLiteral("SB"));
        QTRY_COMPARE(issued.size(), 1);
        const auto first = issued.first().first().value<TicketSlip>();
        const TicketSlip again = rig.composer.slip(*rig.store.ticket(first.ticketId).value(), -1, rig.catalog);
        QCOMPARE(again.number, first.number);
        QCOMPARE(again.kind, TicketKind::WalkIn);
        QCOMPARE(again.groupName, first.groupName);
        QCOMPARE(again.issuedAtText, first.issuedAtText);
        QCOMPARE(again.qrPayload, first.qrPayload);
        QCOMPARE(again.peopleAhead, -1);
    }

    void ticketUrlCarriesTheTicket()
    {
        TicketComposer composer(QStringLiteral("SQ-001"), QStringLiteral("x"), QStringLiteral("https://p.example/t/{center}/{ticket}"));
        QCOMPARE(composer.qrPayload(QStringLiteral("abc")), QStringLiteral("https://p.example/t/SQ-001/abc"));
    }

    void helpIsRecordedOnceUntilTaken()
    {
        Rig rig;
        HelpService help(rig.helpStore, rig.alone, rig.clock, QStringLiteral("T01"), QStringLiteral("大厅1号自助机"));
        QSignalSpy requested(&help, &HelpService::helpRequested);
        const HelpRequest first = help.requestHelp().value();
        const HelpRequest again = help.requestHelp().value();
        QCOMPARE(again.id, first.id);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'help_requested'")), 1);
        QVERIFY(help.take(first.id));
        QVERIFY(!help.take(first.id));
        QVERIFY(help.pending().isEmpty());
        QVERIFY(help.requestHelp().value().id != first.id);
    }

    void helpIsTheHallsOnEveryConsole()
    {
        // Two terminals of one hall share the store: each console sees both requests, and one
        // taken at either is gone from both.
        Rig rig;
        HelpService t01(rig.helpStore, rig.alone, rig.clock, QStringLiteral("T01"), QStringLiteral("大厅1号自助机"));
        HelpService t02(rig.helpStore, rig.alone, rig.clock, QStringLiteral("T02"), QStringLiteral("大厅2号自助机"));
        QSignalSpy taken(&t02, &HelpService::helpTaken);
        const HelpRequest first = t01.requestHelp().value();
        rig.clock.advanceSecs(5);
        const HelpRequest second = t02.requestHelp().value();
        QVERIFY(second.id != first.id); // T01's pending request is not T02's
        QCOMPARE(second.terminalId, QStringLiteral("T02"));
        for (const HelpService *console : {&t01, &t02}) {
            const QList<HelpRequest> pending = console->pending();
            QCOMPARE(pending.size(), 2);
            QCOMPARE(pending.at(0).id, first.id);
            QCOMPARE(pending.at(0).terminal, QStringLiteral("大厅1号自助机"));
            QCOMPARE(pending.at(1).id, second.id);
        }
        QVERIFY(t02.take(first.id, QStringLiteral("S01")));
        QCOMPARE(taken.size(), 1);
        QVERIFY(!t01.take(first.id)); // taken already, at the other console
        QCOMPARE(t01.pending().size(), 1);
        QCOMPARE(t01.pending().first().id, second.id);
        QCOMPARE(scalar(*rig.db, QStringLiteral("SELECT taken_by FROM help_requests WHERE id = '%1'").arg(first.id)), QStringLiteral("S01"));
        QCOMPARE(count(*rig.db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'help_requested'")), 2);
    }

    void healthReportsDevicesOutboxAndHelp()
    {
        Rig rig;
        HelpService help(rig.helpStore, rig.alone, rig.clock, QStringLiteral("T01"), QStringLiteral("大厅1号自助机"));
        HealthService health(QStringLiteral("9.9"), QStringLiteral("T01"), rig.outbox, help, rig.clock);
        QSignalSpy changed(&health, &HealthService::deviceHealthChanged);
        health.setDeviceHealth(QStringLiteral("printer"), {DeviceHealth::State::Warning, QStringLiteral("paper near end"), std::nullopt});
        health.setDeviceHealth(QStringLiteral("printer"), {DeviceHealth::State::Warning, QStringLiteral("paper near end"), std::nullopt});
        QCOMPARE(changed.size(), 1); // the same state twice is one change
        QVERIFY(help.requestHelp().ok());
        rig.clock.advanceSecs(90);
        const HealthSnapshot s = health.snapshot();
        QCOMPARE(s.version, QStringLiteral("9.9"));
        QCOMPARE(s.devices.value(QStringLiteral("printer")).state, DeviceHealth::State::Warning);
        QCOMPARE(s.outboxDepth, 1);
        QCOMPARE(*s.oldestPendingAgeS, 90);
        QCOMPARE(s.help.size(), 1);
    }

    void applicantIdentityKeepsNoIdNumber()
    {
        // Python: hmac.new(b"match-key-demo", b"11010519491231002X", hashlib.sha256).hexdigest()
        const QString expected = QStringLiteral("e97635142b3d414cbbc7851141cd762b1407d1c243856d66f76807149dc47e76");
        QCOMPARE(identity::idDigest("match-key-demo", QStringLiteral("11010519491231002X")), expected);
        QCOMPARE(identity::idDigest("match-key-demo", QStringLiteral("11010519491231002x")), expected); // final x upper-cased
        QVERIFY(identity::idDigest("another-center", QStringLiteral("11010519491231002X")) != expected);
        QCOMPARE(identity::maskIdNumber(QStringLiteral("11010519491231002X")), QStringLiteral("1101**********002X"));
        QCOMPARE(identity::maskName(QStringLiteral("张三")), QStringLiteral("张*"));
        QCOMPARE(identity::maskName(QStringLiteral("王小明")), QStringLiteral("王*明"));
        QCOMPARE(identity::maskName(QStringLiteral("欧阳娜娜")), QStringLiteral("欧阳**"));
        QCOMPARE(identity::maskName(QStringLiteral("李")), QStringLiteral("李"));
    }
};

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"

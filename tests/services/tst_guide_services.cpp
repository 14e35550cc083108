// 办事指南 and 排队查询's services on a real SQLite file with every migration (DESIGN §14, §3 Q4):
// the materials list as it prints and a printer's refusal; a ticket's status by its QR — people
// ahead, passed within 30 minutes, re-queued through the QueueService and audited as the citizen —
// and the refusals: a forged id, another hall's code, another day's ticket, a finished one, too late.

#include "app/services/audit_trail_service.h"
#include "app/services/guide/guide_service.h"
#include "app/services/ticket/ticket_lookup_service.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "tests/support/issuing_hall.h"

#include <QSignalSpy>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

struct Rig : IssuingHall {
    // Tuesday 24 November 2026, 10:00 in the hall (UTC+8).
    Rig() : IssuingHall(QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC)) { queue.setAuditTrail(&trail); }

    SqlQueueOverviewReader overviewReader{*db};
    QueueService queue{store, alone, catalog, clock, QueueSettings{*CallingPolicy::parse("booked_first"), 3}};
    SqlAuditLog log{*db};
    AuditTrailService trail{{{QStringLiteral("terminal"), &log}}, clock};
    TicketLookupService lookup{store, overviewReader, queue, catalog, clock, QStringLiteral("SQ-001"),
                               QStringLiteral("https://platform.example/t/{center}/{ticket}")};
    GuideService guide{catalog, issue, clock};

    QString walkIn(const QString &group)
    {
        QSignalSpy issued(&issue, &IssueTicketService::ticketIssued);
        issue.issueWalkIn(group);
        if (!issued.wait(10000))
            return {};
        clock.advanceSecs(1);
        return issued.first().first().value<TicketSlip>().ticketId;
    }
};

QString textOf(const PrintDocument &doc)
{
    QStringList lines;
    for (const PrintBlock &b : doc.blocks)
        lines.append(b.text);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestGuideServices : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theMaterialsListPrintsOrSaysWhyNot()
    {
        Rig rig;
        const QList<GuideGroup> groups = rig.guide.groups();
        QVERIFY(!groups.isEmpty());
        QCOMPARE(groups.first().code, QStringLiteral("SB"));
        std::optional<std::optional<DeviceError>> answer;
        rig.guide.printMaterials(QStringLiteral("BDC-001"), [&](std::optional<DeviceError> e) { answer = e; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->has_value());
        QCOMPARE(rig.printer.printed.size(), 1);
        const QString text = textOf(rig.printer.printed.first());
        for (const char *line : {"办事材料清单", "1. 买卖双方身份证原件", "4. 完税凭证", "打印日期：2026-11-24"})
            QVERIFY2(text.contains(QString::fromUtf8(line)), qPrintable(text));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 0); // a list is no ticket

        rig.printer.status = fail(DeviceError::PaperOut);
        answer.reset();
        rig.guide.printMaterials(QStringLiteral("BDC-001"), [&](std::optional<DeviceError> e) { answer = e; });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answer->value(), DeviceError::PaperOut);
        QCOMPARE(rig.printer.printed.size(), 1);
    }

    void aTicketIsLookedUpPassedAndReQueued()
    {
        Rig rig;
        const QString a1 = rig.walkIn(QStringLiteral("SB")).section(QLatin1Char(' '), -1);
        const QString a2 = rig.walkIn(QStringLiteral("SB"));
        const QString a3 = rig.walkIn(QStringLiteral("SB"));
        QVERIFY(!a1.isEmpty() && !a2.isEmpty() && !a3.isEmpty());
        QCOMPARE(rig.lookup.lookUp(a3)->peopleAhead, 2);

        QVERIFY(rig.queue.callNext(1, QStringLiteral("staff:S01")));
        auto called = rig.lookup.lookUp(a1);
        QCOMPARE(called->state, TicketState::Called);
        QCOMPARE(called->window, std::optional<int>(1));
        QVERIFY(rig.queue.pass(1, QStringLiteral("staff:S01")));
        rig.clock.advanceSecs(10 * 60);
        auto passed = rig.lookup.lookUp(a1);
        QCOMPARE(passed->state, TicketState::Passed);
        QVERIFY(passed->requeueUntil.has_value());

        // By its QR, both forms; then back in the queue three places behind the head (two wait).
        QSignalSpy found(&rig.lookup, &TicketLookupService::ticketFound);
        QVERIFY(rig.lookup.offerCode(QStringLiteral("HK1:SQ-001:") + a1));
        QVERIFY(rig.lookup.offerCode(QStringLiteral("https://platform.example/t/SQ-001/") + a1));
        QCOMPARE(found.size(), 2);
        auto requeued = rig.lookup.requeue(a1);
        QVERIFY(requeued);
        QCOMPARE(requeued->state, TicketState::Waiting);
        QCOMPARE(requeued->peopleAhead, 2);
        QVERIFY(requeued->requeued);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'ticket_requeued'")), QStringLiteral("citizen"));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_requeued'")), 1);
        QCOMPARE(int(rig.lookup.requeue(a1).error().reason), int(TicketLookupProblem::Reason::NotPassed));

        // Passed again and left 31 minutes: the offer is gone and the re-queue refused.
        QVERIFY(rig.queue.callNext(1));
        QVERIFY(rig.queue.callNext(1));
        QVERIFY(rig.queue.callNext(1));
        QVERIFY(rig.queue.pass(1));
        QCOMPARE(rig.lookup.lookUp(a1)->state, TicketState::Passed);
        rig.clock.advanceSecs(31 * 60);
        QVERIFY(!rig.lookup.lookUp(a1)->requeueUntil);
        QCOMPARE(int(rig.lookup.requeue(a1).error().reason), int(TicketLookupProblem::Reason::RequeueTooLate));
        // Finished: said so.
        QCOMPARE(int(rig.lookup.lookUp(a2).error().reason), int(TicketLookupProblem::Reason::Finished));
        // The next day: an old ticket.
        rig.clock.advanceSecs(24 * 3600);
        const auto old = rig.lookup.lookUp(a3);
        QCOMPARE(int(old.error().reason), int(TicketLookupProblem::Reason::OtherDay));
        QCOMPARE(old.error().day, std::optional(QDate(2026, 11, 24)));
    }

    void forgedAndForeignCodesAreRefusedOthersAreNotTaken()
    {
        Rig rig;
        QSignalSpy refused(&rig.lookup, &TicketLookupService::ticketRefused);
        QVERIFY(rig.lookup.offerCode(QStringLiteral("HK1:SQ-001:0b7c6c1e-5d0f-4c55-9f0e-7a3c2d1e9f80")));
        QVERIFY(rig.lookup.offerCode(QStringLiteral("HK1:XX-999:0b7c6c1e-5d0f-4c55-9f0e-7a3c2d1e9f80")));
        QVERIFY(rig.lookup.offerCode(QStringLiteral("HK1:SQ-001:'; DROP TABLE tickets")));
        QCOMPARE(refused.size(), 3);
        QCOMPARE(int(refused.at(0).first().value<TicketLookupProblem>().reason), int(TicketLookupProblem::Reason::UnknownTicket));
        QCOMPARE(int(refused.at(1).first().value<TicketLookupProblem>().reason), int(TicketLookupProblem::Reason::OtherCenter));
        QCOMPARE(int(refused.at(2).first().value<TicketLookupProblem>().reason), int(TicketLookupProblem::Reason::UnknownTicket));
        // A booking code, a URL of another site: the check-in's, not taken here.
        QVERIFY(!rig.lookup.offerCode(QStringLiteral("HKB1.eyJ.sig")));
        QVERIFY(!rig.lookup.offerCode(QStringLiteral("https://example.org/t/SQ-001/x")));
        QCOMPARE(refused.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestGuideServices)
#include "tst_guide_services.moc"

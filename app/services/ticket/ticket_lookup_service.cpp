#include "app/services/ticket/ticket_lookup_service.h"

#include "app/domain/queue/ticket_lifecycle.h"
#include "app/services/logging.h"

#include <QCoreApplication>
#include <QUuid>

namespace hk {

// A window the catalog does not name, as the citizen reads it (resources/translations).
struct LookupText {
    Q_DECLARE_TR_FUNCTIONS(LookupText)
};

namespace {

TicketLookupProblem problem(TicketLookupProblem::Reason reason, QString detail, QString number = {})
{
    return {reason, std::move(number), std::nullopt, std::move(detail)};
}

} // namespace

TicketLookupService::TicketLookupService(QueueStore &store, QueueOverviewReader &overview, QueueService &queue, CatalogService &catalog,
                                         const Clock &clock, QString centerId, QString ticketUrlTemplate, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_overview(overview)
    , m_queue(queue)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_centerId(std::move(centerId))
{
    if (!ticketUrlTemplate.isEmpty()) {
        // The template with its fields as captures; everything else must match as written.
        QString pattern = QRegularExpression::escape(ticketUrlTemplate);
        pattern.replace(QRegularExpression::escape(QStringLiteral("{center}")), QStringLiteral("(?<center>[^/?#]+)"));
        pattern.replace(QRegularExpression::escape(QStringLiteral("{ticket}")), QStringLiteral("(?<ticket>[^/?#]+)"));
        m_url = QRegularExpression(QRegularExpression::anchoredPattern(pattern));
    }
}

std::optional<TicketLookupService::TicketCode> TicketLookupService::parse(const QString &code) const
{
    const QString text = code.trimmed();
    if (text.startsWith(QLatin1String("HK1:"))) {
        const QStringList parts = text.split(QLatin1Char(':'));
        if (parts.size() != 3)
            return TicketCode{parts.value(1), QString()}; // a ticket's form, damaged: no ticket has it
        return TicketCode{parts.at(1), parts.at(2)};
    }
    if (m_url.isValid() && !m_url.pattern().isEmpty()) {
        const QRegularExpressionMatch m = m_url.match(text);
        if (m.hasMatch())
            return TicketCode{m.captured(QStringLiteral("center")).isNull() ? m_centerId : m.captured(QStringLiteral("center")),
                              m.captured(QStringLiteral("ticket"))};
    }
    return std::nullopt;
}

bool TicketLookupService::offerCode(const QString &code)
{
    const std::optional<TicketCode> ticket = parse(code);
    if (!ticket)
        return false;
    Result<TicketStatus, TicketLookupProblem> answer = [&]() -> Result<TicketStatus, TicketLookupProblem> {
        if (ticket->center != m_centerId)
            return fail(problem(TicketLookupProblem::Reason::OtherCenter, QStringLiteral("a ticket of center %1").arg(ticket->center.left(32))));
        if (QUuid::fromString(ticket->ticketId).isNull())
            return fail(problem(TicketLookupProblem::Reason::UnknownTicket, QStringLiteral("a ticket code without a ticket id")));
        return lookUp(ticket->ticketId);
    }();
    if (answer) {
        qCInfo(lcQueue).noquote() << "ticket looked up:" << answer->number;
        Q_EMIT ticketFound(answer.value());
    } else {
        qCInfo(lcQueue).noquote() << "ticket lookup refused:" << answer.error().detail;
        Q_EMIT ticketRefused(answer.error());
    }
    return true;
}

Result<TicketStatus, TicketLookupProblem> TicketLookupService::lookUp(const QString &ticketId)
{
    using R = TicketLookupProblem::Reason;
    auto found = m_store.ticket(ticketId);
    if (!found)
        return fail(problem(R::StoreFailure, found.error().detail));
    if (!found.value())
        return fail(problem(R::UnknownTicket, QStringLiteral("no ticket %1").arg(ticketId)));
    return statusOf(*found.value());
}

Result<TicketStatus, TicketLookupProblem> TicketLookupService::statusOf(const TicketRecord &t)
{
    using R = TicketLookupProblem::Reason;
    const CenterTime &time = m_catalog.centerTime();
    const QDateTime now = m_clock.now();
    const CivilDate today = time.dateOf(now);
    const CivilDate day = time.dateOf(t.issuedAt);
    if (!(day == today)) {
        TicketLookupProblem p = problem(R::OtherDay, QStringLiteral("%1 of %2").arg(t.number, QString::fromStdString(day.toString())), t.number);
        p.day = time.toLocal(t.issuedAt).date();
        return fail(p);
    }
    if (t.state == TicketState::Served)
        return fail(problem(R::Finished, QStringLiteral("%1 was served").arg(t.number), t.number));
    if (t.state == TicketState::Cancelled || t.state == TicketState::Expired)
        return fail(problem(R::Ended, QStringLiteral("%1 is %2").arg(t.number, QString::fromLatin1(nameOf(t.state).data(), qsizetype(nameOf(t.state).size()))), t.number));

    TicketStatus s;
    s.ticketId = t.id;
    s.number = t.number;
    s.groupName = m_catalog.groupName(t.groupCode);
    s.state = t.state;
    if (t.state == TicketState::Waiting) {
        // The group's waiting tickets in queue order (after a re-queue, its new place); a booked
        // ticket's priority may yet move it forward, so the screen says "about".
        if (auto waiting = m_overview.waiting(today)) {
            int ahead = 0;
            for (const WaitingTicket &w : waiting.value()) {
                if (w.id == t.id) {
                    s.peopleAhead = ahead;
                    break;
                }
                if (w.groupCode == t.groupCode)
                    ++ahead;
            }
        }
    }
    if ((t.state == TicketState::Called || t.state == TicketState::Serving) && t.window) {
        s.window = t.window;
        const HallWindow *w = m_catalog.catalog().findWindow(*t.window);
        s.windowName = w ? QString::fromStdString(w->name) : LookupText::tr("%1号窗口").arg(*t.window);
    }
    if (t.state == TicketState::Passed && t.passedAt) {
        const QDateTime until = t.passedAt->addSecs(kRequeueWindowMinutes * 60);
        if (now <= until)
            s.requeueUntil = time.toLocal(until);
    }
    return s;
}

Result<TicketStatus, TicketLookupProblem> TicketLookupService::requeue(const QString &ticketId)
{
    using R = TicketLookupProblem::Reason;
    auto before = lookUp(ticketId);
    if (!before)
        return before;
    if (before->state != TicketState::Passed)
        return fail(problem(R::NotPassed, QStringLiteral("%1 is not passed").arg(before->number), before->number));
    auto done = m_queue.requeue(ticketId, QLatin1String(kActor));
    if (!done) {
        const bool late = done.error().kind == QueueError::Kind::RequeueTooLate;
        const bool moved = done.error().kind == QueueError::Kind::NotAllowed;
        return fail(problem(late ? R::RequeueTooLate : moved ? R::NotPassed : R::StoreFailure, done.error().detail, before->number));
    }
    auto after = lookUp(ticketId);
    if (!after)
        return after;
    TicketStatus status = after.value();
    status.requeued = true;
    return status;
}

} // namespace hk

#include "app/services/ticket/issue_ticket_service.h"

#include "app/services/logging.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace hk {

IssueTicketService::IssueTicketService(QueueStore &store, HallChannel &hall, TicketPrinter &printer,
                                       CatalogService &catalog, TicketComposer &composer,
                                       const Clock &clock, QString terminalId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_hall(hall)
    , m_printer(printer)
    , m_catalog(catalog)
    , m_composer(composer)
    , m_clock(clock)
    , m_terminalId(std::move(terminalId))
{
}

bool IssueTicketService::whenFree(QObject *context, std::function<void()> work)
{
    if (m_waiting.size() >= kMaxWaiting)
        return false;
    m_waiting.append({context, std::move(work)});
    runWaiting();
    return true;
}

void IssueTicketService::freePrinter()
{
    m_busy = false;
    // Not from inside the printer's callback: the ticket just done is reported first.
    if (!m_waiting.isEmpty() && !std::exchange(m_runScheduled, true))
        QTimer::singleShot(0, this, [this] {
            m_runScheduled = false;
            runWaiting();
        });
}

void IssueTicketService::runWaiting()
{
    while (!m_waiting.isEmpty() && !m_busy) {
        const Waiting next = m_waiting.takeFirst();
        if (next.context)
            next.work();
    }
}

void IssueTicketService::issueWalkIn(const QString &groupCode)
{
    if (m_busy) {
        // A second tap while the first ticket prints: ignore it rather than issue twice.
        Q_EMIT issueRefused({IssueRefusal::Reason::Busy, std::nullopt, QStringLiteral("busy")});
        return;
    }
    if (!m_catalog.catalog().findGroup(groupCode.toStdString())) {
        refuse({IssueRefusal::Reason::UnknownGroup, std::nullopt,
                QStringLiteral("unknown group %1").arg(groupCode)});
        return;
    }
    if (!checkIssuingHours() || !checkWalkInHours(groupCode))
        return;
    whenPrinterReady(groupCode, [this, groupCode] { onPrinterReady(groupCode); });
}

bool IssueTicketService::checkIssuingHours()
{
    const CenterTime &time = m_catalog.centerTime();
    const LocalDateTime local = time.localOf(m_clock.now());
    if (m_catalog.calendar().isIssuing(local))
        return true;
    IssueRefusal closed{IssueRefusal::Reason::Closed, std::nullopt, QStringLiteral("outside the issuing hours")};
    if (auto next = m_catalog.calendar().nextIssuingStart(local))
        closed.opensAt = time.instantOf(*next);
    refuse(closed);
    return false;
}

bool IssueTicketService::checkWalkInHours(const QString &groupCode)
{
    // Seed 001 §三: the early/late hour is for booked matters; weekend service for the matters the
    // catalog marks `weekend`. The citizen is told when this button gives tickets again.
    const CenterTime &time = m_catalog.centerTime();
    const LocalDateTime local = time.localOf(m_clock.now());
    const WorkingCalendar &calendar = m_catalog.calendar();
    const bool weekdaysOnly = !m_catalog.catalog().servesOnWeekend(groupCode.toStdString());
    IssueRefusal refusal;
    if (calendar.isWeekendServiceDay(local.date()) && weekdaysOnly)
        refusal = {IssueRefusal::Reason::NotOnWeekend, std::nullopt, QStringLiteral("group %1 has no weekend service").arg(groupCode)};
    else if (!calendar.isWalkInIssuing(local))
        refusal = {IssueRefusal::Reason::BookedOnly, std::nullopt, QStringLiteral("the extended hour serves booked matters only")};
    else
        return true;
    if (auto next = calendar.nextWalkInStart(local, weekdaysOnly))
        refusal.opensAt = time.instantOf(*next);
    refuse(refusal);
    return false;
}

void IssueTicketService::whenPrinterReady(const QString &groupCode, std::function<void()> ready)
{
    m_busy = true;
    Q_EMIT issueStarted(groupCode);
    QPointer<IssueTicketService> self(this);
    m_printer.checkStatus([self, ready = std::move(ready)](Result<PrinterReadiness, DeviceError> status) {
        if (!self)
            return;
        if (!status) {
            self->freePrinter();
            self->refuse({IssueRefusal::Reason::PrinterUnavailable, status.error(),
                          QStringLiteral("printer: %1").arg(nameOf(status.error()))});
            return;
        }
        ready();
    });
}

void IssueTicketService::issueBooked(const BookedRequest &request, const TicketSlip &draft)
{
    if (m_busy) {
        Q_EMIT issueRefused({IssueRefusal::Reason::Busy, std::nullopt, QStringLiteral("busy")});
        return;
    }
    // B7: a staff-flagged emergency booking checks in whenever the terminal runs.
    if (!request.emergency && !checkIssuingHours())
        return;
    whenPrinterReady(request.groupCode, [this, request, draft] {
        auto issued = m_store.issueBooked(request);
        if (!issued) {
            freePrinter();
            const QueueError::Kind kind = issued.error().kind;
            const bool changed = kind == QueueError::Kind::AlreadyCheckedIn || kind == QueueError::Kind::NotAllowed;
            refuse({changed ? IssueRefusal::Reason::BookingChanged : IssueRefusal::Reason::StoreFailure, std::nullopt,
                    QStringLiteral("booking %1: %2").arg(request.bookingId, issued.error().detail)});
            return;
        }
        tellHall();
        const TicketSlip slip = m_composer.slip(*issued, m_catalog, draft);
        qCInfo(lcIssue) << "issued" << slip.number << "for booking" << request.bookingId << "group" << request.groupCode
                        << "ahead" << slip.peopleAhead;
        printSlip(slip);
    });
}

void IssueTicketService::onPrinterReady(const QString &groupCode)
{
    const Catalog &catalog = m_catalog.catalog();
    const Group *group = catalog.findGroup(groupCode.toStdString());
    if (!group) { // the catalog changed while the printer answered
        freePrinter();
        refuse({IssueRefusal::Reason::UnknownGroup, std::nullopt, QStringLiteral("unknown group %1").arg(groupCode)});
        return;
    }
    const QDateTime now = m_clock.now();
    const CenterTime &time = m_catalog.centerTime();
    WalkInRequest request{groupCode, group->prefix, time.dateOf(now), time.toLocal(now), m_terminalId, group->dailyCap};
    auto issued = m_store.issueWalkIn(request);
    if (!issued) {
        freePrinter();
        const bool capped = issued.error().kind == QueueError::Kind::DailyCapReached;
        refuse({capped ? IssueRefusal::Reason::DailyCapReached : IssueRefusal::Reason::StoreFailure, std::nullopt,
                issued.error().detail});
        return;
    }
    tellHall();
    const TicketSlip slip = m_composer.slip(*issued, m_catalog);
    qCInfo(lcIssue) << "issued" << slip.number << "group" << groupCode << "ahead" << slip.peopleAhead;
    printSlip(slip);
}

// The number is taken and committed: the other terminals count it now, not after the print.
void IssueTicketService::tellHall()
{
    HallNotice notice;
    notice.kind = HallNotice::Kind::Queue;
    m_hall.publish(notice);
}

void IssueTicketService::printSlip(const TicketSlip &slip)
{
    QPointer<IssueTicketService> self(this);
    m_printer.print(m_composer.compose(slip), [self, slip](Result<void, DeviceError> printed) {
        if (!self)
            return;
        self->freePrinter();
        const PrintState state = printed ? PrintState::Printed : PrintState::PrintFailed;
        if (auto stored = self->m_store.setPrintState(slip.ticketId, state); !stored)
            qCCritical(lcIssue) << "cannot record print state of" << slip.number << stored.error().detail;
        if (printed) {
            Q_EMIT self->ticketIssued(slip);
        } else {
            qCWarning(lcIssue) << "print failed for" << slip.number << nameOf(printed.error());
            Q_EMIT self->ticketPrintFailed(slip, printed.error());
        }
    });
}

TicketSlip IssueTicketService::slipFor(const TicketRecord &t) const
{
    int ahead = 0;
    if (t.state == TicketState::Waiting) {
        // Who is ahead now, not when it was first printed.
        if (auto all = m_store.tickets(m_catalog.centerTime().dateOf(t.issuedAt))) {
            for (const TicketRecord &other : all.value()) {
                if (other.groupCode == t.groupCode && other.state == TicketState::Waiting && other.issuedAt < t.issuedAt)
                    ++ahead;
            }
        }
    }
    TicketSlip slip = m_composer.slip(t, ahead, m_catalog);
    slip.reprint = true;
    return slip;
}

void IssueTicketService::reprint(const QString &ticketId, const Reprinter &by, ReprintCallback done)
{
    reprintTicket(ticketId, std::nullopt, by, std::move(done));
}

void IssueTicketService::reprint(const TicketSlip &slip, const Reprinter &by, ReprintCallback done)
{
    TicketSlip marked = slip;
    marked.reprint = true;
    marked.peopleAhead = -1; // the queue has moved since it was issued
    reprintTicket(slip.ticketId, marked, by, std::move(done));
}

void IssueTicketService::reprintTicket(const QString &ticketId, std::optional<TicketSlip> given, const Reprinter &by,
                                       ReprintCallback done)
{
    const auto refuse = [this, &done](ReprintError error) {
        qCWarning(lcIssue).noquote() << "no reprint:" << error.detail;
        QTimer::singleShot(0, this, [done, error] { done(fail(error)); });
    };
    if (m_busy)
        return refuse({ReprintError::Reason::Busy, std::nullopt, QStringLiteral("busy")});
    auto found = m_store.ticket(ticketId);
    if (!found)
        return refuse({ReprintError::Reason::StoreFailure, std::nullopt, found.error().detail});
    if (!found.value())
        return refuse({ReprintError::Reason::UnknownTicket, std::nullopt, QStringLiteral("no ticket %1").arg(ticketId)});
    const TicketRecord ticket = *found.value();
    if (by.citizen && !by.presentedAgain && ticket.printState != PrintState::PrintFailed)
        return refuse({ReprintError::Reason::NotFailed, std::nullopt, QStringLiteral("%1 was printed").arg(ticket.number)});
    if (by.citizen && ticket.citizenReprints >= kCitizenReprints)
        return refuse({ReprintError::Reason::CitizenLimit, std::nullopt,
                       QStringLiteral("%1 was reprinted at the terminal already").arg(ticket.number)});

    m_busy = true;
    const TicketSlip slip = given ? *given : slipFor(ticket);
    QPointer<IssueTicketService> self(this);
    m_printer.checkStatus([self, slip, by, done](Result<PrinterReadiness, DeviceError> status) {
        if (!self)
            return;
        if (!status) {
            self->freePrinter();
            qCWarning(lcIssue) << "no reprint of" << slip.number << "- printer:" << nameOf(status.error());
            done(fail(ReprintError{ReprintError::Reason::PrinterUnavailable, status.error(),
                                   QStringLiteral("printer: %1").arg(nameOf(status.error()))}));
            return;
        }
        // The printer (a CUPS queue: its pending job for this ticket first) prints it again.
        self->m_printer.print(self->m_composer.compose(slip), [self, slip, by, done](Result<void, DeviceError> printed) {
            if (!self)
                return;
            self->freePrinter();
            const PrintState state = printed ? PrintState::Printed : PrintState::PrintFailed;
            QJsonObject detail{{QStringLiteral("number"), slip.number}, {QStringLiteral("result"), QString::fromLatin1(nameOf(state).data(), qsizetype(nameOf(state).size()))}};
            if (!printed)
                detail.insert(QStringLiteral("error"), nameOf(printed.error()));
            const AuditEntry audit{self->m_clock.now(), by.actor(), QStringLiteral("ticket_reprinted"), slip.ticketId, detail};
            if (auto stored = self->m_store.recordReprint(slip.ticketId, state, by.citizen, audit); !stored) {
                qCCritical(lcIssue) << "cannot record the reprint of" << slip.number << stored.error().detail;
                done(fail(ReprintError{ReprintError::Reason::StoreFailure, std::nullopt, stored.error().detail}));
                return;
            }
            qCInfo(lcIssue).noquote() << "reprinted" << slip.number << "for" << by.actor() << QString::fromLatin1(nameOf(state).data(), qsizetype(nameOf(state).size()));
            if (printed)
                done(slip);
            else
                done(fail(ReprintError{ReprintError::Reason::PrintFailed, printed.error(), nameOf(printed.error())}));
        });
    });
}

void IssueTicketService::printDocument(const PrintDocument &document, TicketPrinter::PrintCallback done)
{
    if (m_busy) {
        QTimer::singleShot(0, this, [done] { done(fail(DeviceError::Busy)); });
        return;
    }
    m_busy = true;
    QPointer<IssueTicketService> self(this);
    m_printer.checkStatus([self, document, done](Result<PrinterReadiness, DeviceError> status) {
        if (!self)
            return;
        if (!status) {
            self->freePrinter();
            qCWarning(lcIssue).noquote() << "not printed:" << document.title << "- printer:" << nameOf(status.error());
            done(fail(status.error()));
            return;
        }
        self->m_printer.print(document, [self, title = document.title, done](Result<void, DeviceError> printed) {
            if (!self)
                return;
            self->freePrinter();
            if (printed)
                qCInfo(lcIssue).noquote() << "printed" << title;
            else
                qCWarning(lcIssue).noquote() << "print failed:" << title << nameOf(printed.error());
            done(printed);
        });
    });
}

QMap<QString, int> IssueTicketService::waitingCounts() const
{
    QMap<QString, int> counts;
    const CivilDate today = m_catalog.centerTime().dateOf(m_clock.now());
    for (const Group &group : m_catalog.catalog().groups) {
        const QString code = QString::fromStdString(group.code);
        if (auto n = m_store.waitingCount(code, today))
            counts.insert(code, n.value());
    }
    return counts;
}

void IssueTicketService::refuse(IssueRefusal refusal)
{
    qCWarning(lcIssue) << "no ticket issued:" << refusal.detail;
    Q_EMIT issueRefused(refusal);
}

} // namespace hk

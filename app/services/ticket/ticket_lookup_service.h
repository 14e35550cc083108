#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/queue_overview_reader.h"
#include "app/ports/stores/queue_store.h"
#include "app/services/catalog_service.h"
#include "app/services/queue_service.h"

#include <QDate>
#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace hk {

// What 排队查询 shows of a ticket (DESIGN §14): its number, the people ahead, whether it was called
// and to which window, and — passed within 30 minutes — until when it may re-queue (Q4).
struct TicketStatus {
    QString ticketId;
    QString number;
    QString groupName;
    TicketState state = TicketState::Waiting;
    int peopleAhead = -1;       // waiting: tickets of its group before it in the queue; -1 unknown
    std::optional<int> window;  // called or serving: where to go
    QString windowName;
    std::optional<QDateTime> requeueUntil; // passed and still in time: the last moment (center-local)
    bool requeued = false;                 // this answer follows the citizen's re-queue
};

// Why a scanned ticket code shows no status; each gets its own plain words on the screen.
struct TicketLookupProblem {
    enum class Reason {
        UnknownTicket,   // the code has a ticket's form but no ticket here has that id (forged, damaged)
        OtherCenter,     // another hall's ticket
        OtherDay,        // see day
        Finished,        // served: nothing to wait for
        Ended,           // cancelled or expired (day close)
        RequeueTooLate,  // passed more than 30 minutes ago (Q4)
        NotPassed,       // a re-queue asked of a ticket that is not passed (already back in the queue)
        StoreFailure,
    };
    Reason reason = Reason::StoreFailure;
    QString number;           // when the ticket is known
    std::optional<QDate> day; // OtherDay: the ticket's day
    QString detail;           // for the log: never personal data
};

// 排队查询: a ticket's QR (`HK1:<center>:<uuid>`, or the platform's ticket URL of
// `platform.ticket_url` — DESIGN §3) read at the scanner on any citizen screen opens its status;
// a passed ticket re-queues here through the QueueService, as a console's action does, audited as
// `citizen`. Codes of neither form are not taken (they are the check-in's).
class TicketLookupService : public QObject {
    Q_OBJECT
public:
    TicketLookupService(QueueStore &store, QueueOverviewReader &overview, QueueService &queue, CatalogService &catalog,
                        const Clock &clock, QString centerId, QString ticketUrlTemplate = {}, QObject *parent = nullptr);

    // What a ticket code names: the center and the ticket id, or none when `code` is no ticket code.
    struct TicketCode {
        QString center;
        QString ticketId;
    };
    std::optional<TicketCode> parse(const QString &code) const;

    // A scan: true, and one of the signals below reported, when `code` is a ticket code.
    bool offerCode(const QString &code);
    Result<TicketStatus, TicketLookupProblem> lookUp(const QString &ticketId);
    // Q4: the passed ticket back in its group's queue, three places behind the head.
    Result<TicketStatus, TicketLookupProblem> requeue(const QString &ticketId);

    static constexpr const char *kActor = "citizen";

Q_SIGNALS:
    void ticketFound(const hk::TicketStatus &status);
    void ticketRefused(const hk::TicketLookupProblem &problem);

private:
    Result<TicketStatus, TicketLookupProblem> statusOf(const TicketRecord &ticket);

    QueueStore &m_store;
    QueueOverviewReader &m_overview;
    QueueService &m_queue;
    CatalogService &m_catalog;
    const Clock &m_clock;
    QString m_centerId;
    QRegularExpression m_url; // the platform's ticket URL, its two fields captured; invalid: none
};

} // namespace hk

Q_DECLARE_METATYPE(hk::TicketStatus)
Q_DECLARE_METATYPE(hk::TicketLookupProblem)

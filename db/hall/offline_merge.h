#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"
#include "db/database.h"

#include <QDateTime>
#include <QString>
#include <QVariantList>

#include <optional>
#include <vector>

namespace hk {

// A booking checked in at two terminals during one outage (or once offline and once in the hall):
// the earlier check-in keeps it, the later ticket is cancelled (DESIGN §11). For the console's line.
struct DuplicateCheckIn {
    QString bookingId;
    QString keptNumber;
    QString cancelledNumber;
    QString cancelledTicketId;
};

struct MergeSummary {
    int tickets = 0; // offline tickets that joined the hall's queue in this merge
    int events = 0;  // outbox events moved from the terminal's file into the hall's outbox
    std::vector<DuplicateCheckIn> cancelled;
};

// Brings a hall terminal's offline tickets — issued in its offline series while the hall database
// was out of reach (SqlQueueStore with an offline index) — into the hall's queue, and its outbox
// events into the hall's outbox, so the platform hears of each once (DESIGN §11).
//
// Each ticket, oldest first, is ONE PostgreSQL transaction: the ticket row with its id, number,
// series and times (its queue key its issue time, so it takes its place in the arrival order), its
// events with their ids (`ON CONFLICT (id) DO NOTHING` for both), and a booked ticket's booking.
// Then, in the terminal's file, the ticket is marked merged and its events leave the local outbox.
// Killed between the two, the next merge finds the ticket in the hall, changes nothing there and
// only marks it — never sending an event twice even when the hall's sender delivered (and deleted)
// it meanwhile, since the hall's part is only written when the ticket row is new.
//
// A booking the hall already has checked in with another ticket keeps the earlier check-in (issue
// time): the later ticket — whichever terminal's — is cancelled with `ticket_cancelled {ticket,
// number, reason: "duplicate_check_in"}`, and the later check-in's `booking_checked_in` never
// reaches the hall's outbox (a pending one there is withdrawn). Only a waiting ticket is cancelled:
// when the hall's ticket of the booking was called already, the citizen is at a window with it and
// it keeps the booking, however early the offline one. A ticket of a day the hall closed meanwhile
// joins it expired (`ticket_expired`), as day close would have left it.
class OfflineMerge {
public:
    OfflineMerge(Database &hall, Database &local);

    // Offline tickets in the terminal's file not yet merged.
    Result<int, StoreError> pending();
    // Merges them all, stopping at the first failure (what was merged stays merged; the next merge
    // goes on from there). `at` is the moment events written by the merge carry (in the center's
    // zone); invalid: now, at the offset of the ticket's own issue event.
    Result<MergeSummary, StoreError> mergeAll(const QDateTime &at = {});

private:
    struct Offline;
    struct HallOutcome;

    Result<Offline, StoreError> readLocal(const QString &ticketId);
    Result<HallOutcome, StoreError> writeHall(const Offline &ticket, const QDateTime &at);
    Result<void, StoreError> markLocal(const Offline &ticket, const HallOutcome &outcome, const QDateTime &at);
    Result<int, StoreError> moveOtherEvents();

    Database &m_hall;
    Database &m_local;
};

} // namespace hk

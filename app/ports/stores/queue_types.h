#pragma once

#include "app/domain/catalog.h"
#include "app/domain/queue/calling_policy.h"
#include "app/domain/queue/ticket.h"
#include "app/domain/time/civil_date.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace hk {

// Why a queue operation did not happen. The console API maps these to its 409 error codes.
struct QueueError {
    enum class Kind {
        UnknownWindow,   // not a window of the catalog
        NoCurrentTicket, // finish/recall/start serving/pass/transfer with nobody at the window
        WindowPaused,    // a call while paused
        NotAllowed,      // the ticket's state does not allow it (start a serving ticket …)
        RecallLimit,     // Q4: recalled the maximum number of times
        UnknownTicket,
        UnknownGroup,
        RequeueTooLate,  // Q4: more than 30 minutes after it was passed
        DailyCapReached, // the group's daily ticket cap
        AlreadyCheckedIn,
        Store,           // the database failed: nothing changed
        Offline,         // the hall database is out of reach: window operations wait for it (DESIGN §11)
    };
    Kind kind = Kind::Store;
    QString detail;
};

// One ticket's history, for the simulator's statistics, the console's at-risk list, the window it
// stands at, and tests.
struct TicketRecord {
    QString id;
    QString number;
    TicketKind kind = TicketKind::WalkIn;
    QString groupCode;
    TicketState state = TicketState::Waiting;
    QDateTime issuedAt;
    std::optional<QDateTime> priorityAt;
    std::optional<QDateTime> slotStart;
    std::optional<Complexity> complexity;
    std::optional<QDateTime> calledAt;
    std::optional<QDateTime> finishedAt;
    std::optional<QDateTime> passedAt;
    std::optional<int> window;
    int recalls = 0; // since it was last called (Q4)
    QString bookingId;
    QString matterCode; // booked tickets
    PrintState printState = PrintState::Pending; // kept beside the queue state (DESIGN §3)
    int reprints = 0;        // by anyone
    int citizenReprints = 0; // by the citizen at the terminal (at most one)
};

// A window as the console and the boards see it (DESIGN §7, window state).
struct WindowState {
    int number = 0;
    WindowMode mode = WindowMode::Normal;
    std::optional<WindowMode> pendingMode; // applies when the current ticket is finished (Q3)
    std::optional<TicketRecord> current; // the citizen called to it, or being served
};

// What a window operation needs to know that only the services know.
struct WindowContext {
    int window = 0;
    std::vector<std::string> groups; // the groups it serves; "*" = all (Q1)
    CivilDate serviceDate;
    QDateTime at; // now, in the center's zone
    // Q2/Q3: picks among the waiting tickets of the window's groups, or none.
    std::function<std::optional<CallChoice>(const WindowCallState &, const std::vector<QueuedTicket> &)> choose;
    // Whether `choose` reads the booked tickets' waits (slack:F only): a store then also offers, per
    // complexity, the booked ticket waiting longest; otherwise it may leave them out.
    bool readsWaits = true;
};

struct BookedRequest {
    QString bookingId;
    QString groupCode;
    QString matterCode;
    char prefix = 'Y';
    CivilDate serviceDate;
    QDateTime at;          // check-in, center zone
    QDateTime priorityAt;  // C4: max(check-in, slot start − 15 min)
    QDateTime slotStart;
    Complexity complexity = Complexity::General;
    QString terminalId;
    bool emergency = false; // B7: issued whenever the terminal runs, even outside the issuing hours
};

} // namespace hk

Q_DECLARE_METATYPE(hk::WindowState)

#pragma once

#include "app/ports/clock.h"
#include "app/ports/devices/ticket_printer.h"
#include "app/ports/hall_channel.h"
#include "app/ports/stores/queue_store.h"
#include "app/services/catalog_service.h"
#include "app/services/ticket/issue_refusal.h"
#include "app/services/ticket/reprint_error.h"
#include "app/services/ticket/ticket_composer.h"
#include "app/services/ticket/ticket_slip.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>

namespace hk {

// Issue and print are one step (DESIGN §10): the printer's status is asked first and a refusal
// issues nothing; only then is a number taken and the ticket printed. A print that fails after the
// number was taken leaves the ticket `print_failed` and reports it, so the screen can show the
// number and QR in its place — never a number that no one holds. Such a ticket can be printed
// again (补打): once by the citizen at the terminal, any time by staff; each reprint that reaches
// the printer is counted and written to the audit log. The service owns the printer's time: one
// ticket at a time, and work that needs the printer (a check-in's presentation) waits its turn here.
// Each number taken is told to the hall's other terminals (`HallChannel`, a `queue` notice), whose
// consoles and displays count the waiting tickets of the whole hall.
class IssueTicketService : public QObject {
    Q_OBJECT
public:
    // Who asks for a reprint: the citizen on the print-failed screen, the citizen whose booking
    // was checked in before and who presents it again (C2: one reprint even of a printed ticket),
    // or a member of staff.
    struct Reprinter {
        bool citizen = true;
        QString staffId;
        bool presentedAgain = false;
        static Reprinter atTerminal() { return {true, {}, false}; }
        static Reprinter checkedInAgain() { return {true, {}, true}; }
        static Reprinter staff(QString id) { return {false, std::move(id), false}; }
        QString actor() const { return citizen ? QStringLiteral("citizen") : QStringLiteral("staff:%1").arg(staffId); }
    };
    using ReprintCallback = std::function<void(Result<TicketSlip, ReprintError>)>;

    IssueTicketService(QueueStore &store, HallChannel &hall, TicketPrinter &printer, CatalogService &catalog,
                       TicketComposer &composer, const Clock &clock, QString terminalId,
                       QObject *parent = nullptr);

    // The printer is taken: from the status check of an issue or a reprint to the end of its print.
    bool isBusy() const { return m_busy; }
    // Runs `work` once the printer is free: now if it is, else after what prints and waits before
    // it, in order; dropped if `context` is gone by then. False, and nothing kept, when kMaxWaiting
    // already wait (a stuck scanner key, not a queue of citizens).
    bool whenFree(QObject *context, std::function<void()> work);
    int waiting() const { return int(m_waiting.size()); }
    static constexpr int kMaxWaiting = 8;
    void issueWalkIn(const QString &groupCode);
    // C4: a booking the check-in accepted becomes a ticket of the booked series. `draft` carries
    // what the ticket says besides its number (group, matter, slot, materials).
    void issueBooked(const BookedRequest &request, const TicketSlip &draft);
    // Prints the ticket again (补打), from its record, or as `slip` says it (a booked ticket's
    // matter, slot and materials). `done` runs once, later, on this thread.
    void reprint(const QString &ticketId, const Reprinter &by, ReprintCallback done);
    void reprint(const TicketSlip &slip, const Reprinter &by, ReprintCallback done);
    static constexpr int kCitizenReprints = 1; // per ticket, at the terminal
    // Prints a document that is no ticket (a materials list): the printer's status first, then the
    // document, in the printer's time as a ticket is (a tap while something prints: Busy, nothing
    // kept). Nothing is stored. `done` runs once, later, on this thread.
    void printDocument(const PrintDocument &document, TicketPrinter::PrintCallback done);
    // Waiting tickets per group code today, for the buttons on the home screen.
    QMap<QString, int> waitingCounts() const;

Q_SIGNALS:
    void issueStarted(const QString &groupCode);
    void ticketIssued(const hk::TicketSlip &slip);
    void ticketPrintFailed(const hk::TicketSlip &slip, hk::DeviceError error);
    void issueRefused(const hk::IssueRefusal &refusal);

private:
    struct Waiting {
        QPointer<QObject> context;
        std::function<void()> work;
    };

    // The printer is free again: what waits for it runs next, on a fresh turn of the event loop.
    void freePrinter();
    void runWaiting();
    // Outside the issuing hours: refuses and returns false.
    bool checkIssuingHours();
    // A walk-in in the early/late hour, or on a weekend for a group with no weekend matter:
    // refuses and returns false.
    bool checkWalkInHours(const QString &groupCode);
    // Status first; `ready` runs only when the printer can print (DESIGN §10).
    void whenPrinterReady(const QString &groupCode, std::function<void()> ready);
    void onPrinterReady(const QString &groupCode);
    void printSlip(const TicketSlip &slip);
    void tellHall();
    void refuse(IssueRefusal refusal);
    TicketSlip slipFor(const TicketRecord &ticket) const;
    void reprintTicket(const QString &ticketId, std::optional<TicketSlip> given, const Reprinter &by, ReprintCallback done);

    QueueStore &m_store;
    HallChannel &m_hall;
    TicketPrinter &m_printer;
    CatalogService &m_catalog;
    TicketComposer &m_composer;
    const Clock &m_clock;
    QString m_terminalId;
    bool m_busy = false;
    QList<Waiting> m_waiting;
    bool m_runScheduled = false;
};

} // namespace hk

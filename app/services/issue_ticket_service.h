#pragma once

#include "app/ports/clock.h"
#include "app/ports/queue_store.h"
#include "app/ports/ticket_printer.h"
#include "app/services/catalog_service.h"
#include "app/services/issue_refusal.h"
#include "app/services/ticket_composer.h"
#include "app/services/ticket_slip.h"

#include <QMap>
#include <QObject>

#include <functional>

namespace hk {

// Issue and print are one step (DESIGN §10): the printer's status is asked first and a refusal
// issues nothing; only then is a number taken and the ticket printed. A print that fails after the
// number was taken leaves the ticket `print_failed` and reports it, so the screen can show the
// number and QR in its place — never a number that no one holds.
class IssueTicketService : public QObject {
    Q_OBJECT
public:
    IssueTicketService(QueueStore &store, TicketPrinter &printer, CatalogService &catalog,
                       TicketComposer &composer, const Clock &clock, QString terminalId,
                       QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    void issueWalkIn(const QString &groupCode);
    // C4: a booking the check-in accepted becomes a ticket of the booked series. `draft` carries
    // what the ticket says besides its number (group, matter, slot, materials).
    void issueBooked(const BookedRequest &request, const TicketSlip &draft);
    // C2: the one reprint of a ticket already issued, printed again as it was (marked 补打).
    void reprint(const TicketSlip &slip);
    static constexpr int kReprintLimit = 1;
    // Waiting tickets per group code today, for the buttons on the home screen.
    QMap<QString, int> waitingCounts() const;

Q_SIGNALS:
    void issueStarted(const QString &groupCode);
    void ticketIssued(const hk::TicketSlip &slip);
    void ticketPrintFailed(const hk::TicketSlip &slip, hk::DeviceError error);
    void issueRefused(const hk::IssueRefusal &refusal);

private:
    // Outside the issuing hours: refuses and returns false.
    bool checkIssuingHours();
    // Status first; `ready` runs only when the printer can print (DESIGN §10).
    void whenPrinterReady(const QString &groupCode, std::function<void()> ready);
    void onPrinterReady(const QString &groupCode);
    void printSlip(const TicketSlip &slip, bool countsAsIssued);
    void refuse(IssueRefusal refusal);

    QueueStore &m_store;
    TicketPrinter &m_printer;
    CatalogService &m_catalog;
    TicketComposer &m_composer;
    const Clock &m_clock;
    QString m_terminalId;
    bool m_busy = false;
};

} // namespace hk

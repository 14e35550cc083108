#pragma once

#include "app/domain/booking/booking_rules.h"
#include "app/ports/booking_code_verifier.h"
#include "app/ports/clock.h"
#include "app/ports/devices/code_scanner.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/stores/booking_store.h"
#include "app/ports/stores/queue_store.h"
#include "app/services/catalog_service.h"
#include "app/services/checkin/booking_choice.h"
#include "app/services/checkin/check_in_problem.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_composer.h"
#include "app/services/ticket/ticket_slip.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace hk {

// Booking check-in at the terminal (DESIGN §3, C1–C5; §6, the QR token and id_digest): a booking
// QR code is verified offline with the platform's Ed25519 key, an ID card is matched to today's
// cached bookings by its keyed digest; the rules of `evaluateCheckIn` decide; an accepted booking
// becomes a booked ticket through the IssueTicketService (status, number, print). Scans and cards
// arriving while a ticket prints wait their turn there, so citizens can present back to back.
class CheckInService : public QObject {
    Q_OBJECT
public:
    struct Keys {
        const BookingCodeVerifier *verifier = nullptr; // null: no platform.public_key_file
        QByteArray matchKey;                           // empty: no platform.match_key_file
    };

    CheckInService(BookingStore &bookings, QueueStore &queue, IssueTicketService &issue, CatalogService &catalog,
                   const TicketComposer &composer, const Clock &clock, QString centerId, Keys keys,
                   QObject *parent = nullptr);

    // What a scanner read (any QR or barcode) and what a card on the reader said.
    void presentCode(const QString &text);
    void presentCard(const IdentityDocument &document);
    void reportCardFailure(const CardReadFailure &failure);
    void reportScanFailure(const ScanFailure &failure);
    // The citizen picked one of the bookings a card matched.
    void chooseBooking(const QString &bookingId);
    // C2: the one reprint of a ticket shown by alreadyCheckedIn. `done` runs once, later.
    void reprint(const QString &ticketId, IssueTicketService::ReprintCallback done);
    // The citizen has gone (home): nothing of theirs is kept for a later tap.
    void forgetCitizen();

Q_SIGNALS:
    void checkInRefused(const hk::CheckInProblem &problem);
    void alreadyCheckedIn(const hk::TicketSlip &slip, bool reprintAllowed);
    void choiceNeeded(const hk::BookingChoice &choice);

private:
    struct Presentation {
        bool card = false;
        QString code;         // a scan
        QString digest;       // a card: what is left of it
        QString holderMasked;
    };
    struct Candidate {
        QString bookingId;
        QString center;
        QString matterCode;
        QString groupCode;
        QDateTime slotStart; // instant
        QDateTime slotEnd;   // instant; invalid: one slot length
        BookingState state = BookingState::Booked;
        std::optional<QDateTime> expires; // a code's; none for a card
        bool cached = false;
        QString ticketId;
        bool emergency = false; // B7: the cache's word (a code does not say)
    };

    void enqueue(Presentation presentation);
    void handle(const Presentation &presentation);
    void handleCode(const QString &text);
    void handleCard(const QString &digest, const QString &holderMasked);
    void evaluate(const Candidate &candidate);
    void onRuleRefused(const Candidate &candidate, const CheckInRefusal &refusal);
    void showExisting(const Candidate &candidate);
    bool forfeit(const Candidate &candidate);
    Candidate candidateOf(const BookingRecord &record) const;
    // What a booked ticket says besides its number: matter, slot, materials.
    TicketSlip draftFor(const Candidate &candidate) const;
    QString slotText(const Candidate &candidate) const;
    void refuse(CheckInProblem problem);

    BookingStore &m_bookings;
    QueueStore &m_queue;
    IssueTicketService &m_issue;
    CatalogService &m_catalog;
    const TicketComposer &m_composer;
    const Clock &m_clock;
    QString m_centerId;
    Keys m_keys;
    QStringList m_choice;                   // booking ids the screen offers
    QHash<QString, TicketSlip> m_reprintable; // ticket id → slip the screen offers to reprint
};

} // namespace hk

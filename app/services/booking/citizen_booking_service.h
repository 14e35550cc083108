#pragma once

#include "app/ports/clock.h"
#include "app/ports/devices/identity_reader.h"
#include "app/ports/devices/ticket_printer.h"
#include "app/ports/platform_client.h"
#include "app/ports/stores/booking_store.h"
#include "app/services/booking/booking_slip_composer.h"
#include "app/services/booking/citizen_booking.h"
#include "app/services/catalog_service.h"
#include "app/services/sync/remote_booking_service.h"
#include "app/services/sync/sync_service.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <vector>

namespace hk {

// The citizen's 预约 and 取消预约 at the terminal (DESIGN §14) over the platform's booking routes
// (§6, through RemoteBookingService), the bookings cache and the ticket printer. The platform
// decides every rule; the terminal only leaves out what it would refuse anyway (full slots, slots
// within the lead time) and says B4 before asking.
// The ID number and the name live only in the BookingOrder the caller holds for the one request:
// nothing here keeps, logs or stores them (the cache gets the platform's masked forms and digest).
class CitizenBookingService : public QObject {
    Q_OBJECT
public:
    struct Settings {
        QByteArray matchKey;  // DESIGN §6 id_digest: a card finds its bookings in the cache
        QString hallAddress;  // kiosk.hall_address: the slip's address when the catalog has none
        QString bookingPhone; // said on the 需要联网 screen
        int attempts = 3;     // a lost answer (network, timeout, 5xx) is asked again with the same request_id
        int retryDelayMs = 500;
        int scanDays = 30;    // how far ahead the day list and the cancel list look
        int offeredDays = 7;  // DESIGN §14: the next 7 working days with free slots
        int refreshWaitMs = 5000; // the longest the cancel list waits for a pull
    };
    template <typename T> using Callback = std::function<void(Result<T, PlatformError>)>;

    CitizenBookingService(BookingStore &bookings, CatalogService &catalog, TicketPrinter &printer, const Clock &clock,
                          Settings settings, QObject *parent = nullptr);

    // The platform as the terminal reaches it; none (no platform configured, or not started yet):
    // booking and cancelling say they need the network. `sync` may be null (no refresh).
    void setPlatform(RemoteBookingService *remote, SyncService *sync);
    bool online() const { return m_remote != nullptr; }
    const Settings &settings() const { return m_settings; }

    // A new order for what the citizen chose, with a fresh request_id (a UUID).
    // The hall's address on the confirm screen and the slip: the catalog's center.address (the
    // platform's catalog, as the materials list prints it), else kiosk.hall_address.
    QString hallAddress() const;
    static BookingOrder newOrder(const QString &matterCode, const QDateTime &slotStart, const IdentityDocument &card,
                                 const QString &phone);
    // An 11-digit mainland mobile number (1[3-9]xxxxxxxxx).
    static bool isMobileNumber(const QString &digits);

    void openDays(const QString &matterCode, Callback<std::vector<DayOffer>> done);
    void openSlots(const CivilDate &date, const QString &matterCode, Callback<std::vector<SlotOffer>> done);
    // Books (asking again with the same request_id while the answer is lost, up to `attempts`
    // times), then prints the slip. A failure after the last attempt may still have booked on the
    // platform: the caller offers to try again with the same order, which books nothing twice.
    void book(const BookingOrder &order, Callback<SlipOutcome> done);

    // The card's bookings still to come, from the cache.
    std::vector<CitizenBooking> bookingsOf(const QString &idDigest);
    QString digestOf(const IdentityDocument &card) const;
    // Pulls the platform's bookings now (when it can), then calls `done` either way.
    void refreshBookings(std::function<void()> done);
    void cancel(const QString &bookingId, Callback<SlipOutcome> done);

private:
    void scanDays(std::shared_ptr<std::vector<DayOffer>> found, CivilDate date, int left, QString matter,
                  Callback<std::vector<DayOffer>> done);
    std::vector<SlotOffer> bookable(const std::vector<SlotAvailability> &slots) const;
    void attempt(BookingOrder order, int attempt, Callback<SlipOutcome> done);
    BookingSlip slipOf(const BookingRecord &booking, const QString &qrToken) const;
    void print(BookingSlip slip, Callback<SlipOutcome> done);
    QString cancelRule() const;

    BookingStore &m_bookings;
    CatalogService &m_catalog;
    TicketPrinter &m_printer;
    const Clock &m_clock;
    Settings m_settings;
    BookingSlipComposer m_composer;
    QPointer<RemoteBookingService> m_remote;
    QPointer<SyncService> m_sync;
};

} // namespace hk

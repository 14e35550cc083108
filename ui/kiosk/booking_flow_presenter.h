#pragma once

#include "app/ports/clock.h"
#include "app/ports/devices/identity_reader.h"
#include "app/services/booking/citizen_booking_service.h"
#include "app/services/catalog_service.h"
#include "ui/kiosk/kiosk_messages.h"
#include "ui/kiosk/option_list_view.h"

#include <QObject>

#include <optional>

namespace hk {

class KioskPresenter;
class KioskWindow;

// The citizen's 预约 and 取消预约 screens (DESIGN §14): a card on the reader, then choices, then
// the platform, then a slip. It runs its steps on the window's option list, keypad and notice
// screens; the kiosk presenter keeps the countdown home (§1) and takes everything else.
// What it holds of the citizen (the card, the order with the ID number, the card's digest) is
// dropped when the booking is made, and whenever the window goes home or to another flow's screen.
class BookingFlowPresenter : public QObject {
    Q_OBJECT
public:
    BookingFlowPresenter(KioskWindow &window, KioskPresenter &kiosk, CitizenBookingService &booking, CatalogService &catalog,
                         int idleTimeoutS, int resultScreenS, QObject *parent = nullptr);

    // A card on the reader while a flow waits for one: taken here (true), else it is a check-in's.
    bool offerCard(const IdentityDocument &card);
    bool offerCardFailure(const CardReadFailure &failure);

    enum class Step {
        None,
        BookCard, Group, Matter, Materials, Day, Slot, Phone, Confirm, Sending, Booked, BookFailed,
        CancelCard, Refreshing, CancelList, CancelConfirm, Cancelling, CancelDone, CancelFailed,
    };
    Step step() const { return m_step; }

private:
    void startBooking();
    void startCancel();
    void reset();
    void showOptions(Step step, const QString &title, const QString &text, const QList<ListOption> &options, int columns = 1);
    void showNotice(Step step, bool alert, const CitizenMessage &message, const QString &action = {}, bool countdown = true);
    void onOption(const QString &id);
    void onNoticeAction();
    void showGroups();
    void showMatters(const QString &group);
    void showMaterials(const QString &matter);
    void loadDays();
    void loadSlots(const CivilDate &date);
    void onPhone(const QString &digits);
    void showConfirm();
    void send();
    void onBooked(const Result<SlipOutcome, PlatformError> &result);
    void loadBookings();
    void showBookings();
    void confirmCancel(const QString &bookingId);
    void sendCancel();
    void onCancelled(const Result<SlipOutcome, PlatformError> &result);
    void showPlatformError(const PlatformError &error, bool cancelling);
    QString matterName(const QString &code) const;

    KioskWindow &m_window;
    KioskPresenter &m_kiosk;
    CitizenBookingService &m_booking;
    CatalogService &m_catalog;
    int m_idleTimeoutS;
    int m_resultScreenS;
    Step m_step = Step::None;
    enum class Retry { None, Send, Slots, Days, Cancel };
    Retry m_retry = Retry::None; // what the notice's button does
    bool m_showing = false; // this presenter is changing the screen: not another flow's doing
    quint64 m_generation = 0; // answers for a flow the citizen has left are dropped

    // The booking being made. The card (ID number and name) only until the booking is made.
    std::optional<IdentityDocument> m_card;
    QString m_holderMasked;
    QString m_group;
    QString m_matter;
    std::vector<DayOffer> m_days;
    std::vector<SlotOffer> m_slots;
    CivilDate m_date;
    QDateTime m_slotStart;
    QDateTime m_slotEnd;
    QString m_phone;
    std::optional<BookingOrder> m_order; // kept for 再试一次 with the same request_id
    // The cancel: the card's digest only.
    QString m_digest;
    std::vector<CitizenBooking> m_bookings;
    QString m_cancelId;
};

} // namespace hk

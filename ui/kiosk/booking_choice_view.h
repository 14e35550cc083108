#pragma once

#include "app/services/checkin/booking_choice.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace hk {

// An ID card that matches several of today's bookings: one large button per booking (matter,
// slot, group); the citizen taps the one to check in now, or one already checked in to see its
// ticket again and reprint it once (C2).
class BookingChoiceView : public QWidget {
    Q_OBJECT
public:
    explicit BookingChoiceView(QWidget *parent = nullptr);

    void show(const BookingChoice &choice);
    void clear();

Q_SIGNALS:
    void bookingChosen(const QString &bookingId);

private:
    QLabel *m_title;
    QLabel *m_prompt;
    QVBoxLayout *m_options;
    QList<QWidget *> m_buttons;
};

} // namespace hk

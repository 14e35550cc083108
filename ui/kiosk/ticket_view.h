#pragma once

#include "app/services/ticket_slip.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace hk {

// "请取票": the number in very large type, the group, how many are ahead. When the print failed
// the same screen becomes the ticket: number and QR large, "请拍照或记下号码".
class TicketView : public QWidget {
    Q_OBJECT
public:
    explicit TicketView(QWidget *parent = nullptr);

    void showPrinted(const TicketSlip &slip);
    void showPrintFailed(const TicketSlip &slip, const QString &reason);
    // C2: a booking checked in before — its ticket on screen, and one reprint if allowed.
    void showCheckedIn(const TicketSlip &slip, bool reprintAllowed);

Q_SIGNALS:
    void reprintRequested(const QString &ticketId);

private:
    void fill(const TicketSlip &slip);
    void showQr(const TicketSlip &slip, int moduleSize);

    QString m_ticketId;
    QVBoxLayout *m_layout;
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_matter;
    QLabel *m_slot;
    QPushButton *m_reprint;
    QLabel *m_number;
    QLabel *m_group;
    QLabel *m_ahead;
    QLabel *m_time;
    QLabel *m_qr;
    QLabel *m_hint;
};

} // namespace hk

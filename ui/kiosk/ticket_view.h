#pragma once

#include "app/services/ticket/ticket_slip.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace hk {

// "请取票": the number in very large type, the group, how many are ahead; a booked ticket also
// shows 预约优先, its matter and slot. When the print failed the same screen becomes the ticket:
// number and QR large, "请拍照或记下号码", and the citizen's one reprint (补打) as a button. A
// booking checked in before shows its ticket again, with one reprint if it is still allowed (C2).
class TicketView : public QWidget {
    Q_OBJECT
public:
    enum class ReprintOffer { None, Available, Printing };

    explicit TicketView(QWidget *parent = nullptr);

    void showPrinted(const TicketSlip &slip);
    void showPrintFailed(const TicketSlip &slip, const QString &reason);
    void showCheckedIn(const TicketSlip &slip, bool reprintAllowed);
    // The 补打 button, and a line under it saying how it went.
    void setReprintOffer(ReprintOffer offer, const QString &note = {});

Q_SIGNALS:
    void reprintRequested();

protected:
    void changeEvent(QEvent *event) override; // LanguageChange: the texts it set itself, again

private:
    void retranslate();
    void fill(const TicketSlip &slip);
    void showQr(const TicketSlip &slip, int moduleSize);

    QVBoxLayout *m_layout;
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_number;
    QLabel *m_group;
    QLabel *m_matter;
    QLabel *m_slot;
    QLabel *m_ahead;
    QLabel *m_time;
    QLabel *m_qr;
    QLabel *m_hint;
    QPushButton *m_reprint;
    QLabel *m_reprintNote;
};

} // namespace hk

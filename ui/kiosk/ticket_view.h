#pragma once

#include "app/services/ticket_slip.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace hk {

// "请取票": the number in very large type, the group, how many are ahead. When the print failed
// the same screen becomes the ticket: number and QR large, "请拍照或记下号码", and the citizen's
// one reprint (补打) as a button.
class TicketView : public QWidget {
    Q_OBJECT
public:
    enum class ReprintOffer { None, Available, Printing };

    explicit TicketView(QWidget *parent = nullptr);

    void showPrinted(const TicketSlip &slip);
    void showPrintFailed(const TicketSlip &slip, const QString &reason);
    // The 补打 button on the print-failed screen, and a line under it saying how it went.
    void setReprintOffer(ReprintOffer offer, const QString &note = {});

Q_SIGNALS:
    void reprintRequested();

private:
    void fill(const TicketSlip &slip);

    QLabel *m_title;
    QLabel *m_number;
    QLabel *m_group;
    QLabel *m_ahead;
    QLabel *m_time;
    QLabel *m_qr;
    QLabel *m_hint;
    QPushButton *m_reprint;
    QLabel *m_reprintNote;
};

} // namespace hk

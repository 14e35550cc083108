#pragma once

#include "app/services/ticket/ticket_lookup_service.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace hk {

// 排队查询 (DESIGN §14): first how to look a ticket up (scan its QR at the scanner), then the
// ticket's number, the people ahead, whether it was called and to which window; a passed ticket
// still in time offers 重新排队 (Q4). The presenter writes the words; this lays them out.
class MyTicketView : public QWidget {
    Q_OBJECT
public:
    explicit MyTicketView(QWidget *parent = nullptr);

    void showPrompt();
    // `state`: the main line ("前面还有 3 人"); `detail`: what to do; `requeue`: offer 重新排队.
    void showStatus(const TicketStatus &status, const QString &state, const QString &detail, bool requeue);
    // Under the status when 重新排队 did not happen: why, and the offer withdrawn.
    void setRequeueRefused(const QString &why);
    void clear();

Q_SIGNALS:
    void requeueRequested();

protected:
    void changeEvent(QEvent *event) override; // LanguageChange: the texts it set itself, again

private:
    void retranslate();
    QLabel *m_title;
    QLabel *m_text;
    QLabel *m_number;
    QLabel *m_group;
    QLabel *m_state;
    QLabel *m_detail;
    QPushButton *m_requeue;
};

} // namespace hk

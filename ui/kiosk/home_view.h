#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;

namespace hk {

struct GroupChoice {
    QString code;
    QString name;
};

// The home screen: the center's name, date and time up top (nothing to touch there), one large
// button per group below, and a banner when tickets cannot be printed right now.
class HomeView : public QWidget {
    Q_OBJECT
public:
    explicit HomeView(QWidget *parent = nullptr);

    void setCenterName(const QString &name);
    void setClock(const QDateTime &localTime);
    void setGroups(const QList<GroupChoice> &groups);
    void setWaiting(const QMap<QString, int> &waitingByGroup);
    // An empty text hides the banner and enables the buttons again.
    void setUnavailable(const QString &title, const QString &text);
    // Seed 000 "做好解释工作": a calm line over the buttons when a group's wait is long; empty hides it.
    void setWaitNotice(const QString &text);
    // How a citizen who booked checks in (scan, card), under the buttons; empty hides it.
    void setCheckInHint(const QString &text);

Q_SIGNALS:
    void groupChosen(const QString &code);
    void guideRequested();    // 办事指南
    void myTicketRequested(); // 排队查询
    void bookRequested();          // 预约 (DESIGN §14)
    void cancelBookingRequested(); // 取消预约

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshPromptRow();
    void retranslate();

    QLabel *m_center;
    QLabel *m_date;
    QLabel *m_time;
    QLabel *m_prompt;
    QWidget *m_banner;
    QLabel *m_bannerTitle;
    QLabel *m_bannerText;
    QLabel *m_waitNotice;
    QGridLayout *m_grid;
    QLabel *m_checkInHint;
    QPushButton *m_guide;
    QPushButton *m_myTicket;
    QPushButton *m_book;
    QPushButton *m_cancelBooking;
    QMap<QString, QPushButton *> m_buttons;
    QMap<QString, QLabel *> m_waiting;
    QDateTime m_clockTime;             // shown again in the other language
    QMap<QString, int> m_waitingByGroup;
};

// 2026年11月24日 星期二 — or, with English on, Tue 24 Nov 2026.
QString chineseDate(const QDate &date, bool withYear = true);

} // namespace hk

#pragma once

#include "app/ports/clock.h"
#include "app/services/catalog_service.h"
#include "app/services/checkin/check_in_service.h"
#include "app/services/day_service.h"
#include "app/services/guide/guide_service.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/health_service.h"
#include "app/services/help_service.h"
#include "app/services/ticket/issue_ticket_service.h"
#include "app/services/ticket/ticket_lookup_service.h"

#include <QObject>
#include <QTimer>

namespace hk {

class KioskWindow;

struct KioskSettings {
    int ticketScreenS = 20; // "请取票", and the countdown on every non-home screen
    int printFailedS = 90;  // long enough to take a photo or find a pen
    // kiosk.idle_timeout_s: how long a screen that waits for the citizen to choose stays, and how
    // long home may be left untouched before 长辈版 is the hall's setting again.
    int idleTimeoutS = 60;
    // 长辈版 as the hall set it (kiosk.elder_mode). A citizen may switch it; once the terminal has
    // gone home on its own, or home has been left untouched for idleTimeoutS, it is the hall's again.
    bool elderMode = false;
    // How often the presenter compares the clock with its deadlines. The deadlines are instants
    // of the Clock, so this only sets how soon after one it acts; tests on a fake clock look often.
    int wakeMs = 1000;
};

// Runs the citizen's screens: forwards taps to the services as intents and shows what they report.
// No rules and no device or database calls here — only what to show, and when to go home.
// Time comes from the Clock alone: each countdown is an instant to reach, and a timer only wakes
// the presenter to compare the clock with it (with a test's clock, the next wake-up after the test
// moves it acts).
class KioskPresenter : public QObject {
    Q_OBJECT
public:
    KioskPresenter(KioskWindow &window, IssueTicketService &issue, CheckInService &checkIn, HelpService &help,
                   CatalogService &catalog, HealthService &health, DayService &day, QueueOverviewService &overview,
                   const Clock &clock, KioskSettings settings, QObject *parent = nullptr);

    void start();
    // 办事指南 and 排队查询 (DESIGN §14): home's two entries, and a ticket's QR scanned on any
    // citizen screen. Before start(); without it, the entries show nothing.
    void attachCitizenServices(GuideService &guide, TicketLookupService &lookup);
    // Another flow's screen (预约, 取消预约) counts down home like these do; < 0: no countdown
    // while the terminal waits for something on the citizen's behalf.
    void countDown(int seconds);

private:
    void goHome();
    void goHomeUnattended(); // the countdown ran out: the citizen has gone
    void showForSeconds(int seconds);
    void onWake();
    QDateTime now();
    void onGroupChosen(const QString &code);
    void onTicketIssued(const TicketSlip &slip);
    void onTicketPrintFailed(const TicketSlip &slip, DeviceError error);
    void onIssueRefused(const IssueRefusal &refusal);
    void onReprintRequested();
    void onReprinted(const QString &ticketId, const Result<TicketSlip, ReprintError> &result);
    void onHelpRequested();
    // Check-in (C1–C5): any citizen screen gives way to what a scan or a card brought.
    void onCheckInRefused(const CheckInProblem &problem);
    void onAlreadyCheckedIn(const TicketSlip &slip, bool reprintAllowed);
    void onChoiceNeeded(const BookingChoice &choice);
    void onNoticeAction();
    void refreshCheckInHint();
    // The banner over the buttons: closed hours first, then a printer that cannot print.
    void refreshAvailability();
    void reloadCatalog();
    void refreshClockAndCounts();
    // Seed 000 "做好解释工作": the groups whose expected wait passes their target, explained on home.
    void refreshWaitNotice();
    // 办事指南: groups → matters → a matter; 上一步 goes back a level.
    void showGuide();
    void onGuideGroupChosen(const QString &code);
    void onGuideMatterChosen(const QString &code);
    void onGuideBack();
    void onPrintMaterials();
    // 排队查询
    void showMyTicketPrompt();
    void onTicketFound(const TicketStatus &status);
    void onTicketRefused(const TicketLookupProblem &problem);
    void onRequeueRequested();

    KioskWindow &m_window;
    IssueTicketService &m_issue;
    CheckInService &m_checkIn;
    HelpService &m_help;
    CatalogService &m_catalog;
    HealthService &m_health;
    DayService &m_day;
    QueueOverviewService &m_overview;
    const Clock &m_clock;
    KioskSettings m_settings;
    QTimer m_wake;
    QDateTime m_lastReading;      // the clock's last answer, to notice it being set back
    QDateTime m_countdownEnds;    // invalid: no countdown (home, or waiting for the printer)
    int m_countdownFrom = 0;
    QDateTime m_untouchedSince;   // on home: for giving 长辈版 back to the hall's setting
    qint64 m_homeClockMinute = -1; // the minute home's clock shows, counted from the epoch
    QString m_reprintTicket;      // the ticket on screen whose 补打 the citizen may press
    bool m_reprintAfterCheckIn = false; // …because its booking was presented again (C2)
    QString m_walkInOffer;        // the group the notice's button takes a walk-in ticket for
    GuideService *m_guide = nullptr;
    TicketLookupService *m_lookup = nullptr;
    QString m_guideGroup;         // the group whose matters 办事指南 shows ('' the groups)
    QString m_guideMatter;        // the matter it shows ('' none)
    QString m_lookedUpTicket;     // the ticket 排队查询 shows, for its 重新排队
};

} // namespace hk

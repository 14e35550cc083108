#include "ui/kiosk/kiosk_presenter.h"

#include "ui/kiosk/booking_choice_view.h"
#include "ui/kiosk/guide_view.h"
#include "ui/kiosk/home_view.h"
#include "ui/kiosk/kiosk_messages.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/my_ticket_view.h"
#include "ui/kiosk/notice_view.h"
#include "ui/kiosk/ticket_view.h"

#include <QPointer>

namespace hk {

namespace {

// Whole seconds from one instant to another, to the nearest: a wake-up lands a few milliseconds
// either side of its second, and the countdown must neither skip a number nor show one twice.
qint64 wholeSeconds(const QDateTime &from, const QDateTime &to)
{
    const qint64 ms = from.msecsTo(to);
    return (ms >= 0 ? ms + 500 : ms - 500) / 1000;
}

} // namespace

KioskPresenter::KioskPresenter(KioskWindow &window, IssueTicketService &issue, CheckInService &checkIn, HelpService &help,
                               CatalogService &catalog, HealthService &health, DayService &day, QueueOverviewService &overview,
                               const Clock &clock, KioskSettings settings, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_issue(issue)
    , m_checkIn(checkIn)
    , m_help(help)
    , m_catalog(catalog)
    , m_health(health)
    , m_day(day)
    , m_overview(overview)
    , m_clock(clock)
    , m_settings(settings)
{
    connect(&m_window.home(), &HomeView::groupChosen, this, &KioskPresenter::onGroupChosen);
    connect(&m_window.ticket(), &TicketView::reprintRequested, this, &KioskPresenter::onReprintRequested);
    connect(&m_window, &KioskWindow::homeRequested, this, &KioskPresenter::goHome);
    connect(&m_window, &KioskWindow::helpRequested, this, &KioskPresenter::onHelpRequested);
    connect(&m_window, &KioskWindow::touched, this, [this] {
        // The citizen is still acting: give the full time again.
        m_untouchedSince = now();
        if (m_countdownEnds.isValid())
            showForSeconds(m_countdownFrom);
    });
    connect(&m_issue, &IssueTicketService::issueStarted, this, [this] {
        const CitizenMessage printing = ticketPrinting();
        m_window.notice().show(NoticeView::Tone::Info, printing.title, printing.text);
        m_window.showScreen(KioskWindow::Screen::Notice);
        m_countdownEnds = {};
        m_window.setCountdown(-1);
    });
    connect(&m_issue, &IssueTicketService::ticketIssued, this, &KioskPresenter::onTicketIssued);
    connect(&m_issue, &IssueTicketService::ticketPrintFailed, this, &KioskPresenter::onTicketPrintFailed);
    connect(&m_issue, &IssueTicketService::issueRefused, this, &KioskPresenter::onIssueRefused);
    connect(&m_health, &HealthService::deviceHealthChanged, this, [this](const QString &device) {
        if (device == QLatin1String("printer"))
            refreshAvailability();
        else
            refreshCheckInHint();
    });
    connect(&m_checkIn, &CheckInService::checkInRefused, this, &KioskPresenter::onCheckInRefused);
    connect(&m_checkIn, &CheckInService::alreadyCheckedIn, this, &KioskPresenter::onAlreadyCheckedIn);
    connect(&m_checkIn, &CheckInService::choiceNeeded, this, &KioskPresenter::onChoiceNeeded);
    connect(&m_window.choice(), &BookingChoiceView::bookingChosen, this, [this](const QString &bookingId) {
        m_window.choice().clear();
        m_checkIn.chooseBooking(bookingId);
    });
    connect(&m_window.notice(), &NoticeView::actionTriggered, this, &KioskPresenter::onNoticeAction);
    connect(&m_day, &DayService::issuingChanged, this, &KioskPresenter::refreshAvailability);
    // 中文/English on home: what the presenter wrote there is written again in the other language
    // (the views re-text their own words on the LanguageChange).
    connect(&m_window, &KioskWindow::languageChanged, this, [this] {
        refreshAvailability();
        refreshCheckInHint();
        refreshClockAndCounts();
    });
    connect(&m_catalog, &CatalogService::catalogChanged, this, &KioskPresenter::reloadCatalog);
    m_wake.setInterval(m_settings.wakeMs);
    m_wake.setTimerType(Qt::PreciseTimer); // a coarse timer may wake 5 % early and drift off the second
    connect(&m_wake, &QTimer::timeout, this, &KioskPresenter::onWake);
}

void KioskPresenter::start()
{
    m_window.setElderMode(m_settings.elderMode);
    reloadCatalog();
    refreshAvailability();
    refreshCheckInHint();
    goHome();
    m_wake.start();
}

QDateTime KioskPresenter::now()
{
    const QDateTime at = m_clock.now();
    // A clock set back (a time sync, a technician) takes the deadlines with it: a citizen's screen
    // must not stay up for the hour the clock went back. Set forward, it only ends them sooner.
    if (m_lastReading.isValid() && at < m_lastReading) {
        const qint64 back = at.msecsTo(m_lastReading);
        m_countdownEnds = m_countdownEnds.addMSecs(-back);
        m_untouchedSince = m_untouchedSince.addMSecs(-back);
    }
    m_lastReading = at;
    return at;
}

void KioskPresenter::reloadCatalog()
{
    const Catalog &catalog = m_catalog.catalog();
    m_window.home().setCenterName(QString::fromStdString(catalog.center.name));
    QList<GroupChoice> groups;
    for (const Group &g : catalog.groups)
        groups.append({QString::fromStdString(g.code), QString::fromStdString(g.name)});
    m_window.home().setGroups(groups);
    refreshClockAndCounts();
}

void KioskPresenter::refreshClockAndCounts()
{
    const QDateTime at = now();
    m_homeClockMinute = at.toSecsSinceEpoch() / 60;
    m_window.home().setClock(m_catalog.centerTime().toLocal(at));
    m_window.home().setWaiting(m_issue.waitingCounts());
    refreshWaitNotice();
}

void KioskPresenter::refreshWaitNotice()
{
    // Read with the clock and the counts, so the line changes only when they do (once a minute at
    // most, and on the way home): nothing moves under a citizen's finger.
    auto overview = m_overview.overview();
    if (!overview) {
        m_window.home().setWaitNotice({});
        return;
    }
    QList<LongWait> waits;
    for (const GroupWaiting &g : overview->groups) {
        if (g.pastTarget())
            waits.append({g.name, int((*g.expectedWaitS + 59) / 60)});
    }
    m_window.home().setWaitNotice(longWaitNotice(waits));
}

void KioskPresenter::goHome()
{
    // Nothing personal stays on screen once the citizen has gone.
    m_reprintTicket.clear();
    m_window.notice().show(NoticeView::Tone::Info, {}, {});
    m_window.choice().clear();
    m_walkInOffer.clear();
    m_window.guide().clear();
    m_window.myTicket().clear();
    m_guideGroup.clear();
    m_guideMatter.clear();
    m_lookedUpTicket.clear();
    m_checkIn.forgetCitizen();
    // DESIGN §14: the choice of language ends when the citizen leaves — 返回首页, a countdown, any
    // way home; the next citizen finds 中文.
    m_window.setLanguage(KioskWindow::Language::Chinese);
    m_window.showScreen(KioskWindow::Screen::Home);
    m_countdownEnds = {};
    m_untouchedSince = now();
    refreshClockAndCounts();
}

void KioskPresenter::goHomeUnattended()
{
    goHome();
    m_window.setElderMode(m_settings.elderMode); // the next citizen finds the hall's setting
}

void KioskPresenter::countDown(int seconds)
{
    if (seconds >= 0)
        return showForSeconds(seconds);
    m_countdownEnds = {};
    m_window.setCountdown(-1);
}

void KioskPresenter::showForSeconds(int seconds)
{
    m_countdownFrom = seconds;
    m_countdownEnds = now().addSecs(seconds);
    m_window.setCountdown(seconds);
    m_wake.start(); // from now on, wake-ups at the same phase of each second: the number steps evenly
}

void KioskPresenter::onWake()
{
    const QDateTime at = now();
    if (m_window.currentScreen() == KioskWindow::Screen::Home) {
        if (wholeSeconds(m_untouchedSince, at) >= m_settings.idleTimeoutS && m_window.elderMode() != m_settings.elderMode)
            m_window.setElderMode(m_settings.elderMode);
        // The clock on home changes once a minute at most; nothing moves under a citizen's finger.
        if (at.toSecsSinceEpoch() / 60 != m_homeClockMinute)
            refreshClockAndCounts();
        return;
    }
    if (!m_countdownEnds.isValid())
        return;
    const qint64 left = wholeSeconds(at, m_countdownEnds);
    if (left <= 0) {
        goHomeUnattended();
        return;
    }
    m_window.setCountdown(int(left));
}

void KioskPresenter::onGroupChosen(const QString &code)
{
    m_issue.issueWalkIn(code);
}

void KioskPresenter::onTicketIssued(const TicketSlip &slip)
{
    m_window.ticket().showPrinted(slip);
    m_window.showScreen(KioskWindow::Screen::Ticket);
    showForSeconds(m_settings.ticketScreenS);
}

void KioskPresenter::onTicketPrintFailed(const TicketSlip &slip, DeviceError error)
{
    m_reprintTicket = slip.ticketId;
    m_reprintAfterCheckIn = false;
    m_window.ticket().showPrintFailed(slip, printFailureReason(error));
    m_window.ticket().setReprintOffer(TicketView::ReprintOffer::Available);
    m_window.showScreen(KioskWindow::Screen::Ticket);
    showForSeconds(m_settings.printFailedS);
}

void KioskPresenter::onReprintRequested()
{
    if (m_reprintTicket.isEmpty())
        return;
    const QString ticketId = m_reprintTicket;
    m_window.ticket().setReprintOffer(TicketView::ReprintOffer::Printing);
    QPointer<KioskPresenter> self(this);
    auto done = [self, ticketId](const Result<TicketSlip, ReprintError> &result) {
        if (self)
            self->onReprinted(ticketId, result);
    };
    if (m_reprintAfterCheckIn)
        m_checkIn.reprint(ticketId, done);
    else
        m_issue.reprint(ticketId, IssueTicketService::Reprinter::atTerminal(), done);
}

void KioskPresenter::onReprinted(const QString &ticketId, const Result<TicketSlip, ReprintError> &result)
{
    // The citizen may have gone home meanwhile; then the screen stays as it is.
    if (ticketId != m_reprintTicket || m_window.currentScreen() != KioskWindow::Screen::Ticket)
        return;
    if (result) {
        m_reprintTicket.clear();
        onTicketIssued(result.value());
        return;
    }
    using R = ReprintError::Reason;
    const ReprintError &e = result.error();
    // When the printer was not free nothing was printed: the one reprint is still the citizen's.
    const bool stillOffered = e.reason == R::PrinterUnavailable || e.reason == R::Busy;
    m_window.ticket().setReprintOffer(stillOffered ? TicketView::ReprintOffer::Available : TicketView::ReprintOffer::None,
                                      reprintRefused(e));
    showForSeconds(m_settings.printFailedS);
}

void KioskPresenter::onIssueRefused(const IssueRefusal &refusal)
{
    if (refusal.reason == IssueRefusal::Reason::Busy)
        return; // a second tap while the first ticket prints
    const CenterTime &time = m_catalog.centerTime();
    const CitizenMessage message = issueRefused(refusal, refusal.opensAt ? std::optional(time.toLocal(*refusal.opensAt)) : std::nullopt,
                                                time.toLocal(now()).date());
    if (refusal.reason == IssueRefusal::Reason::Closed)
        refreshAvailability();
    m_window.notice().show(NoticeView::Tone::Alert, message.title, message.text);
    m_window.showScreen(KioskWindow::Screen::Notice);
    showForSeconds(m_settings.ticketScreenS);
}

void KioskPresenter::onHelpRequested()
{
    const bool sent = bool(m_help.requestHelp());
    const CitizenMessage message = helpAnswer(sent);
    m_window.notice().show(sent ? NoticeView::Tone::Info : NoticeView::Tone::Alert, message.title, message.text);
    m_window.showScreen(KioskWindow::Screen::Notice);
    showForSeconds(m_settings.ticketScreenS);
}

void KioskPresenter::onCheckInRefused(const CheckInProblem &problem)
{
    const CitizenMessage message = checkInProblem(problem, m_catalog.centerTime().toLocal(now()).date());
    m_window.notice().show(NoticeView::Tone::Alert, message.title, message.text);
    m_walkInOffer = problem.walkInGroup;
    if (!m_walkInOffer.isEmpty())
        m_window.notice().setAction(walkInInstead(problem.walkInGroupName));
    m_window.showScreen(KioskWindow::Screen::Notice);
    showForSeconds(m_walkInOffer.isEmpty() ? m_settings.ticketScreenS : m_settings.idleTimeoutS);
}

void KioskPresenter::onNoticeAction()
{
    const QString group = std::exchange(m_walkInOffer, {});
    if (!group.isEmpty())
        m_issue.issueWalkIn(group);
}

void KioskPresenter::onAlreadyCheckedIn(const TicketSlip &slip, bool reprintAllowed)
{
    m_reprintTicket = reprintAllowed ? slip.ticketId : QString();
    m_reprintAfterCheckIn = true;
    m_window.ticket().showCheckedIn(slip, reprintAllowed);
    m_window.showScreen(KioskWindow::Screen::Ticket);
    showForSeconds(reprintAllowed ? m_settings.idleTimeoutS : m_settings.ticketScreenS);
}

void KioskPresenter::onChoiceNeeded(const BookingChoice &choice)
{
    m_window.choice().show(choice);
    m_window.showScreen(KioskWindow::Screen::Choice);
    showForSeconds(m_settings.idleTimeoutS);
}

void KioskPresenter::refreshCheckInHint()
{
    const auto works = [this](const char *device) {
        const DeviceHealth::State state = m_health.deviceHealth(QLatin1String(device)).state;
        return state == DeviceHealth::State::Ok || state == DeviceHealth::State::Warning;
    };
    const bool scan = works("scanner") || works("scanner_keyboard") || works("camera");
    m_window.home().setCheckInHint(checkInHint(scan, works("idcard")));
}

void KioskPresenter::refreshAvailability()
{
    using State = DeviceHealth::State;
    if (const IssuingState issuing = m_day.issuingState(); !issuing.issuing) {
        const CenterTime &time = m_catalog.centerTime();
        const std::optional<QDateTime> opens = issuing.nextStart ? std::optional(time.toLocal(*issuing.nextStart)) : std::nullopt;
        const CitizenMessage message = hallClosed(opens, time.toLocal(now()).date());
        m_window.home().setUnavailable(message.title, message.text);
        return;
    }
    const DeviceHealth health = m_health.deviceHealth(QStringLiteral("printer"));
    if (health.state == State::Ok || health.state == State::Warning) {
        m_window.home().setUnavailable({}, {});
        return;
    }
    const CitizenMessage message =
        health.state == State::Absent ? noPrinterHere() : printerProblem(health.error.value_or(DeviceError::Offline));
    m_window.home().setUnavailable(message.title, message.text);
}

void KioskPresenter::attachCitizenServices(GuideService &guide, TicketLookupService &lookup)
{
    m_guide = &guide;
    m_lookup = &lookup;
    connect(&m_window.home(), &HomeView::guideRequested, this, &KioskPresenter::showGuide);
    connect(&m_window.home(), &HomeView::myTicketRequested, this, &KioskPresenter::showMyTicketPrompt);
    connect(&m_window.guide(), &GuideView::groupChosen, this, &KioskPresenter::onGuideGroupChosen);
    connect(&m_window.guide(), &GuideView::matterChosen, this, &KioskPresenter::onGuideMatterChosen);
    connect(&m_window.guide(), &GuideView::backRequested, this, &KioskPresenter::onGuideBack);
    connect(&m_window.guide(), &GuideView::printRequested, this, &KioskPresenter::onPrintMaterials);
    connect(&m_window.myTicket(), &MyTicketView::requeueRequested, this, &KioskPresenter::onRequeueRequested);
    connect(m_lookup, &TicketLookupService::ticketFound, this, &KioskPresenter::onTicketFound);
    connect(m_lookup, &TicketLookupService::ticketRefused, this, &KioskPresenter::onTicketRefused);
    // The catalog changed while a citizen reads it: back to its groups, never a matter it no longer has.
    connect(&m_catalog, &CatalogService::catalogChanged, this, [this] {
        if (m_window.currentScreen() == KioskWindow::Screen::Guide)
            showGuide();
    });
}

void KioskPresenter::showGuide()
{
    if (!m_guide)
        return;
    m_guideGroup.clear();
    m_guideMatter.clear();
    m_window.guide().showGroups(m_guide->groups());
    m_window.showScreen(KioskWindow::Screen::Guide);
    showForSeconds(m_settings.idleTimeoutS);
}

void KioskPresenter::onGuideGroupChosen(const QString &code)
{
    for (const GuideGroup &group : m_guide->groups()) {
        if (group.code == code) {
            m_guideGroup = code;
            m_guideMatter.clear();
            m_window.guide().showMatters(group);
            m_window.showScreen(KioskWindow::Screen::Guide); // each level is a screen of its own (its picture, its reader's focus)
            showForSeconds(m_settings.idleTimeoutS);
            return;
        }
    }
    showGuide();
}

void KioskPresenter::onGuideMatterChosen(const QString &code)
{
    const std::optional<MatterGuide> matter = m_guide->matter(code);
    if (!matter)
        return showGuide();
    m_guideMatter = code;
    m_window.guide().showMatter(*matter, complexityText(matter->complexity), bookingHint(matter->bookable, matter->weekend));
    m_window.showScreen(KioskWindow::Screen::Guide);
    showForSeconds(m_settings.idleTimeoutS);
}

void KioskPresenter::onGuideBack()
{
    if (!m_guideMatter.isEmpty() && !m_guideGroup.isEmpty())
        return onGuideGroupChosen(m_guideGroup);
    showGuide();
}

void KioskPresenter::onPrintMaterials()
{
    if (m_guideMatter.isEmpty())
        return;
    const QString matter = m_guideMatter;
    m_window.guide().setPrintState(GuideView::PrintState::Printing);
    // While it prints the citizen waits for paper: no countdown ends the screen under them.
    m_countdownEnds = {};
    m_window.setCountdown(-1);
    QPointer<KioskPresenter> self(this);
    m_guide->printMaterials(matter, [self, matter](std::optional<DeviceError> error) {
        // The citizen may have gone meanwhile (home, a scan): then the screen stays as it is.
        if (!self || self->m_guideMatter != matter || self->m_window.currentScreen() != KioskWindow::Screen::Guide)
            return;
        if (error)
            self->m_window.guide().setPrintState(GuideView::PrintState::Failed, materialsNotPrinted(*error));
        else
            self->m_window.guide().setPrintState(GuideView::PrintState::Printed, materialsPrinted());
        self->m_window.showScreen(KioskWindow::Screen::Guide);
        self->showForSeconds(self->m_settings.idleTimeoutS);
    });
}

void KioskPresenter::showMyTicketPrompt()
{
    m_lookedUpTicket.clear();
    m_window.myTicket().showPrompt();
    m_window.showScreen(KioskWindow::Screen::MyTicket);
    showForSeconds(m_settings.idleTimeoutS);
}

void KioskPresenter::onTicketFound(const TicketStatus &status)
{
    // C5: a scan is taken on any citizen screen; a ticket's QR opens its status.
    const TicketStatusWords words = ticketStatusWords(status);
    const bool requeue = status.state == TicketState::Passed && status.requeueUntil.has_value();
    m_lookedUpTicket = requeue ? status.ticketId : QString();
    m_window.myTicket().showStatus(status, words.state, words.detail, requeue);
    m_window.showScreen(KioskWindow::Screen::MyTicket);
    showForSeconds(requeue ? m_settings.idleTimeoutS : m_settings.ticketScreenS);
}

void KioskPresenter::onTicketRefused(const TicketLookupProblem &problem)
{
    m_lookedUpTicket.clear();
    const CitizenMessage message = ticketLookupProblem(problem, m_catalog.centerTime().toLocal(now()).date());
    m_window.notice().show(NoticeView::Tone::Alert, message.title, message.text);
    m_window.showScreen(KioskWindow::Screen::Notice);
    showForSeconds(m_settings.ticketScreenS);
}

void KioskPresenter::onRequeueRequested()
{
    if (m_lookedUpTicket.isEmpty() || !m_lookup)
        return;
    auto result = m_lookup->requeue(std::exchange(m_lookedUpTicket, {}));
    if (!result) {
        m_window.myTicket().setRequeueRefused(requeueRefused(result.error()));
        m_window.showScreen(KioskWindow::Screen::MyTicket);
        showForSeconds(m_settings.ticketScreenS);
        return;
    }
    onTicketFound(result.value());
}

} // namespace hk

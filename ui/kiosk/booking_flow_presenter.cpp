#include "ui/kiosk/booking_flow_presenter.h"

#include "ui/kiosk/booking_messages.h"
#include "ui/kiosk/home_view.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/notice_view.h"
#include "ui/kiosk/phone_keypad_view.h"

#include "app/services/checkin/applicant_identity.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>

namespace hk {
namespace {

Q_LOGGING_CATEGORY(lcBooking, "hallkiosk.ui.booking")

// The step's name for the log (technicians, test rigs): never anything of the citizen's.
const char *nameOf(BookingFlowPresenter::Step step)
{
    using S = BookingFlowPresenter::Step;
    switch (step) {
    case S::None: return "none";
    case S::BookCard: return "book-card";
    case S::Group: return "group";
    case S::Matter: return "matter";
    case S::Materials: return "materials";
    case S::Day: return "day";
    case S::Slot: return "slot";
    case S::Phone: return "phone";
    case S::Confirm: return "confirm";
    case S::Sending: return "sending";
    case S::Booked: return "booked";
    case S::BookFailed: return "book-failed";
    case S::CancelCard: return "cancel-card";
    case S::Refreshing: return "refreshing";
    case S::CancelList: return "cancel-list";
    case S::CancelConfirm: return "cancel-confirm";
    case S::Cancelling: return "cancelling";
    case S::CancelDone: return "cancel-done";
    case S::CancelFailed: return "cancel-failed";
    }
    return "?";
}

QString shortDay(const CivilDate &date)
{
    // "12月3日 周四", "Thu 3 Dec": the translation picks the locale and the QDate format.
    const QLocale locale(BookingFlowPresenter::tr("zh_CN", "the locale whose month and weekday names dates use"));
    return locale.toString(toQDate(date), BookingFlowPresenter::tr("M月d日 ddd", "QDate format: a day in a list of days"));
}

QString slotText(const QDateTime &start, const QDateTime &end)
{
    return QStringLiteral("%1–%2").arg(start.toString(QStringLiteral("HH:mm")), end.toString(QStringLiteral("HH:mm")));
}

QString maskedPhone(const QString &phone)
{
    return phone.size() == 11 ? phone.left(3) + QStringLiteral("****") + phone.right(4) : phone;
}

} // namespace

BookingFlowPresenter::BookingFlowPresenter(KioskWindow &window, KioskPresenter &kiosk, CitizenBookingService &booking,
                                           CatalogService &catalog, int idleTimeoutS, int resultScreenS, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_kiosk(kiosk)
    , m_booking(booking)
    , m_catalog(catalog)
    , m_idleTimeoutS(idleTimeoutS)
    , m_resultScreenS(resultScreenS)
{
    connect(&m_window.home(), &HomeView::bookRequested, this, &BookingFlowPresenter::startBooking);
    connect(&m_window.home(), &HomeView::cancelBookingRequested, this, &BookingFlowPresenter::startCancel);
    connect(&m_window.options(), &OptionListView::optionChosen, this, &BookingFlowPresenter::onOption);
    connect(&m_window.keypad(), &PhoneKeypadView::confirmed, this, &BookingFlowPresenter::onPhone);
    connect(&m_window.notice(), &NoticeView::actionTriggered, this, &BookingFlowPresenter::onNoticeAction);
    // Home, or a screen another flow put up (a scan or a card taken for check-in, C5): the citizen
    // has left this flow, and nothing of theirs stays.
    connect(&m_window, &KioskWindow::screenShown, this, [this](KioskWindow::Screen) {
        if (!m_showing && m_step != Step::None)
            reset();
    });
}

void BookingFlowPresenter::reset()
{
    ++m_generation;
    m_step = Step::None;
    m_card.reset();
    m_order.reset();
    m_holderMasked.clear();
    m_group.clear();
    m_matter.clear();
    m_days.clear();
    m_slots.clear();
    m_phone.clear();
    m_digest.clear();
    m_bookings.clear();
    m_cancelId.clear();
    m_window.options().clear();
    m_window.keypad().reset({});
}

void BookingFlowPresenter::showOptions(Step step, const QString &title, const QString &text, const QList<ListOption> &options, int columns)
{
    m_step = step;
    qCInfo(lcBooking).noquote() << "booking flow:" << nameOf(step);
    m_window.options().show(title, text, options, columns);
    m_showing = true;
    m_window.showScreen(KioskWindow::Screen::Options);
    m_showing = false;
    m_kiosk.countDown(m_idleTimeoutS);
}

void BookingFlowPresenter::showNotice(Step step, bool alert, const CitizenMessage &message, const QString &action, bool countdown)
{
    m_step = step;
    qCInfo(lcBooking).noquote() << "booking flow:" << nameOf(step) << "-" << message.title;
    m_retry = Retry::None;
    m_window.notice().show(alert ? NoticeView::Tone::Alert : NoticeView::Tone::Info, message.title, message.text);
    m_window.notice().setAction(action);
    m_showing = true;
    m_window.showScreen(KioskWindow::Screen::Notice);
    m_showing = false;
    if (countdown)
        m_kiosk.countDown(action.isEmpty() && step != Step::BookCard && step != Step::CancelCard ? m_resultScreenS : m_idleTimeoutS);
    else
        m_kiosk.countDown(-1); // waiting for the platform: nothing counts down under the citizen
}

void BookingFlowPresenter::startBooking()
{
    reset();
    if (!m_booking.online())
        return showNotice(Step::BookFailed, true, bookingNeedsNetwork(m_booking.settings().bookingPhone, false));
    showNotice(Step::BookCard, false,
               {tr("请把身份证放在读卡区"),
                tr("预约要用身份证确认是您本人。身份证号只发给统一预约平台，本机不保存。")});
}

void BookingFlowPresenter::startCancel()
{
    reset();
    if (!m_booking.online())
        return showNotice(Step::CancelFailed, true, bookingNeedsNetwork(m_booking.settings().bookingPhone, true));
    showNotice(Step::CancelCard, false,
               {tr("请把身份证放在读卡区"), tr("放好后，会列出您以后的预约，点按要取消的一项。")});
}

bool BookingFlowPresenter::offerCard(const IdentityDocument &card)
{
    if (m_step == Step::BookCard) {
        m_card = card;
        m_holderMasked = identity::maskName(card.name);
        showGroups();
        return true;
    }
    if (m_step == Step::CancelCard) {
        // Only the digest stays: it finds the card's bookings in the cache.
        m_digest = m_booking.digestOf(card);
        m_holderMasked = identity::maskName(card.name);
        loadBookings();
        return true;
    }
    return false;
}

bool BookingFlowPresenter::offerCardFailure(const CardReadFailure &)
{
    if (m_step != Step::BookCard && m_step != Step::CancelCard)
        return false;
    const Step step = m_step;
    showNotice(step, true,
               {tr("没有读出身份证"), tr("请把身份证平放在读卡区，放稳不要移动；还不行请按“帮办”。")});
    return true;
}

QString BookingFlowPresenter::matterName(const QString &code) const
{
    const Matter *m = m_catalog.catalog().findMatter(code.toStdString());
    return m ? QString::fromStdString(m->name) : code;
}

void BookingFlowPresenter::showGroups()
{
    QList<ListOption> options;
    for (const Group &g : m_catalog.catalog().groups) {
        int bookable = 0;
        for (const Matter &m : m_catalog.catalog().matters)
            bookable += m.group == g.code && m.bookable ? 1 : 0;
        if (bookable > 0)
            options.append({QString::fromStdString(g.code), QString::fromStdString(g.name), tr("%n 个可预约事项", nullptr, bookable)});
    }
    showOptions(Step::Group, tr("%1 您好，要预约哪类业务？").arg(m_holderMasked), {}, options);
}

void BookingFlowPresenter::showMatters(const QString &group)
{
    m_group = group;
    QList<ListOption> options;
    for (const Matter &m : m_catalog.catalog().matters) {
        if (QString::fromStdString(m.group) == group && m.bookable)
            options.append({QString::fromStdString(m.code), QString::fromStdString(m.name), {}});
    }
    showOptions(Step::Matter, tr("请选择要办的事项"), m_catalog.groupName(group), options);
}

void BookingFlowPresenter::showMaterials(const QString &matter)
{
    m_matter = matter;
    const Matter *m = m_catalog.catalog().findMatter(matter.toStdString());
    QString text = tr("办理时请带齐：");
    int n = 0;
    if (m) {
        for (const std::string &item : m->materials)
            text += QStringLiteral("\n%1. %2").arg(++n).arg(QString::fromStdString(item));
    }
    if (n == 0)
        text = tr("这个事项不需要另带材料，带好身份证即可。");
    showOptions(Step::Materials, matterName(matter), text, {{QStringLiteral("next"), tr("选择日期"), {}}});
}

void BookingFlowPresenter::loadDays()
{
    showNotice(Step::Sending, false, {tr("正在查询可预约的日期"), tr("请稍候……")}, {}, false);
    QPointer<BookingFlowPresenter> self(this);
    const quint64 generation = m_generation;
    m_booking.openDays(m_matter, [self, generation](Result<std::vector<DayOffer>, PlatformError> days) {
        if (!self || generation != self->m_generation)
            return;
        if (!days)
            return self->showPlatformError(days.error(), false);
        self->m_days = days.value();
        if (self->m_days.empty())
            return self->showNotice(Step::BookFailed, true,
                                    {tr("近期没有可约的时段"),
                                     tr("以后几个工作日这个事项都约满了。可以过几天再来约，或今天现场取号办理。")});
        QList<ListOption> options;
        for (const DayOffer &d : self->m_days)
            options.append({QString::fromStdString(d.date.toString()), shortDay(d.date), tr("可约 %n 个时段", nullptr, d.openSlots)});
        self->showOptions(Step::Day, tr("请选择日期"), self->matterName(self->m_matter), options, 2);
    });
}

void BookingFlowPresenter::loadSlots(const CivilDate &date)
{
    m_date = date;
    showNotice(Step::Sending, false, {tr("正在查询可约的时段"), tr("请稍候……")}, {}, false);
    QPointer<BookingFlowPresenter> self(this);
    const quint64 generation = m_generation;
    m_booking.openSlots(date, m_matter, [self, generation, date](Result<std::vector<SlotOffer>, PlatformError> slots) {
        if (!self || generation != self->m_generation)
            return;
        if (!slots)
            return self->showPlatformError(slots.error(), false);
        self->m_slots = slots.value();
        if (self->m_slots.empty())
        {
            self->showNotice(Step::BookFailed, true, {tr("这一天已约满"), tr("请选其他日期。")},
                             tr("选其他日期"));
            self->m_retry = Retry::Days;
            return;
        }
        QList<ListOption> options;
        for (const SlotOffer &s : self->m_slots)
            options.append({s.start.toString(Qt::ISODate), slotText(s.start, s.end), tr("还有 %n 个名额", nullptr, s.placesLeft)});
        self->showOptions(Step::Slot, tr("请选择时段"), shortDay(date) + QStringLiteral(" · ") + self->matterName(self->m_matter),
                          options, 2);
    });
}

void BookingFlowPresenter::onOption(const QString &id)
{
    switch (m_step) {
    case Step::Group:
        return showMatters(id);
    case Step::Matter:
        return showMaterials(id);
    case Step::Materials:
        return loadDays();
    case Step::Day:
        if (auto date = CivilDate::parse(id.toStdString()))
            loadSlots(*date);
        return;
    case Step::Slot:
        for (const SlotOffer &s : m_slots) {
            if (s.start.toString(Qt::ISODate) == id) {
                m_slotStart = s.start;
                m_slotEnd = s.end;
                m_step = Step::Phone;
                qCInfo(lcBooking).noquote() << "booking flow:" << nameOf(m_step);
                m_window.keypad().reset(tr("请输入您的手机号码"));
                m_showing = true;
                m_window.showScreen(KioskWindow::Screen::Keypad);
                m_showing = false;
                m_kiosk.countDown(m_idleTimeoutS);
                return;
            }
        }
        return;
    case Step::Confirm:
        return send();
    case Step::CancelList:
        return confirmCancel(id);
    case Step::CancelConfirm:
        return sendCancel();
    default:
        return;
    }
}

void BookingFlowPresenter::onPhone(const QString &digits)
{
    if (m_step != Step::Phone)
        return;
    const QString problem = phoneNumberProblem(digits, CitizenBookingService::isMobileNumber(digits));
    if (!problem.isEmpty()) {
        m_window.keypad().setError(problem);
        return;
    }
    m_phone = digits;
    showConfirm();
}

void BookingFlowPresenter::showConfirm()
{
    QString text = tr("事项：%1\n日期：%2\n时段：%3\n手机：%4")
                       .arg(matterName(m_matter), shortDay(m_date), slotText(m_slotStart, m_slotEnd), maskedPhone(m_phone));
    if (const QString address = m_booking.hallAddress(); !address.isEmpty())
        text += tr("\n地址：%1").arg(address);
    showOptions(Step::Confirm, tr("请核对预约信息"), text, {{QStringLiteral("confirm"), tr("确认预约"), {}}});
}

void BookingFlowPresenter::send()
{
    if (!m_card)
        return;
    // One order per confirmed choice: 再试一次 sends this same order (its request_id) again.
    if (!m_order)
        m_order = CitizenBookingService::newOrder(m_matter, m_slotStart, *m_card, m_phone);
    showNotice(Step::Sending, false, {tr("正在预约"), tr("正在向统一预约平台提交，请稍候……")}, {}, false);
    QPointer<BookingFlowPresenter> self(this);
    const quint64 generation = m_generation;
    m_booking.book(*m_order, [self, generation](Result<SlipOutcome, PlatformError> result) {
        if (self && generation == self->m_generation)
            self->onBooked(result);
    });
}

void BookingFlowPresenter::onBooked(const Result<SlipOutcome, PlatformError> &result)
{
    if (!result) {
        const PlatformError &e = result.error();
        if (e.kind == PlatformError::Kind::Refused) {
            m_order.reset(); // refused: a new choice is a new request
            const CitizenMessage message = bookingRefused(e.code, m_catalog.catalog().rules);
            Retry retry = Retry::None;
            QString action;
            if (e.code == QLatin1String("slot_full") || e.code == QLatin1String("lead_time") || e.code == QLatin1String("duplicate_slot")) {
                action = tr("选其他时段");
                retry = Retry::Slots;
            } else if (e.code == QLatin1String("daily_limit") || e.code == QLatin1String("closed")) {
                action = tr("选其他日期");
                retry = Retry::Days;
            }
            showNotice(Step::BookFailed, true, message, action);
            m_retry = retry;
            return;
        }
        return showPlatformError(e, false);
    }
    // Booked: the ID number and the name go now.
    m_card.reset();
    m_order.reset();
    const SlipOutcome &outcome = result.value();
    QString text = tr("%1\n%2 %3\n到时请带齐材料，扫凭证上的二维码或刷身份证签到。")
                       .arg(outcome.slip.matterName, outcome.slip.dateText, outcome.slip.slotText);
    if (outcome.printError)
        text = tr("预约已办成，但凭证没有打印出来（%1）。到时刷身份证就能签到。\n%2 %3 %4")
                   .arg(printFailureReason(*outcome.printError), outcome.slip.matterName, outcome.slip.dateText, outcome.slip.slotText);
    showNotice(Step::Booked, false,
               {outcome.printError ? tr("预约成功") : tr("预约成功，请取走预约凭证"), text});
}

void BookingFlowPresenter::showPlatformError(const PlatformError &error, bool cancelling)
{
    using K = PlatformError::Kind;
    const Step failed = cancelling ? Step::CancelFailed : Step::BookFailed;
    if (!cancelling && m_order && (error.kind == K::Network || error.kind == K::Timeout || error.kind == K::Server)) {
        showNotice(failed, true, bookingAnswerLost(), tr("再试一次"));
        m_retry = Retry::Send;
        return;
    }
    if (error.kind == K::Network || error.kind == K::Timeout || error.kind == K::Server)
        return showNotice(failed, true, bookingNeedsNetwork(m_booking.settings().bookingPhone, cancelling));
    if (error.kind == K::Refused)
        return showNotice(failed, true, bookingRefused(error.code, m_catalog.catalog().rules));
    showNotice(failed, true, bookingFailed(cancelling));
}

void BookingFlowPresenter::onNoticeAction()
{
    switch (std::exchange(m_retry, Retry::None)) {
    case Retry::Send:
        return send(); // 再试一次: the same order, the same request_id
    case Retry::Slots:
        return loadSlots(m_date);
    case Retry::Days:
        return loadDays();
    case Retry::Cancel:
        return sendCancel();
    case Retry::None:
        return;
    }
}

void BookingFlowPresenter::loadBookings()
{
    showNotice(Step::Refreshing, false, {tr("正在查询您的预约"), tr("请稍候……")}, {}, false);
    QPointer<BookingFlowPresenter> self(this);
    const quint64 generation = m_generation;
    m_booking.refreshBookings([self, generation] {
        if (self && generation == self->m_generation)
            self->showBookings();
    });
}

void BookingFlowPresenter::showBookings()
{
    m_bookings = m_booking.bookingsOf(m_digest);
    if (m_bookings.empty())
        return showNotice(Step::CancelDone, false,
                          {tr("没有查到您以后的预约"),
                           tr("您在以后%1天里没有可取消的预约。刚在别处约的，请过几分钟再来查。").arg(m_booking.settings().scanDays)});
    QList<ListOption> options;
    for (const CitizenBooking &b : m_bookings) {
        const QString when = QStringLiteral("%1 %2").arg(shortDay(fromQDate(b.slotStart.date())), b.slotText);
        options.append({b.bookingId, b.matterName, b.cancellable ? when : when + tr(" · 不到%n小时，不能取消", nullptr,
                                                                                        m_catalog.catalog().rules.cancelLeadMinutes / 60)});
    }
    showOptions(Step::CancelList, tr("%1 您好，要取消哪个预约？").arg(m_holderMasked), {}, options);
}

void BookingFlowPresenter::confirmCancel(const QString &bookingId)
{
    for (const CitizenBooking &b : m_bookings) {
        if (b.bookingId != bookingId)
            continue;
        if (!b.cancellable) // B4, said before asking
            return showNotice(Step::CancelFailed, true, cancelTooLate(m_catalog.catalog().rules.cancelLeadMinutes));
        m_cancelId = bookingId;
        return showOptions(Step::CancelConfirm, tr("确认取消这个预约？"),
                           tr("事项：%1\n日期：%2\n时段：%3\n取消后名额让给别人，不能恢复。").arg(b.matterName, b.dateText, b.slotText),
                           {{QStringLiteral("cancel"), tr("确认取消预约"), {}}});
    }
}

void BookingFlowPresenter::sendCancel()
{
    showNotice(Step::Cancelling, false, {tr("正在取消预约"), tr("请稍候……")}, {}, false);
    QPointer<BookingFlowPresenter> self(this);
    const quint64 generation = m_generation;
    m_booking.cancel(m_cancelId, [self, generation](Result<SlipOutcome, PlatformError> result) {
        if (self && generation == self->m_generation)
            self->onCancelled(result);
    });
}

void BookingFlowPresenter::onCancelled(const Result<SlipOutcome, PlatformError> &result)
{
    if (!result) {
        if (result.error().kind == PlatformError::Kind::Refused)
            return showNotice(Step::CancelDone, true, bookingRefused(result.error().code, m_catalog.catalog().rules));
        const PlatformError::Kind k = result.error().kind;
        if (k == PlatformError::Kind::Network || k == PlatformError::Kind::Timeout || k == PlatformError::Kind::Server) {
            showNotice(Step::CancelFailed, true, bookingNeedsNetwork(m_booking.settings().bookingPhone, true), tr("再试一次"));
            m_retry = Retry::Cancel;
            return;
        }
        return showPlatformError(result.error(), true);
    }
    m_cancelId.clear();
    const SlipOutcome &outcome = result.value();
    const QString text = QStringLiteral("%1\n%2 %3").arg(outcome.slip.matterName, outcome.slip.dateText, outcome.slip.slotText);
    showNotice(Step::CancelDone, false,
               {outcome.printError ? tr("预约已取消") : tr("预约已取消，请取走取消凭证"),
                outcome.printError ? text + tr("\n（凭证没有打印出来：%1）").arg(printFailureReason(*outcome.printError)) : text});
}

} // namespace hk

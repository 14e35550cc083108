#include "ui/kiosk/home_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QCoreApplication>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {
namespace {

// A group's button holds two lines (name, waiting count) in a layout of its own; it is never made
// smaller than they need, nor than a touch target — the rows share the rest of the screen.
class GroupButton : public QPushButton {
public:
    GroupButton(int minimumWidth, QWidget *parent)
        : QPushButton(parent)
        , m_minimumWidth(minimumWidth)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }
    QSize minimumSizeHint() const override
    {
        const QSize content = layout() ? layout()->totalMinimumSize() : QSize();
        return content.expandedTo(QSize(m_minimumWidth, kiosk::kButtonMinPx));
    }
    QSize sizeHint() const override { return minimumSizeHint(); }

private:
    int m_minimumWidth;
};

} // namespace

// A date the citizen's way in the language on screen: the translation picks the locale and the
// QDate format, so English reads "Tue 24 Nov 2026" where Chinese reads "2026年11月24日 星期二".
struct CitizenDate {
    Q_DECLARE_TR_FUNCTIONS(CitizenDate)
};

QString chineseDate(const QDate &date, bool withYear)
{
    const QLocale locale(CitizenDate::tr("zh_CN", "the locale whose month and weekday names dates use"));
    return locale.toString(date, withYear ? CitizenDate::tr("yyyy年M月d日 dddd", "QDate format: a date with its year and weekday")
                                          : CitizenDate::tr("M月d日 dddd", "QDate format: a date and its weekday"));
}

HomeView::HomeView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {}, 0);

    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("header"));
    header->setAttribute(Qt::WA_StyledBackground);
    QVBoxLayout *headerLayout = columnLayout(header, {48, 32, 48, 24});
    m_center = kioskLabel(header, {.name = "centerName", .px = 64, .bold = true, .wrap = true});
    m_date = kioskLabel(header, {.name = "homeDate"});
    m_time = kioskLabel(header, {.name = "clock", .px = 96, .bold = true});
    headerLayout->addWidget(m_center);
    headerLayout->addStretch();
    headerLayout->addWidget(m_date);
    headerLayout->addWidget(m_time);
    layout->addWidget(header);

    auto *body = new QWidget(this);
    QVBoxLayout *bodyLayout = columnLayout(body, {48, 24, 48, 8}, 24);
    m_prompt = kioskLabel(body, {.px = 52, .bold = true});
    bodyLayout->addWidget(m_prompt);

    m_banner = new QWidget(body);
    m_banner->setObjectName(QStringLiteral("alertBanner"));
    m_banner->setAttribute(Qt::WA_StyledBackground);
    QVBoxLayout *bannerLayout = columnLayout(m_banner, {32, 24, 32, 24});
    m_bannerTitle = kioskLabel(m_banner, {.name = "unavailableTitle", .px = 48, .bold = true, .wrap = true, .align = kLeading});
    m_bannerText = kioskLabel(m_banner, {.name = "unavailableText", .wrap = true, .align = kLeading});
    bannerLayout->addWidget(m_bannerTitle);
    bannerLayout->addWidget(m_bannerText);
    m_banner->hide();
    bodyLayout->addWidget(m_banner);

    // Not the alert banner: nothing is wrong, the hall is busy; it says so in a plain, calm line.
    m_waitNotice = kioskLabel(body, {.name = "waitNotice", .wrap = true, .align = kLeading});
    m_waitNotice->hide();
    bodyLayout->addWidget(m_waitNotice);

    m_grid = new QGridLayout();
    m_grid->setSpacing(kGapPx);
    // The groups and the services below them, 24 px apart (the least DESIGN §1 allows): with eight
    // groups in 长辈版 every pixel of the panel is spoken for.
    auto *choices = new QVBoxLayout();
    choices->setSpacing(24);
    m_grid->setVerticalSpacing(24);
    choices->addLayout(m_grid, 1); // the room left over makes the buttons larger targets
    bodyLayout->addLayout(choices, 1);
    // What a citizen may do besides taking a ticket (DESIGN §14): one row of four under the groups,
    // each its one main word, so a citizen sees 预约 itself on home rather than behind a "more" door.
    // The name a screen reader says is the visible word (§1); what it does is the description.
    // They need no opening hours, so the banner never disables them.
    auto *services = new QHBoxLayout();
    services->setSpacing(24);
    const auto entry = [body, services](QPushButton *&button, const char *name) {
        button = new QPushButton(body);
        button->setObjectName(QLatin1String(name));
        button->setProperty("serviceEntry", true); // the style sheet's narrow side padding: four in a row
        setKioskFont(button, 44, true);
        button->setMinimumSize(120, 120); // §1's least: the groups keep the room eight of them need
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        services->addWidget(button);
    };
    entry(m_book, "bookButton");
    entry(m_cancelBooking, "cancelBookingButton");
    entry(m_guide, "guideButton");
    entry(m_myTicket, "myTicketButton");
    choices->addLayout(services);
    connect(m_book, &QPushButton::clicked, this, &HomeView::bookRequested);
    connect(m_cancelBooking, &QPushButton::clicked, this, &HomeView::cancelBookingRequested);
    connect(m_guide, &QPushButton::clicked, this, &HomeView::guideRequested);
    connect(m_myTicket, &QPushButton::clicked, this, &HomeView::myTicketRequested);
    m_checkInHint = kioskLabel(body, {.name = "checkInHint", .px = 44, .bold = true, .wrap = true});
    m_checkInHint->hide();
    bodyLayout->addWidget(m_checkInHint);
    layout->addWidget(body, 1);
    retranslate();
}

void HomeView::retranslate()
{
    m_prompt->setText(tr("请选择要办理的业务，点按取号"));
    const auto entry = [](QPushButton *button, const QString &text, const QString &what) {
        button->setText(text);
        button->setAccessibleDescription(what);
    };
    entry(m_book, tr("预约"), tr("刷身份证，约一个以后来办事的时段"));
    entry(m_cancelBooking, tr("取消预约"), tr("刷身份证，取消已经约好的时段"));
    entry(m_guide, tr("办事指南"), tr("查看办事要带哪些材料，可以打印"));
    entry(m_myTicket, tr("排队查询"), tr("扫描排队票上的二维码，看前面还有几人"));
    if (m_clockTime.isValid())
        setClock(m_clockTime);
    setWaiting(m_waitingByGroup);
}

void HomeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HomeView::setCheckInHint(const QString &text)
{
    m_checkInHint->setText(text);
    m_checkInHint->setVisible(!text.isEmpty());
}

void HomeView::setWaitNotice(const QString &text)
{
    m_waitNotice->setText(text);
    refreshPromptRow();
}

void HomeView::refreshPromptRow()
{
    // One row over the buttons: the closed/printer banner, else the long-wait line, else the prompt.
    // The line takes the prompt's place, so eight groups' buttons keep their size in 长辈版 too;
    // the buttons themselves still say what to tap.
    const bool available = m_banner->isHidden();
    const bool explain = available && !m_waitNotice->text().isEmpty();
    m_waitNotice->setVisible(explain);
    m_prompt->setVisible(available && !explain);
}

void HomeView::setCenterName(const QString &name)
{
    m_center->setText(name);
}

void HomeView::setClock(const QDateTime &localTime)
{
    m_clockTime = localTime;
    m_date->setText(chineseDate(localTime.date()));
    m_time->setText(localTime.toString(QStringLiteral("HH:mm")));
}

void HomeView::setGroups(const QList<GroupChoice> &groups)
{
    using namespace kiosk;
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_waiting.clear();
    const int columns = groups.size() > 4 ? 2 : 1;
    for (int i = 0; i < groups.size(); ++i) {
        const GroupChoice &group = groups.at(i);
        auto *button = new GroupButton(columns == 2 ? 468 : 900, this);
        button->setObjectName(QStringLiteral("groupButton_%1").arg(group.code));
        button->setAccessibleName(group.name);
        QVBoxLayout *inner = columnLayout(button, {16, 8, 16, 8}, 0);
        inner->addWidget(buttonLabel(button, {.px = 56, .bold = true, .wrap = true}, group.name));
        QLabel *waiting = buttonLabel(button, {});
        waiting->setObjectName(QStringLiteral("waiting_%1").arg(group.code));
        inner->addWidget(waiting);
        connect(button, &QPushButton::clicked, this, [this, code = group.code] { Q_EMIT groupChosen(code); });
        m_grid->addWidget(button, i / columns, i % columns);
        m_buttons.insert(group.code, button);
        m_waiting.insert(group.code, waiting);
    }
}

void HomeView::setWaiting(const QMap<QString, int> &waitingByGroup)
{
    m_waitingByGroup = waitingByGroup;
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        const int n = waitingByGroup.value(it.key(), 0);
        it.value()->setText(n == 0 ? tr("无需等候") : tr("等候 %n 人", nullptr, n));
    }
}

void HomeView::setUnavailable(const QString &title, const QString &text)
{
    const bool available = title.isEmpty();
    m_banner->setVisible(!available);
    // "点按取号" over buttons that cannot be pressed would mislead; a closed hall has no queue to explain.
    refreshPromptRow();
    m_bannerTitle->setText(title);
    m_bannerText->setText(text);
    for (QPushButton *button : std::as_const(m_buttons))
        button->setEnabled(available);
}

} // namespace hk

#include "ui/kiosk/home_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QGridLayout>
#include <QLabel>
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

QString chineseDate(const QDate &date, bool withYear)
{
    static const char *const kWeekdays[] = {"一", "二", "三", "四", "五", "六", "日"};
    const QString monthDay = QStringLiteral("%1月%2日 星期%3")
                                 .arg(date.month())
                                 .arg(date.day())
                                 .arg(QString::fromUtf8(kWeekdays[(date.dayOfWeek() + 6) % 7]));
    return withYear ? QStringLiteral("%1年").arg(date.year()) + monthDay : monthDay;
}

HomeView::HomeView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("header"));
    header->setAttribute(Qt::WA_StyledBackground);
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(48, 48, 48, 40);
    m_center = new QLabel(header);
    m_center->setObjectName(QStringLiteral("centerName"));
    setKioskFont(m_center, 64, true);
    m_center->setAlignment(Qt::AlignCenter);
    m_center->setWordWrap(true);
    m_date = new QLabel(header);
    setKioskFont(m_date, kBodyPx);
    m_date->setAlignment(Qt::AlignCenter);
    m_time = new QLabel(header);
    m_time->setObjectName(QStringLiteral("clock"));
    setKioskFont(m_time, 96, true);
    m_time->setAlignment(Qt::AlignCenter);
    headerLayout->addWidget(m_center);
    headerLayout->addStretch();
    headerLayout->addWidget(m_date);
    headerLayout->addWidget(m_time);
    layout->addWidget(header);

    auto *body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(48, 48, 48, 32);
    bodyLayout->setSpacing(kGapPx);
    m_prompt = new QLabel(QStringLiteral("请选择要办理的业务，点按取号"), body);
    setKioskFont(m_prompt, 52, true);
    m_prompt->setAlignment(Qt::AlignCenter);
    bodyLayout->addWidget(m_prompt);

    m_banner = new QWidget(body);
    m_banner->setObjectName(QStringLiteral("alertBanner"));
    m_banner->setAttribute(Qt::WA_StyledBackground);
    auto *bannerLayout = new QVBoxLayout(m_banner);
    bannerLayout->setContentsMargins(32, 24, 32, 24);
    m_bannerTitle = new QLabel(m_banner);
    m_bannerTitle->setObjectName(QStringLiteral("unavailableTitle"));
    setKioskFont(m_bannerTitle, 48, true);
    m_bannerTitle->setWordWrap(true);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("unavailableText"));
    setKioskFont(m_bannerText, kBodyPx);
    m_bannerText->setWordWrap(true);
    bannerLayout->addWidget(m_bannerTitle);
    bannerLayout->addWidget(m_bannerText);
    m_banner->hide();
    bodyLayout->addWidget(m_banner);

    m_grid = new QGridLayout();
    m_grid->setSpacing(kGapPx);
    bodyLayout->addLayout(m_grid, 1); // the room left over makes the buttons larger targets
    m_checkInHint = new QLabel(body);
    m_checkInHint->setObjectName(QStringLiteral("checkInHint"));
    setKioskFont(m_checkInHint, 44, true);
    m_checkInHint->setAlignment(Qt::AlignCenter);
    m_checkInHint->setWordWrap(true);
    m_checkInHint->hide();
    bodyLayout->addWidget(m_checkInHint);
    layout->addWidget(body, 1);
}

void HomeView::setCheckInHint(const QString &text)
{
    m_checkInHint->setText(text);
    m_checkInHint->setVisible(!text.isEmpty());
}

void HomeView::setCenterName(const QString &name)
{
    m_center->setText(name);
}

void HomeView::setClock(const QDateTime &localTime)
{
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
        auto *inner = new QVBoxLayout(button);
        inner->setContentsMargins(16, 8, 16, 8);
        inner->setSpacing(0);
        auto *name = new QLabel(group.name, button);
        setKioskFont(name, 56, true);
        name->setAlignment(Qt::AlignCenter);
        name->setWordWrap(true);
        name->setStyleSheet(QStringLiteral("color: white;"));
        name->setAttribute(Qt::WA_TransparentForMouseEvents);
        auto *waiting = new QLabel(button);
        waiting->setObjectName(QStringLiteral("waiting_%1").arg(group.code));
        setKioskFont(waiting, kBodyPx);
        waiting->setAlignment(Qt::AlignCenter);
        waiting->setStyleSheet(QStringLiteral("color: white;"));
        waiting->setAttribute(Qt::WA_TransparentForMouseEvents);
        inner->addWidget(name);
        inner->addWidget(waiting);
        connect(button, &QPushButton::clicked, this, [this, code = group.code] { Q_EMIT groupChosen(code); });
        m_grid->addWidget(button, i / columns, i % columns);
        m_buttons.insert(group.code, button);
        m_waiting.insert(group.code, waiting);
    }
}

void HomeView::setWaiting(const QMap<QString, int> &waitingByGroup)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        const int n = waitingByGroup.value(it.key(), 0);
        it.value()->setText(n == 0 ? QStringLiteral("无需等候") : QStringLiteral("等候 %1 人").arg(n));
    }
}

void HomeView::setUnavailable(const QString &title, const QString &text)
{
    const bool available = title.isEmpty();
    m_banner->setVisible(!available);
    m_prompt->setVisible(available); // "点按取号" over buttons that cannot be pressed would mislead
    m_bannerTitle->setText(title);
    m_bannerText->setText(text);
    for (QPushButton *button : std::as_const(m_buttons))
        button->setEnabled(available);
}

} // namespace hk

#include "ui/kiosk/guide_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hk {

namespace {

// A list entry holds two lines (a name that may wrap, a detail) in a layout of its own; it is never
// made smaller than they need, nor than a touch target.
class EntryButton : public QPushButton {
public:
    using QPushButton::QPushButton;
    QSize minimumSizeHint() const override
    {
        const QSize content = layout() ? layout()->totalMinimumSize() : QSize();
        return content.expandedTo(QSize(900, kiosk::kButtonMinPx));
    }
    QSize sizeHint() const override { return minimumSizeHint(); }
    bool hasHeightForWidth() const override { return layout() && layout()->hasHeightForWidth(); }
    int heightForWidth(int width) const override { return std::max(kiosk::kButtonMinPx, layout()->totalHeightForWidth(width)); }
};

// The controls keep out of the panel's top quarter (DESIGN §1): a list starts below it.
constexpr int kListTopPx = 1920 / 4;
constexpr int kHeadTopPx = 96;

} // namespace

GuideView::GuideView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {48, 0, 48, 24}, 24);
    m_head = new QWidget(this);
    QVBoxLayout *head = columnLayout(m_head, {0, kHeadTopPx, 0, 0}, 8);
    m_title = kioskLabel(m_head, {.name = "guideTitle", .px = 56, .bold = true, .wrap = true});
    m_prompt = kioskLabel(m_head, {.name = "guidePrompt", .px = 44, .wrap = true});
    head->addWidget(m_title);
    head->addWidget(m_prompt);
    for (const char *name : {"guideComplexity", "guideBooking"}) {
        QLabel *fact = kioskLabel(m_head, {.name = name, .wrap = true, .align = kLeading});
        head->addWidget(fact);
        m_facts.append(fact);
    }
    head->addStretch();
    layout->addWidget(m_head);

    m_list = new QVBoxLayout();
    m_list->setSpacing(kGapPx);
    layout->addLayout(m_list);
    layout->addStretch();
    m_pageLabel = kioskLabel(this, {.name = "guidePage"});
    layout->addWidget(m_pageLabel);

    m_printNote = kioskLabel(this, {.name = "printNote", .px = 44, .bold = true, .wrap = true});
    m_printNote->hide();
    layout->addWidget(m_printNote);
    m_print = new QPushButton(this);
    m_print->setObjectName(QStringLiteral("printMaterials"));
    setKioskFont(m_print, 48, true);
    m_print->setMinimumSize(760, kButtonMinPx);
    layout->addWidget(m_print, 0, Qt::AlignHCenter);

    auto *row = new QHBoxLayout();
    row->setSpacing(kGapPx);
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("guideBack"));
    m_previous = new QPushButton(this);
    m_previous->setObjectName(QStringLiteral("guidePrevious"));
    m_next = new QPushButton(this);
    m_next->setObjectName(QStringLiteral("guideNext"));
    for (QPushButton *b : {m_back, m_previous, m_next}) {
        setKioskFont(b, 44, true);
        b->setMinimumSize(280, kButtonMinPx);
        row->addWidget(b);
    }
    layout->addLayout(row);

    connect(m_print, &QPushButton::clicked, this, &GuideView::printRequested);
    connect(m_back, &QPushButton::clicked, this, &GuideView::backRequested);
    connect(m_previous, &QPushButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showPage(m_page + 1); });
    clear();
    retranslate();
}

void GuideView::retranslate()
{
    if (m_print->isEnabled()) {
        m_print->setText(tr("打印材料清单"));
        m_print->setAccessibleName(tr("打印材料清单\n在出票口取走"));
    }
    m_back->setText(tr("上一步"));
    m_previous->setText(tr("上一页"));
    m_next->setText(tr("下一页"));
}

void GuideView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void GuideView::clear()
{
    qDeleteAll(m_shown);
    m_shown.clear();
    m_items.clear();
    m_materials.clear();
    m_title->clear();
    m_prompt->clear();
    for (QLabel *fact : std::as_const(m_facts)) {
        fact->clear();
        fact->hide();
    }
    m_pageLabel->clear();
    m_print->hide();
    m_printNote->hide();
    m_back->hide();
    m_previous->hide();
    m_next->hide();
}

void GuideView::showGroups(const QList<GuideGroup> &groups)
{
    QList<Item> items;
    for (const GuideGroup &g : groups)
        items.append({g.code, g.name, tr("%n 个事项", nullptr, int(g.matters.size()))});
    showItems(tr("办事指南"), tr("请选择业务类别，查看要带哪些材料"), items, Level::Groups);
}

void GuideView::showMatters(const GuideGroup &group)
{
    QList<Item> items;
    for (const MatterGuide &m : group.matters)
        items.append({m.code, m.name, tr("材料 %n 项", nullptr, int(m.materials.size())) + (m.bookable ? tr(" · 可预约") : QString())});
    showItems(group.name, tr("请选择要办理的事项"), items, Level::Matters);
}

void GuideView::showItems(const QString &title, const QString &prompt, QList<Item> items, Level level)
{
    clear();
    m_level = level;
    m_items = std::move(items);
    m_title->setText(title);
    m_prompt->setText(prompt);
    m_head->setMinimumHeight(kListTopPx);
    m_back->setVisible(level != Level::Groups);
    showPage(0);
}

void GuideView::showMatter(const MatterGuide &matter, const QString &complexityText, const QString &bookingHint)
{
    clear();
    m_level = Level::Matter;
    m_materials = matter.materials;
    m_title->setText(matter.name);
    m_prompt->setText(tr("%1 · 请带齐以下 %n 项材料", nullptr, int(matter.materials.size())).arg(matter.groupName));
    const QStringList facts{complexityText, bookingHint};
    for (int i = 0; i < m_facts.size(); ++i) {
        m_facts.at(i)->setText(facts.value(i));
        m_facts.at(i)->setVisible(!facts.value(i).isEmpty());
    }
    m_head->setMinimumHeight(0); // only texts up there: the buttons are at the bottom
    m_back->show();
    m_print->show();
    m_print->setEnabled(true);
    showPage(0);
}

int GuideView::pageCount() const
{
    const int n = m_level == Level::Matter ? int(m_materials.size()) : int(m_items.size());
    const int per = m_level == Level::Matter ? kMaterialsPerPage : kItemsPerPage;
    return std::max(1, (n + per - 1) / per);
}

void GuideView::showPage(int page)
{
    using namespace kiosk;
    qDeleteAll(m_shown);
    m_shown.clear();
    m_page = std::clamp(page, 0, pageCount() - 1);
    if (m_level == Level::Matter) {
        const int first = m_page * kMaterialsPerPage;
        for (int i = first; i < std::min(int(m_materials.size()), first + kMaterialsPerPage); ++i) {
            QLabel *line = kioskLabel(this, {.name = "material", .px = 44, .wrap = true, .align = kLeading},
                                      QStringLiteral("%1. %2").arg(i + 1).arg(m_materials.at(i)));
            m_list->addWidget(line);
            m_shown.append(line);
        }
    } else {
        const int first = m_page * kItemsPerPage;
        for (int i = first; i < std::min(int(m_items.size()), first + kItemsPerPage); ++i) {
            const Item &item = m_items.at(i);
            auto *button = new EntryButton(this);
            button->setObjectName(QStringLiteral("%1_%2").arg(m_level == Level::Groups ? QStringLiteral("guideGroup") : QStringLiteral("guideMatter"), item.code));
            button->setAccessibleName(QStringLiteral("%1\n%2").arg(item.title, item.detail));
            button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
            QVBoxLayout *inner = columnLayout(button, {24, 12, 24, 12}, 0);
            inner->addWidget(buttonLabel(button, {.px = 48, .bold = true, .wrap = true}, item.title));
            inner->addWidget(buttonLabel(button, {}, item.detail));
            const bool group = m_level == Level::Groups;
            connect(button, &QPushButton::clicked, this, [this, group, code = item.code] {
                if (group)
                    Q_EMIT groupChosen(code);
                else
                    Q_EMIT matterChosen(code);
            });
            m_list->addWidget(button);
            m_shown.append(button);
        }
    }
    const int pages = pageCount();
    m_pageLabel->setText(pages > 1 ? tr("第 %1 页，共 %2 页").arg(m_page + 1).arg(pages) : QString());
    m_pageLabel->setVisible(pages > 1);
    // Shown whenever there are pages, disabled at either end: the buttons do not jump about.
    m_previous->setVisible(pages > 1);
    m_next->setVisible(pages > 1);
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_page + 1 < pages);
}

void GuideView::setPrintState(PrintState state, const QString &text)
{
    m_print->setEnabled(state != PrintState::Printing);
    m_print->setText(state == PrintState::Printing ? tr("正在打印……") : tr("打印材料清单"));
    // Named as shown (DESIGN §1): a screen reader says 正在打印 while it prints, not the action.
    m_print->setAccessibleName(state == PrintState::Printing ? m_print->text() : tr("打印材料清单\n在出票口取走"));
    m_printNote->setStyleSheet(state == PrintState::Failed ? QStringLiteral("color: %1;").arg(QLatin1String(kiosk::kAlert)) : QString());
    m_printNote->setText(text);
    m_printNote->setVisible(!text.isEmpty());
}

} // namespace hk

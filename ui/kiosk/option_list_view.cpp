#include "ui/kiosk/option_list_view.h"

#include "ui/kiosk/kiosk_style.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace hk {

OptionListView::OptionListView(QWidget *parent)
    : QWidget(parent)
{
    using namespace kiosk;
    QVBoxLayout *layout = columnLayout(this, {48, 96, 48, 32}, kGapPx);
    m_title = kioskLabel(this, {.name = "optionsTitle", .px = kTitlePx, .bold = true, .wrap = true});
    m_text = kioskLabel(this, {.name = "optionsText", .wrap = true, .align = kLeading});
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addStretch(1);
    m_grid = new QGridLayout();
    m_grid->setSpacing(kGapPx);
    layout->addLayout(m_grid);

    m_pager = new QWidget(this);
    auto *pager = new QHBoxLayout(m_pager);
    pager->setContentsMargins(0, 0, 0, 0);
    pager->setSpacing(kGapPx);
    m_previous = new QPushButton(tr("上一页"), m_pager);
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_next = new QPushButton(tr("下一页"), m_pager);
    m_next->setObjectName(QStringLiteral("nextPage"));
    for (QPushButton *b : {m_previous, m_next}) {
        setKioskFont(b, 44, true);
        b->setMinimumSize(300, kButtonMinPx);
        pager->addWidget(b);
    }
    layout->addWidget(m_pager);
    m_pager->hide();
    connect(m_previous, &QPushButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showPage(m_page + 1); });
}

int OptionListView::perPage() const
{
    // 长辈版's larger type takes more room: fewer options a page, each as large a target.
    const bool elder = kiosk::inElderMode(this);
    return m_columns == 2 ? (elder ? 6 : 8) : (elder ? 3 : 4);
}

int OptionListView::pageCount() const
{
    return std::max<int>(1, (int(m_options.size()) + perPage() - 1) / perPage());
}

void OptionListView::clear()
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_options.clear();
    m_title->clear();
    m_text->clear();
    m_text->hide();
    m_pager->hide();
}

void OptionListView::show(const QString &title, const QString &text, const QList<ListOption> &options, int columns)
{
    clear();
    m_title->setText(title);
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
    m_options = options;
    m_columns = columns == 2 ? 2 : 1;
    showPage(0);
}

void OptionListView::showPage(int page)
{
    using namespace kiosk;
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_page = std::clamp(page, 0, pageCount() - 1);
    const int first = m_page * perPage();
    const int last = std::min<int>(int(m_options.size()), first + perPage());
    for (int i = first; i < last; ++i) {
        const ListOption &option = m_options.at(i);
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("option_%1").arg(option.id));
        // Its accessible name is what it shows, line by line: the main word on the first (DESIGN §1).
        button->setAccessibleName(option.detail.isEmpty() ? option.title : option.title + QLatin1Char('\n') + option.detail);
        button->setMinimumSize(m_columns == 2 ? 468 : 900, option.detail.isEmpty() ? kButtonMinPx : kButtonMinPx + (m_columns == 1 && inElderMode(this) ? 150 : 70));
        button->setEnabled(option.enabled);
        QVBoxLayout *inner = columnLayout(button, {24, 12, 24, 12}, 0);
        inner->addWidget(buttonLabel(button, {.px = 52, .bold = true, .wrap = true}, option.title));
        if (!option.detail.isEmpty())
            inner->addWidget(buttonLabel(button, {.wrap = true}, option.detail));
        connect(button, &QPushButton::clicked, this, [this, id = option.id] { Q_EMIT optionChosen(id); });
        const int at = i - first;
        m_grid->addWidget(button, at / m_columns, at % m_columns);
        button->show(); // at once, not at the layout's next turn: a tap may follow right away
        m_buttons.append(button);
    }
    m_pager->setVisible(pageCount() > 1);
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_page + 1 < pageCount());
    m_previous->setText(tr("上一页"));
    m_next->setText(tr("下一页（%1/%2）").arg(m_page + 1).arg(pageCount()));
    // Said as shown, with the main word on a line of its own (DESIGN §1) and the page after it.
    QString name = m_next->text();
    static const QRegularExpression kPageNote(QStringLiteral("\\s*[（(]"));
    if (const qsizetype at = name.indexOf(kPageNote); at > 0)
        name = name.left(at) + QLatin1Char('\n') + name.mid(at).trimmed();
    m_next->setAccessibleName(name);
}

} // namespace hk

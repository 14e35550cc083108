#pragma once

#include <QList>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;

namespace hk {

struct ListOption {
    QString id;
    QString title;  // the main word: the button's first line and its accessible name's start
    QString detail; // a second, smaller line (empty: none)
    bool enabled = true;
};

// A screen of the citizen's booking flows (DESIGN §14): a title, a plain text (materials, a summary,
// why an option cannot be chosen), and large buttons to choose one option from — a page at a time,
// with 上一页/下一页 when there are more. The buttons sit low on the panel, within reach (§1).
class OptionListView : public QWidget {
    Q_OBJECT
public:
    explicit OptionListView(QWidget *parent = nullptr);

    // columns: 1 for long names (matters, bookings), 2 for short ones (days, slots).
    void show(const QString &title, const QString &text, const QList<ListOption> &options, int columns = 1);
    void clear();
    int page() const { return m_page; }
    int pageCount() const;

Q_SIGNALS:
    void optionChosen(const QString &id);

private:
    void showPage(int page);
    int perPage() const;

    QLabel *m_title;
    QLabel *m_text;
    QGridLayout *m_grid;
    QPushButton *m_previous;
    QPushButton *m_next;
    QWidget *m_pager;
    QList<QPushButton *> m_buttons;
    QList<ListOption> m_options;
    int m_columns = 1;
    int m_page = 0;
};

} // namespace hk

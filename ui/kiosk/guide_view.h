#pragma once

#include "app/services/guide/guide_service.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace hk {

// 办事指南 (一次性告知, DESIGN §14): the groups, a group's matters, then one matter — its
// materials numbered, how involved it is, whether it can be booked — with 打印材料清单. Long lists
// turn in pages with large 上一页 / 下一页 buttons (no scroll bar to hit for an 80-year-old);
// 上一步 goes back one level. Renders what it is given and forwards taps; paging is its own.
class GuideView : public QWidget {
    Q_OBJECT
public:
    enum class PrintState { Idle, Printing, Printed, Failed };
    static constexpr int kItemsPerPage = 3;
    static constexpr int kMaterialsPerPage = 3;

    explicit GuideView(QWidget *parent = nullptr);

    void showGroups(const QList<GuideGroup> &groups);
    void showMatters(const GuideGroup &group);
    void showMatter(const MatterGuide &matter, const QString &complexityText, const QString &bookingHint);
    // Under 打印材料清单: printing, printed, or why not (the list stays on the screen).
    void setPrintState(PrintState state, const QString &text = {});
    void clear();

Q_SIGNALS:
    void groupChosen(const QString &code);
    void matterChosen(const QString &code);
    void printRequested();
    void backRequested();

protected:
    void changeEvent(QEvent *event) override; // LanguageChange: the texts it set itself, again

private:
    void retranslate();
    enum class Level { Groups, Matters, Matter };
    struct Item {
        QString code;
        QString title;
        QString detail;
    };
    void showItems(const QString &title, const QString &prompt, QList<Item> items, Level level);
    void showPage(int page);
    int pageCount() const;

    Level m_level = Level::Groups;
    QList<Item> m_items;      // groups or matters
    QStringList m_materials;  // the matter's
    int m_page = 0;

    QWidget *m_head;
    QLabel *m_title;
    QLabel *m_prompt;
    QList<QLabel *> m_facts; // the matter's group, complexity and booking hint
    QVBoxLayout *m_list;
    QList<QWidget *> m_shown;
    QLabel *m_pageLabel;
    QLabel *m_printNote;
    QPushButton *m_print;
    QPushButton *m_back;
    QPushButton *m_previous;
    QPushButton *m_next;
};

} // namespace hk

// Every kiosk screen, filled with its fullest content, on the portrait 1080 × 1920 panel, in the
// standard and the 长辈版 (elder) type, in 中文 and in English (DESIGN §14): the rules of DESIGN §1
// measured on the laid-out widgets — text sizes, touch targets and the gaps between them, controls in
// the lower three quarters, nothing clipped or pushed off the panel — and, in English, no Chinese left
// on screen but the 中文 switch and the catalog's names. Each screen is saved to test-artifacts as
// <screen>-<zh|en>-<normal|elder>.png for a look.

#include "ui/kiosk/booking_choice_view.h"
#include "ui/kiosk/guide_view.h"
#include "ui/kiosk/home_view.h"
#include "ui/kiosk/kiosk_messages.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/my_ticket_view.h"
#include "ui/kiosk/booking_messages.h"
#include "ui/kiosk/notice_view.h"
#include "ui/kiosk/option_list_view.h"
#include "ui/kiosk/phone_keypad_view.h"
#include "ui/kiosk/ticket_view.h"

#include <QAccessible>
#include <QApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QLabel>
#include <QLayout>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace hk;

namespace {

constexpr int kPanelWidth = 1080;
constexpr int kPanelHeight = 1920;

// What the presenters pass to the views, in the language on screen: the same source strings and
// translation contexts as ui/kiosk/booking_flow_presenter.cpp.
QString t(const char *context, const char *source, int n = -1)
{
    return QCoreApplication::translate(context, source, nullptr, n);
}
constexpr const char *kFlow = "hk::BookingFlowPresenter";

QString shortDay(const QDate &day)
{
    return QLocale(t(kFlow, "zh_CN")).toString(day, t(kFlow, "M月d日 ddd"));
}

QString slipDay(const QDate &day)
{
    return QLocale(t("SlipText", "zh_CN")).toString(day, t("SlipText", "yyyy年M月d日 dddd"));
}

// Catalog data (DESIGN §14): names of groups, matters, materials, the center, its address and windows
// stay as the catalog gives them in English too (it has no English names), and so do a card
// holder's masked name — the only Chinese an English screen may show, beside the 中文 switch.
const QStringList kCatalogWords{
    QStringLiteral("城乡居民基本养老保险待遇申领（第"), QStringLiteral("类）"), QStringLiteral("二手房转移登记（买卖）及抵押权首次登记合并办理"),
    QStringLiteral("二手房转移登记（买卖）"), QStringLiteral("城乡居民养老保险待遇申领"), QStringLiteral("个体工商户设立登记"),
    QStringLiteral("买卖双方居民身份证原件及复印件（已婚的还需配偶身份证和结婚证）"), QStringLiteral("不动产权证书原件"),
    QStringLiteral("经网签备案的存量房买卖合同"), QStringLiteral("完税凭证"), QStringLiteral("主债权合同及抵押合同"),
    QStringLiteral("委托他人办理的，提供经公证的授权委托书"), QStringLiteral("户口簿"), QStringLiteral("居民身份证原件"),
    QStringLiteral("买卖双方身份证原件"), QStringLiteral("不动产权证书"), QStringLiteral("买卖合同"), QStringLiteral("婚姻状况证明"),
    QStringLiteral("社保医保"), QStringLiteral("不动产登记"), QStringLiteral("户籍与出入境"), QStringLiteral("企业开办"),
    QStringLiteral("税务办理"), QStringLiteral("综合咨询"), QStringLiteral("住房公积金"), QStringLiteral("车驾管业务"),
    QStringLiteral("青山县政务服务中心"), QStringLiteral("青山县人民路100号 政务服务中心一楼"), QStringLiteral("12号综合窗口"),
    QStringLiteral("张*三"), QStringLiteral("张*")};

const QRegularExpression kChinese(QStringLiteral("[\\x{3000}-\\x{303f}\\x{4e00}-\\x{9fff}\\x{ff00}-\\x{ffef}]"));

// The Chinese left in a text once the catalog's names are taken out ('' none).
QString chineseLeft(QString text)
{
    for (const QString &word : kCatalogWords)
        text.remove(word);
    return kChinese.match(text).hasMatch() ? text : QString();
}

QList<GroupChoice> groups(int n)
{
    const QList<GroupChoice> all{{QStringLiteral("SB"), QStringLiteral("社保医保")},
                                 {QStringLiteral("BDC"), QStringLiteral("不动产登记")},
                                 {QStringLiteral("HJ"), QStringLiteral("户籍与出入境")},
                                 {QStringLiteral("QY"), QStringLiteral("企业开办")},
                                 {QStringLiteral("SW"), QStringLiteral("税务办理")},
                                 {QStringLiteral("ZH"), QStringLiteral("综合咨询")},
                                 {QStringLiteral("GJJ"), QStringLiteral("住房公积金")},
                                 {QStringLiteral("CL"), QStringLiteral("车驾管业务")}};
    return all.mid(0, n);
}

TicketSlip bookedSlip()
{
    TicketSlip slip;
    slip.ticketId = QStringLiteral("0b7c6c1e-5d0f-4c55-9f0e-7a3c2d1e9f80");
    slip.number = QStringLiteral("Y012");
    slip.kind = TicketKind::Booked;
    slip.groupCode = QStringLiteral("BDC");
    slip.groupName = QStringLiteral("不动产登记");
    slip.matterName = QStringLiteral("二手房转移登记（买卖）");
    slip.slotText = QStringLiteral("09:00–10:00");
    slip.materials = {QStringLiteral("买卖双方身份证原件"), QStringLiteral("不动产权证书"), QStringLiteral("买卖合同"),
                      QStringLiteral("完税凭证")};
    slip.peopleAhead = 12;
    slip.issuedAtText = QStringLiteral("2026-11-24 09:05");
    slip.qrPayload = QStringLiteral("HK1:SQ-001:0b7c6c1e-5d0f-4c55-9f0e-7a3c2d1e9f80:20261124:7Q3K9X2M");
    return slip;
}

TicketSlip walkInSlip()
{
    TicketSlip slip = bookedSlip();
    slip.number = QStringLiteral("A123");
    slip.kind = TicketKind::WalkIn;
    slip.groupCode = QStringLiteral("SB");
    slip.groupName = QStringLiteral("社保医保");
    slip.matterName.clear();
    slip.slotText.clear();
    slip.materials.clear();
    slip.peopleAhead = 37;
    return slip;
}

// 办事指南 at its fullest: eight groups (two pages), a group of five matters with long names, a
// matter of seven materials (two pages) with the longest hints.
QList<GuideGroup> guideGroups()
{
    QList<GuideGroup> all;
    for (const GroupChoice &g : groups(8)) {
        GuideGroup group{g.code, g.name, {}};
        for (int i = 1; i <= 5; ++i) {
            MatterGuide m;
            m.code = QStringLiteral("%1-00%2").arg(g.code).arg(i);
            m.name = QStringLiteral("城乡居民基本养老保险待遇申领（第%1类）").arg(i);
            m.groupCode = g.code;
            m.groupName = g.name;
            m.materials = {QStringLiteral("居民身份证原件")};
            m.bookable = i % 2 == 1;
            group.matters.append(m);
        }
        all.append(group);
    }
    return all;
}

MatterGuide fullestMatter()
{
    MatterGuide m;
    m.code = QStringLiteral("BDC-001");
    m.name = QStringLiteral("二手房转移登记（买卖）及抵押权首次登记合并办理");
    m.groupCode = QStringLiteral("BDC");
    m.groupName = QStringLiteral("不动产登记");
    m.complexity = Complexity::Special;
    m.materials = {QStringLiteral("买卖双方居民身份证原件及复印件（已婚的还需配偶身份证和结婚证）"), QStringLiteral("不动产权证书原件"),
                   QStringLiteral("经网签备案的存量房买卖合同"), QStringLiteral("完税凭证"), QStringLiteral("主债权合同及抵押合同"),
                   QStringLiteral("委托他人办理的，提供经公证的授权委托书"), QStringLiteral("户口簿")};
    m.bookable = true;
    m.weekend = true;
    return m;
}

TicketStatus lookedUp(TicketState state)
{
    TicketStatus s;
    s.ticketId = QStringLiteral("0b7c6c1e-5d0f-4c55-9f0e-7a3c2d1e9f80");
    s.number = QStringLiteral("A1023");
    s.groupName = QStringLiteral("户籍与出入境");
    s.state = state;
    s.peopleAhead = 137;
    if (state == TicketState::Called) {
        s.window = 12;
        s.windowName = QStringLiteral("12号综合窗口");
    }
    if (state == TicketState::Passed)
        s.requeueUntil = QDateTime(QDate(2026, 11, 24), QTime(10, 35));
    return s;
}

BookingChoice threeBookings()
{
    return {QStringLiteral("张*"),
            {{QStringLiteral("B1"), QStringLiteral("二手房转移登记（买卖）"), QStringLiteral("不动产登记"), QStringLiteral("09:00–10:00"), QString(), false},
             {QStringLiteral("B2"), QStringLiteral("城乡居民养老保险待遇申领"), QStringLiteral("社保医保"), QStringLiteral("10:00–11:00"), QString(), false},
             {QStringLiteral("B3"), QStringLiteral("个体工商户设立登记"), QStringLiteral("企业开办"), QStringLiteral("14:00–15:00"), QString(), false}}};
}

// C2: the same card after one booking was checked in: its ticket, and the others to check in.
BookingChoice oneCheckedIn()
{
    BookingChoice choice = threeBookings();
    choice.options[0].checkedIn = true;
    choice.options[0].ticketNumber = QStringLiteral("Y012");
    return choice;
}

QRect inWindow(const QWidget *w, const QWidget *window)
{
    return QRect(w->mapTo(window, QPoint(0, 0)), w->size());
}

bool shown(const QWidget *w, const QWidget *window)
{
    return w->isVisibleTo(window) && w->width() > 0 && w->height() > 0;
}

QString describe(const QWidget *w)
{
    if (auto *label = qobject_cast<const QLabel *>(w))
        return QStringLiteral("label %1 \"%2\"").arg(w->objectName(), label->text().left(20));
    if (auto *button = qobject_cast<const QPushButton *>(w))
        return QStringLiteral("button %1 \"%2\"").arg(w->objectName(), button->text().left(20));
    return w->objectName();
}

} // namespace

class TestKioskScreens : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily)));
        QVERIFY2(QFontInfo(QApplication::font()).family().contains(QStringLiteral("Noto Sans CJK")),
                 "Noto Sans CJK SC is missing (scripts/setup-debian.sh installs fonts-noto-cjk)");
    }

    void everyScreenKeepsTheRules_data()
    {
        QTest::addColumn<bool>("english");
        QTest::addColumn<bool>("elder");
        QTest::addColumn<QString>("screen");
        for (bool english : {false, true}) {
        for (bool elder : {false, true}) {
            for (const char *screen : {"home-6", "home-8", "home-unavailable", "ticket-walk-in", "ticket-booked", "ticket-print-failed",
                                       "ticket-checked-in", "ticket-reprint-note", "notice-action", "choice-3",
                                       "choice-checked-in", "home-long-wait", "home-8-long-wait", "guide-groups",
                                       "guide-groups-page-2", "guide-matters", "guide-matter", "guide-matter-page-2",
                                       "guide-matter-print-failed", "my-ticket-prompt", "my-ticket-waiting", "my-ticket-called",
                                       "my-ticket-passed", "my-ticket-requeue-refused",
                                       // 预约 and 取消预约 (DESIGN §14)
                                       "book-groups", "book-matters", "book-materials", "book-days", "book-slots", "book-phone",
                                       "book-phone-error", "book-confirm", "book-done", "book-refused", "book-lost", "book-offline",
                                       "cancel-list", "cancel-confirm"}) {
                const QString name = QStringLiteral("%1-%2-%3").arg(QLatin1String(screen), english ? QStringLiteral("en") : QStringLiteral("zh"),
                                                                   elder ? QStringLiteral("elder") : QStringLiteral("normal"));
                QTest::newRow(qPrintable(name)) << english << elder << QString::fromLatin1(screen);
            }
        }
        }
    }

    void everyScreenKeepsTheRules()
    {
        QFETCH(bool, english);
        QFETCH(bool, elder);
        QFETCH(QString, screen);
        // Shown on home first, as on the terminal: going to a screen must not move the window.
        KioskWindow window;
        window.resize(kPanelWidth, kPanelHeight);
        window.setElderMode(elder);
        if (english)
            QVERIFY2(window.setLanguage(KioskWindow::Language::English), "no English translation compiled in");
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        fill(window, screen);
        QTest::qWait(0);
        if (!screen.startsWith(QLatin1String("home"))) { // and back home, and there again
            window.showScreen(KioskWindow::Screen::Home);
            fill(window, screen);
            QTest::qWait(0);
        }

        // Nothing pushes the window past the panel.
        QVERIFY2(window.minimumSizeHint().height() <= kPanelHeight,
                 qPrintable(QStringLiteral("needs %1 px of height").arg(window.minimumSizeHint().height())));
        QCOMPARE(window.size(), QSize(kPanelWidth, kPanelHeight));

        const int smallestText = elder ? 48 : 36;
        QList<QRect> targets;
        for (QWidget *w : window.findChildren<QWidget *>()) {
            if (!shown(w, &window))
                continue;
            const QRect rect = inWindow(w, &window);
            auto *label = qobject_cast<QLabel *>(w);
            auto *button = qobject_cast<QPushButton *>(w);
            const bool hasText = (label && !label->text().isEmpty()) || (button && !button->text().isEmpty());
            if (hasText) {
                QVERIFY2(window.rect().contains(rect), qPrintable(describe(w) + QStringLiteral(" is off the panel")));
                QVERIFY2(w->font().pixelSize() >= smallestText,
                         qPrintable(QStringLiteral("%1 is %2 px").arg(describe(w)).arg(w->font().pixelSize())));
            }
            if (label && hasText) {
                const int needed = label->wordWrap() ? label->heightForWidth(label->width()) : label->sizeHint().height();
                QVERIFY2(needed <= label->height(), qPrintable(QStringLiteral("%1 needs %2 px of height, has %3")
                                                                   .arg(describe(w)).arg(needed).arg(label->height())));
                if (!label->wordWrap())
                    QVERIFY2(label->sizeHint().width() <= label->width(), qPrintable(describe(w) + QStringLiteral(" is cut off")));
            }
            if (button) {
                QVERIFY2(button->width() >= 120 && button->height() >= 120, qPrintable(describe(w) + QStringLiteral(" is too small to touch")));
                QVERIFY2(rect.top() >= kPanelHeight / 4, qPrintable(describe(w) + QStringLiteral(" is out of reach, in the top quarter")));
                if (hasText)
                    QVERIFY2(button->sizeHint().width() <= button->width() && button->sizeHint().height() <= button->height(),
                             qPrintable(describe(w) + QStringLiteral(" cuts its text")));
                for (const QRect &other : std::as_const(targets))
                    QVERIFY2(!rect.adjusted(-24, -24, 24, 24).intersects(other),
                             qPrintable(describe(w) + QStringLiteral(" is closer than 24 px to another button")));
                targets.append(rect);
            }
        }
        QVERIFY(!targets.isEmpty()); // 帮办 at least
        if (english) {
            // Every visible text in English: the widget tree walked, the catalog's names aside.
            int texts = 0;
            for (QWidget *w : window.findChildren<QWidget *>()) {
                if (!shown(w, &window) || w->objectName() == QLatin1String("languageButton"))
                    continue;
                QString text;
                if (auto *label = qobject_cast<QLabel *>(w))
                    text = label->text();
                else if (auto *button = qobject_cast<QPushButton *>(w))
                    text = button->text();
                if (text.isEmpty())
                    continue;
                ++texts;
                QVERIFY2(chineseLeft(text).isEmpty(), qPrintable(describe(w) + QStringLiteral(" is not in English: ") + text));
            }
            QVERIFY(texts >= 3); // the screen's own words, 返回首页 or 长辈版, 帮办
            auto *language = window.findChild<QPushButton *>(QStringLiteral("languageButton"));
            QCOMPARE(language->isVisibleTo(&window), screen.startsWith(QLatin1String("home")));
            QCOMPARE(language->text(), QStringLiteral("中文"));
        }
        QVERIFY(window.grab().save(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/%1-%2-%3.png")
                                       .arg(screen, english ? QStringLiteral("en") : QStringLiteral("zh"),
                                            elder ? QStringLiteral("elder") : QStringLiteral("normal"))));
    }

    void theElderSwitchIsOnHomeAndReachesEveryScreen()
    {
        KioskWindow window;
        window.resize(kPanelWidth, kPanelHeight);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy changed(&window, &KioskWindow::elderModeChanged);
        auto *elder = window.findChild<QPushButton *>(QStringLiteral("elderButton"));
        QVERIFY(elder && elder->isVisible());
        QVERIFY(elder->text().startsWith(QStringLiteral("长辈版")));
        auto *hint = window.findChild<QLabel *>(QStringLiteral("ticketHint"));
        const int standardHint = hint->font().pixelSize();

        QTest::mouseClick(elder, Qt::LeftButton);
        QVERIFY(window.elderMode());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toBool(), true);
        QVERIFY(elder->text().startsWith(QStringLiteral("标准版"))); // says, in words, how to go back
        QCOMPARE(hint->font().pixelSize(), kiosk::elderPx(standardHint)); // a screen not yet shown
        QVERIFY(hint->font().pixelSize() >= 48);

        // Made after the switch: a group button's waiting count is in the elder size from the start.
        window.home().setGroups(groups(2));
        window.home().setWaiting({});
        auto *waiting = window.findChild<QLabel *>(QStringLiteral("waiting_SB"));
        QCOMPARE(waiting->font().pixelSize(), kiosk::elderPx(kiosk::kBodyPx));

        // Away from home the switch is not there: the citizen is busy with the ticket.
        window.ticket().showPrinted(walkInSlip());
        window.showScreen(KioskWindow::Screen::Ticket);
        QVERIFY(!elder->isVisible());
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTime"))->font().pixelSize(), 48);
        window.showScreen(KioskWindow::Screen::Home);

        QTest::mouseClick(elder, Qt::LeftButton);
        QVERIFY(!window.elderMode());
        QCOMPARE(changed.size(), 2);
        QCOMPARE(hint->font().pixelSize(), standardHint);
        QCOMPARE(waiting->font().pixelSize(), kiosk::kBodyPx);
        window.setElderMode(false); // no change, no signal
        QCOMPARE(changed.size(), 2);
    }

    // DESIGN §1: a screen reader says each home entry's visible word, the main word first; what the
    // entry does is its description, never a name that differs from what a sighted citizen reads.
    void homeEntriesAreNamedByWhatTheySay()
    {
        KioskWindow window;
        window.resize(kPanelWidth, kPanelHeight);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        fill(window, QStringLiteral("home-8"));
        const QList<QPair<const char *, QString>> entries{{"bookButton", QStringLiteral("预约")},
                                                          {"cancelBookingButton", QStringLiteral("取消预约")},
                                                          {"guideButton", QStringLiteral("办事指南")},
                                                          {"myTicketButton", QStringLiteral("排队查询")}};
        int top = -1;
        for (const auto &[name, word] : entries) {
            auto *button = window.findChild<QPushButton *>(QLatin1String(name));
            QVERIFY2(button && button->isVisible(), name);
            QCOMPARE(button->text(), word);
            QAccessibleInterface *a = QAccessible::queryAccessibleInterface(button);
            QVERIFY(a);
            QCOMPARE(a->text(QAccessible::Name), word);
            QVERIFY(!a->text(QAccessible::Description).isEmpty());
            const int y = button->mapTo(&window, QPoint()).y();
            QVERIFY2(top < 0 || y == top, "the four entries are one row");
            top = y;
        }
    }

    // DESIGN §1: the materials list's button is named as it reads — 正在打印 while the list prints,
    // its action again when it is done — so a screen reader never offers a press that does nothing.
    void thePrintButtonIsNamedAsItReads()
    {
        KioskWindow window;
        window.resize(kPanelWidth, kPanelHeight);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        fill(window, QStringLiteral("guide-matter"));
        auto *print = window.findChild<QPushButton *>(QStringLiteral("printMaterials"));
        QVERIFY(print);
        const auto name = [print] { return QAccessible::queryAccessibleInterface(print)->text(QAccessible::Name); };
        QVERIFY2(name().startsWith(QStringLiteral("打印材料清单\n")), qPrintable(name()));
        window.guide().setPrintState(GuideView::PrintState::Printing, {});
        QCOMPARE(name(), print->text());
        QVERIFY2(name().startsWith(QStringLiteral("正在打印")), qPrintable(name()));
        window.guide().setPrintState(GuideView::PrintState::Printed, materialsPrinted());
        QVERIFY2(name().startsWith(QStringLiteral("打印材料清单\n")), qPrintable(name()));
    }

    // DESIGN §1, §14: the switch on home says the language it switches to, its accessible name is
    // that word, and every widget re-texts at once — the views' own words and the presenter's alike.
    void theLanguageSwitchIsOnHomeAndRetextsEveryScreen()
    {
        KioskWindow window;
        window.resize(kPanelWidth, kPanelHeight);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        fill(window, QStringLiteral("home-8"));
        QSignalSpy changed(&window, &KioskWindow::languageChanged);
        auto *language = window.findChild<QPushButton *>(QStringLiteral("languageButton"));
        QVERIFY(language && language->isVisible());
        QCOMPARE(language->text(), QStringLiteral("English"));
        QCOMPARE(QAccessible::queryAccessibleInterface(language)->text(QAccessible::Name), QStringLiteral("English"));
        auto *book = window.findChild<QPushButton *>(QStringLiteral("bookButton"));
        auto *date = window.findChild<QLabel *>(QStringLiteral("homeDate"));
        QCOMPARE(date->text(), QStringLiteral("2026年11月24日 星期二"));
        auto *badge = window.findChild<QLabel *>(QStringLiteral("bookedBadge")); // a screen not on show

        QTest::mouseClick(language, Qt::LeftButton);
        QCOMPARE(window.language(), KioskWindow::Language::English);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(language->text(), QStringLiteral("中文"));
        QCOMPARE(QAccessible::queryAccessibleInterface(language)->text(QAccessible::Name), QStringLiteral("中文"));
        QCOMPARE(book->text(), QStringLiteral("Book"));
        QCOMPARE(QAccessible::queryAccessibleInterface(book)->text(QAccessible::Name), QStringLiteral("Book"));
        QCOMPARE(window.findChild<QPushButton *>(QStringLiteral("helpButton"))->text(), QStringLiteral("Help\ncall staff"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("waiting_SB"))->text(), QStringLiteral("12 waiting"));
        QCOMPARE(date->text(), QStringLiteral("Tue 24 Nov 2026"));
        QCOMPARE(badge->text(), QStringLiteral("Booked: served first"));
        // The dates said the citizen's way.
        QCOMPARE(citizenDay(QDate(2026, 11, 24), QDate(2026, 11, 24)), QStringLiteral("Today"));
        QCOMPARE(citizenDay(QDate(2026, 11, 25), QDate(2026, 11, 24)), QStringLiteral("Tomorrow (Wed 25 Nov)"));
        QCOMPARE(citizenDay(QDate(2026, 11, 27), QDate(2026, 11, 24)), QStringLiteral("Fri 27 Nov"));
        // Away from home the switch is not there.
        window.showScreen(KioskWindow::Screen::Guide);
        QVERIFY(!language->isVisible());
        window.showScreen(KioskWindow::Screen::Home);

        QTest::mouseClick(language, Qt::LeftButton);
        QCOMPARE(window.language(), KioskWindow::Language::Chinese);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(language->text(), QStringLiteral("English"));
        QCOMPARE(book->text(), QStringLiteral("预约"));
        QCOMPARE(date->text(), QStringLiteral("2026年11月24日 星期二"));
        QCOMPARE(badge->text(), QStringLiteral("预约优先"));
        QCOMPARE(citizenDay(QDate(2026, 11, 25), QDate(2026, 11, 24)), QStringLiteral("明天（11月25日 星期三）"));
    }

    void theLargestTypeStaysAsItIs()
    {
        QCOMPARE(kiosk::elderPx(kiosk::kBodyPx), 48);
        QCOMPARE(kiosk::elderPx(44), 53);
        QCOMPARE(kiosk::elderPx(55), 66);
        QCOMPARE(kiosk::elderPx(56), 56);
        QCOMPARE(kiosk::elderPx(kiosk::kNumberPx), kiosk::kNumberPx);
    }

private:
    // The booking flows at their fullest: the longest names, the most options a page holds.
    static void fillBooking(KioskWindow &window, const QString &screen)
    {
        const auto options = [](int n, bool twoLines) {
            QList<ListOption> list;
            for (int i = 0; i < n; ++i)
                list.append({QStringLiteral("o%1").arg(i), QStringLiteral("二手房转移登记（买卖）%1").arg(i),
                             twoLines ? shortDay(QDate(2026, 12, 3)) + QStringLiteral(" 09:00–10:00") + t(kFlow, " · 不到%n小时，不能取消", 3)
                                      : QString()});
            return list;
        };
        if (screen == QLatin1String("book-phone") || screen == QLatin1String("book-phone-error")) {
            window.keypad().reset(t(kFlow, "请输入您的手机号码"));
            for (const char *key : {"key1", "key3", "key8", "key0", "key0", "key1", "key3"})
                window.keypad().findChild<QPushButton *>(QLatin1String(key))->click();
            if (screen == QLatin1String("book-phone-error"))
                window.keypad().setError(phoneNumberProblem(QStringLiteral("1380013"), false));
            window.showScreen(KioskWindow::Screen::Keypad);
            return;
        }
        if (screen == QLatin1String("book-done") || screen == QLatin1String("book-refused") || screen == QLatin1String("book-lost") ||
            screen == QLatin1String("book-offline")) {
            CitizenMessage m;
            QString action;
            if (screen == QLatin1String("book-done"))
                m = {t(kFlow, "预约成功，请取走预约凭证"),
                     t(kFlow, "%1\n%2 %3\n到时请带齐材料，扫凭证上的二维码或刷身份证签到。")
                         .arg(QStringLiteral("二手房转移登记（买卖）"), slipDay(QDate(2026, 12, 3)), QStringLiteral("09:00–10:00"))};
            else if (screen == QLatin1String("book-refused")) {
                Rules rules;
                m = bookingRefused(QStringLiteral("credit_restricted"), rules);
                action = t(kFlow, "选其他日期");
            } else if (screen == QLatin1String("book-lost")) {
                m = bookingAnswerLost();
                action = t(kFlow, "再试一次");
            } else
                m = bookingNeedsNetwork(QStringLiteral("021-12345678"), false);
            window.notice().show(NoticeView::Tone::Alert, m.title, m.text);
            window.notice().setAction(action);
            window.showScreen(KioskWindow::Screen::Notice);
            return;
        }
        const QString materials = t(kFlow, "办理时请带齐：") + QStringLiteral("\n1. 买卖双方身份证原件\n2. 不动产权证书\n3. 买卖合同\n4. 完税凭证\n5. 婚姻状况证明");
        const QString matter = QStringLiteral("二手房转移登记（买卖）");
        if (screen == QLatin1String("book-groups"))
            window.options().show(t(kFlow, "%1 您好，要预约哪类业务？").arg(QStringLiteral("张*三")), {}, options(6, true));
        else if (screen == QLatin1String("book-matters"))
            window.options().show(t(kFlow, "请选择要办的事项"), QStringLiteral("不动产登记"), options(6, false));
        else if (screen == QLatin1String("book-materials"))
            window.options().show(matter, materials, {{QStringLiteral("next"), t(kFlow, "选择日期"), {}}});
        else if (screen == QLatin1String("book-days") || screen == QLatin1String("book-slots")) {
            QList<ListOption> list;
            for (int i = 0; i < 9; ++i)
                list.append({QStringLiteral("d%1").arg(i), screen == QLatin1String("book-days") ? shortDay(QDate(2026, 12, 20 + i))
                                                                                                   : QStringLiteral("15:00–16:00"),
                             screen == QLatin1String("book-days") ? t(kFlow, "可约 %n 个时段", 8) : t(kFlow, "还有 %n 个名额", 12)});
            window.options().show(screen == QLatin1String("book-days") ? t(kFlow, "请选择日期") : t(kFlow, "请选择时段"),
                                  shortDay(QDate(2026, 12, 3)) + QStringLiteral(" · ") + matter, list, 2);
        } else if (screen == QLatin1String("book-confirm"))
            window.options().show(t(kFlow, "请核对预约信息"),
                                  t(kFlow, "事项：%1\n日期：%2\n时段：%3\n手机：%4")
                                          .arg(matter, shortDay(QDate(2026, 12, 3)), QStringLiteral("09:00–10:00"), QStringLiteral("138****8000")) +
                                      t(kFlow, "\n地址：%1").arg(QStringLiteral("青山县人民路100号 政务服务中心一楼")),
                                  {{QStringLiteral("confirm"), t(kFlow, "确认预约"), {}}});
        else if (screen == QLatin1String("cancel-list"))
            window.options().show(t(kFlow, "%1 您好，要取消哪个预约？").arg(QStringLiteral("张*三")), {}, options(5, true));
        else if (screen == QLatin1String("cancel-confirm"))
            window.options().show(t(kFlow, "确认取消这个预约？"),
                                  t(kFlow, "事项：%1\n日期：%2\n时段：%3\n取消后名额让给别人，不能恢复。")
                                      .arg(matter, slipDay(QDate(2026, 12, 3)), QStringLiteral("09:00–10:00")),
                                  {{QStringLiteral("cancel"), t(kFlow, "确认取消预约"), {}}});
        window.showScreen(KioskWindow::Screen::Options);
    }

    static void fill(KioskWindow &window, const QString &screen)
    {
        window.home().setCenterName(QStringLiteral("青山县政务服务中心"));
        window.home().setClock(QDateTime(QDate(2026, 11, 24), QTime(9, 5)));
        window.home().setCheckInHint(checkInHint(true, true));
        if (screen.startsWith(QLatin1String("home"))) {
            window.home().setGroups(groups(screen.startsWith(QLatin1String("home-8")) ? 8 : 6));
            window.home().setWaiting({{QStringLiteral("SB"), 12}, {QStringLiteral("BDC"), 0}, {QStringLiteral("HJ"), 105}});
            if (screen.endsWith(QLatin1String("long-wait")))
                window.home().setWaitNotice(longWaitNotice({{QStringLiteral("户籍与出入境"), 45}, {QStringLiteral("不动产登记"), 70}, {QStringLiteral("住房公积金"), 35}}));
            if (screen == QLatin1String("home-unavailable"))
            {
                const CitizenMessage paperOut = printerProblem(DeviceError::PaperOut);
                window.home().setUnavailable(paperOut.title, paperOut.text);
            }
            window.showScreen(KioskWindow::Screen::Home);
            return;
        }
        window.setCountdown(20);
        if (screen == QLatin1String("ticket-walk-in"))
            window.ticket().showPrinted(walkInSlip());
        else if (screen == QLatin1String("ticket-booked"))
            window.ticket().showPrinted(bookedSlip());
        else if (screen == QLatin1String("ticket-print-failed"))
            window.ticket().showPrintFailed(bookedSlip(), printFailureReason(DeviceError::PaperOut));
        else if (screen == QLatin1String("ticket-checked-in"))
            window.ticket().showCheckedIn(bookedSlip(), true);
        else if (screen == QLatin1String("ticket-reprint-note")) {
            window.ticket().showCheckedIn(bookedSlip(), true);
            window.ticket().setReprintOffer(TicketView::ReprintOffer::None, reprintRefused({ReprintError::Reason::CitizenLimit, {}, {}}));
        }
        if (screen.startsWith(QLatin1String("ticket"))) {
            window.showScreen(KioskWindow::Screen::Ticket);
            return;
        }
        if (screen == QLatin1String("notice-action")) {
            CheckInProblem late;
            late.reason = CheckInProblem::Reason::Late;
            late.walkInGroup = QStringLiteral("SB");
            late.walkInGroupName = QStringLiteral("社保医保");
            const CitizenMessage m = checkInProblem(late, QDate(2026, 11, 24));
            window.notice().show(NoticeView::Tone::Alert, m.title, m.text);
            window.notice().setAction(walkInInstead(late.walkInGroupName));
            window.showScreen(KioskWindow::Screen::Notice);
            return;
        }
        if (screen.startsWith(QLatin1String("guide"))) {
            GuideView &guide = window.guide();
            if (screen.startsWith(QLatin1String("guide-groups")))
                guide.showGroups(guideGroups());
            else if (screen == QLatin1String("guide-matters"))
                guide.showMatters(guideGroups().at(1));
            else
                guide.showMatter(fullestMatter(), complexityText(Complexity::Special), bookingHint(true, true));
            if (screen.endsWith(QLatin1String("page-2")))
                QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("guideNext")), Qt::LeftButton);
            if (screen == QLatin1String("guide-matter-print-failed"))
                guide.setPrintState(GuideView::PrintState::Failed, materialsNotPrinted(DeviceError::PaperOut));
            window.showScreen(KioskWindow::Screen::Guide);
            return;
        }
        if (screen.startsWith(QLatin1String("my-ticket"))) {
            MyTicketView &view = window.myTicket();
            const TicketState state = screen == QLatin1String("my-ticket-called") ? TicketState::Called
                                      : screen == QLatin1String("my-ticket-waiting") ? TicketState::Waiting
                                                                                      : TicketState::Passed;
            const TicketStatusWords words = ticketStatusWords(lookedUp(state));
            if (screen == QLatin1String("my-ticket-prompt"))
                view.showPrompt();
            else
                view.showStatus(lookedUp(state), words.state, words.detail, state == TicketState::Passed);
            if (screen == QLatin1String("my-ticket-requeue-refused"))
                view.setRequeueRefused(requeueRefused({TicketLookupProblem::Reason::RequeueTooLate, QStringLiteral("A1023"), {}, {}}));
            window.showScreen(KioskWindow::Screen::MyTicket);
            return;
        }
        if (screen.startsWith(QLatin1String("book-")) || screen.startsWith(QLatin1String("cancel-"))) {
            fillBooking(window, screen);
            return;
        }
        window.choice().show(screen == QLatin1String("choice-checked-in") ? oneCheckedIn() : threeBookings());
        window.showScreen(KioskWindow::Screen::Choice);
    }
};

QTEST_MAIN(TestKioskScreens)
#include "tst_kiosk_screens.moc"

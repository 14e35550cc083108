// ui/kiosk/booking_flow_presenter and app/services/booking/citizen_booking_service over a real
// KioskWindow (offscreen), the real SQLite stores, the real HTTP client and the reference platform
// in process on a loopback port, one fake clock for both: 预约 by card from matter to slip, the
// phone number's checks, every 409 of DESIGN §6 said in plain words, an answer lost on the way
// asked again with the same request_id (booked once), the offline screen, 取消预约 with B4, and the
// flow forgotten when the screen goes home. No ID number reaches the terminal's database.

#include "ui/kiosk/booking_flow_presenter.h"

#include "app/services/checkin/applicant_identity.h"
#include "app/services/checkin/check_in_service.h"
#include "app/services/sync/remote_booking_service.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "tests/platform/sim_fixture.h"
#include "tests/support/kiosk_hall.h"
#include "tests/support/test_platform.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/option_list_view.h"

#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

const QString kCitizen = QStringLiteral("110105198001010016");
const QString kOther = QStringLiteral("440306199002020038");
constexpr int kWaitMs = 60000;

IdentityDocument card(const QString &number = kCitizen, const QString &name = QStringLiteral("王小明"))
{
    return IdentityDocument{IdentityDocument::Kind::ResidentCard, number, name};
}

struct Rig : KioskHall {
    // Wednesday 2 December 2026, 10:00 in the hall.
    explicit Rig(bool online = true)
        : KioskHall(centerTime(2, 10))
        , platform(clock)
        , presenter(window, issue, checkIn, help, catalog, health, day, overview, clock,
                    KioskSettings{.ticketScreenS = 20, .printFailedS = 90, .idleTimeoutS = 60, .elderMode = false, .wakeMs = 20})
        , booking(bookings, catalog, printer, clock, settings(platform.keys.matchKey()))
        , flow(window, presenter, booking, catalog, 60, 20)
    {
        if (online) {
            if (!platform.start())
                qFatal("the reference platform did not listen");
            client = HttpPlatformClient::create(platform.endpoint(), clock).value();
            remote = std::make_unique<RemoteBookingService>(*client, bookings, catalog);
            booking.setPlatform(remote.get(), nullptr);
        }
        health.setDeviceHealth(QStringLiteral("printer"), printer.health());
        window.resize(1080, 1920);
        window.show();
        presenter.start();
    }
    static CitizenBookingService::Settings settings(const QByteArray &matchKey)
    {
        CitizenBookingService::Settings s;
        s.matchKey = matchKey;
        s.hallAddress = QStringLiteral("青山县人民路100号");
        s.bookingPhone = QStringLiteral("021-12345678");
        s.retryDelayMs = 10;
        return s;
    }

    SimPlatform platform;
    std::unique_ptr<HttpPlatformClient> client;
    std::unique_ptr<RemoteBookingService> remote;
    KioskWindow window;
    KioskPresenter presenter;
    CitizenBookingService booking;
    BookingFlowPresenter flow;

    QPushButton *button(const QString &name) const { return window.findChild<QPushButton *>(name); }
    void tap(const QString &name)
    {
        QTRY_VERIFY2(button(name) && button(name)->isVisible(), qPrintable(name + QStringLiteral(" is not on screen")));
        QTest::mouseClick(button(name), Qt::LeftButton);
    }
    QString label(const char *name) const { return window.findChild<QLabel *>(QLatin1String(name))->text(); }
    // The option buttons on screen now, in order.
    QStringList options()
    {
        QStringList ids;
        for (QPushButton *b : window.options().findChildren<QPushButton *>()) {
            if (b->objectName().startsWith(QLatin1String("option_")) && b->isVisible())
                ids << b->objectName();
        }
        return ids;
    }
    void typePhone(const QString &digits)
    {
        tap(QStringLiteral("keyClear"));
        for (QChar c : digits)
            tap(QStringLiteral("key%1").arg(c));
        tap(QStringLiteral("keypadConfirm"));
    }
    // From home to the confirm screen: card, 社保医保, the first matter, its materials, a day, a slot, a phone.
    void chooseUpToConfirm(const QString &idNumber = kCitizen, int dayIndex = 0, int slotIndex = 0)
    {
        tap(QStringLiteral("bookButton"));
        QCOMPARE(flow.step(), BookingFlowPresenter::Step::BookCard);
        QVERIFY(flow.offerCard(card(idNumber)));
        QCOMPARE(flow.step(), BookingFlowPresenter::Step::Group);
        tap(QStringLiteral("option_SB"));
        QCOMPARE(flow.step(), BookingFlowPresenter::Step::Matter);
        tap(QStringLiteral("option_SB-001"));
        QCOMPARE(flow.step(), BookingFlowPresenter::Step::Materials);
        tap(QStringLiteral("option_next"));
        QTRY_COMPARE_WITH_TIMEOUT(flow.step(), BookingFlowPresenter::Step::Day, kWaitMs);
        tap(options().at(dayIndex));
        QTRY_COMPARE_WITH_TIMEOUT(flow.step(), BookingFlowPresenter::Step::Slot, kWaitMs);
        tap(options().at(slotIndex));
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Keypad);
        typePhone(QStringLiteral("13800138000"));
        QCOMPARE(flow.step(), BookingFlowPresenter::Step::Confirm);
    }
    QString noticeTitle() const { return label("noticeTitle"); }
};

} // namespace

class TestBookingFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily))); }

    void aCardBooksASlotAndPrintsItsSlip()
    {
        Rig rig;
        rig.chooseUpToConfirm();
        QVERIFY(rig.label("optionsText").contains(QStringLiteral("138****8000")));
        rig.tap(QStringLiteral("option_confirm"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::Booked, kWaitMs);
        QCOMPARE(rig.noticeTitle(), QStringLiteral("预约成功，请取走预约凭证"));
        QCOMPARE(rig.platform.store->bookingCount(), 1);

        // The slip: matter, date and slot, address, materials, the platform's QR token, the cancel rule.
        QCOMPARE(rig.printer.printed.size(), 1);
        const PrintDocument &slip = rig.printer.printed.first();
        QStringList lines;
        QByteArray qr;
        for (const PrintBlock &b : slip.blocks) {
            lines << b.text;
            if (b.kind == PrintBlock::Kind::Qr)
                qr = b.qrData;
        }
        const QString text = lines.join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QStringLiteral("预约凭证")), qPrintable(text));
        // One address: the catalog's center.address (the materials list prints the same), not the
        // kiosk.hall_address fallback set in this rig's settings.
        QVERIFY2(text.contains(QStringLiteral("地址：青山县人民路88号 政务服务中心一楼大厅")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("青山县人民路100号")));
        QVERIFY(text.contains(QStringLiteral("时段：13:00–14:00"))); // the first slot ≥ 3 h ahead of 10:00
        QVERIFY(text.contains(QStringLiteral("请带齐以下材料")));
        QVERIFY(text.contains(QStringLiteral("3小时前取消")));
        QVERIFY(qr.startsWith("YY1.SQ-001."));
        // The booking is in the cache at once (it checks in before the next pull), under its digest.
        const QString id = QString::fromUtf8(qr.split('.').at(2));
        auto cached = rig.bookings.find(id);
        QVERIFY(cached.ok() && cached.value().has_value());
        QCOMPARE(cached.value()->idMasked, identity::maskIdNumber(kCitizen));

        // Nothing of the citizen's stays in memory or on screen; the ID number is nowhere in the state dir.
        QVERIFY(!rig.window.findChild<QLabel *>(QStringLiteral("noticeText"))->text().contains(kCitizen));
        rig.db.reset();
        QDirIterator files(rig.dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(kCitizen.toUtf8()), qPrintable(f.fileName()));
            QVERIFY2(!bytes.contains(QStringLiteral("王小明").toUtf8()), qPrintable(f.fileName()));
        }
    }

    void thePhoneNumberIsCheckedInPlainWords()
    {
        Rig rig;
        rig.tap(QStringLiteral("bookButton"));
        QVERIFY(rig.flow.offerCard(card()));
        rig.tap(QStringLiteral("option_SB"));
        rig.tap(QStringLiteral("option_SB-001"));
        rig.tap(QStringLiteral("option_next"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::Day, kWaitMs);
        rig.tap(rig.options().first());
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::Slot, kWaitMs);
        rig.tap(rig.options().first());
        rig.typePhone(QStringLiteral("13800"));
        QCOMPARE(rig.label("phoneError"), QStringLiteral("手机号码是11位，您输入了5位，请检查"));
        QCOMPARE(rig.flow.step(), BookingFlowPresenter::Step::Phone);
        rig.typePhone(QStringLiteral("12345678901"));
        QCOMPARE(rig.label("phoneError"), QStringLiteral("这不是手机号码：手机号码以13到19开头，请检查"));
        rig.typePhone(QStringLiteral("1390013900012")); // the 12th and 13th digits are not taken
        QCOMPARE(rig.flow.step(), BookingFlowPresenter::Step::Confirm);
        QVERIFY(rig.label("optionsText").contains(QStringLiteral("139****9000")));
    }

    void onlyDaysAndSlotsWithPlacesAreOffered()
    {
        Rig rig;
        rig.tap(QStringLiteral("bookButton"));
        QVERIFY(rig.flow.offerCard(card()));
        rig.tap(QStringLiteral("option_SB"));
        rig.tap(QStringLiteral("option_SB-001"));
        rig.tap(QStringLiteral("option_next"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::Day, kWaitMs);
        // Seven working days, today first (its slots from 13:00: 3 h ahead), no weekend.
        QCOMPARE(rig.window.options().pageCount(), 1);
        QCOMPARE(rig.options(), (QStringList{QStringLiteral("option_2026-12-02"), QStringLiteral("option_2026-12-03"),
                                             QStringLiteral("option_2026-12-04"), QStringLiteral("option_2026-12-07"),
                                             QStringLiteral("option_2026-12-08"), QStringLiteral("option_2026-12-09"),
                                             QStringLiteral("option_2026-12-10")}));
        rig.tap(QStringLiteral("option_2026-12-02"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::Slot, kWaitMs);
        QCOMPARE(rig.options().first(), QStringLiteral("option_2026-12-02T13:00:00+08:00"));
        QVERIFY(!rig.options().contains(QStringLiteral("option_2026-12-02T11:00:00+08:00")));
    }

    void everyRefusalIsSaidInPlainWords_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("action");
        QTest::newRow("slot_full") << QStringLiteral("slot_full") << QStringLiteral("这个时段已约满") << QStringLiteral("选其他时段");
        QTest::newRow("daily_limit") << QStringLiteral("daily_limit") << QStringLiteral("这一天您已约满2次") << QStringLiteral("选其他日期");
        QTest::newRow("credit_restricted") << QStringLiteral("credit_restricted") << QStringLiteral("本月暂时不能预约") << QString();
        QTest::newRow("lead_time") << QStringLiteral("lead_time") << QStringLiteral("这个时段太近了") << QStringLiteral("选其他时段");
        QTest::newRow("duplicate_slot") << QStringLiteral("duplicate_slot") << QStringLiteral("您已约过这个时段") << QStringLiteral("选其他时段");
    }

    void everyRefusalIsSaidInPlainWords()
    {
        QFETCH(QString, code);
        QFETCH(QString, title);
        QFETCH(QString, action);
        Rig rig;
        const QDateTime slot = centerTime(2, 13);
        const auto place = [&rig](const QString &id, const QDateTime &at) {
            NewBookingRequest r;
            r.matterCode = QStringLiteral("SB-001");
            r.slotStart = at;
            r.channel = QStringLiteral("online");
            r.applicant = {id, QStringLiteral("李四"), QStringLiteral("13900000000")};
            return rig.platform.platform.place(r, rig.clock.now()).ok();
        };
        rig.chooseUpToConfirm(); // 2 December, 13:00
        if (code == QLatin1String("slot_full")) { // others took the last places meanwhile
            for (int i = 0; i < 50; ++i) { // until the platform's capacity is taken
                const QString base = QStringLiteral("31011519750501%1").arg(100 + i);
                static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
                int sum = 0;
                for (int k = 0; k < 17; ++k)
                    sum += (base.at(k).unicode() - '0') * w[k];
                if (!place(base + QStringLiteral("10X98765432").at(sum % 11), slot))
                    break;
            }
        } else if (code == QLatin1String("daily_limit")) {
            QVERIFY(place(kCitizen, centerTime(2, 14)));
            QVERIFY(place(kCitizen, centerTime(2, 15)));
        } else if (code == QLatin1String("duplicate_slot")) {
            QVERIFY(place(kCitizen, slot));
        } else if (code == QLatin1String("credit_restricted")) {
            for (int day : {1}) { // three 爽约 this month
                for (int hour : {9, 10, 11}) {
                    BookingRecord b = TestPlatform().booking(QStringLiteral("NS-%1-%2").arg(day).arg(hour), centerTime(day, hour), kCitizen,
                                                             "SB-001", "SB", BookingState::NoShow);
                    b.phoneMasked = QStringLiteral("139****0000");
                    b.idDigest = identity::idDigest(rig.platform.keys.matchKey(), kCitizen);
                    auto inserted = rig.platform.store->insertBooking(b);
                    QVERIFY2(inserted.ok(), qPrintable(inserted.ok() ? QString() : inserted.error()));
                }
            }
        } else if (code == QLatin1String("lead_time")) {
            rig.clock.set(centerTime(2, 10, 30)); // the citizen took half an hour: 13:00 is now too near
        }
        rig.tap(QStringLiteral("option_confirm"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::BookFailed, kWaitMs);
        QCOMPARE(rig.noticeTitle(), title);
        auto *actionButton = rig.button(QStringLiteral("noticeAction"));
        QCOMPARE(actionButton->isVisible() ? actionButton->text() : QString(), action);
        QVERIFY(rig.printer.printed.isEmpty());
        if (!action.isEmpty()) { // and on to the other slots or days
            rig.tap(QStringLiteral("noticeAction"));
            QTRY_VERIFY_WITH_TIMEOUT(rig.flow.step() == BookingFlowPresenter::Step::Slot || rig.flow.step() == BookingFlowPresenter::Step::Day,
                                     kWaitMs);
        }
    }

    void aLostAnswerIsAskedAgainWithTheSameRequestAndBooksOnce()
    {
        Rig rig;
        rig.chooseUpToConfirm();
        // The platform books, then the connection breaks before the answer: every attempt.
        FaultPlan drop;
        drop.dropRate = 1;
        rig.platform.server.setFaults(drop);
        rig.tap(QStringLiteral("option_confirm"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::BookFailed, kWaitMs);
        QCOMPARE(rig.noticeTitle(), QStringLiteral("没有收到预约平台的答复"));
        QCOMPARE(rig.button(QStringLiteral("noticeAction"))->text(), QStringLiteral("再试一次"));
        QCOMPARE(rig.platform.store->bookingCount(), 1); // three requests, one booking
        QVERIFY(rig.printer.printed.isEmpty());

        rig.platform.server.setFaults({});
        rig.tap(QStringLiteral("noticeAction"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::Booked, kWaitMs);
        QCOMPARE(rig.platform.store->bookingCount(), 1);
        QCOMPARE(rig.printer.printed.size(), 1);
    }

    void withoutThePlatformTheScreenSaysHowElseToBook()
    {
        Rig offline(false);
        offline.tap(QStringLiteral("bookButton"));
        QCOMPARE(offline.noticeTitle(), QStringLiteral("预约需要联网"));
        QVERIFY(offline.label("noticeText").contains(QStringLiteral("021-12345678")));
        QVERIFY(offline.label("noticeText").contains(QStringLiteral("窗口")));
        QVERIFY(!offline.flow.offerCard(card())); // the card is a check-in's again

        Rig down; // configured, but not answering
        down.platform.server.close();
        down.tap(QStringLiteral("bookButton"));
        QVERIFY(down.flow.offerCard(card()));
        down.tap(QStringLiteral("option_SB"));
        down.tap(QStringLiteral("option_SB-001"));
        down.tap(QStringLiteral("option_next"));
        QTRY_COMPARE_WITH_TIMEOUT(down.flow.step(), BookingFlowPresenter::Step::BookFailed, kWaitMs);
        QCOMPARE(down.noticeTitle(), QStringLiteral("预约需要联网"));
    }

    void aBookingIsCancelledByCardWithItsSlipAndB4()
    {
        Rig rig;
        // Two bookings of the card, made elsewhere and pulled into the cache: one tomorrow, one at 12:00 today.
        const auto made = [&rig](const QDateTime &at) {
            NewBookingRequest r;
            r.matterCode = QStringLiteral("SB-001");
            r.slotStart = at;
            r.channel = QStringLiteral("online");
            r.applicant = {kCitizen, QStringLiteral("王小明"), QStringLiteral("13900000000")};
            rig.clock.set(centerTime(1, 9)); // booked yesterday
            auto placed = rig.platform.platform.place(r, rig.clock.now());
            rig.clock.set(centerTime(2, 10));
            if (!placed)
                qFatal("not placed: %s", qPrintable(placed.error().body.value(QStringLiteral("error")).toString()));
            (void)rig.bookings.upsert(placed.value().booking);
            return placed.value().booking.id;
        };
        const QString tomorrow = made(centerTime(3, 9));
        const QString soon = made(centerTime(2, 11));

        rig.tap(QStringLiteral("cancelBookingButton"));
        QCOMPARE(rig.flow.step(), BookingFlowPresenter::Step::CancelCard);
        QVERIFY(rig.flow.offerCard(card()));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::CancelList, kWaitMs);
        QCOMPARE(rig.options(), (QStringList{QStringLiteral("option_") + soon, QStringLiteral("option_") + tomorrow}));

        rig.tap(QStringLiteral("option_") + soon); // B4: 2 h ahead
        QCOMPARE(rig.noticeTitle(), QStringLiteral("离开始不到3小时，不能取消"));
        QCOMPARE(rig.platform.store->booking(soon)->status, BookingState::Booked);

        rig.tap(QStringLiteral("homeButton"));
        rig.tap(QStringLiteral("cancelBookingButton"));
        QVERIFY(rig.flow.offerCard(card()));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::CancelList, kWaitMs);
        rig.tap(QStringLiteral("option_") + tomorrow);
        QCOMPARE(rig.flow.step(), BookingFlowPresenter::Step::CancelConfirm);
        rig.tap(QStringLiteral("option_cancel"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.flow.step(), BookingFlowPresenter::Step::CancelDone, kWaitMs);
        QCOMPARE(rig.noticeTitle(), QStringLiteral("预约已取消，请取走取消凭证"));
        QCOMPARE(rig.platform.store->booking(tomorrow)->status, BookingState::Cancelled);
        QCOMPARE(rig.bookings.find(tomorrow).value()->status, BookingState::Cancelled);
        QCOMPARE(rig.printer.printed.size(), 1);
        QCOMPARE(rig.printer.printed.first().blocks.at(1).text, QStringLiteral("预约已取消"));
    }

    void goingHomeForgetsTheCitizen()
    {
        Rig rig;
        rig.chooseUpToConfirm();
        QCOMPARE(rig.label("countdown"), QStringLiteral("60 秒后自动返回首页"));
        rig.clock.advanceSecs(61);
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Home, kWaitMs);
        QCOMPARE(rig.flow.step(), BookingFlowPresenter::Step::None);
        QVERIFY(rig.window.options().findChildren<QPushButton *>().size() <= 2); // the pager's two only
        QVERIFY(rig.label("optionsText").isEmpty());
        QVERIFY(!rig.flow.offerCard(card())); // a card on home is a check-in's
        QCOMPARE(rig.platform.store->bookingCount(), 0);
    }
};

QTEST_MAIN(TestBookingFlow)
#include "tst_booking_flow.moc"

// 长辈版 speaks (DESIGN §14): the real kiosk window, presenter and booking flow (offscreen) over the
// real SQLite stores and the reference platform in process, on a fake clock; the voice is the real
// EspeakVoice (espeak-ng synthesis) shared with the hall's calls (SharedVoice), played by a
// loudspeaker stand-in that takes as long as the sound lasts (tests/support/speaker_sink.h).
// Elder mode on: every screen change says that screen's instruction, in order, the played WAVs
// being espeak-ng's own for those texts; off: nothing; a new screen cuts the old instruction; the
// idle warning; home reached on its own stops the voice; a call during an instruction is said
// whole. The terminal's own wiring is tst_screen_voice_terminal's.

#include "app/services/checkin/check_in_service.h"
#include "app/services/guide/guide_service.h"
#include "app/services/ticket/ticket_lookup_service.h"
#include "app/services/hall/announcement_service.h"
#include "app/services/hall/shared_voice.h"
#include "app/services/health_service.h"
#include "app/services/sync/remote_booking_service.h"
#include "db/stores/sql_help_store.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "drivers/devices/espeak_voice.h"
#include "tests/platform/sim_fixture.h"
#include "tests/support/kiosk_hall.h"
#include "tests/support/speaker_sink.h"
#include "tests/support/test_platform.h"
#include "ui/kiosk/booking_flow_presenter.h"
#include "ui/kiosk/kiosk_presenter.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/option_list_view.h"
#include "ui/kiosk/screen_voice.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

constexpr int kWaitMs = 60000;

const QString kCitizen = QStringLiteral("110105198001010016");

// What each screen says, as a citizen hears it.
const QString kHome = QStringLiteral("请选择要办理的业务，点按业务名称取号。预约过的，请扫预约二维码或刷身份证签到。");
const QString kGuide = QStringLiteral("办事指南。请选择业务类别，查看要带哪些材料。");
const QString kGuideSb = QStringLiteral("社保医保。请选择要办理的事项。");
const QString kMyTicket = QStringLiteral("排队查询。请把排队票上的二维码对准扫码口，就能看到前面还有几人、是否已叫到您。");
const QString kCard = QStringLiteral("请把身份证放在读卡区。");
const QString kGroup = QStringLiteral("请选择要预约的业务类别，点按类别名称。");
const QString kMatter = QStringLiteral("请选择要办的事项，点按事项名称。");
const QString kMaterials = QStringLiteral("这是办这个事项要带的材料。看好后，请点按“选择日期”。");
const QString kDay = QStringLiteral("请选择哪一天来办，点按日期。");
const QString kSlot = QStringLiteral("请选择几点来办，点按时段。");
const QString kKeypad = QStringLiteral("请用屏幕上的数字键输入您的手机号码，输好后点按“确认手机号”。");
const QString kConfirm = QStringLiteral("请核对预约信息，没有问题就点按“确认预约”。");
const QString kBooked = QStringLiteral("预约成功，请取走预约凭证。");
const QString kCancelList = QStringLiteral("请点按要取消的预约。");
const QString kCancelConfirm = QStringLiteral("确定要取消这个预约吗？确定就点按“确认取消预约”。");
const QString kCancelled = QStringLiteral("预约已取消，请取走取消凭证。");
const QString kTicketA001 = QStringLiteral("请取票。您的号码是 A001 号，请留意大厅屏幕和语音叫号。");
// Screens that are up only while the platform or the printer answers: said if they last long enough.
const QStringList kPassing{QStringLiteral("正在出票，请稍候……"), QStringLiteral("正在查询可预约的日期。"), QStringLiteral("正在查询可约的时段。"),
                           QStringLiteral("正在预约。"), QStringLiteral("正在查询您的预约。"), QStringLiteral("正在取消预约。")};

IdentityDocument card()
{
    return IdentityDocument{IdentityDocument::Kind::ResidentCard, kCitizen, QStringLiteral("王小明")};
}

struct Rig : KioskHall {
    // `hallElderMode`: kiosk.elder_mode, the hall's own setting.
    explicit Rig(bool hallElderMode = false)
        : KioskHall(centerTime(2, 10)) // Wednesday 2 December 2026, 10:00 in the hall
        , platform(clock)
        , presenter(window, issue, checkIn, help, catalog, health, day, overview, clock,
                    KioskSettings{.ticketScreenS = 20, .printFailedS = 90, .idleTimeoutS = 60, .elderMode = hallElderMode, .wakeMs = 20})
        , booking(bookings, catalog, printer, clock, settings(platform.keys.matchKey()))
        , flow(window, presenter, booking, catalog, 60, 20)
        , sink(dir.filePath(QStringLiteral("speaker")))
        , espeak(voiceSettings(sink, dir.filePath(QStringLiteral("voice"))))
        , voice(espeak)
        , announcer(voice, AnnouncementSettings{})
        , screenVoice(window, voice)
    {
        if (!platform.start())
            qFatal("the reference platform did not listen");
        client = HttpPlatformClient::create(platform.endpoint(), clock).value();
        remote = std::make_unique<RemoteBookingService>(*client, bookings, catalog);
        booking.setPlatform(remote.get(), nullptr);
        screenVoice.attachBookingFlow(flow);
        presenter.attachCitizenServices(guide, lookup);
        health.setDeviceHealth(QStringLiteral("printer"), printer.health());
        window.resize(1080, 1920);
        window.show();
        presenter.start();
    }
    static CitizenBookingService::Settings settings(const QByteArray &matchKey)
    {
        CitizenBookingService::Settings s;
        s.matchKey = matchKey;
        s.bookingPhone = QStringLiteral("021-12345678");
        s.retryDelayMs = 10;
        return s;
    }
    static EspeakSettings voiceSettings(const SpeakerSink &sink, const QString &folder)
    {
        EspeakSettings s;
        s.player = sink.player();
        s.directory = folder;
        s.keep = 200; // every WAV of the run stays for the comparisons
        return s;
    }

    GuideService guide{catalog, issue, clock};
    TicketLookupService lookup{store, overviewReader, queue, catalog, clock, QStringLiteral("SQ-001"), QString()};
    SimPlatform platform;
    std::unique_ptr<HttpPlatformClient> client;
    std::unique_ptr<RemoteBookingService> remote;
    KioskWindow window;
    KioskPresenter presenter;
    CitizenBookingService booking;
    BookingFlowPresenter flow;
    SpeakerSink sink;
    EspeakVoice espeak;
    SharedVoice voice;
    AnnouncementService announcer;
    ScreenVoice screenVoice;
    QSignalSpy started{&voice, &SharedVoice::instructionStarted};
    QSignalSpy cut{&voice, &SharedVoice::instructionCut};
    QSignalSpy spoken{&voice, &SharedVoice::instructionSpoken};

    QPushButton *button(const QString &name) const { return window.findChild<QPushButton *>(name); }
    void tap(const QString &name)
    {
        QTRY_VERIFY2(button(name) && button(name)->isVisible(), qPrintable(name + QStringLiteral(" is not on screen")));
        QTest::mouseClick(button(name), Qt::LeftButton);
    }
    QStringList options()
    {
        QStringList ids;
        for (QPushButton *b : window.options().findChildren<QPushButton *>()) {
            if (b->objectName().startsWith(QLatin1String("option_")) && b->isVisible())
                ids << b->objectName();
        }
        return ids;
    }
    static QStringList texts(const QSignalSpy &spy)
    {
        QStringList all;
        for (const QList<QVariant> &args : spy)
            all << args.first().toString();
        return all;
    }
    // The instructions begun, less those of the passing screens.
    QStringList said() const
    {
        QStringList all = texts(started);
        all.removeIf([](const QString &t) { return kPassing.contains(t); });
        return all;
    }
    QString lastSaid() const { return said().isEmpty() ? QString() : said().last(); }
};

} // namespace

class TstScreenVoice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily)));
        QVERIFY2(!SpeakerSink::reference(kCard).samples.empty(), "espeak-ng cannot synthesise (Debian: apt-get install espeak-ng)");
    }

    // Off: the screens say nothing. On: each screen's instruction, in the order the screens came,
    // through home, 办事指南, 排队查询, 预约 (card, steps, keypad, slip), 取消预约 and a walk-in ticket.
    void elderModeSpeaksEachScreenInOrder()
    {
        Rig rig;
        rig.tap(QStringLiteral("guideButton"));
        rig.tap(QStringLiteral("guideGroup_SB"));
        rig.tap(QStringLiteral("homeButton"));
        QTest::qWait(300);
        QVERIFY2(rig.started.isEmpty(), qPrintable(Rig::texts(rig.started).join(QLatin1Char('|'))));

        QStringList expected;
        const auto step = [&](const QString &button, const QString &heard) {
            if (!button.isEmpty())
                rig.tap(button);
            expected << heard;
            QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), heard, kWaitMs);
        };
#define STEP(button, heard)                                                                                                               \
    do {                                                                                                                                  \
        step(button, heard);                                                                                                              \
        if (QTest::currentTestFailed())                                                                                                   \
            return;                                                                                                                       \
    } while (false)
        STEP(QStringLiteral("elderButton"), kHome); // switched on: home said once more
        STEP(QStringLiteral("guideButton"), kGuide);
        STEP(QStringLiteral("guideGroup_SB"), kGuideSb);
        STEP(QStringLiteral("homeButton"), kHome);
        STEP(QStringLiteral("myTicketButton"), kMyTicket);
        STEP(QStringLiteral("homeButton"), kHome);

        // 预约: a later day, so that it can be cancelled below.
        STEP(QStringLiteral("bookButton"), kCard);
        QVERIFY(rig.flow.offerCard(card()));
        STEP({}, kGroup);
        STEP(QStringLiteral("option_SB"), kMatter);
        STEP(QStringLiteral("option_SB-001"), kMaterials);
        STEP(QStringLiteral("option_next"), kDay);
        STEP(rig.options().at(1), kSlot);
        STEP(rig.options().at(0), kKeypad);
        for (QChar c : QStringLiteral("13800138000"))
            rig.tap(QStringLiteral("key%1").arg(c)); // keys change no screen: nothing said
        QCOMPARE(rig.lastSaid(), kKeypad);
        STEP(QStringLiteral("keypadConfirm"), kConfirm);
        STEP(QStringLiteral("option_confirm"), kBooked);
        QCOMPARE(rig.platform.store->bookingCount(), 1);
        STEP(QStringLiteral("homeButton"), kHome);

        // 取消预约
        STEP(QStringLiteral("cancelBookingButton"), kCard);
        QVERIFY(rig.flow.offerCard(card()));
        STEP({}, kCancelList);
        STEP(rig.options().at(0), kCancelConfirm);
        STEP(QStringLiteral("option_cancel"), kCancelled);
        STEP(QStringLiteral("homeButton"), kHome);

        // A walk-in ticket: its number is said (the hall calls it out anyway); nothing of the card's is.
        STEP(QStringLiteral("groupButton_SB"), kTicketA001);
        QCOMPARE(rig.said(), expected);
        for (const QString &t : Rig::texts(rig.started)) {
            QVERIFY2(!t.contains(QStringLiteral("王")) && !t.contains(QStringLiteral("138")), qPrintable(t));
        }

        // What was played is espeak-ng's own speech of those texts: each played WAV is one of the
        // instructions begun, in their order (one cut while still being synthesised has no WAV).
        QTRY_COMPARE_WITH_TIMEOUT(rig.spoken.size() + rig.cut.size(), rig.started.size(), kWaitMs);
        QCOMPARE(rig.spoken.last().first().toString(), kTicketA001);
        const QStringList begun = Rig::texts(rig.started);
        QHash<QString, WavAudio> references;
        qsizetype at = 0;
        for (const QString &wav : rig.sink.started()) {
            const WavAudio played = rig.sink.played(wav);
            const qsizetype before = at;
            for (; at < begun.size(); ++at) {
                if (!references.contains(begun.at(at)))
                    references.insert(begun.at(at), SpeakerSink::reference(begun.at(at)));
                if (SpeakerSink::says(played, references.value(begun.at(at)), false))
                    break;
            }
            QVERIFY2(at < begun.size(), qPrintable(QStringLiteral("%1 is none of the instructions after #%2").arg(wav).arg(before)));
            ++at;
        }
        QVERIFY(SpeakerSink::says(rig.sink.played(rig.sink.started().last()), SpeakerSink::reference(kTicketA001), false));
#undef STEP
    }

    // Screens whose own title says it: a ticket whose print failed (its number said for the
    // citizen who cannot read it), 帮办's answer — each said as the screen shows it.
    void aScreensOwnTitleIsSaidAsShown()
    {
        Rig rig;
        rig.tap(QStringLiteral("elderButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kHome, kWaitMs);
        rig.printer.printResult = fail(DeviceError::PaperOut);
        rig.tap(QStringLiteral("groupButton_SB"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Ticket, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), QStringLiteral("票没有打印出来，请拍照或记下号码。您的号码是 A001 号，请留意大厅屏幕和语音叫号。"), kWaitMs);
        rig.tap(QStringLiteral("helpButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Notice, kWaitMs);
        const QString helpTitle = rig.window.findChild<QLabel *>(QStringLiteral("noticeTitle"))->text();
        QVERIFY(!helpTitle.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(rig.lastSaid().startsWith(helpTitle.section(QLatin1Char('\n'), 0, 0)), kWaitMs);
        QCOMPARE(rig.screenVoice.instruction(), rig.lastSaid());
    }

    // The language is the caller's (the English screens set "en"): the instruction goes to
    // espeak-ng's English voice, not to the Mandarin one.
    void theLanguageSetPicksTheVoice()
    {
        Rig rig;
        QCOMPARE(rig.screenVoice.language(), QStringLiteral("zh"));
        rig.screenVoice.setLanguage(QStringLiteral("en"));
        rig.tap(QStringLiteral("elderButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.sink.started().size(), 1, kWaitMs); // being played: enough to compare
        const QString said = rig.started.first().first().toString();
        const WavAudio played = rig.sink.played(rig.sink.started().first());
        QVERIFY(SpeakerSink::says(played, SpeakerSink::reference(said, QStringLiteral("en")), false));
        QVERIFY(!SpeakerSink::says(played, SpeakerSink::reference(said), false));
    }

    // A new screen cuts the instruction being said: stopped, then the new one.
    void aNewScreenCutsTheOldInstruction()
    {
        Rig rig;
        rig.tap(QStringLiteral("elderButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.sink.started().size(), 1, kWaitMs); // home is being played
        rig.tap(QStringLiteral("guideButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.spoken.size(), 1, kWaitMs);
        QCOMPARE(Rig::texts(rig.cut), QStringList{kHome});
        QCOMPARE(Rig::texts(rig.spoken), QStringList{kGuide});
        QCOMPARE(rig.sink.started().size(), 2);
        QCOMPARE(rig.sink.ended(), QStringList{rig.sink.started().at(1)}); // home's never played to its end
    }

    // The idle warning is said as the countdown passes 20 s; home reached on its own stops the
    // voice and says nothing; the hall's setting (off) then holds and nothing is said.
    void theIdleWarningAndLeavingUnattended()
    {
        Rig rig;
        rig.tap(QStringLiteral("elderButton"));
        rig.tap(QStringLiteral("guideButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kGuide, kWaitMs);
        rig.clock.advanceSecs(41);
        const QString warning = QStringLiteral("19 秒后将自动返回首页。还要继续办理，请点一下屏幕。");
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), warning, kWaitMs);
        const WavAudio warningSpeech = SpeakerSink::reference(warning);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.sink.started().isEmpty() && SpeakerSink::says(rig.sink.played(rig.sink.started().last()), warningSpeech, false),
                                 kWaitMs); // the warning is playing
        rig.clock.advanceSecs(20);
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Home, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(Rig::texts(rig.cut).contains(warning), kWaitMs); // cut as the screen went home
        QVERIFY(!rig.window.elderMode());
        const qsizetype said = rig.started.size();
        QTest::qWait(500);
        QCOMPARE(rig.started.size(), said); // home on its own is not said
        rig.tap(QStringLiteral("guideButton"));
        QTest::qWait(300);
        QCOMPARE(rig.started.size(), said); // elder mode off: nothing
    }

    // The hall keeps 长辈版 on (kiosk.elder_mode): nothing is said at start-up to an empty hall; a
    // screen is; home reached on its own cuts the voice though elder mode stays on.
    void withTheHallsElderModeHomeOnItsOwnIsSilent()
    {
        Rig rig(true);
        QVERIFY(rig.window.elderMode());
        QTest::qWait(300);
        QVERIFY(rig.started.isEmpty());
        rig.tap(QStringLiteral("guideButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kGuide, kWaitMs);
        const WavAudio guideSpeech = SpeakerSink::reference(kGuide);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.sink.started().isEmpty() && SpeakerSink::says(rig.sink.played(rig.sink.started().last()), guideSpeech, false),
                                 kWaitMs); // playing
        rig.clock.advanceSecs(61);
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Home, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(Rig::texts(rig.cut), QStringList{kGuide}, kWaitMs);
        QVERIFY(rig.window.elderMode());
        QTest::qWait(500);
        QCOMPARE(Rig::texts(rig.started), QStringList{kGuide});
        QVERIFY(rig.spoken.isEmpty());
        rig.tap(QStringLiteral("myTicketButton")); // the next citizen
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kMyTicket, kWaitMs);
    }

    // The technician's menu opens over a screen whose instruction is playing: the instruction stops,
    // the countdown's warning is not said under the menu, and closing it — which takes the panel
    // home — says nothing to the empty hall; the next citizen's screen is said again.
    void theMaintenanceMenuSilencesTheScreens()
    {
        Rig rig(true);
        rig.tap(QStringLiteral("guideButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kGuide, kWaitMs);
        const WavAudio guideSpeech = SpeakerSink::reference(kGuide);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.sink.started().isEmpty() && SpeakerSink::says(rig.sink.played(rig.sink.started().last()), guideSpeech, false),
                                 kWaitMs); // playing
        QSignalSpy opened(&rig.window, &KioskWindow::maintenanceOpened);
        QWidget menu;
        rig.window.showMaintenance(&menu);
        QCOMPARE(opened.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(Rig::texts(rig.cut), QStringList{kGuide}, kWaitMs);
        QVERIFY(rig.spoken.isEmpty()); // never played to its end
        rig.window.setCountdown(30);
        rig.window.setCountdown(19); // the idle warning's moment, under the menu
        QTest::qWait(500);
        QCOMPARE(Rig::texts(rig.started), QStringList{kGuide});
        rig.window.closeMaintenance();
        QTRY_COMPARE_WITH_TIMEOUT(rig.window.currentScreen(), KioskWindow::Screen::Home, kWaitMs);
        QTest::qWait(500);
        QCOMPARE(Rig::texts(rig.started), QStringList{kGuide}); // home after the menu: silent
        rig.tap(QStringLiteral("myTicketButton")); // the next citizen
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kMyTicket, kWaitMs);
        rig.tap(QStringLiteral("homeButton")); // …who asks for home: said
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kHome, kWaitMs);
    }

    // The priority: a call during an instruction cuts it, is said whole (its chime and speech), and
    // the screen's instruction follows again from its start.
    void aCallDuringAnInstructionIsSaidWhole()
    {
        Rig rig;
        rig.tap(QStringLiteral("elderButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.sink.started().size(), 1, kWaitMs); // home is playing
        rig.tap(QStringLiteral("myTicketButton"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.lastSaid(), kMyTicket, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.sink.started().size(), 2, kWaitMs); // home's cut, this one playing
        QSignalSpy announced(&rig.announcer, &AnnouncementService::announced);
        const CallAnnouncement call{QStringLiteral("t1"), QStringLiteral("A017"), 2, QStringLiteral("2号窗口"), QDateTime(), false};
        rig.announcer.announce(call);
        QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.spoken.size(), 1, kWaitMs);
        QCOMPARE(Rig::texts(rig.spoken), QStringList{kMyTicket}); // said again, whole, after the call
        QVERIFY(Rig::texts(rig.cut).contains(kMyTicket));
        const QStringList played = rig.sink.started();
        QCOMPARE(played.size(), 4);
        QCOMPARE(rig.sink.ended(), (QStringList{played.at(2), played.at(3)})); // the call, then the instruction, to their ends
        QVERIFY(SpeakerSink::says(rig.sink.played(played.at(2)), SpeakerSink::reference(AnnouncementService::textFor(call)), true));
        QVERIFY(SpeakerSink::says(rig.sink.played(played.at(3)), SpeakerSink::reference(kMyTicket), false));
    }
};

QTEST_MAIN(TstScreenVoice)
#include "tst_screen_voice.moc"

// 长辈版 speaks, as the composition root wires it (app/root/terminal): the terminal started in
// process from a config as main() builds it, on the simulated printer. With espeak-ng and a
// loudspeaker stand-in, the citizen's elder switch and each screen are said through the voice the
// hall's calls use; with the voice broken (no espeak-ng), tickets are issued and shown as ever and
// health says what is wrong with the voice.

#include "app/services/hall/announcement_service.h"
#include "app/services/hall/shared_voice.h"
#include "app/services/health_service.h"
#include "app/services/staff/pin_hasher.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/speaker_sink.h"
#include "tests/support/window_three.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/screen_voice.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hk;
using namespace hk::test;

namespace {

constexpr int kWaitMs = 60000;

std::unique_ptr<Terminal> start(const QTemporaryDir &dir, const QJsonObject &voice, const Clock &clock)
{
    const QString staffFile = writeWindowThreeClerk(dir.path(), PinHasher::hash(QStringLiteral("3690"), 1000));
    QJsonObject json = simTerminalConfig(dir.filePath(QStringLiteral("hallkiosk.db")), staffFile);
    json.insert(QStringLiteral("voice"), voice);
    auto started = startTerminal(json, dir.path(), clock);
    if (!started)
        qWarning().noquote() << "the terminal did not start:" << started.error();
    return started ? std::move(started).value() : nullptr;
}

void tap(KioskWindow &window, const char *name)
{
    QPushButton *button = window.findChild<QPushButton *>(QLatin1String(name));
    QVERIFY2(button && button->isVisible(), name);
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TstScreenVoiceTerminal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily))); }

    // The switch on home, a screen, and a clerk's call: one voice, calls first.
    void theTerminalSpeaksThroughTheHallsVoice()
    {
        QTemporaryDir dir;
        SpeakerSink sink(dir.filePath(QStringLiteral("speaker")));
        const auto clock = workingMorningClock(demoCatalog());
        const std::unique_ptr<Terminal> terminal = start(dir, QJsonObject{{QStringLiteral("player"), sink.player()}}, *clock);
        QVERIFY(terminal);
        QVERIFY(terminal->screenVoice());
        QSignalSpy started(&terminal->voice(), &SharedVoice::instructionStarted);
        QSignalSpy spoken(&terminal->voice(), &SharedVoice::instructionSpoken);
        QSignalSpy announced(&terminal->announcer(), &AnnouncementService::announced);
        KioskWindow &window = terminal->window();
        tap(window, "guideButton");
        QTest::qWait(300);
        QVERIFY(started.isEmpty()); // 长辈版 off
        tap(window, "homeButton");
        tap(window, "elderButton");
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kWaitMs);
        QCOMPARE(started.last().first().toString(), terminal->screenVoice()->instruction());
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 1, kWaitMs); // home is playing
        tap(window, "myTicketButton");
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, kWaitMs);
        const QString myTicket = started.last().first().toString();
        QVERIFY2(myTicket.startsWith(QStringLiteral("排队查询。")), qPrintable(myTicket));
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 2, kWaitMs);
        const CallAnnouncement call{QStringLiteral("t1"), QStringLiteral("A009"), 3, QStringLiteral("3号窗口"), QDateTime(), false};
        terminal->announcer().announce(call);
        QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(spoken.size(), 1, kWaitMs);
        QCOMPARE(spoken.first().first().toString(), myTicket);
        const QStringList played = sink.started();
        QCOMPARE(played.size(), 4); // home (cut), 排队查询 (cut by the call), the call, 排队查询 again
        QCOMPARE(sink.ended(), (QStringList{played.at(2), played.at(3)}));
        QVERIFY(SpeakerSink::says(sink.played(played.at(2)), SpeakerSink::reference(AnnouncementService::textFor(call)), true));
        QVERIFY(SpeakerSink::says(sink.played(played.at(3)), SpeakerSink::reference(myTicket), false));
        QCOMPARE(terminal->health().deviceHealth(QStringLiteral("voice")).state, DeviceHealth::State::Ok);
    }

    // The screens in English (the citizen's switch on home): the instructions are the English text,
    // said by espeak-ng's English voice; back on home the choice ends, and so does the English voice.
    void englishScreensAreSpokenInEnglish()
    {
        QTemporaryDir dir;
        SpeakerSink sink(dir.filePath(QStringLiteral("speaker")));
        const auto clock = workingMorningClock(demoCatalog());
        const std::unique_ptr<Terminal> terminal = start(dir, QJsonObject{{QStringLiteral("player"), sink.player()}}, *clock);
        QVERIFY(terminal);
        QVERIFY(terminal->screenVoice());
        QSignalSpy started(&terminal->voice(), &SharedVoice::instructionStarted);
        KioskWindow &window = terminal->window();
        tap(window, "elderButton");
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kWaitMs); // home, in Chinese
        tap(window, "languageButton");
        QCOMPARE(window.language(), KioskWindow::Language::English);
        tap(window, "bookButton");
        QTRY_VERIFY_WITH_TIMEOUT(started.size() >= 2, kWaitMs);
        const QString english = started.last().first().toString();
        QVERIFY2(!english.isEmpty() && std::none_of(english.cbegin(), english.cend(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; }),
                 qPrintable(english));
        // The last WAV started is this instruction: English speech, not Mandarin.
        const WavAudio englishSpeech = SpeakerSink::reference(english, QStringLiteral("en"));
        const auto saysEnglish = [&] {
            const QStringList wavs = sink.started();
            return !wavs.isEmpty() && SpeakerSink::says(sink.played(wavs.last()), englishSpeech, false);
        };
        QTRY_VERIFY_WITH_TIMEOUT(saysEnglish(), kWaitMs);
        tap(window, "homeButton");
        QCOMPARE(window.language(), KioskWindow::Language::Chinese);
        const qsizetype before = started.size();
        tap(window, "guideButton");
        // 办事指南's instruction in Chinese again (an idle warning may come between on a slow machine).
        const auto saidGuide = [&] {
            for (qsizetype i = before; i < started.size(); ++i) {
                if (started.at(i).first().toString().startsWith(QStringLiteral("办事指南")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(saidGuide(), kWaitMs);
    }

    // The terminal as main() builds it, its voice broken (no espeak-ng): 长辈版 on, a ticket is still
    // issued and shown, and health says what is wrong with the voice.
    void aBrokenVoiceStopsNoTicket()
    {
        QTemporaryDir dir;
        const auto clock = workingMorningClock(demoCatalog());
        const std::unique_ptr<Terminal> terminal = start(dir, QJsonObject{{QStringLiteral("command"), dir.filePath(QStringLiteral("no-espeak-ng"))},
                                                                          {QStringLiteral("player"), QString()}}, *clock);
        QVERIFY(terminal);
        QVERIFY(terminal->screenVoice());
        QSignalSpy failed(&terminal->voice(), &SharedVoice::instructionFailed);
        KioskWindow &window = terminal->window();
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"))->isEnabled(), kWaitMs);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("elderButton")), Qt::LeftButton);
        QVERIFY(window.elderMode());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs); // home's instruction could not be said
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(window.currentScreen(), KioskWindow::Screen::Ticket, kWaitMs);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text(), QStringLiteral("请取票"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text(), QStringLiteral("A001"));
        const DeviceHealth voiceHealth = terminal->health().deviceHealth(QStringLiteral("voice"));
        QCOMPARE(voiceHealth.state, DeviceHealth::State::Error);
        QVERIFY2(voiceHealth.detail.contains(QStringLiteral("espeak-ng")), qPrintable(voiceHealth.detail));
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, kWaitMs); // the ticket's too, and nothing else went wrong
    }
};

QTEST_MAIN(TstScreenVoiceTerminal)
#include "tst_screen_voice_terminal.moc"

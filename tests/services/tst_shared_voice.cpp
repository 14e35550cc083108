// The terminal's one voice shared by the hall's calls and 长辈版's screen instructions
// (SharedVoice over the real EspeakVoice): real espeak-ng synthesis, played by a loudspeaker
// stand-in that takes as long as the sound lasts (tests/support/speaker_sink.h) — each played
// WAV's samples are compared with espeak-ng's own for the text expected.

#include "app/services/hall/announcement_service.h"
#include "app/services/hall/shared_voice.h"
#include "drivers/devices/espeak_voice.h"
#include "tests/support/speaker_sink.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

constexpr int kWaitMs = 60000; // a whole sentence said in real time, on a loaded machine

Utterance instruction(const QString &text, const QString &language = QStringLiteral("zh"))
{
    return Utterance{text, language, false};
}

} // namespace

class TstSharedVoice : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    EspeakSettings settings(const test::SpeakerSink &sink, const QString &folder) const
    {
        EspeakSettings s;
        s.player = sink.player();
        s.playerArguments = {};
        s.directory = m_dir.filePath(folder);
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!test::SpeakerSink::reference(QStringLiteral("请稍候")).samples.empty(), "espeak-ng cannot synthesise (Debian: apt-get install espeak-ng)");
    }

    // A newer instruction cuts the one being said; the newest is said whole, each without a chime.
    void aNewInstructionCutsTheOldOne()
    {
        test::SpeakerSink sink(m_dir.filePath(QStringLiteral("cut-sink")));
        EspeakVoice espeak(settings(sink, QStringLiteral("cut")));
        SharedVoice voice(espeak);
        QSignalSpy started(&voice, &SharedVoice::instructionStarted);
        QSignalSpy cut(&voice, &SharedVoice::instructionCut);
        QSignalSpy spoken(&voice, &SharedVoice::instructionSpoken);
        const QString first = QStringLiteral("办事指南。请选择业务类别，查看要带哪些材料。");
        const QString second = QStringLiteral("请选择要办的事项，点按事项名称。");
        voice.instruct(instruction(first));
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 1, kWaitMs); // the first is playing
        voice.instruct(instruction(second));
        QTRY_COMPARE_WITH_TIMEOUT(spoken.size(), 1, kWaitMs);
        QCOMPARE(cut.size(), 1);
        QCOMPARE(cut.first().first().toString(), first);
        QCOMPARE(spoken.first().first().toString(), second);
        QCOMPARE(started.size(), 2);
        QCOMPARE(sink.started().size(), 2);
        QCOMPARE(sink.ended(), QStringList{sink.started().at(1)}); // the first never finished
        QVERIFY(test::SpeakerSink::says(sink.played(sink.started().at(0)), test::SpeakerSink::reference(first), false));
        QVERIFY(test::SpeakerSink::says(sink.played(sink.started().at(1)), test::SpeakerSink::reference(second), false));
        QCOMPARE(espeak.health().state, DeviceHealth::State::Ok); // cutting is no fault
    }

    // The priority: a call interrupts an instruction at once and is said whole; the screen's
    // instruction is then said again from its start. Calls keep their order; an instruction given
    // while a call is said waits for it.
    void aCallInterruptsAnInstructionAndIsSaidWhole()
    {
        test::SpeakerSink sink(m_dir.filePath(QStringLiteral("call-sink")));
        EspeakVoice espeak(settings(sink, QStringLiteral("call")));
        SharedVoice voice(espeak);
        AnnouncementService announcer(voice, AnnouncementSettings{});
        QSignalSpy announced(&announcer, &AnnouncementService::announced);
        QSignalSpy cut(&voice, &SharedVoice::instructionCut);
        QSignalSpy spoken(&voice, &SharedVoice::instructionSpoken);
        const QString ticketScreen = QStringLiteral("请取票。您的号码是 A001 号，请留意大厅屏幕和语音叫号。");
        voice.instruct(instruction(ticketScreen));
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 1, kWaitMs);
        const CallAnnouncement b007{QStringLiteral("t1"), QStringLiteral("B007"), 3, QStringLiteral("3号窗口"), QDateTime(), false};
        const CallAnnouncement c002{QStringLiteral("t2"), QStringLiteral("C002"), 5, QStringLiteral("5号窗口"), QDateTime(), false};
        announcer.announce(b007);
        announcer.announce(c002);
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 2, kWaitMs); // the call began
        const QString keypad = QStringLiteral("请用屏幕上的数字键输入您的手机号码，输好后点按“确认手机号”。");
        voice.instruct(instruction(keypad)); // a new screen while the call is said: it waits
        QTRY_COMPARE_WITH_TIMEOUT(spoken.size(), 1, kWaitMs);
        QCOMPARE(cut.size(), 1);
        QCOMPARE(cut.first().first().toString(), ticketScreen);
        QCOMPARE(spoken.first().first().toString(), keypad); // the newer screen's, not the cut one again
        QCOMPARE(announced.size(), 2);
        QCOMPARE(announced.at(0).at(0).toString(), AnnouncementService::textFor(b007));
        QCOMPARE(announced.at(1).at(0).toString(), AnnouncementService::textFor(c002));
        const QStringList played = sink.started();
        QCOMPARE(played.size(), 4);
        // Both calls played to their end, one after the other, before the instruction.
        QCOMPARE(sink.ended(), (QStringList{played.at(1), played.at(2), played.at(3)}));
        QVERIFY(test::SpeakerSink::says(sink.played(played.at(1)), test::SpeakerSink::reference(AnnouncementService::textFor(b007)), true));
        QVERIFY(test::SpeakerSink::says(sink.played(played.at(2)), test::SpeakerSink::reference(AnnouncementService::textFor(c002)), true));
        QVERIFY(test::SpeakerSink::says(sink.played(played.at(3)), test::SpeakerSink::reference(keypad), false));
        // The calls have their chime in front of the speech; the instruction has none.
        QVERIFY(sink.played(played.at(1)).samples.size() > test::SpeakerSink::reference(AnnouncementService::textFor(b007)).samples.size());
    }

    // Cut by a call and no newer screen since: the same instruction is said again, whole.
    void anInterruptedInstructionIsSaidAgainAfterTheCall()
    {
        test::SpeakerSink sink(m_dir.filePath(QStringLiteral("again-sink")));
        EspeakVoice espeak(settings(sink, QStringLiteral("again")));
        SharedVoice voice(espeak);
        QSignalSpy spoken(&voice, &SharedVoice::instructionSpoken);
        const QString home = QStringLiteral("请选择要办理的业务，点按业务名称取号。");
        voice.instruct(instruction(home));
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 1, kWaitMs);
        std::optional<Result<QString, DeviceError>> callResult;
        voice.speak(QStringLiteral("请 A003 号 到 1号窗口 办理"), [&](const Result<QString, DeviceError> &r) { callResult = r; });
        QTRY_COMPARE_WITH_TIMEOUT(spoken.size(), 1, kWaitMs);
        QVERIFY(callResult && callResult->ok());
        QCOMPARE(spoken.first().first().toString(), home);
        QCOMPARE(sink.started().size(), 3);
        QCOMPARE(sink.ended(), (QStringList{sink.started().at(1), sink.started().at(2)}));
        QVERIFY(test::SpeakerSink::says(sink.played(sink.started().at(2)), test::SpeakerSink::reference(home), false));
    }

    // The citizen has gone: stopInstruction() cuts it and nothing follows; a call is not cut by it.
    void stoppingEndsTheInstructionOnly()
    {
        test::SpeakerSink sink(m_dir.filePath(QStringLiteral("stop-sink")));
        EspeakVoice espeak(settings(sink, QStringLiteral("stop")));
        SharedVoice voice(espeak);
        QSignalSpy cut(&voice, &SharedVoice::instructionCut);
        voice.instruct(instruction(QStringLiteral("请选择日期，点按日期。")));
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 1, kWaitMs);
        voice.stopInstruction();
        QTRY_COMPARE_WITH_TIMEOUT(cut.size(), 1, kWaitMs);
        std::optional<Result<QString, DeviceError>> callResult;
        voice.speak(QStringLiteral("请 A004 号 到 2号窗口 办理"), [&](const Result<QString, DeviceError> &r) { callResult = r; });
        QTRY_COMPARE_WITH_TIMEOUT(sink.started().size(), 2, kWaitMs);
        voice.stopInstruction(); // a call is playing: nothing to stop
        voice.stop();
        QTRY_VERIFY_WITH_TIMEOUT(callResult.has_value(), kWaitMs);
        QVERIFY(callResult->ok());
        QCOMPARE(sink.ended(), QStringList{sink.started().at(1)});
        QCOMPARE(sink.started().size(), 2); // nothing said after the call
    }

    // The language is the caller's: English text goes to espeak-ng's English voice, never to the
    // Mandarin one.
    void theLanguagePicksTheVoice()
    {
        test::SpeakerSink sink(m_dir.filePath(QStringLiteral("lang-sink")));
        EspeakVoice espeak(settings(sink, QStringLiteral("lang")));
        QCOMPARE(espeak.voiceFor(QStringLiteral("zh")), QStringLiteral("cmn-latn-pinyin"));
        QCOMPARE(espeak.voiceFor(QStringLiteral("en")), QStringLiteral("en"));
        SharedVoice voice(espeak);
        QSignalSpy spoken(&voice, &SharedVoice::instructionSpoken);
        const QString english = QStringLiteral("Please choose a service and tap its name for a ticket.");
        voice.instruct(instruction(english, QStringLiteral("en")));
        QTRY_COMPARE_WITH_TIMEOUT(spoken.size(), 1, kWaitMs);
        const WavAudio played = sink.played(sink.started().first());
        QVERIFY(test::SpeakerSink::says(played, test::SpeakerSink::reference(english, QStringLiteral("en")), false));
        QVERIFY(!test::SpeakerSink::says(played, test::SpeakerSink::reference(english, QStringLiteral("cmn-latn-pinyin")), false));
    }

    // No espeak-ng: the instruction fails as a value, calls still get their answer, health says why.
    void aMissingVoiceFailsAsAValue()
    {
        test::SpeakerSink sink(m_dir.filePath(QStringLiteral("missing-sink")));
        EspeakSettings s = settings(sink, QStringLiteral("missing"));
        s.command = m_dir.filePath(QStringLiteral("no-such-espeak"));
        EspeakVoice espeak(s);
        SharedVoice voice(espeak);
        QSignalSpy failed(&voice, &SharedVoice::instructionFailed);
        voice.instruct(instruction(QStringLiteral("请取票。")));
        std::optional<Result<QString, DeviceError>> callResult;
        voice.speak(QStringLiteral("请 A005 号 到 2号窗口 办理"), [&](const Result<QString, DeviceError> &r) { callResult = r; });
        QTRY_VERIFY_WITH_TIMEOUT(callResult.has_value(), kWaitMs);
        QVERIFY(!callResult->ok());
        QCOMPARE(callResult->error(), DeviceError::Offline);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs); // tried again after the call, failed again: once told
        QCOMPARE(espeak.health().state, DeviceHealth::State::Error);
        QVERIFY2(espeak.health().detail.contains(QStringLiteral("espeak-ng")), qPrintable(espeak.health().detail));
        QVERIFY(sink.started().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstSharedVoice)
#include "tst_shared_voice.moc"

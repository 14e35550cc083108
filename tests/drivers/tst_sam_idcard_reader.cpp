// drivers/devices/sam_idcard_reader: the reader's conversation against a fake transport the test
// answers as a GA 467 reader would — start-up status, polling, select and read, a card read once
// however long it lies there, every kind of failure and the deadlines. Tests wait for events,
// never for times: the deadlines that must not expire are long, the ones that must are the point.

#include "drivers/devices/sam_idcard_reader.h"
#include "drivers/protocols/sam_idcard/id_card_text_encoder.h"
#include "drivers/protocols/sam_idcard/sam_frame_decoder.h"
#include "tests/support/fake_transport.h"
#include "tests/support/qtest_strings.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace hk;
using hk::test::FakeTransport;

namespace {

QByteArray bytesOf(const std::vector<std::uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size()));
}

IdCardText card(const char *name, const char *number)
{
    IdCardText t;
    t.kind = IdCardKind::Resident;
    t.name = name;
    t.sex = "1";
    t.nation = "01";
    t.birthDate = "19491231";
    t.address = "北京市西城区";
    t.idNumber = number;
    t.issuer = "北京市公安局";
    t.validFrom = "20150728";
    t.validTo = "20350728";
    return t;
}

// A reader the test steers: what lies on it and how each command is answered.
struct ScriptedReader {
    std::optional<IdCardText> onReader;
    SamStatus statusReply = SamStatus::Ok;
    std::optional<SamStatus> readReply;   // an error status for the read
    std::optional<SamStatus> selectReply; // an error status for the select
    bool silent = false;
    // Called before the normal answer; a non-empty result replaces it.
    std::function<QByteArray(const SamCommand &)> override;
    QList<SamCommand> commands;

    int count(const SamCommand &c) const { return int(std::count(commands.begin(), commands.end(), c)); }

    QByteArray answer(const QByteArray &written)
    {
        SamFrameDecoder decoder;
        for (const auto &event : decoder.feed(reinterpret_cast<const std::uint8_t *>(written.constData()), size_t(written.size()))) {
            if (event.kind != SamFrameDecoder::Event::Kind::Frame)
                continue;
            const auto command = SamCommand::fromBody(event.body);
            commands.append(*command);
            if (silent)
                return {};
            if (override) {
                if (QByteArray replaced = override(*command); !replaced.isEmpty())
                    return replaced;
            }
            return bytesOf(respond(*command).encode());
        }
        return {};
    }

    SamResponse respond(const SamCommand &c)
    {
        if (c == SamCommand::status())
            return SamResponse::withStatus(statusReply);
        if (c == SamCommand::findCard())
            return onReader ? SamResponse::withStatus(SamStatus::CardFound, std::vector<std::uint8_t>(4, 0))
                            : SamResponse::withStatus(SamStatus::CardNotFound);
        if (c == SamCommand::selectCard()) {
            if (!onReader)
                return SamResponse::withStatus(SamStatus::SelectFailed);
            if (selectReply)
                return SamResponse::withStatus(*selectReply);
            return SamResponse::withStatus(SamStatus::Ok, std::vector<std::uint8_t>(8, 0));
        }
        if (c == SamCommand::readText()) {
            if (!onReader)
                return SamResponse::withStatus(SamStatus::ReadFailed);
            if (readReply)
                return SamResponse::withStatus(*readReply);
            std::vector<std::uint8_t> data{0x01, 0x00, 0x04, 0x00};
            const auto text = *IdCardTextEncoder::encode(*onReader);
            data.insert(data.end(), text.begin(), text.end());
            data.insert(data.end(), 1024, 0x77);
            return SamResponse::withStatus(SamStatus::Ok, data);
        }
        return SamResponse::withStatus(SamStatus::CommandError);
    }
};

SamIdCardReader::Timing patient()
{
    SamIdCardReader::Timing t;
    t.pollIntervalMs = 5;
    t.replyTimeoutMs = 10000; // never expires in these tests, however loaded the machine
    t.readTimeoutMs = 10000;
    return t;
}

struct Rig {
    FakeTransport transport;
    ScriptedReader reader;
    std::unique_ptr<SamIdCardReader> device;
    std::unique_ptr<QSignalSpy> read;
    std::unique_ptr<QSignalSpy> failed;

    explicit Rig(SamIdCardReader::Timing timing = patient())
    {
        transport.responder = [this](const QByteArray &written) { return reader.answer(written); };
        device = std::make_unique<SamIdCardReader>(transport, timing);
        read = std::make_unique<QSignalSpy>(device.get(), &IdentityReader::cardRead);
        failed = std::make_unique<QSignalSpy>(device.get(), &IdentityReader::cardFailed);
        device->start();
    }
    // Waits until the reader has polled `n` more times (find card sent).
    bool polls(int n)
    {
        const int target = reader.count(SamCommand::findCard()) + n;
        return QTest::qWaitFor([&] { return reader.count(SamCommand::findCard()) >= target; }, 20000);
    }
};

} // namespace

class TestSamIdCardReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsWithStatusThenPolls()
    {
        Rig rig;
        QVERIFY(rig.polls(3));
        QVERIFY(rig.reader.commands.first() == SamCommand::status());
        QCOMPARE(rig.transport.writes.first().toHex(' '), QByteArray("aa aa aa 96 69 00 03 11 ff ed"));
        QVERIFY(rig.transport.allWritten().contains(QByteArray::fromHex("AAAAAA9669000320 0122")));
        QTRY_COMPARE(rig.device->health().state, DeviceHealth::State::Ok);
        QCOMPARE(rig.read->count(), 0);
        QCOMPARE(rig.reader.count(SamCommand::selectCard()), 0); // no card: no select
    }

    void aCardIsReadOnceHoweverLongItLies()
    {
        Rig rig;
        QVERIFY(rig.polls(1));
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        const auto document = rig.read->first().first().value<IdentityDocument>();
        QCOMPARE(document.number, QStringLiteral("11010519491231002X"));
        QCOMPARE(document.name, QStringLiteral("张三"));
        QCOMPARE(int(document.kind), int(IdentityDocument::Kind::ResidentCard));
        // It stays; the reader keeps finding and reading it (the hardest reader there is).
        const int readsBefore = rig.reader.count(SamCommand::readText());
        QVERIFY(rig.polls(10));
        QVERIFY(rig.reader.count(SamCommand::readText()) > readsBefore);
        QCOMPARE(rig.read->count(), 1);
        QCOMPARE(rig.failed->count(), 0);

        // Taken away (two "no card" answers) and placed again: a new presentation.
        rig.reader.onReader.reset();
        QVERIFY(rig.polls(3));
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 2, 20000);
    }

    void aDifferentCardIsReadAtOnce()
    {
        Rig rig;
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        rig.reader.onReader = card("李四", "440524188001010014"); // swapped without a gap
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 2, 20000);
        QCOMPARE(rig.read->at(1).first().value<IdentityDocument>().number, QStringLiteral("440524188001010014"));
    }

    void aReadCardThatStaysSelectedIsNotReadAgain()
    {
        // Many readers answer "not found" / "select failed" for a card they have read (§1.3).
        Rig rig;
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        rig.reader.selectReply = SamStatus::SelectFailed;
        QVERIFY(rig.polls(8));
        QCOMPARE(rig.read->count(), 1);
        QCOMPARE(rig.failed->count(), 0);
    }

    void cardFailures_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<int>("readReply"); // 0: a good read
        QTest::addColumn<int>("selectReply");
        QTest::addColumn<int>("kind");
        QTest::newRow("read fails (41)") << "11010519491231002X" << 0x41 << 0 << int(CardReadFailure::Kind::Unreadable);
        QTest::newRow("authentication fails (31)") << "11010519491231002X" << 0x31 << 0 << int(CardReadFailure::Kind::Unreadable);
        QTest::newRow("select fails (81)") << "11010519491231002X" << 0 << 0x81 << int(CardReadFailure::Kind::Unreadable);
        QTest::newRow("unknown card type (40)") << "11010519491231002X" << 0x40 << 0 << int(CardReadFailure::Kind::UnknownCard);
        QTest::newRow("bad check digit") << "110105194912310021" << 0 << 0 << int(CardReadFailure::Kind::InvalidNumber);
    }
    void cardFailures()
    {
        QFETCH(QString, number);
        QFETCH(int, readReply);
        QFETCH(int, selectReply);
        QFETCH(int, kind);
        Rig rig;
        if (readReply)
            rig.reader.readReply = SamStatus(readReply);
        if (selectReply)
            rig.reader.selectReply = SamStatus(selectReply);
        rig.reader.onReader = card("王芳", number.toLatin1().constData());
        QTRY_COMPARE_WITH_TIMEOUT(rig.failed->count(), 1, 20000);
        const auto failure = rig.failed->first().first().value<CardReadFailure>();
        QCOMPARE(int(failure.kind), kind);
        QVERIFY(!failure.detail.contains(number)); // never the card's data
        // Said once, not once a poll, while the card lies there.
        QVERIFY(rig.polls(8));
        QCOMPARE(rig.failed->count(), 1);
        QCOMPARE(rig.read->count(), 0);
    }

    void aFailingReadThatRecoversIsRead()
    {
        Rig rig;
        int failures = 1;
        rig.reader.override = [&failures](const SamCommand &c) {
            if (c == SamCommand::readText() && failures-- > 0)
                return QByteArray::fromHex("AAAAAA9669000400004145"); // read failed, once (§1.4)
            return QByteArray();
        };
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        // The citizen was told at once ("keep it still"), then the next try read it.
        QCOMPARE(rig.failed->count(), 1);
    }

    void aModuleFaultStopsPollingUntilItClears()
    {
        Rig rig;
        rig.reader.statusReply = SamStatus::SelfTestFailed;
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Error, 20000);
        QVERIFY(rig.device->health().detail.contains(QStringLiteral("60")));
        QCOMPARE(rig.reader.count(SamCommand::findCard()), 0);
        rig.reader.statusReply = SamStatus::Ok;
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Ok, 20000);
        QVERIFY(rig.polls(1));
    }

    void aModuleFaultWhileWorkingIsReported()
    {
        Rig rig;
        QVERIFY(rig.polls(1));
        rig.reader.override = [](const SamCommand &c) {
            return c == SamCommand::findCard() ? QByteArray::fromHex("AAAAAA9669000400006662") : QByteArray(); // 66
        };
        QTRY_COMPARE_WITH_TIMEOUT(rig.failed->count(), 1, 20000);
        QCOMPARE(int(rig.failed->first().first().value<CardReadFailure>().kind), int(CardReadFailure::Kind::ReaderFault));
        QCOMPARE(rig.device->health().state, DeviceHealth::State::Error);
    }

    void silenceMakesItOfflineAndAnswersBringItBack()
    {
        SamIdCardReader::Timing quick = patient();
        quick.replyTimeoutMs = 20; // the point of this test: deadlines expire
        Rig rig(quick);
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Ok, 20000);
        rig.reader.silent = true;
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Offline, 20000);
        QCOMPARE(rig.device->health().error, std::optional(DeviceError::Timeout));
        rig.reader.silent = false;
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Ok, 20000);
    }

    void aLateReplyToAnEarlierRequestIsIgnored()
    {
        Rig rig;
        bool stale = true;
        rig.reader.override = [&stale](const SamCommand &c) {
            // The first select is answered with a find reply first (as if late), then properly.
            if (c == SamCommand::selectCard() && std::exchange(stale, false))
                return QByteArray::fromHex("AAAAAA966900080000 9F 00000000 97 AAAAAA9669000C0000900000000000000000 9C");
            return QByteArray();
        };
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
        QVERIFY(!stale);
    }

    void aCorruptReplyIsDroppedAndTheRequestTimesOut()
    {
        SamIdCardReader::Timing quick = patient();
        quick.replyTimeoutMs = 50;
        Rig rig(quick);
        int corrupt = 1;
        rig.reader.override = [&corrupt](const SamCommand &c) {
            if (c == SamCommand::findCard() && corrupt-- > 0)
                return QByteArray::fromHex("AAAAAA966900080000 9F 00000000 98"); // checksum off by one
            return QByteArray();
        };
        rig.reader.onReader = card("张三", "11010519491231002X");
        QTRY_COMPARE_WITH_TIMEOUT(rig.read->count(), 1, 20000);
    }

    void hostErrorsWarn()
    {
        Rig rig;
        QVERIFY(rig.polls(1));
        rig.reader.override = [](const SamCommand &c) {
            return c == SamCommand::findCard() ? QByteArray::fromHex("AAAAAA9669000400002125") : QByteArray(); // 21
        };
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Warning, 20000);
        rig.reader.override = nullptr;
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Ok, 20000);
    }

    void aLostTransportIsOffline()
    {
        Rig rig;
        QTRY_COMPARE_WITH_TIMEOUT(rig.device->health().state, DeviceHealth::State::Ok, 20000);
        rig.transport.drop();
        QCOMPARE(rig.device->health().state, DeviceHealth::State::Offline);
        const int polls = rig.reader.count(SamCommand::findCard());
        QTest::qWait(50);
        QCOMPARE(rig.reader.count(SamCommand::findCard()), polls); // nothing is sent into a closed port
    }
};

QTEST_MAIN(TestSamIdCardReader)
#include "tst_sam_idcard_reader.moc"

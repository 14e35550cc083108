// drivers/protocols/hallbus: frames, CRC-16/MODBUS, the stream decoder (split at every byte offset,
// fed garbage, corrupted), the messages of DESIGN §4 and RFC 1982 sequence arithmetic.
// Expected bytes were computed independently with Python (crc loop over ADDR..DATA, `str.encode("gbk")`).

#include "drivers/protocols/hallbus/hallbus_frame.h"
#include "drivers/protocols/hallbus/hallbus_messages.h"
#include "drivers/protocols/hallbus/hallbus_serial_number.h"
#include "drivers/protocols/hallbus/hallbus_stream_decoder.h"

#include <QRandomGenerator>
#include <QTest>

using namespace hk;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

QList<HallbusFrame> framesOf(const QList<HallbusDecoded> &decoded)
{
    QList<HallbusFrame> frames;
    for (const HallbusDecoded &d : decoded) {
        if (d.frame)
            frames.append(*d.frame);
    }
    return frames;
}

} // namespace

class TestHallbusCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void crcMatchesModbus()
    {
        QCOMPARE(hallbusCrc(QByteArrayLiteral("123456789")), std::uint16_t(0x4B37)); // the catalogued check value
        QCOMPARE(hallbusCrc(hex("01 03 00 00 00 0A")), std::uint16_t(0xCDC5));    // the Modbus RTU textbook frame
    }

    void encodesExactBytes_data()
    {
        QTest::addColumn<QByteArray>("actual");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("poll 3, never acted") << encodeHallbusFrame(HallbusMessages::poll(3, 0)) << hex("A5 03 20 01 00 00 3A");
        QTest::newRow("show Y003 请到3号窗口")
            << encodeHallbusFrame(HallbusMessages::show(3, 0, hallbus::Effect::Static, QStringLiteral("Y003 请到3号窗口")))
            << hex("a5 03 10 12 00 00 59 30 30 33 20 c7 eb b5 bd 33 ba c5 b4 b0 bf da 39 88");
    }
    void encodesExactBytes()
    {
        QFETCH(QByteArray, actual);
        QFETCH(QByteArray, expected);
        QCOMPARE(actual.toHex(' '), expected.toHex(' '));
    }

    void messagesRoundTrip()
    {
        HallbusStreamDecoder decoder;
        const QList<HallbusFrame> sent{
            HallbusMessages::show(3, 1, hallbus::Effect::Blink, QStringLiteral("预约办理")),
            HallbusMessages::clear(4),
            HallbusMessages::brightness(5, 99), // clamped to 15
            HallbusMessages::poll(103, 200),
            HallbusMessages::rate(203, QStringLiteral("Y003")),
            HallbusMessages::reply(3, hallbus::Command::Show, hallbus::Status::Ok),
            HallbusMessages::pollReply(103, hallbus::Status::FreshStart,
                                       {{1, HallbusEvent::Type::Key, 1}, {2, HallbusEvent::Type::Rating, 5}}),
        };
        QByteArray wire;
        for (const HallbusFrame &f : sent)
            wire += encodeHallbusFrame(f);
        const QList<HallbusFrame> got = framesOf(decoder.feed(wire));
        QCOMPARE(got.size(), sent.size());
        for (qsizetype i = 0; i < sent.size(); ++i)
            QCOMPARE(got.at(i), sent.at(i));
        QCOMPARE(got.at(2).data, QByteArray(1, '\x0f'));

        const auto show = HallbusMessages::readShow(got.at(0).data);
        QVERIFY(show);
        QCOMPARE(show->line, std::uint8_t(1));
        QCOMPARE(show->effect, hallbus::Effect::Blink);
        QCOMPARE(show->text, QStringLiteral("预约办理"));
        QCOMPARE(HallbusMessages::readRate(got.at(4).data), QStringLiteral("Y003"));

        auto reply = HallbusMessages::readReply(got.at(6), 103, hallbus::Command::Poll);
        QVERIFY(reply.ok());
        auto poll = HallbusMessages::readPollReply(reply.value());
        QVERIFY(poll.ok());
        QCOMPARE(poll->status, hallbus::Status::FreshStart);
        QCOMPARE(poll->events.size(), size_t(2));
        QCOMPARE(poll->events[1], (HallbusEvent{2, HallbusEvent::Type::Rating, 5}));
    }

    void splitAtEveryOffset()
    {
        QByteArray wire;
        wire += encodeHallbusFrame(HallbusMessages::show(3, 0, hallbus::Effect::Static, QStringLiteral("A001 请到3号窗口")));
        wire += encodeHallbusFrame(HallbusMessages::pollReply(103, hallbus::Status::Ok, {{7, HallbusEvent::Type::Key, 2}}));
        wire += encodeHallbusFrame(HallbusMessages::poll(203, 0));
        for (qsizetype cut = 0; cut <= wire.size(); ++cut) {
            HallbusStreamDecoder decoder;
            QList<HallbusDecoded> all = decoder.feed(wire.left(cut));
            all += decoder.feed(wire.mid(cut));
            QCOMPARE(framesOf(all).size(), 3);
            QCOMPARE(decoder.pendingBytes(), 0);
        }
        // And one byte at a time.
        HallbusStreamDecoder decoder;
        QList<HallbusDecoded> all;
        for (char c : wire)
            all += decoder.feed(QByteArray(1, c));
        QCOMPARE(framesOf(all).size(), 3);
        QCOMPARE(framesOf(all).at(1).address, std::uint8_t(103));
    }

    void resynchronisesAfterGarbageAndBadFrames()
    {
        const QByteArray good = encodeHallbusFrame(HallbusMessages::poll(7, 9));
        QByteArray corrupt = good;
        corrupt[4] = char(corrupt[4] ^ 0x01); // one bit flipped in DATA
        QByteArray wire = hex("00 FF A5") + corrupt + hex("13 37") + good + hex("A5 07 20 F5") + good;
        HallbusStreamDecoder decoder;
        const QList<HallbusDecoded> out = decoder.feed(wire);
        QCOMPARE(framesOf(out).size(), 2);
        int badCrc = 0;
        int badLength = 0;
        int truncated = 0;
        for (const HallbusDecoded &d : out) {
            truncated += d.error == HallbusDecodeError::Truncated;
            badCrc += d.error == HallbusDecodeError::BadCrc;
            badLength += d.error == HallbusDecodeError::BadLength;
        }
        QVERIFY(badCrc + truncated >= 1); // the stray A5 (and the corrupt frame it swallowed)
        QCOMPARE(badLength, 1);           // LEN F5 > 240
        QCOMPARE(decoder.pendingBytes(), 0);

        HallbusStreamDecoder alone;
        const QList<HallbusDecoded> bad = alone.feed(corrupt + good);
        QCOMPARE(bad.size(), 2);
        QCOMPARE(bad.first().error, std::optional(HallbusDecodeError::BadCrc));
        QCOMPARE(bad.first().address, std::uint8_t(7)); // a device can answer status 01
        QCOMPARE(bad.last().frame, std::optional(HallbusMessages::poll(7, 9)));
    }

    void randomGarbageNeverLosesARealFrame()
    {
        QRandomGenerator rng(1982);
        const QByteArray good = encodeHallbusFrame(HallbusMessages::rate(203, QStringLiteral("Y123")));
        int found = 0;
        HallbusStreamDecoder decoder;
        for (int round = 0; round < 300; ++round) {
            QByteArray junk(int(rng.bounded(30)), '\0');
            for (char &c : junk)
                c = char(rng.bounded(256));
            // Junk that happens to start a long frame must not hold back the real one behind it.
            QList<HallbusDecoded> out = decoder.feed(junk + good);
            for (const HallbusFrame &f : framesOf(out))
                found += f == HallbusMessages::rate(203, QStringLiteral("Y123"));
            decoder.reset();
        }
        QCOMPARE(found, 300);
    }

    void truncatedFrameWaits()
    {
        const QByteArray good = encodeHallbusFrame(HallbusMessages::poll(7, 9));
        HallbusStreamDecoder decoder;
        QVERIFY(decoder.feed(good.left(good.size() - 1)).isEmpty());
        QCOMPARE(decoder.pendingBytes(), good.size() - 1);
        QCOMPARE(framesOf(decoder.feed(good.right(1))).size(), 1);
    }

    void malformedReplies()
    {
        QCOMPARE(HallbusMessages::readReply(HallbusMessages::poll(3, 0), 3, hallbus::Command::Poll).error(),
                 HallbusReplyError::NotAReply);
        QCOMPARE(HallbusMessages::readReply(HallbusMessages::reply(4, hallbus::Command::Poll, hallbus::Status::Ok), 3,
                                            hallbus::Command::Poll)
                     .error(),
                 HallbusReplyError::WrongAddress);
        QCOMPARE(HallbusMessages::readReply(HallbusFrame{3, 0xA0, {}}, 3, hallbus::Command::Poll).error(), HallbusReplyError::Empty);
        const auto badList = [](const QByteArray &rest) {
            return HallbusMessages::readPollReply(HallbusReply{hallbus::Status::Ok, rest});
        };
        QVERIFY(!badList(hex("02 01 01 01")).ok());    // two events announced, one sent
        QVERIFY(!badList(hex("01 00 01 01")).ok());    // sequence number 0
        QVERIFY(!badList(hex("01 05 03 01")).ok());    // unknown event type
        QVERIFY(!badList(hex("01 05 01 09")).ok());    // no key 9
        QVERIFY(!badList(hex("01 05 02 06")).ok());    // no rating level 6
        QVERIFY(badList(hex("00")).ok());              // nothing to report
        auto error = HallbusMessages::readPollReply(HallbusReply{hallbus::Status::BadCrc, {}});
        QVERIFY(error.ok());
        QCOMPARE(error->status, hallbus::Status::BadCrc);
    }

    void gbkTextIsCutOnCharacterBoundaries()
    {
        const QString longText = QString(200, QChar(0x4E2D)); // 中 × 200 = 400 GBK bytes
        const HallbusFrame f = HallbusMessages::show(3, 0, hallbus::Effect::Scroll, longText);
        QCOMPARE(f.data.size(), 2 + 238);
        QCOMPARE(HallbusMessages::readShow(f.data)->text, QString(119, QChar(0x4E2D)));
        // A character beyond GBK (a four-byte GB18030 one) cannot be shown on a board.
        QCOMPARE(HallbusMessages::decodeGbk(HallbusMessages::encodeGbk(QStringLiteral("A𠀀B"), 240)), QStringLiteral("A?B"));
    }

    void serialNumbers()
    {
        using hallbus::isNewer;
        using hallbus::nextSequence;
        QCOMPARE(nextSequence(1), std::uint8_t(2));
        QCOMPARE(nextSequence(255), std::uint8_t(1)); // wraps, never 0
        QVERIFY(isNewer(1, 0));                       // nothing acted on yet: everything is new
        QVERIFY(isNewer(200, 0));
        QVERIFY(isNewer(2, 1));
        QVERIFY(!isNewer(1, 1));
        QVERIFY(!isNewer(1, 2));
        QVERIFY(isNewer(128, 1));   // 127 ahead: the edge of the window
        QVERIFY(!isNewer(129, 1));  // 128 ahead: behind, in serial arithmetic
        QVERIFY(isNewer(1, 255));   // across the wrap
        QVERIFY(isNewer(3, 250));
        QVERIFY(!isNewer(250, 3));
        QVERIFY(!isNewer(0, 5));    // 0 is never an event number
    }
};

QTEST_APPLESS_MAIN(TestHallbusCodec)
#include "tst_hallbus_codec.moc"

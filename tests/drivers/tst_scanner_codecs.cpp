// drivers/protocols/scanner_line and keyboard_wedge: a line-mode scanner's bytes cut at the
// configured suffix (CR, LF, CRLF), UTF-8 told from GBK (reference §4), lines beyond the limit
// dropped; a keyboard-wedge scanner's input_event records typed back into text. Every chunking.

#include "drivers/protocols/keyboard_wedge/input_event_decoder.h"
#include "drivers/protocols/scanner_line/scanner_line_decoder.h"
#include "tests/support/input_event_stream.h"

#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

#include <linux/input.h>

using namespace hk;

namespace {

using Suffix = ScannerLineDecoder::Suffix;

QStringList linesOf(ScannerLineDecoder &decoder, const QByteArray &bytes, qsizetype split)
{
    QStringList lines;
    const auto take = [&lines](const std::vector<ScannerLineDecoder::Event> &events) {
        for (const auto &e : events)
            lines << (e.kind == ScannerLineDecoder::Event::Kind::Overflow ? QStringLiteral("<overflow>")
                                                                         : QString::fromLatin1(QByteArray::fromStdString(e.bytes).toHex()));
    };
    take(decoder.feed(std::string_view(bytes.constData(), size_t(split))));
    take(decoder.feed(std::string_view(bytes.constData() + split, size_t(bytes.size() - split))));
    return lines;
}

const QByteArray kCode = "YY1.SQ-001.bk_20261201-42.SB-001.1764558000.1764559800.WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo";

} // namespace

class TestScannerCodecs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void suffixes_data()
    {
        QTest::addColumn<int>("suffix");
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QStringList>("lines"); // hex of each line
        const QString a = QString::fromLatin1(QByteArray("A001").toHex());
        const QString b = QString::fromLatin1(QByteArray("B2").toHex());
        QTest::newRow("cr") << int(Suffix::Cr) << QByteArray("A001\rB2\r") << QStringList{a, b};
        QTest::newRow("lf") << int(Suffix::Lf) << QByteArray("A001\nB2\n") << QStringList{a, b};
        QTest::newRow("crlf") << int(Suffix::CrLf) << QByteArray("A001\r\nB2\r\n") << QStringList{a, b};
        QTest::newRow("empty lines are no scans") << int(Suffix::Cr) << QByteArray("\r\rA001\r\r") << QStringList{a};
        // With CRLF, a lone CR or LF is content (a multi-line QR code), not an end.
        QTest::newRow("crlf keeps a lone cr") << int(Suffix::CrLf) << QByteArray("A\r1\r\n")
                                             << QStringList{QString::fromLatin1(QByteArray("A\r1").toHex())};
        QTest::newRow("cr keeps lf") << int(Suffix::Cr) << QByteArray("A\n1\r") << QStringList{QString::fromLatin1(QByteArray("A\n1").toHex())};
        QTest::newRow("a booking code") << int(Suffix::Cr) << kCode + '\r' << QStringList{QString::fromLatin1(kCode.toHex())};
    }
    void suffixes()
    {
        QFETCH(int, suffix);
        QFETCH(QByteArray, stream);
        QFETCH(QStringList, lines);
        for (qsizetype split = 0; split <= stream.size(); ++split) {
            ScannerLineDecoder decoder{Suffix(suffix)};
            QCOMPARE(linesOf(decoder, stream, split), lines);
            QVERIFY(!decoder.hasPending());
        }
        // And one byte at a time.
        ScannerLineDecoder decoder{Suffix(suffix)};
        QStringList one;
        for (char c : stream)
            one += linesOf(decoder, QByteArray(1, c), 1);
        QCOMPARE(one, lines);
    }

    void interByteTimeoutEndsALineWithoutSuffix()
    {
        ScannerLineDecoder decoder{Suffix::Cr};
        QVERIFY(decoder.feed("A001").empty());
        QVERIFY(decoder.hasPending());
        const auto line = decoder.flush();
        QVERIFY(line);
        QCOMPARE(line->bytes, std::string("A001"));
        QVERIFY(!decoder.hasPending());
        QVERIFY(!decoder.flush()); // nothing more
        // A CR that may begin a CRLF, then silence: it was the end after all.
        ScannerLineDecoder crlf{Suffix::CrLf};
        QVERIFY(crlf.feed("B2\r").empty());
        QVERIFY(crlf.hasPending());
        QCOMPARE(crlf.flush()->bytes, std::string("B2"));
    }

    void encodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<QString>("text");
        QStringEncoder gbk("GB18030");
        const QString chinese = QStringLiteral("请A001号到3号窗口");
        QTest::newRow("ascii") << QByteArray("YY1.C.B") << int(ScannedTextEncoding::Ascii) << "YY1.C.B";
        QTest::newRow("utf-8 chinese") << chinese.toUtf8() << int(ScannedTextEncoding::Utf8) << chinese;
        // Reference §3.1's bytes: 请A001号到3号窗口 in GBK.
        QTest::newRow("gbk chinese") << QByteArray::fromHex("C7EB41303031BAC5B5BD33BAC5B4B0BFDA") << int(ScannedTextEncoding::Gb18030)
                                     << chinese;
        QTest::newRow("gb18030 four bytes") << QByteArray::fromHex("95328236") << int(ScannedTextEncoding::Gb18030)
                                            << QString::fromUcs4(U"\U00020000");
        QTest::newRow("binary") << QByteArray::fromHex("80FF00") << int(ScannedTextEncoding::Binary) << QString();
        QTest::newRow("truncated utf-8") << QByteArray::fromHex("E8AF") << int(ScannedTextEncoding::Gb18030) << QStringLiteral("璇");
        QStringDecoder toUnicode("GB18030");
        QTest::newRow("overlong utf-8 is read as gbk") << QByteArray::fromHex("C0AF") << int(ScannedTextEncoding::Gb18030)
                                                      << QString(toUnicode(QByteArray::fromHex("C0AF")));
        QTest::newRow("a lone lead byte") << QByteArray::fromHex("41C7") << int(ScannedTextEncoding::Binary) << QString();
    }
    void encodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, encoding);
        QFETCH(QString, text);
        ScannerLineDecoder decoder{Suffix::Lf};
        const auto events = decoder.feed(std::string_view(bytes.constData(), size_t(bytes.size())) );
        QVERIFY(events.empty());
        const auto line = decoder.flush();
        QVERIFY(line);
        QCOMPARE(int(line->encoding), encoding);
        if (encoding == int(ScannedTextEncoding::Gb18030)) {
            QStringDecoder gb18030("GB18030");
            QCOMPARE(QString(gb18030(QByteArray::fromStdString(line->bytes))), text);
        } else if (encoding != int(ScannedTextEncoding::Binary)) {
            QCOMPARE(QString::fromUtf8(QByteArray::fromStdString(line->bytes)), text);
        }
    }

    void overlongLinesAreDroppedAndReported()
    {
        ScannerLineDecoder decoder{Suffix::Cr, 16};
        const QByteArray stream = QByteArray(40, 'x') + "\rA001\r";
        for (qsizetype split = 0; split <= stream.size(); ++split) {
            ScannerLineDecoder d{Suffix::Cr, 16};
            QCOMPARE(linesOf(d, stream, split), (QStringList{QStringLiteral("<overflow>"), QString::fromLatin1(QByteArray("A001").toHex())}));
        }
        // Exactly the limit is still a line.
        QCOMPARE(linesOf(decoder, QByteArray(16, 'y') + '\r', 0).size(), 1);
        QVERIFY(decoder.feed(std::string(100000, 'z')).empty());
        QVERIFY(decoder.hasPending());
        QCOMPARE(int(decoder.flush()->kind), int(ScannerLineDecoder::Event::Kind::Overflow));
    }

    void keyboardWedgeTypesTheCodeBack()
    {
        const QByteArray events = test::typedLine(kCode);
        QCOMPARE(events.size() % qsizetype(InputEventDecoder::recordSize()), 0);
        // Split anywhere, records included: the same line.
        for (qsizetype split = 0; split <= events.size(); split += 7) {
            InputEventDecoder decoder;
            auto lines = decoder.feed(reinterpret_cast<const std::uint8_t *>(events.constData()), size_t(split));
            const auto rest = decoder.feed(reinterpret_cast<const std::uint8_t *>(events.constData()) + split, size_t(events.size() - split));
            lines.insert(lines.end(), rest.begin(), rest.end());
            QCOMPARE(lines.size(), size_t(1));
            QCOMPARE(QByteArray::fromStdString(lines.front().text), kCode);
            QCOMPARE(lines.front().unknownKeys, 0);
            QVERIFY(!decoder.hasPending());
        }
    }

    void keyboardWedgeShiftCapsAndUnknownKeys()
    {
        QByteArray events;
        long usec = 0;
        // Caps Lock on: letters flip, digits and symbols do not.
        test::appendKey(events, KEY_CAPSLOCK, usec);
        test::appendKey(events, KEY_H, usec);
        test::appendEvent(events, EV_KEY, KEY_RIGHTSHIFT, 1, usec);
        test::appendKey(events, KEY_K, usec);
        test::appendKey(events, KEY_1, usec);
        test::appendKey(events, KEY_SEMICOLON, usec);
        test::appendEvent(events, EV_KEY, KEY_RIGHTSHIFT, 0, usec);
        test::appendKey(events, KEY_F5, usec); // types nothing
        test::appendEvent(events, EV_KEY, KEY_A, 2, usec); // autorepeat: ignored
        test::appendKey(events, KEY_KP7, usec);
        test::appendKey(events, KEY_KPENTER, usec);
        InputEventDecoder decoder;
        const auto lines = decoder.feed(reinterpret_cast<const std::uint8_t *>(events.constData()), size_t(events.size()));
        QCOMPARE(lines.size(), size_t(1));
        QCOMPARE(QByteArray::fromStdString(lines.front().text), QByteArray("Hk!:7"));
        QCOMPARE(lines.front().unknownKeys, 1);
    }

    void keyboardWedgeEnterAloneIsNoScanAndLongLinesOverflow()
    {
        InputEventDecoder decoder;
        QByteArray enter;
        long usec = 0;
        test::appendKey(enter, KEY_ENTER, usec);
        QVERIFY(decoder.feed(reinterpret_cast<const std::uint8_t *>(enter.constData()), size_t(enter.size())).empty());
        const QByteArray longLine = test::typedLine(QByteArray(int(InputEventDecoder::kMaxLength) + 10, '7'));
        const auto lines = decoder.feed(reinterpret_cast<const std::uint8_t *>(longLine.constData()), size_t(longLine.size()));
        QCOMPARE(lines.size(), size_t(1));
        QCOMPARE(int(lines.front().kind), int(InputEventDecoder::Event::Kind::Overflow));
    }

    void everyAsciiCharacterOfACodeHasAKey()
    {
        const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/?=&%";
        for (char c : alphabet) {
            const auto stroke = InputEventDecoder::keyFor(c);
            QVERIFY2(stroke.code != 0, QByteArray(1, c).constData());
            QCOMPARE(InputEventDecoder::characterOf(stroke.code, stroke.shift), c);
        }
    }
};

QTEST_APPLESS_MAIN(TestScannerCodecs)
#include "tst_scanner_codecs.moc"

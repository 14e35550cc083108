// app/domain/booking_token: the booking QR code's text (DESIGN §6) — fields, alphabet, numbers,
// the strict base64url signature, and every way a scanned string can be wrong.

#include "app/domain/booking/booking_token.h"

#include <QTest>

using namespace hk;

namespace {

const std::string kSig64 = std::string(64, '\x5a');

std::string code(const std::string &fields)
{
    return fields + "." + base64UrlEncode(kSig64);
}

} // namespace

class TestBookingToken : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesTheFields()
    {
        const auto t = BookingToken::parse(code("YY1.SQ-001.bk_20261201-42.SB-001.1764558000.1764559800"));
        QVERIFY(t.ok());
        QCOMPARE(t->center, std::string("SQ-001"));
        QCOMPARE(t->bookingId, std::string("bk_20261201-42"));
        QCOMPARE(t->matter, std::string("SB-001"));
        QCOMPARE(t->slotStartUnix, 1764558000LL);
        QCOMPARE(t->expiresUnix, 1764559800LL);
        QCOMPARE(t->signature, kSig64);
        QCOMPARE(t->signedText(), std::string("YY1.SQ-001.bk_20261201-42.SB-001.1764558000.1764559800"));
        QCOMPARE(t->format(), code("YY1.SQ-001.bk_20261201-42.SB-001.1764558000.1764559800"));
    }

    void aScannersLineEndIsNotPartOfTheCode()
    {
        QVERIFY(BookingToken::parse(code("YY1.C.B.M.1.2") + "\r\n").ok());
    }

    void otherCodesAreNotBookingCodes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("a ticket") << QByteArray("HK1:SQ-001:d134cc76-157d-41c8-b969-3d1ec94e9166");
        QTest::newRow("a URL") << QByteArray("https://platform.example/t/SQ-001/x");
        QTest::newRow("another version") << QByteArray("YY2.C.B.M.1.2.AAAA");
        QTest::newRow("lower case") << QByteArray("yy1.C.B.M.1.2.AAAA");
        QTest::newRow("just the prefix") << QByteArray("YY1");
    }
    void otherCodesAreNotBookingCodes()
    {
        QFETCH(QByteArray, text);
        const auto t = BookingToken::parse(text.toStdString());
        QVERIFY(!t.ok());
        QCOMPARE(int(t.error()), int(BookingToken::Error::NotABookingCode));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        const QByteArray sig = QByteArray::fromStdString(base64UrlEncode(kSig64));
        QTest::newRow("six fields") << "YY1.C.B.M.1." + sig;
        QTest::newRow("eight fields") << "YY1.C.B.M.1.2.3." + sig;
        QTest::newRow("empty center") << "YY1..B.M.1.2." + sig;
        QTest::newRow("a dot too many at the end") << "YY1.C.B.M.1.2." + sig + ".";
        QTest::newRow("Chinese in a code") << QByteArray("YY1.中心.B.M.1.2.") + sig;
        QTest::newRow("a space in a code") << "YY1.C.B M.M.1.2." + sig;
        QTest::newRow("a slash in a code") << "YY1.C.B/1.M.1.2." + sig;
        QTest::newRow("negative time") << "YY1.C.B.M.-1.2." + sig;
        QTest::newRow("a plus sign") << "YY1.C.B.M.+1.2." + sig;
        QTest::newRow("leading zero") << "YY1.C.B.M.01.2." + sig;
        QTest::newRow("hex time") << "YY1.C.B.M.0x10.2." + sig;
        QTest::newRow("time overflows") << "YY1.C.B.M.9999999999999.2." + sig;
        QTest::newRow("no signature") << QByteArray("YY1.C.B.M.1.2.");
        QTest::newRow("short signature") << QByteArray("YY1.C.B.M.1.2.") + QByteArray::fromStdString(base64UrlEncode(std::string(63, 'a')));
        QTest::newRow("padded signature") << "YY1.C.B.M.1.2." + sig + "==";
        QTest::newRow("standard base64") << "YY1.C.B.M.1.2." + QByteArray(sig).replace('-', '+').replace('_', '/') + "+/";
        QTest::newRow("a code 65 characters long") << "YY1.C." + QByteArray(65, 'b') + ".M.1.2." + sig;
        QTest::newRow("far too long") << "YY1.C.B.M.1.2." + QByteArray(600, 'A');
        QTest::newRow("a NUL inside") << QByteArray("YY1.C.B\0.M.1.2.", 15) + sig;
    }
    void malformed()
    {
        QFETCH(QByteArray, text);
        const auto t = BookingToken::parse(std::string_view(text.constData(), size_t(text.size())));
        QVERIFY(!t.ok());
        QCOMPARE(int(t.error()), int(BookingToken::Error::Malformed));
    }

    void base64UrlRoundTripsAndIsStrict()
    {
        for (int n = 0; n < 70; ++n) {
            std::string bytes;
            for (int i = 0; i < n; ++i)
                bytes += static_cast<char>((i * 37 + n) & 0xFF);
            const std::string text = base64UrlEncode(bytes);
            QVERIFY(text.find('=') == std::string::npos);
            QCOMPARE(base64UrlDecode(text).value(), bytes);
        }
        QCOMPARE(base64UrlEncode("\xfb\xff"), std::string("-_8"));
        QVERIFY(!base64UrlDecode("A"));    // one character cannot hold a byte
        QVERIFY(!base64UrlDecode("AB"));   // the unused low bits must be zero ("AA" is 0x00)
        QCOMPARE(base64UrlDecode("AA").value(), std::string(1, '\0'));
        QVERIFY(!base64UrlDecode("AA=="));
    }
};

QTEST_APPLESS_MAIN(TestBookingToken)
#include "tst_booking_token.moc"

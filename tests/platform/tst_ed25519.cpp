// platform/ed25519_key: the booking QR code's signature (DESIGN §6) through OpenSSL, against the
// RFC 8032 test vector and with keys made in the test.

#include "app/domain/booking/booking_token.h"
#include "platform/ed25519_key.h"

#include <QTest>

using namespace hk;

namespace {

const QString kFixtures = QStringLiteral(HALLKIOSK_SOURCE_DIR "/tests/fixtures/platform/");

} // namespace

class TestEd25519 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rfc8032TestTwo()
    {
        auto key = Ed25519PrivateKey::loadFile(kFixtures + QStringLiteral("rfc8032-test2-private.pem"));
        QVERIFY2(key.ok(), qPrintable(key ? QString() : key.error()));
        const QByteArray expected = QByteArray::fromHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                                        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        QCOMPARE(key->sign(QByteArray::fromHex("72")), expected);
        auto pub = Ed25519PublicKey::loadFile(kFixtures + QStringLiteral("rfc8032-test2-public.pem"));
        QVERIFY(pub.ok());
        QVERIFY(pub->verify(QByteArray::fromHex("72"), expected));
        QVERIFY(!pub->verify(QByteArray::fromHex("73"), expected));
        QCOMPARE(key->publicKey().toPem(), pub->toPem());
    }

    void aSignedBookingCodeVerifiesAndAForgedOneDoesNot()
    {
        auto platform = Ed25519PrivateKey::generate();
        QVERIFY(platform.ok());
        BookingToken token{"SQ-001", "bk-20261201-0042", "SB-001", 1764558000, 1764559800, {}};
        token.signature = platform->sign(QByteArray::fromStdString(token.signedText())).toStdString();
        const std::string code = token.format();
        const auto parsed = BookingToken::parse(code);
        QVERIFY(parsed.ok());
        const Ed25519PublicKey terminal = platform->publicKey();
        const BookingCodeVerifier &verifier = terminal;
        QVERIFY(verifier.verify(parsed->signedText(), parsed->signature));

        // One character changed anywhere before the signature: another booking, refused.
        BookingToken forged = parsed.value();
        forged.bookingId = "bk-20261201-0043";
        QVERIFY(!verifier.verify(forged.signedText(), forged.signature));
        forged = parsed.value();
        forged.expiresUnix += 3600; // a longer life
        QVERIFY(!verifier.verify(forged.signedText(), forged.signature));
        // Signed by someone else's key.
        auto other = Ed25519PrivateKey::generate();
        QVERIFY(!verifier.verify(token.signedText(), other->sign(QByteArray::fromStdString(token.signedText())).toStdString()));
        QVERIFY(!verifier.verify(token.signedText(), std::string(63, 'x'))); // a short signature
    }

    void keysGoThroughPem()
    {
        auto key = Ed25519PrivateKey::generate();
        const QByteArray pem = key->toPem();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        auto again = Ed25519PrivateKey::fromPem(pem);
        QVERIFY(again.ok());
        QCOMPARE(again->sign("hallkiosk"), key->sign("hallkiosk")); // Ed25519 is deterministic
        QVERIFY(key->publicKey().toPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    void badKeysAreRefusedWithAMessage()
    {
        auto garbage = Ed25519PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\nbm9wZQ==\n-----END PUBLIC KEY-----\n");
        QVERIFY(!garbage.ok());
        QVERIFY2(garbage.error().contains(QStringLiteral("PEM public key")), qPrintable(garbage.error()));
        auto missing = Ed25519PublicKey::loadFile(QStringLiteral("/nonexistent/platform.pem"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("/nonexistent/platform.pem")));
        // A private key where the public one belongs is not accepted as one.
        auto privateAsPublic = Ed25519PublicKey::loadFile(kFixtures + QStringLiteral("rfc8032-test2-private.pem"));
        QVERIFY(!privateAsPublic.ok());
    }
};

QTEST_APPLESS_MAIN(TestEd25519)
#include "tst_ed25519.moc"

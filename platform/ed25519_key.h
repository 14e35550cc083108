#pragma once

#include "app/domain/result.h"
#include "app/ports/booking_code_verifier.h"

#include <QByteArray>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace hk {

// Ed25519 keys through OpenSSL 3: the platform signs booking QR codes with its private key; the
// terminal verifies them with the public key (PEM, SubjectPublicKeyInfo) from its config.
class Ed25519PublicKey final : public BookingCodeVerifier {
public:
    static Result<Ed25519PublicKey, QString> fromPem(const QByteArray &pem);
    static Result<Ed25519PublicKey, QString> loadFile(const QString &path);

    bool verify(const QByteArray &message, const QByteArray &signature) const;
    bool verify(const std::string &signedText, const std::string &signature) const override;
    QByteArray toPem() const;

private:
    friend class Ed25519PrivateKey;
    explicit Ed25519PublicKey(std::shared_ptr<EVP_PKEY> key) : m_key(std::move(key)) {}
    std::shared_ptr<EVP_PKEY> m_key;
};

class Ed25519PrivateKey {
public:
    static Result<Ed25519PrivateKey, QString> generate();
    static Result<Ed25519PrivateKey, QString> fromPem(const QByteArray &pem); // PKCS#8
    static Result<Ed25519PrivateKey, QString> loadFile(const QString &path);

    QByteArray sign(const QByteArray &message) const; // 64 bytes; empty if OpenSSL failed
    Ed25519PublicKey publicKey() const;
    QByteArray toPem() const;

private:
    explicit Ed25519PrivateKey(std::shared_ptr<EVP_PKEY> key) : m_key(std::move(key)) {}
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace hk

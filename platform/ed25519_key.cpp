#include "platform/ed25519_key.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace hk {
namespace {

std::shared_ptr<EVP_PKEY> own(EVP_PKEY *key)
{
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

QString openSslError(const char *what)
{
    const unsigned long code = ERR_get_error();
    char text[256] = {};
    if (code)
        ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return code ? QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLatin1(text)) : QString::fromLatin1(what);
}

std::unique_ptr<BIO, decltype(&BIO_free)> memoryOf(const QByteArray &bytes)
{
    return {BIO_new_mem_buf(bytes.constData(), int(bytes.size())), BIO_free};
}

QByteArray pemOf(EVP_PKEY *key, bool privateKey)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    const int ok = privateKey ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                              : PEM_write_bio_PUBKEY(bio.get(), key);
    if (ok != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

bool isEd25519(EVP_PKEY *key)
{
    return EVP_PKEY_get_id(key) == EVP_PKEY_ED25519;
}

using KeyResult = Result<std::shared_ptr<EVP_PKEY>, QString>;

KeyResult readKey(const QByteArray &pem, bool privateKey)
{
    auto bio = memoryOf(pem);
    EVP_PKEY *key = privateKey ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                               : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return fail(openSslError(privateKey ? "not a PEM private key (-----BEGIN PRIVATE KEY-----)"
                                            : "not a PEM public key (-----BEGIN PUBLIC KEY-----)"));
    auto owned = own(key);
    if (!isEd25519(key))
        return fail(privateKey ? QStringLiteral("the private key is not an Ed25519 key") : QStringLiteral("the public key is not an Ed25519 key"));
    return owned;
}

KeyResult readKeyFile(const QString &path, bool privateKey)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto key = readKey(file.readAll(), privateKey);
    if (!key)
        return fail(QStringLiteral("%1: %2").arg(path, key.error()));
    return key;
}

} // namespace

Result<Ed25519PublicKey, QString> Ed25519PublicKey::fromPem(const QByteArray &pem)
{
    auto key = readKey(pem, false);
    if (!key)
        return fail(key.error());
    return Ed25519PublicKey(key.value());
}

Result<Ed25519PublicKey, QString> Ed25519PublicKey::loadFile(const QString &path)
{
    auto key = readKeyFile(path, false);
    if (!key)
        return fail(key.error());
    return Ed25519PublicKey(key.value());
}

bool Ed25519PublicKey::verify(const QByteArray &message, const QByteArray &signature) const
{
    if (signature.size() != 64)
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    // Ed25519 is a one-shot signature: no digest, the whole message at once (RFC 8032).
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1) {
        ERR_clear_error();
        return false;
    }
    const int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                                    reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()));
    ERR_clear_error();
    return ok == 1;
}

bool Ed25519PublicKey::verify(const std::string &signedText, const std::string &signature) const
{
    return verify(QByteArray::fromStdString(signedText), QByteArray::fromStdString(signature));
}

QByteArray Ed25519PublicKey::toPem() const
{
    return pemOf(m_key.get(), false);
}

Result<Ed25519PrivateKey, QString> Ed25519PrivateKey::generate()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key)
        return fail(openSslError("cannot generate an Ed25519 key"));
    return Ed25519PrivateKey(own(key));
}

Result<Ed25519PrivateKey, QString> Ed25519PrivateKey::fromPem(const QByteArray &pem)
{
    auto key = readKey(pem, true);
    if (!key)
        return fail(key.error());
    return Ed25519PrivateKey(key.value());
}

Result<Ed25519PrivateKey, QString> Ed25519PrivateKey::loadFile(const QString &path)
{
    auto key = readKeyFile(path, true);
    if (!key)
        return fail(key.error());
    return Ed25519PrivateKey(key.value());
}

QByteArray Ed25519PrivateKey::sign(const QByteArray &message) const
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    QByteArray signature(64, Qt::Uninitialized);
    size_t length = size_t(signature.size());
    if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) != 1) {
        ERR_clear_error();
        return {};
    }
    signature.resize(qsizetype(length));
    return signature;
}

Ed25519PublicKey Ed25519PrivateKey::publicKey() const
{
    // The public half, through its PEM: OpenSSL keeps both halves in one EVP_PKEY.
    auto key = Ed25519PublicKey::fromPem(pemOf(m_key.get(), false));
    return key ? key.value() : Ed25519PublicKey(m_key);
}

QByteArray Ed25519PrivateKey::toPem() const
{
    return pemOf(m_key.get(), true);
}

} // namespace hk

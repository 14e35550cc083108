#include "app/root/startup_files.h"

#include "app/config/catalog_parser.h"
#include "app/config/staff_file_parser.h"
#include "app/process/secret_file_mode.h"
#include "app/root/logging.h"
#include "app/root/printer_setup.h"
#include "app/services/staff/pin_hasher.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace hk {

Result<Catalog, StartupError> StartupFiles::catalog(const Config &config)
{
    if (!config.catalogFile) {
        if (config.platform.url) {
            // The platform provides it: the catalog its last pull left (adopted at start-up), or,
            // on the very first start, none until the first pull.
            Catalog none;
            none.version = 0;
            none.center.id = config.terminal.center.toStdString();
            return none;
        }
        return fail(StartupError{2, QStringLiteral("catalog_file: required without platform.url (the platform would provide the catalog)")});
    }
    auto parsed = CatalogParser::loadFile(*config.catalogFile);
    if (!parsed) {
        QStringList lines;
        for (const ConfigError &e : parsed.error())
            lines << QStringLiteral("catalog_file %1: %2").arg(*config.catalogFile, e.toString());
        return fail(StartupError{2, lines.join(QLatin1Char('\n'))});
    }
    for (const ConfigError &w : parsed->warnings)
        qCWarning(lcRoot).noquote() << "catalog_file" << *config.catalogFile << w.toString() << "(ignored)";
    const Catalog &catalog = parsed->catalog;
    if (QString::fromStdString(catalog.center.id) != config.terminal.center)
        return fail(StartupError{2, QStringLiteral("catalog_file %1: the catalog is for center \"%2\" but terminal.center is \"%3\"")
                                        .arg(*config.catalogFile, QString::fromStdString(catalog.center.id), config.terminal.center)});
    return catalog;
}

Result<void, StartupError> StartupFiles::checkSecrets(const Config &config)
{
    const std::pair<const char *, std::optional<QString>> secrets[] = {
        {"platform.secret_file", config.platform.secretFile},
        {"platform.match_key_file", config.platform.matchKeyFile},
        {"hall.password_file", config.hall ? config.hall->passwordFile : std::nullopt},
        {"http.tls_key_file", config.http.tlsKeyFile},
    };
    for (const auto &[key, path] : secrets) {
        if (!path)
            continue;
        if (const auto mode = secretFileTooOpen(*path))
            return fail(StartupError{2, QStringLiteral("%1: %2 is readable by group or others (mode %3); chmod 600 it")
                                            .arg(QLatin1String(key), *path)
                                            .arg(*mode, 4, 8, QLatin1Char('0'))});
    }
    return Ok{};
}

namespace {

struct BioFree {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct X509Free {
    void operator()(X509 *x) const { X509_free(x); }
};
struct PkeyFree {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};

std::unique_ptr<BIO, BioFree> readPem(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    const QByteArray pem = file.readAll();
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio && BIO_write(bio, pem.constData(), int(pem.size())) != int(pem.size())) {
        BIO_free(bio);
        return nullptr;
    }
    return std::unique_ptr<BIO, BioFree>(bio);
}

} // namespace

Result<void, StartupError> StartupFiles::checkTls(const Config &config)
{
    if (!config.http.tlsCertFile || !config.http.tlsKeyFile)
        return Ok{};
    const auto certPem = readPem(*config.http.tlsCertFile);
    const auto keyPem = readPem(*config.http.tlsKeyFile);
    if (!certPem || !keyPem)
        return Ok{};
    // The first certificate of the file is the server's own (the rest, if any, its chain).
    const std::unique_ptr<X509, X509Free> certificate(PEM_read_bio_X509(certPem.get(), nullptr, nullptr, nullptr));
    const std::unique_ptr<EVP_PKEY, PkeyFree> key(PEM_read_bio_PrivateKey(keyPem.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!certificate || !key)
        return Ok{};
    const EVP_PKEY *certified = X509_get0_pubkey(certificate.get());
    if (certified && EVP_PKEY_eq(certified, key.get()) == 1)
        return Ok{};
    return fail(StartupError{2, QStringLiteral("http.tls_cert_file and http.tls_key_file do not match: the certificate %1 was not made "
                                               "for the private key %2; give the key the certificate was issued for")
                                    .arg(*config.http.tlsCertFile, *config.http.tlsKeyFile)});
}

Result<void, StartupError> StartupFiles::checkDevices(const Config &config)
{
    if (config.devices.printer) {
        if (auto profile = PrinterSetup::profile(config); !profile)
            return fail(profile.error());
    }
    if (auto layout = PrinterSetup::layout(config); !layout)
        return fail(layout.error());
    return Ok{};
}

Result<std::vector<StaffMember>, StartupError> StartupFiles::staff(const Config &config)
{
    if (!config.staffFile) {
        qCWarning(lcRoot) << "no staff_file: nobody can sign in at the staff console";
        return std::vector<StaffMember>{};
    }
    auto loaded = StaffFileParser::loadFile(*config.staffFile);
    if (!loaded) {
        QStringList lines;
        for (const ConfigError &e : loaded.error())
            lines << QStringLiteral("staff_file %1: %2").arg(*config.staffFile, e.toString());
        return fail(StartupError{2, lines.join(QLatin1Char('\n'))});
    }
    std::vector<StaffMember> staff = std::move(loaded).value();
    for (std::size_t i = 0; i < staff.size(); ++i) {
        if (!PinHasher::isWellFormed(QString::fromStdString(staff[i].pinHash)))
            return fail(StartupError{2, QStringLiteral("staff_file %1: [%2].pin_hash: not a hash made by hallkiosk --hash-pin")
                                            .arg(*config.staffFile)
                                            .arg(i)});
    }
    return staff;
}

} // namespace hk

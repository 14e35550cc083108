#include "app/root/startup_files.h"

#include "app/config/catalog_parser.h"
#include "app/config/staff_file_parser.h"
#include "app/process/secret_file_mode.h"
#include "app/root/logging.h"
#include "app/root/printer_setup.h"
#include "app/services/staff/pin_hasher.h"

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

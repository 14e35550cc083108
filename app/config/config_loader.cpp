#include "app/config/config_loader.h"

#include "app/config/json_merge.h"
#include "app/config/json_object_reader.h"
#include "app/config/local_override_file.h"
#include "app/domain/queue/calling_policy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <arpa/inet.h>

namespace hk {
namespace {

QString resolve(const QString &baseDir, const QString &path)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || baseDir.isEmpty())
        return path;
    return QDir::cleanPath(QDir(baseDir).filePath(path));
}

std::optional<QString> resolve(const QString &baseDir, const std::optional<QString> &path)
{
    if (!path)
        return std::nullopt;
    return resolve(baseDir, *path);
}

// Which schemes make sense for each device (DESIGN §4's transport column).
std::optional<DeviceUri> readDevice(JsonObjectReader &devices, const QString &key,
                                    std::initializer_list<DeviceUri::Scheme> allowed,
                                    const QString &what)
{
    auto text = devices.optionalString(key, std::nullopt);
    if (!text)
        return std::nullopt;
    auto uri = DeviceUri::parse(*text);
    if (!uri) {
        devices.error(key, uri.error());
        return std::nullopt;
    }
    if (std::find(allowed.begin(), allowed.end(), uri->scheme) == allowed.end()) {
        QStringList names;
        for (auto s : allowed)
            names << schemeName(s) + QLatin1Char(':');
        devices.error(key, QStringLiteral("%1: cannot be used for %2 (use %3)")
                               .arg(schemeName(uri->scheme), what, names.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return uri.value();
}

// The hall database's password (DESIGN §11): the file's first line without surrounding white
// space, read once at start-up so a missing file is a configuration error, not a later outage.
Result<QString, QString> readPasswordFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QString password = QString::fromUtf8(file.readLine(4096)).trimmed();
    if (password.isEmpty())
        return fail(QStringLiteral("%1 is empty (leave hall.password_file out when the server asks for no password)").arg(path));
    return password;
}

std::optional<Config::Hall> readHall(JsonObjectReader &hall, const QString &baseDir)
{
    Config::Hall h;
    bool complete = true;
    if (auto text = hall.requiredString(QStringLiteral("database"))) {
        if (auto uri = HallDatabaseUri::parse(*text))
            h.database = std::move(uri).value();
        else {
            hall.error(QStringLiteral("database"), uri.error());
            complete = false;
        }
    } else {
        complete = false;
    }

    if (!hall.has(QStringLiteral("index"))) {
        hall.integer(QStringLiteral("index"), 0, 1, 9); // absent: only marks the key known
        hall.error(QStringLiteral("index"), QStringLiteral("is required with hall.database: this terminal's number in "
                                                           "the hall, 1–9, unique (its offline tickets are A<index>-001 …)"));
        complete = false;
    } else if (auto index = hall.requiredInteger(QStringLiteral("index"), 1, 9)) {
        h.index = *index;
    } else {
        complete = false;
    }

    h.passwordFile = resolve(baseDir, hall.optionalString(QStringLiteral("password_file"), std::nullopt));
    if (h.passwordFile) {
        if (h.passwordFile->trimmed().isEmpty()) {
            hall.error(QStringLiteral("password_file"), QStringLiteral("must not be empty (leave it out when the server asks for no password)"));
            complete = false;
        } else if (auto password = readPasswordFile(*h.passwordFile)) {
            h.password = std::move(password).value();
        } else {
            hall.error(QStringLiteral("password_file"), password.error());
            complete = false;
        }
    }
    hall.finish();
    if (!complete)
        return std::nullopt;
    return h;
}

bool isIdentifier(const QString &text)
{
    static const QRegularExpression kPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return kPattern.match(text).hasMatch();
}

} // namespace

Result<Config, ConfigErrors> ConfigLoader::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ConfigErrors{{QString(), QStringLiteral("cannot read %1: %2").arg(path, file.errorString())}});
    auto config = parse(file.readAll(), QFileInfo(path).absolutePath());
    if (!config)
        return config;
    Config result = std::move(config).value();
    result.sourcePath = QFileInfo(path).absoluteFilePath();
    return result;
}

Result<Config, ConfigErrors> ConfigLoader::loadFile(const QString &path, LocalOverrides local)
{
    auto config = loadFile(path);
    if (!config || local == LocalOverrides::Ignore)
        return config;
    auto sited = withSiteFile(std::move(config).value());
    if (!sited)
        return sited;
    return withLocalOverrides(std::move(sited).value());
}

QString ConfigLoader::sitePathFor(const Config &config)
{
    if (config.database.isEmpty() || config.database == QLatin1String(":memory:"))
        return {};
    return QFileInfo(config.database).absoluteDir().filePath(QStringLiteral("site.json"));
}

Result<Config, ConfigErrors> ConfigLoader::withSiteFile(Config config)
{
    const QString path = sitePathFor(config);
    if (path.isEmpty() || !QFileInfo::exists(path))
        return config;
    const auto problem = [&path](const QString &key, const QString &what) {
        return fail(ConfigErrors{{key.isEmpty() ? path : path + QStringLiteral(": ") + key, what}});
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return problem(QString(), QStringLiteral("cannot be read: %1").arg(file.errorString()));
    auto parsed = parseJsonFile(file.readAll());
    if (!parsed)
        return problem(QString(), parsed.error().first().toString());
    if (!parsed->isObject())
        return problem(QString(), QStringLiteral("must hold one JSON object"));
    const QJsonObject site = parsed->object();
    if (site.contains(QLatin1String("database")))
        return problem(QStringLiteral("database"), QStringLiteral("may not be set here: the database places this very file (set it in %1)")
                                                       .arg(config.sourcePath.isEmpty() ? QStringLiteral("the config file") : config.sourcePath));
    const QJsonObject merged = mergeJson(config.fileJson, site);
    auto result = parse(QJsonDocument(merged).toJson(), config.baseDir);
    if (!result) {
        ConfigErrors errors = result.error();
        for (ConfigError &error : errors)
            error.key = error.key.isEmpty() ? path : path + QStringLiteral(": ") + error.key;
        return fail(errors);
    }
    Config sited = std::move(result).value();
    sited.sourcePath = config.sourcePath;
    sited.sitePath = path;
    return sited;
}

Config ConfigLoader::withLocalOverrides(Config config)
{
    const QString path = LocalOverrideFile::pathFor(config);
    if (path.isEmpty())
        return config;
    LocalOverrideFile::Read read = LocalOverrideFile::read(path, config.fileJson, config.baseDir);
    Config::Local local{path, read.usedPath, read.overrides, read.warnings};
    if (read.usedPath.isEmpty()) {
        config.local = std::move(local);
        return config;
    }
    // read() validated this very merge; parsed again here for the Config it gives.
    auto merged = parse(QJsonDocument(mergeJson(config.fileJson, read.overrides)).toJson(), config.baseDir);
    if (!merged) {
        local.warnings << QStringLiteral("%1: %2; the config runs without it").arg(read.usedPath, merged.error().first().toString());
        local.usedPath.clear();
        local.overrides = {};
        config.local = std::move(local);
        return config;
    }
    Config result = std::move(merged).value();
    result.fileJson = config.fileJson;
    result.sourcePath = config.sourcePath;
    result.sitePath = config.sitePath;
    result.local = std::move(local);
    return result;
}

Result<Config, ConfigErrors> ConfigLoader::parse(const QByteArray &json, const QString &baseDir)
{
    auto parsed = parseJsonFile(json);
    if (!parsed)
        return fail(parsed.error());
    const QJsonDocument &doc = parsed.value();
    if (!doc.isObject())
        return fail(ConfigErrors{{QString(), QStringLiteral("the file must hold one JSON object")}});

    ConfigErrors errors;
    Config c;
    JsonObjectReader root(doc.object(), QString(), errors);

    if (auto terminal = root.object(QStringLiteral("terminal"), true)) {
        if (auto id = terminal->requiredString(QStringLiteral("id"))) {
            if (!isIdentifier(*id))
                terminal->error(QStringLiteral("id"), QStringLiteral("must be 1–64 of A-Z a-z 0-9 - _"));
            c.terminal.id = *id;
        }
        if (auto center = terminal->requiredString(QStringLiteral("center"))) {
            if (!isIdentifier(*center))
                terminal->error(QStringLiteral("center"), QStringLiteral("must be 1–64 of A-Z a-z 0-9 - _"));
            c.terminal.center = *center;
        }
        c.terminal.name = terminal->optionalString(QStringLiteral("name"), c.terminal.id, false)
                              .value_or(c.terminal.id);
        if (c.terminal.name.isEmpty())
            c.terminal.name = c.terminal.id;
        terminal->finish();
    }

    if (auto database = root.requiredString(QStringLiteral("database")))
        c.database = resolve(baseDir, *database);

    if (auto hall = root.object(QStringLiteral("hall"), false))
        c.hall = readHall(*hall, baseDir);

    if (auto devices = root.object(QStringLiteral("devices"), true)) {
        using S = DeviceUri::Scheme;
        c.devices.printer = readDevice(*devices, QStringLiteral("printer"),
                                       {S::Serial, S::UsbLp, S::Tcp, S::Cups, S::Sim},
                                       QStringLiteral("a ticket printer"));
        c.devices.printerProfile =
            devices->optionalString(QStringLiteral("printer_profile"), c.devices.printerProfile, false)
                .value_or(c.devices.printerProfile);
        // A profile name (resources/printers) or the path of a profile file of one's own.
        if (c.devices.printerProfile.contains(QLatin1Char('/')) || c.devices.printerProfile.endsWith(QLatin1String(".json")))
            c.devices.printerProfile = resolve(baseDir, c.devices.printerProfile);
        c.devices.idcard = readDevice(*devices, QStringLiteral("idcard"), {S::Serial, S::Sim},
                                      QStringLiteral("an ID-card reader"));
        c.devices.scanner = readDevice(*devices, QStringLiteral("scanner"), {S::Serial, S::Sim},
                                       QStringLiteral("a line-mode scanner"));
        c.devices.scannerKeyboard = readDevice(*devices, QStringLiteral("scanner_keyboard"),
                                               {S::Evdev}, QStringLiteral("a keyboard-wedge scanner"));
        c.devices.camera = devices->optionalString(QStringLiteral("camera"), std::nullopt);
        c.devices.hallbus = readDevice(*devices, QStringLiteral("hallbus"), {S::Serial, S::Sim},
                                       QStringLiteral("the window bus"));
        devices->finish();
    }

    if (auto hallbus = root.object(QStringLiteral("hallbus"), false)) {
        if (auto windows = hallbus->object(QStringLiteral("windows"), false)) {
            // Window numbers are the keys; JsonObjectReader cannot know them up front.
            const QJsonObject raw = doc.object().value(QStringLiteral("hallbus")).toObject()
                                        .value(QStringLiteral("windows")).toObject();
            for (auto it = raw.begin(); it != raw.end(); ++it) {
                bool ok = false;
                const int number = it.key().toInt(&ok);
                auto entry = windows->object(it.key(), true);
                if (!ok || number < 1 || number > 999) {
                    windows->error(it.key(), QStringLiteral("window numbers are 1–999"));
                    continue;
                }
                if (!entry)
                    continue;
                Config::HallbusWindow w;
                w.board = entry->integer(QStringLiteral("board"), 0, 0, 247);
                w.caller = entry->integer(QStringLiteral("caller"), 0, 0, 247);
                w.evaluator = entry->integer(QStringLiteral("evaluator"), 0, 0, 247);
                entry->finish();
                c.hallbus.windows[number] = w;
            }
            windows->finish();
        }
        c.hallbus.pollIntervalMs =
            hallbus->integer(QStringLiteral("poll_interval_ms"), c.hallbus.pollIntervalMs, 50, 10000);
        hallbus->finish();
    }

    if (auto platform = root.object(QStringLiteral("platform"), false)) {
        auto &p = c.platform;
        p.url = platform->optionalString(QStringLiteral("url"), std::nullopt);
        if (p.url && !p.url->startsWith(QLatin1String("https://")) &&
            !p.url->startsWith(QLatin1String("http://")))
            platform->error(QStringLiteral("url"), QStringLiteral("must start with https:// or http://"));
        p.secretFile = resolve(baseDir, platform->optionalString(QStringLiteral("secret_file"), std::nullopt));
        p.publicKeyFile =
            resolve(baseDir, platform->optionalString(QStringLiteral("public_key_file"), std::nullopt));
        p.matchKeyFile =
            resolve(baseDir, platform->optionalString(QStringLiteral("match_key_file"), std::nullopt));
        p.ticketUrl = platform->optionalString(QStringLiteral("ticket_url"), std::nullopt);
        if (p.ticketUrl && !p.ticketUrl->contains(QLatin1String("{ticket}")))
            platform->error(QStringLiteral("ticket_url"), QStringLiteral("must contain {ticket}"));
        p.caFile = resolve(baseDir, platform->optionalString(QStringLiteral("ca_file"), std::nullopt));
        p.allowHttp = platform->boolean(QStringLiteral("allow_http"), p.allowHttp);
        p.pullIntervalS = platform->integer(QStringLiteral("pull_interval_s"), p.pullIntervalS, 5, 86400);
        p.timeoutMs = platform->integer(QStringLiteral("timeout_ms"), p.timeoutMs, 500, 120000);
        platform->finish();
    }

    if (auto http = root.object(QStringLiteral("http"), false)) {
        c.http.bind = http->optionalString(QStringLiteral("bind"), c.http.bind, false).value_or(c.http.bind);
        unsigned char address[16];
        const QByteArray bind = c.http.bind.toLatin1();
        if (inet_pton(AF_INET, bind.constData(), address) != 1 && inet_pton(AF_INET6, bind.constData(), address) != 1)
            http->error(QStringLiteral("bind"), QStringLiteral("\"%1\" is not an IP address (e.g. 0.0.0.0, 127.0.0.1, ::)").arg(c.http.bind));
        c.http.port = http->integer(QStringLiteral("port"), c.http.port, 0, 65535);
        c.http.tlsCertFile = resolve(baseDir, http->optionalString(QStringLiteral("tls_cert_file"), std::nullopt));
        c.http.tlsKeyFile = resolve(baseDir, http->optionalString(QStringLiteral("tls_key_file"), std::nullopt));
        if (c.http.tlsCertFile.has_value() != c.http.tlsKeyFile.has_value())
            http->error(c.http.tlsCertFile ? QStringLiteral("tls_key_file") : QStringLiteral("tls_cert_file"),
                        QStringLiteral("needed with %1 (HTTPS takes both)")
                            .arg(c.http.tlsCertFile ? QStringLiteral("http.tls_cert_file") : QStringLiteral("http.tls_key_file")));
        c.http.maxConnections = http->integer(QStringLiteral("max_connections"), c.http.maxConnections, 8, 4096);
        http->finish();
    }

    c.staffFile = resolve(baseDir, root.optionalString(QStringLiteral("staff_file"), std::nullopt));
    c.catalogFile = resolve(baseDir, root.optionalString(QStringLiteral("catalog_file"), std::nullopt));
    c.ticketTemplate = resolve(baseDir, root.optionalString(QStringLiteral("ticket_template"), std::nullopt));

    if (auto kiosk = root.object(QStringLiteral("kiosk"), false)) {
        auto &k = c.kiosk;
        k.fullscreen = kiosk->boolean(QStringLiteral("fullscreen"), k.fullscreen);
        k.idleTimeoutS = kiosk->integer(QStringLiteral("idle_timeout_s"), k.idleTimeoutS, 30, 3600);
        // The countdown must be in view at least 20 s before the screen goes home (DESIGN §1).
        k.ticketScreenS = kiosk->integer(QStringLiteral("ticket_screen_s"), k.ticketScreenS, 20, 600);
        k.elderMode = kiosk->boolean(QStringLiteral("elder_mode"), k.elderMode);
        k.printerPollS = kiosk->integer(QStringLiteral("printer_poll_s"), k.printerPollS, 1, 3600);
        k.hallAddress = kiosk->optionalString(QStringLiteral("hall_address"), k.hallAddress, false).value_or(QString());
        k.bookingPhone = kiosk->optionalString(QStringLiteral("booking_phone"), k.bookingPhone, false).value_or(QString());
        kiosk->finish();
    }

    if (auto voice = root.object(QStringLiteral("voice"), false)) {
        auto &v = c.voice;
        v.enabled = voice->boolean(QStringLiteral("enabled"), v.enabled);
        v.volume = voice->integer(QStringLiteral("volume"), v.volume, 0, 200);
        v.voice = voice->optionalString(QStringLiteral("voice"), v.voice, false).value_or(v.voice);
        v.command = voice->optionalString(QStringLiteral("command"), v.command, false).value_or(v.command);
        v.player = voice->optionalString(QStringLiteral("player"), v.player, false).value_or(v.player);
        voice->finish();
    }

    if (auto queue = root.object(QStringLiteral("queue"), false)) {
        auto &q = c.queue;
        q.policy = queue->optionalString(QStringLiteral("policy"), q.policy, false).value_or(q.policy);
        // The domain's own reading of the text (Q2), so the terminal never starts with a policy
        // it cannot run.
        if (!CallingPolicy::parse(q.policy.toStdString()))
            queue->error(QStringLiteral("policy"),
                         QStringLiteral("must be booked_first, fifo, interleave:N (N 1–99) or slack[:F] (F 0–1, default 0.6), "
                                        "not \"%1\"")
                             .arg(q.policy));
        q.bookingFallback = queue->boolean(QStringLiteral("booking_fallback"), q.bookingFallback);
        q.recallMax = queue->integer(QStringLiteral("recall_max"), q.recallMax, 0, 10);
        queue->finish();
    }

    root.finish();
    if (!errors.isEmpty())
        return fail(errors);
    c.fileJson = doc.object();
    c.baseDir = baseDir;
    return c;
}

} // namespace hk

#include "app/config/hall_database_uri.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cctype>

#include <arpa/inet.h>

namespace hk {
namespace {

const QString kPasswordRefused =
    QStringLiteral("holds a password: write the URI without it and put the password in the file "
                   "hall.password_file names (one line, readable only by the service user)");

const QString kShape = QStringLiteral("postgresql://[user@]host[:port][,host2[:port]…]/database[?key=value&…]");

// The connection parameters of libpq 15 (Debian 12) that a URI may carry, from its manual
// §34.1.2 "Parameter Key Words". libpq refuses any other name when it connects; refusing it here
// names the key at start-up (exit 2) instead.
const QSet<QString> &libpqParameters()
{
    static const QSet<QString> kNames{
        QStringLiteral("hostaddr"), QStringLiteral("passfile"), QStringLiteral("channel_binding"),
        QStringLiteral("connect_timeout"), QStringLiteral("client_encoding"), QStringLiteral("options"),
        QStringLiteral("application_name"), QStringLiteral("fallback_application_name"),
        QStringLiteral("keepalives"), QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
        QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout"), QStringLiteral("gssencmode"),
        QStringLiteral("sslmode"), QStringLiteral("requiressl"), QStringLiteral("sslcompression"),
        QStringLiteral("sslcert"), QStringLiteral("sslkey"), QStringLiteral("sslrootcert"),
        QStringLiteral("sslcrl"), QStringLiteral("sslcrldir"), QStringLiteral("sslsni"),
        QStringLiteral("requirepeer"), QStringLiteral("ssl_min_protocol_version"),
        QStringLiteral("ssl_max_protocol_version"), QStringLiteral("krbsrvname"), QStringLiteral("gsslib"),
        QStringLiteral("service"), QStringLiteral("target_session_attrs"),
    };
    return kNames;
}

// Parameters whose values libpq checks only when it connects; a typo in them is a config error.
const QMap<QString, QStringList> &enumeratedValues()
{
    static const QMap<QString, QStringList> kValues{
        {QStringLiteral("sslmode"),
         {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"), QStringLiteral("require"),
          QStringLiteral("verify-ca"), QStringLiteral("verify-full")}},
        {QStringLiteral("target_session_attrs"),
         {QStringLiteral("any"), QStringLiteral("read-write"), QStringLiteral("read-only"), QStringLiteral("primary"),
          QStringLiteral("standby"), QStringLiteral("prefer-standby")}},
        {QStringLiteral("gssencmode"), {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require")}},
        {QStringLiteral("channel_binding"), {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require")}},
    };
    return kValues;
}

const QSet<QString> &numericParameters()
{
    static const QSet<QString> kNames{QStringLiteral("connect_timeout"), QStringLiteral("keepalives"),
                                      QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"),
                                      QStringLiteral("keepalives_count"), QStringLiteral("tcp_user_timeout")};
    return kNames;
}

// Percent-decoding as libpq does it: every '%' starts two hex digits, and %00 is refused.
Result<QString, QString> decode(const QString &part, const QString &what)
{
    const QByteArray bytes = part.toUtf8();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '%')
            continue;
        if (i + 2 >= bytes.size() || !std::isxdigit(static_cast<unsigned char>(bytes[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(bytes[i + 2])))
            return fail(QStringLiteral("%1: \"%\" must start two hex digits (write %25 for a percent sign)").arg(what));
        if (bytes[i + 1] == '0' && bytes[i + 2] == '0')
            return fail(what + QStringLiteral(": \"%00\" (a zero byte) is not allowed"));
    }
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

// A value as a conninfo item wants it: Qt's QPSQL driver hands the options to libpq after turning
// every ';' into a space, so a value may not hold one; spaces, quotes and backslashes are quoted.
Result<QString, QString> conninfoItem(const QString &key, const QString &value)
{
    if (value.contains(QLatin1Char(';')))
        return fail(QStringLiteral("parameter \"%1\": a value cannot contain \";\" (Qt's PostgreSQL driver splits on it)").arg(key));
    static const QRegularExpression kNeedsQuotes(QStringLiteral("[\\s'\\\\]"));
    if (!kNeedsQuotes.match(value).hasMatch())
        return key + QLatin1Char('=') + value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return key + QStringLiteral("='") + quoted + QLatin1Char('\'');
}

QString unquote(const QString &value)
{
    if (!value.startsWith(QLatin1Char('\'')))
        return value;
    QString plain;
    for (qsizetype i = 1; i + 1 < value.size(); ++i) {
        if (value[i] == QLatin1Char('\\') && i + 2 < value.size())
            ++i;
        plain += value[i];
    }
    return plain;
}

bool isHostName(const QString &host)
{
    // DNS names and IPv4 addresses; a Unix socket folder (percent-encoded "/…") is libpq's too.
    static const QRegularExpression kName(QStringLiteral("^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$"));
    return host.startsWith(QLatin1Char('/')) ? !host.contains(QLatin1Char(',')) : kName.match(host).hasMatch();
}

Result<quint16, QString> parsePort(const QString &text, const QString &host)
{
    static const QRegularExpression kDigits(QStringLiteral("^[0-9]{1,5}$"));
    if (text.isEmpty())
        return fail(QStringLiteral("host \"%1\": the port after \":\" is empty").arg(host));
    if (!kDigits.match(text).hasMatch())
        return fail(QStringLiteral("host \"%1\": port \"%2\" is not a number").arg(host, text));
    const int port = text.toInt();
    if (port < 1 || port > 65535)
        return fail(QStringLiteral("host \"%1\": port %2 is not 1–65535").arg(host).arg(port));
    return static_cast<quint16>(port);
}

struct HostPort {
    QString host;
    QString port; // empty: libpq's default
};

Result<HostPort, QString> parseHost(const QString &entry, int position)
{
    if (entry.isEmpty())
        return fail(QStringLiteral("host %1 is empty (write postgresql://HOST/DATABASE; several: HOST1,HOST2)").arg(position));
    HostPort result;
    QString portText;
    bool hasPort = false;
    if (entry.startsWith(QLatin1Char('['))) {
        const qsizetype close = entry.indexOf(QLatin1Char(']'));
        if (close < 0)
            return fail(QStringLiteral("host %1: \"[\" without \"]\" (an IPv6 address is written [::1]:5432)").arg(position));
        result.host = entry.mid(1, close - 1);
        unsigned char address[16];
        if (::inet_pton(AF_INET6, result.host.toLatin1().constData(), address) != 1)
            return fail(QStringLiteral("host %1: \"%2\" is not an IPv6 address").arg(position).arg(result.host));
        const QString rest = entry.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return fail(QStringLiteral("host %1: only \":PORT\" may follow \"]\"").arg(position));
            hasPort = true;
            portText = rest.mid(1);
        }
    } else {
        const qsizetype colons = entry.count(QLatin1Char(':'));
        if (colons > 1)
            return fail(QStringLiteral("host %1: an IPv6 address goes in brackets, e.g. [%2]:5432").arg(position).arg(entry));
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        auto host = decode(colon < 0 ? entry : entry.left(colon), QStringLiteral("host %1").arg(position));
        if (!host)
            return fail(host.error());
        result.host = host.value();
        if (result.host.isEmpty())
            return fail(QStringLiteral("host %1 is empty (write postgresql://HOST/DATABASE; several: HOST1,HOST2)").arg(position));
        if (!isHostName(result.host))
            return fail(QStringLiteral("host %1: \"%2\" is not a host name or address").arg(position).arg(result.host));
        if (colon >= 0) {
            hasPort = true;
            portText = entry.mid(colon + 1);
        }
    }
    if (hasPort) {
        auto port = parsePort(portText, result.host);
        if (!port)
            return fail(port.error());
        result.port = QString::number(port.value());
    }
    return result;
}

} // namespace

QString HallDatabaseUri::option(const QString &key) const
{
    const QString prefix = key + QLatin1Char('=');
    for (const QString &item : options) {
        if (item.startsWith(prefix))
            return unquote(item.mid(prefix.size()));
    }
    return {};
}

Result<HallDatabaseUri, QString> HallDatabaseUri::parse(const QString &text)
{
    // No message quotes the whole URI: it might hold the password it is refused for.
    HallDatabaseUri uri;
    QString rest;
    for (const QLatin1String scheme : {QLatin1String("postgresql://"), QLatin1String("postgres://")}) {
        if (text.startsWith(scheme)) {
            rest = text.mid(scheme.size());
            break;
        }
    }
    if (rest.isNull())
        return fail(QStringLiteral("must start with postgresql:// or postgres:// (%1)").arg(kShape));
    if (rest.contains(QLatin1Char('#')))
        return fail(QStringLiteral("a \"#\" has no meaning in a connection URI (write %23 inside a value)"));

    // Before anything else is taken apart: a password with an unencoded "/" or "@" in it would
    // otherwise be read as a host or a port, and quoted in the message.
    if (const qsizetype at = rest.left(rest.indexOf(QLatin1Char('?'))).lastIndexOf(QLatin1Char('@'));
        at >= 0 && rest.left(at).contains(QLatin1Char(':')))
        return fail(kPasswordRefused);

    QString query;
    if (const qsizetype q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    QString authority = slash < 0 ? rest : rest.left(slash);
    const QString path = slash < 0 ? QString() : rest.mid(slash + 1);

    if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0) {
        const QString userInfo = authority.left(at);
        authority = authority.mid(at + 1);
        auto user = decode(userInfo, QStringLiteral("the user name"));
        if (!user)
            return fail(user.error());
        if (user->isEmpty())
            return fail(QStringLiteral("the user name before \"@\" is empty (leave out \"@\" for the service user's name)"));
        uri.user = user.value();
    }

    const QStringList entries = authority.split(QLatin1Char(','));
    for (int i = 0; i < entries.size(); ++i) {
        auto host = parseHost(entries[i], i + 1);
        if (!host)
            return fail(host.error());
        uri.hosts << host->host;
        uri.ports << host->port;
    }
    if (std::all_of(uri.ports.begin(), uri.ports.end(), [](const QString &p) { return p.isEmpty(); }))
        uri.ports.clear();

    auto database = decode(path, QStringLiteral("the database name"));
    if (!database)
        return fail(database.error());
    if (database->isEmpty())
        return fail(QStringLiteral("names no database: add /DATABASE after the host (%1)").arg(kShape));
    uri.database = database.value();

    QSet<QString> seen;
    if (!query.isEmpty()) {
        for (const QString &pair : query.split(QLatin1Char('&'))) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            auto key = decode(eq < 0 ? pair : pair.left(eq), QStringLiteral("a parameter's name"));
            if (!key)
                return fail(key.error());
            if (key.value() == QLatin1String("password"))
                return fail(QStringLiteral("holds a password (parameter \"password\"): put it in the file "
                                           "hall.password_file names (one line, readable only by the service user)"));
            if (key.value() == QLatin1String("sslpassword"))
                return fail(QStringLiteral("parameter \"sslpassword\": a secret does not belong in the config; give the "
                                           "client key unencrypted, readable only by the service user"));
            if (eq < 0 || eq == pair.size() - 1)
                return fail(QStringLiteral("parameter \"%1\" has no value (write %1=VALUE)").arg(key.value()));
            if (key->isEmpty())
                return fail(QStringLiteral("a parameter without a name (\"%1\")").arg(pair));
            if (key.value() == QLatin1String("host") || key.value() == QLatin1String("port") ||
                key.value() == QLatin1String("dbname") || key.value() == QLatin1String("user"))
                return fail(QStringLiteral("parameter \"%1\": say it in the URI itself (%2)").arg(key.value(), kShape));
            if (!libpqParameters().contains(key.value()))
                return fail(QStringLiteral("unknown parameter \"%1\" (not a connection parameter of libpq 15; e.g. "
                                           "sslmode, sslrootcert, target_session_attrs, connect_timeout)")
                                .arg(key.value()));
            if (seen.contains(key.value()))
                return fail(QStringLiteral("parameter \"%1\" is given twice").arg(key.value()));
            seen.insert(key.value());
            auto value = decode(pair.mid(eq + 1), QStringLiteral("parameter \"%1\"").arg(key.value()));
            if (!value)
                return fail(value.error());
            if (const QStringList allowed = enumeratedValues().value(key.value());
                !allowed.isEmpty() && !allowed.contains(value.value()))
                return fail(QStringLiteral("parameter \"%1\" must be one of %2, not \"%3\"")
                                .arg(key.value(), allowed.join(QStringLiteral(", ")), value.value()));
            static const QRegularExpression kNumber(QStringLiteral("^[0-9]{1,9}$"));
            if (numericParameters().contains(key.value()) && !kNumber.match(value.value()).hasMatch())
                return fail(QStringLiteral("parameter \"%1\" must be a whole number, not \"%2\"").arg(key.value(), value.value()));
            auto item = conninfoItem(key.value(), value.value());
            if (!item)
                return fail(item.error());
            uri.options << item.value();
        }
    }
    uri.text = text;
    return uri;
}

} // namespace hk

#include "app/config/device_uri.h"

#include <QStringList>

#include <algorithm>
#include <iterator>

namespace hk {
namespace {

const QMap<QString, DeviceUri::Scheme> &schemes()
{
    static const QMap<QString, DeviceUri::Scheme> kSchemes{
        {QStringLiteral("serial"), DeviceUri::Scheme::Serial},
        {QStringLiteral("usblp"), DeviceUri::Scheme::UsbLp},
        {QStringLiteral("tcp"), DeviceUri::Scheme::Tcp},
        {QStringLiteral("cups"), DeviceUri::Scheme::Cups},
        {QStringLiteral("evdev"), DeviceUri::Scheme::Evdev},
        {QStringLiteral("sim"), DeviceUri::Scheme::Sim},
    };
    return kSchemes;
}

// The query parameters each scheme understands; anything else is a typo worth reporting.
QStringList allowedParams(DeviceUri::Scheme scheme)
{
    switch (scheme) {
    case DeviceUri::Scheme::Serial:
        return {QStringLiteral("baud"), QStringLiteral("parity"), QStringLiteral("suffix"),
                QStringLiteral("interbyte_ms")};
    case DeviceUri::Scheme::Sim:
        return {QStringLiteral("status"), QStringLiteral("cards"), QStringLiteral("suffix")};
    case DeviceUri::Scheme::Evdev:
        return {QStringLiteral("grab")};
    case DeviceUri::Scheme::UsbLp:
    case DeviceUri::Scheme::Tcp:
    case DeviceUri::Scheme::Cups:
        return {};
    }
    return {};
}

const int kStandardBauds[] = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400};

} // namespace

QString schemeName(DeviceUri::Scheme scheme)
{
    return schemes().key(scheme);
}

Result<DeviceUri, QString> DeviceUri::parse(const QString &text)
{
    DeviceUri uri;
    uri.text = text;
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return fail(QStringLiteral("\"%1\" is not a device URI (expected scheme:…, e.g. "
                                   "serial:/dev/ttyUSB0?baud=115200)")
                        .arg(text));
    const QString scheme = text.left(colon);
    if (!schemes().contains(scheme))
        return fail(QStringLiteral("\"%1\": unknown scheme \"%2\" (use serial:, usblp:, tcp:, "
                                   "cups:, evdev: or sim:)")
                        .arg(text, scheme));
    uri.scheme = schemes().value(scheme);

    QString rest = text.mid(colon + 1);
    QString query;
    if (const qsizetype q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    const QStringList allowed = allowedParams(uri.scheme);
    if (!query.isEmpty()) {
        for (const QString &pair : query.split(QLatin1Char('&'))) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            const QString name = eq < 0 ? pair : pair.left(eq);
            const QString value = eq < 0 ? QString() : pair.mid(eq + 1);
            if (!allowed.contains(name))
                return fail(QStringLiteral("\"%1\": unknown parameter \"%2\" for %3:%4")
                                .arg(text, name, scheme,
                                     allowed.isEmpty()
                                         ? QStringLiteral(" (it takes none)")
                                         : QStringLiteral(" (known: %1)").arg(allowed.join(
                                               QStringLiteral(", ")))));
            if (value.isEmpty())
                return fail(QStringLiteral("\"%1\": parameter \"%2\" has no value").arg(text, name));
            uri.params.insert(name, value);
        }
    }

    switch (uri.scheme) {
    case Scheme::Serial:
    case Scheme::UsbLp:
    case Scheme::Evdev:
        if (rest.isEmpty() || !rest.startsWith(QLatin1Char('/')))
            return fail(QStringLiteral("\"%1\": %2: needs an absolute device path, e.g. %2:/dev/…")
                            .arg(text, scheme));
        uri.path = rest;
        break;
    case Scheme::Tcp: {
        // tcp:HOST:PORT or tcp:[v6]:PORT
        const qsizetype lastColon = rest.lastIndexOf(QLatin1Char(':'));
        if (lastColon <= 0)
            return fail(QStringLiteral("\"%1\": tcp: needs HOST:PORT, e.g. tcp:192.0.2.10:9100")
                            .arg(text));
        QString host = rest.left(lastColon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        bool ok = false;
        const uint port = rest.mid(lastColon + 1).toUInt(&ok);
        if (!ok || port == 0 || port > 65535 || host.isEmpty())
            return fail(QStringLiteral("\"%1\": tcp: needs HOST:PORT with a port 1–65535").arg(text));
        uri.host = host;
        uri.port = static_cast<quint16>(port);
        break;
    }
    case Scheme::Cups:
        if (rest.isEmpty() || rest.contains(QLatin1Char('/')) || rest.contains(QLatin1Char(' ')))
            return fail(QStringLiteral("\"%1\": cups: needs a queue name without spaces or "
                                       "slashes, e.g. cups:TicketPrinter")
                            .arg(text));
        uri.path = rest;
        break;
    case Scheme::Sim:
        if (!rest.isEmpty())
            return fail(QStringLiteral("\"%1\": sim: takes no path (write sim: or sim:?param=…)")
                            .arg(text));
        break;
    }

    if (uri.params.contains(QStringLiteral("baud"))) {
        bool ok = false;
        const int baud = uri.params.value(QStringLiteral("baud")).toInt(&ok);
        if (!ok || std::find(std::begin(kStandardBauds), std::end(kStandardBauds), baud) ==
                       std::end(kStandardBauds))
            return fail(QStringLiteral("\"%1\": baud must be one of 1200 … 230400, not \"%2\"")
                            .arg(text, uri.params.value(QStringLiteral("baud"))));
        uri.baud = baud;
    }
    if (uri.params.contains(QStringLiteral("suffix"))) {
        const QString s = uri.params.value(QStringLiteral("suffix"));
        if (s != QLatin1String("cr") && s != QLatin1String("lf") && s != QLatin1String("crlf"))
            return fail(QStringLiteral("\"%1\": suffix must be cr, lf or crlf, not \"%2\"").arg(text, s));
    }
    if (uri.params.contains(QStringLiteral("parity"))) {
        const QString p = uri.params.value(QStringLiteral("parity"));
        if (p != QLatin1String("none") && p != QLatin1String("even") && p != QLatin1String("odd"))
            return fail(QStringLiteral("\"%1\": parity must be none, even or odd, not \"%2\"").arg(text, p));
    }
    if (uri.params.contains(QStringLiteral("interbyte_ms"))) {
        bool ok = false;
        const int ms = uri.params.value(QStringLiteral("interbyte_ms")).toInt(&ok);
        if (!ok || ms < 5 || ms > 2000)
            return fail(QStringLiteral("\"%1\": interbyte_ms must be 5–2000").arg(text));
    }
    return uri;
}

} // namespace hk

#include "app/root/device_relinker.h"

#include "app/config/device_uri.h"
#include "drivers/devices/queued_ticket_printer.h"
#include "drivers/protocols/escpos/escpos_profile.h"
#include "drivers/transports/relinkable_transport.h"

#include <QDir>
#include <QTimer>

namespace hk {

DeviceRelinker::DeviceRelinker(std::map<QString, Link> links, QueuedTicketPrinter *printer, QString profileDir, Moved moved,
                               ProfileChanged profileChanged)
    : m_links(std::move(links))
    , m_printer(printer)
    , m_profileDir(std::move(profileDir))
    , m_moved(std::move(moved))
    , m_profileChanged(std::move(profileChanged))
{
}

QStringList DeviceRelinker::reassignableRoles() const
{
    QStringList roles;
    for (const auto &[role, link] : m_links) {
        if (link.transport)
            roles << role;
    }
    return roles;
}

void DeviceRelinker::reassign(const QString &role, const QString &uriText, Done done)
{
    const auto refuse = [&done](const QString &why) {
        // Always later, never inside the call, as the relink itself answers.
        QTimer::singleShot(0, [done, why] { done(fail(why)); });
    };
    auto it = m_links.find(role);
    if (it == m_links.end() || !it->second.transport)
        return refuse(QStringLiteral("%1 does not run over a port here").arg(role));
    auto uri = DeviceUri::parse(uriText);
    if (!uri)
        return refuse(uri.error());
    if (uri->scheme != DeviceUri::Scheme::Serial)
        return refuse(QStringLiteral("%1: only a serial port can be assigned from the menu; other links are set in the config").arg(uriText));
    SerialSettings serial = it->second.defaults;
    serial.path = uri->path;
    if (uri->baud)
        serial.baud = uri->baud;
    Moved moved = m_moved;
    it->second.transport->relink(std::make_unique<SerialTransport>(serial), kOpenTimeoutMs,
                                 [role, uriText, moved, done](Result<void, QString> relinked) {
                                     if (relinked && moved)
                                         moved(role, uriText);
                                     done(std::move(relinked));
                                 });
}

Result<void, QString> DeviceRelinker::setPrinterProfile(const QString &profile)
{
    if (!m_printer)
        return fail(QStringLiteral("no ESC/POS printer is configured"));
    auto loaded = EscPosProfile::load(profile, m_profileDir);
    if (!loaded)
        return fail(loaded.error());
    m_printer->setProfile(std::move(loaded).value());
    if (m_profileChanged)
        m_profileChanged(profile);
    return Ok{};
}

QStringList DeviceRelinker::shippedPrinterProfiles() const
{
    QStringList names;
    for (const QString &file : QDir(m_profileDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        names << file.chopped(5);
    return names;
}

} // namespace hk

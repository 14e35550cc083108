#include "db/hall/pg_hall_channel.h"

#include "db/hall/hall_notice_json.h"
#include "db/logging.h"
#include "db/sql_values.h"

#include <QSqlError>
#include <QSqlQuery>

namespace hk {

PgHallChannel::PgHallChannel(QSqlDatabase connection, QString terminalId, QObject *parent)
    : HallChannel(parent)
    , m_connection(std::move(connection))
    , m_terminalId(std::move(terminalId))
{
    // The driver outlives a close and reopen of its connection, so one connection serves both.
    if (QSqlDriver *driver = m_connection.driver())
        connect(driver, &QSqlDriver::notification, this, &PgHallChannel::onNotification);
}

PgHallChannel::~PgHallChannel()
{
    if (listening())
        m_connection.driver()->unsubscribeFromNotification(QLatin1String(kChannel));
}

Result<void, StoreError> PgHallChannel::listen()
{
    QSqlDriver *driver = m_connection.driver();
    if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications))
        return fail(StoreError{StoreError::Kind::Unavailable, QStringLiteral("the hall's connection cannot LISTEN")});
    if (!driver->subscribeToNotification(QLatin1String(kChannel)))
        return fail(StoreError{StoreError::Kind::Unavailable,
                               QStringLiteral("LISTEN %1: %2").arg(QLatin1String(kChannel), driver->lastError().text())});
    return Ok{};
}

bool PgHallChannel::listening() const
{
    const QSqlDriver *driver = m_connection.driver();
    return driver && m_connection.isOpen() && driver->subscribedToNotifications().contains(QLatin1String(kChannel));
}

void PgHallChannel::publish(const HallNotice &notice)
{
    HallNotice stamped = notice;
    if (stamped.origin.isEmpty())
        stamped.origin = m_terminalId;
    const QByteArray payload = hallNoticeJson(stamped);
    if (payload.size() > kMaxHallNoticeBytes) {
        qCWarning(lcDb).noquote() << "hall notice of" << payload.size() << "bytes not sent (NOTIFY takes under 8000):"
                                  << nameOf(stamped.kind);
        return;
    }
    // Through sql::run: on the hall's main connection it is bounded by the watchdog, skipped while
    // the hall is offline, and a lost connection found here takes the hall offline.
    QSqlQuery q(m_connection);
    if (!sql::run(q, QStringLiteral("SELECT pg_notify(?, ?)"), {QString::fromLatin1(kChannel), QString::fromUtf8(payload)}))
        qCWarning(lcDb).noquote() << "hall notice" << nameOf(stamped.kind) << "not sent:" << sql::failureText(q.lastError());
}

void PgHallChannel::onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload)
{
    if (name != QLatin1String(kChannel) || source == QSqlDriver::SelfSource)
        return;
    const QByteArray bytes = payload.toString().toUtf8();
    auto notice = parseHallNotice(bytes);
    if (!notice) {
        // Not ours, or from a release that speaks differently: dropped, never acted on. Its text is
        // not logged: whoever sent it, it is not known to be free of personal data.
        qCWarning(lcDb).noquote() << "hall notice dropped:" << notice.error() << "- a payload of" << bytes.size() << "bytes";
        return;
    }
    qCDebug(lcDb).noquote() << "hall notice from" << notice->origin << ":" << QString::fromUtf8(bytes);
    Q_EMIT noticed(notice.value());
}

} // namespace hk

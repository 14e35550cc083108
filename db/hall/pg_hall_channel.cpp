#include "db/hall/pg_hall_channel.h"

#include "db/hall/hall_notice_json.h"
#include "db/logging.h"

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
    QSqlQuery q(m_connection);
    q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    q.addBindValue(QString::fromLatin1(kChannel));
    q.addBindValue(QString::fromUtf8(payload));
    if (!q.exec())
        qCWarning(lcDb).noquote() << "hall notice" << nameOf(stamped.kind) << "not sent:" << q.lastError().text();
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

#include "app/services/center_time.h"

namespace hk {

CenterTime::CenterTime(const QByteArray &ianaZone)
    : m_zone(ianaZone)
{
    if (!m_zone.isValid())
        m_zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

CenterTime CenterTime::forCenter(const Center &center)
{
    return CenterTime(QByteArray::fromStdString(center.timezone));
}

QDateTime CenterTime::toLocal(const QDateTime &instant) const
{
    return instant.toTimeZone(m_zone);
}

CivilDate CenterTime::dateOf(const QDateTime &instant) const
{
    return fromQDate(toLocal(instant).date());
}

MinuteOfDay CenterTime::minuteOf(const QDateTime &instant) const
{
    const QTime t = toLocal(instant).time();
    return t.hour() * 60 + t.minute();
}

QDateTime CenterTime::instantOf(const CivilDate &date, MinuteOfDay minute) const
{
    return QDateTime(toQDate(date), QTime(minute / 60, minute % 60), m_zone).toUTC();
}

LocalDateTime CenterTime::localOf(const QDateTime &instant) const
{
    const QDateTime local = toLocal(instant);
    return {fromQDate(local.date()), local.time().msecsSinceStartOfDay() / 1000};
}

QDateTime CenterTime::instantOf(const LocalDateTime &local) const
{
    return QDateTime(toQDate(local.date()), QTime::fromMSecsSinceStartOfDay(local.secondOfDay() * 1000), m_zone).toUTC();
}

QDate toQDate(const CivilDate &date)
{
    return QDate(date.year(), date.month(), date.day());
}

CivilDate fromQDate(const QDate &date)
{
    return CivilDate(date.year(), date.month(), date.day());
}

} // namespace hk

#pragma once

#include "app/domain/catalog.h"
#include "app/domain/time/civil_date.h"
#include "app/domain/time/local_date_time.h"

#include <QDateTime>
#include <QTimeZone>

namespace hk {

// Converts instants to the center's civil time and back. The catalog's center.timezone governs,
// whatever the system's zone is (DESIGN §3); GCC 12's std::chrono has no zone database, Qt's has.
class CenterTime {
public:
    explicit CenterTime(const QByteArray &ianaZone = QByteArrayLiteral("Asia/Shanghai"));
    static CenterTime forCenter(const Center &center);

    CivilDate dateOf(const QDateTime &instant) const;
    MinuteOfDay minuteOf(const QDateTime &instant) const;
    QDateTime toLocal(const QDateTime &instant) const;
    QDateTime instantOf(const CivilDate &date, MinuteOfDay minute) const;
    // The domain's view of an instant, and back (to the second).
    LocalDateTime localOf(const QDateTime &instant) const;
    QDateTime instantOf(const LocalDateTime &local) const;
    const QTimeZone &zone() const { return m_zone; }

private:
    QTimeZone m_zone;
};

QDate toQDate(const CivilDate &date);
CivilDate fromQDate(const QDate &date);

} // namespace hk

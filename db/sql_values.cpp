#include "db/sql_values.h"

#include <QUuid>

#include <utility>

namespace hk::sql {

QString utcText(const QDateTime &instant)
{
    return instant.toUTC().toString(Qt::ISODateWithMs);
}

QVariant utcOrNull(const std::optional<QDateTime> &instant)
{
    return instant ? QVariant(utcText(*instant)) : QVariant();
}

std::optional<QDateTime> instantOrNull(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return std::nullopt;
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

double unixSeconds(const QDateTime &instant)
{
    return double(instant.toMSecsSinceEpoch()) / 1000.0;
}

namespace {

thread_local bool t_conflict = false;
thread_local int t_retryDepth = 0;

template <typename Values>
bool runWith(QSqlQuery &query, const QString &sql, const Values &values)
{
    bool ok = query.prepare(sql);
    if (ok) {
        for (const QVariant &v : values) {
            // Qt binds a null QString as SQL NULL; only an invalid QVariant() means NULL here.
            if (v.typeId() == QMetaType::QString && v.toString().isNull())
                query.addBindValue(QStringLiteral(""));
            else
                query.addBindValue(v);
        }
        ok = query.exec();
    }
    if (!ok)
        noteFailure(query.driver(), query.lastError());
    return ok;
}

} // namespace

bool run(QSqlQuery &query, const QString &sql, std::initializer_list<QVariant> values)
{
    return runWith(query, sql, values);
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    return runWith(query, sql, values);
}

QString text(std::string_view name)
{
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

bool isConflict(const QSqlDriver *driver, const QSqlError &error)
{
    if (!driver || error.type() == QSqlError::NoError)
        return false;
    const QString code = error.nativeErrorCode();
    switch (driver->dbmsType()) {
    case QSqlDriver::PostgreSQL:
        return code == QLatin1String("40001") || code == QLatin1String("40P01");
    case QSqlDriver::SQLite: {
        // SQLITE_BUSY (5), SQLITE_LOCKED (6), and their extended codes (BUSY_SNAPSHOT …).
        bool isNumber = false;
        const int primary = code.toInt(&isNumber) & 0xff;
        return isNumber && (primary == 5 || primary == 6);
    }
    default:
        return false;
    }
}

void noteFailure(const QSqlDriver *driver, const QSqlError &error)
{
    if (isConflict(driver, error))
        t_conflict = true;
}

void clearConflict()
{
    t_conflict = false;
}

bool takeConflict()
{
    return std::exchange(t_conflict, false);
}

bool inRetry()
{
    return t_retryDepth > 0;
}

void enterRetry()
{
    ++t_retryDepth;
}

void leaveRetry()
{
    --t_retryDepth;
}

} // namespace hk::sql

#include "db/sql_values.h"

#include "db/hall/pg_connection.h"

#include <QLocale>
#include <QSqlField>
#include <QUuid>

#include <utility>
#include <vector>

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
thread_local bool t_connectionLost = false;
thread_local QString t_connectionLostWhy;
thread_local bool t_commitInDoubt = false;
thread_local int t_retryDepth = 0;
thread_local bool t_skipped = false;
// The hall connections' watches on this thread: none on a terminal alone, one on a hall terminal.
thread_local std::vector<std::pair<const QSqlDriver *, ConnectionWatch *>> t_watches;

ConnectionWatch *watchOf(const QSqlDriver *driver)
{
    for (const auto &[d, watch] : t_watches) {
        if (d == driver)
            return watch;
    }
    return nullptr;
}

// A value as PostgreSQL reads it in a statement's text: NULL, or an untyped literal ('42',
// 'text', '\x01ff') that the server types from where it stands, as it types a parameter.
QString literal(const QSqlDriver *driver, const QVariant &v)
{
    // NULL as the driver's EXECUTE has it: no value, or a null of a type that has one.
    const bool null = !v.isValid() || v.isNull() || (v.typeId() == QMetaType::QByteArray && v.toByteArray().isNull()) ||
                      (v.typeId() == QMetaType::QDateTime && !v.toDateTime().isValid()) ||
                      (v.typeId() == QMetaType::QDate && v.toDate().isNull()) || (v.typeId() == QMetaType::QTime && v.toTime().isNull());
    if (null)
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("'true'") : QStringLiteral("'false'");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return QLatin1Char('\'') + v.toString() + QLatin1Char('\'');
    case QMetaType::Double:
    case QMetaType::Float:
        return QLatin1Char('\'') + QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest) + QLatin1Char('\'');
    default: {
        // Text, bytes, instants: quoted and escaped by the driver, as its EXECUTE writes them.
        QSqlField field(QString(), v.metaType());
        field.setValue(v);
        return driver->formatValue(field);
    }
    }
}

// `sql` with each `?` outside quotes and comments replaced by its value's literal; empty when the
// placeholders and the values do not pair up (the driver then says so, as before).
template <typename Values>
QString withLiterals(const QSqlDriver *driver, const QString &sql, const Values &values)
{
    QString out;
    out.reserve(sql.size() + 32 * qsizetype(values.size()));
    auto value = values.begin();
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) { // a literal or a quoted name, its doubled quotes included
            const qsizetype end = sql.indexOf(c, i + 1);
            if (end < 0)
                return {};
            out += QStringView(sql).mid(i, end - i + 1);
            i = end;
        } else if (c == QLatin1Char('-') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('-')) {
            const qsizetype end = sql.indexOf(QLatin1Char('\n'), i);
            out += QStringView(sql).mid(i, end < 0 ? -1 : end - i + 1);
            i = end < 0 ? sql.size() : end;
        } else if (c == QLatin1Char('/') && i + 1 < sql.size() && sql.at(i + 1) == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QStringLiteral("*/"), i + 2);
            if (end < 0)
                return {};
            out += QStringView(sql).mid(i, end - i + 2);
            i = end + 1;
        } else if (c == QLatin1Char('?')) {
            if (value == values.end())
                return {};
            // Spaced, so that a negative number after a minus never reads as a comment.
            out += QLatin1Char(' ') + literal(driver, *value++) + QLatin1Char(' ');
        } else {
            out += c;
        }
    }
    return value == values.end() ? out : QString();
}

template <typename Values>
bool runWith(QSqlQuery &query, const QString &sql, const Values &values)
{
    ConnectionWatch *const watch = t_watches.empty() ? nullptr : watchOf(query.driver());
    t_skipped = watch && watch->offline();
    if (t_skipped)
        return false; // nothing waits on a hall out of reach
    struct Watched {
        ConnectionWatch *watch;
        explicit Watched(ConnectionWatch *w) : watch(w) { if (watch) watch->statementStarted(); }
        ~Watched() { if (watch) watch->statementEnded(); }
    } const watched(watch);
    // QPSQL runs a prepared statement as three round trips to the server — PREPARE, EXECUTE with
    // the values written in as literals, DEALLOCATE — and the stores prepare every statement
    // afresh, so a transaction held the hall's turn for three times the round trips it needs. On
    // PostgreSQL the values are written in here, escaped as the driver escapes them, and the
    // statement sent once.
    const QSqlDriver *driver = query.driver();
    if (driver && driver->dbmsType() == QSqlDriver::PostgreSQL) {
        QVariantList bound;
        bound.reserve(qsizetype(values.size()));
        for (const QVariant &v : values)
            bound << (v.typeId() == QMetaType::QString && v.toString().isNull() ? QVariant(QStringLiteral("")) : v);
        if (const QString statement = withLiterals(driver, sql, bound); !statement.isEmpty()) {
            const bool ok = query.exec(statement);
            if (!ok)
                noteFailure(driver, query.lastError());
            return ok;
        }
    }
    // A query run again with the statement it ran last (a page of bookings, row after row) keeps
    // its prepared statement and only takes the new values: on SQLite, parsing and planning each
    // row's statement again was most of a booking pull's time. Only a statement with values,
    // prepared here (as many values bound as it has), is run again so.
    const auto bindable = [](const QVariant &v) {
        // Qt binds a null QString as SQL NULL; only an invalid QVariant() means NULL here.
        return v.typeId() == QMetaType::QString && v.toString().isNull() ? QVariant(QStringLiteral("")) : v;
    };
    const bool again = values.size() > 0 && query.lastQuery() == sql && query.boundValues().size() == qsizetype(values.size());
    bool ok = again || query.prepare(sql);
    if (ok) {
        int i = 0;
        for (const QVariant &v : values) {
            if (again)
                query.bindValue(i++, bindable(v));
            else
                query.addBindValue(bindable(v));
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
    t_skipped = false;
    if (isConflict(driver, error)) {
        t_conflict = true;
        return;
    }
    if (!driver || driver->dbmsType() != QSqlDriver::PostgreSQL || !isConnectionError(error, driver))
        return;
    t_connectionLost = true;
    t_connectionLostWhy = error.text().trimmed();
    if (t_connectionLostWhy.isEmpty())
        t_connectionLostWhy = QStringLiteral("the connection is closed");
    if (ConnectionWatch *watch = watchOf(driver))
        watch->connectionLost(t_connectionLostWhy);
}

void clearConnectionLost()
{
    t_connectionLost = false;
}

bool takeConnectionLost(QString *why)
{
    if (why && t_connectionLost)
        *why = t_connectionLostWhy;
    return std::exchange(t_connectionLost, false);
}

void noteCommitInDoubt()
{
    t_commitInDoubt = true;
}

void clearCommitInDoubt()
{
    t_commitInDoubt = false;
}

bool commitInDoubt()
{
    return t_commitInDoubt;
}

bool lastRunSkipped()
{
    return t_skipped;
}

QString failureText(const QSqlError &error)
{
    // A skipped statement leaves its query without an error of its own.
    return t_skipped && error.type() == QSqlError::NoError ? QStringLiteral("the hall database is offline") : error.text();
}

void watchConnection(const QSqlDriver *driver, ConnectionWatch *watch)
{
    std::erase_if(t_watches, [driver](const auto &entry) { return entry.first == driver; });
    if (watch)
        t_watches.emplace_back(driver, watch);
}

void noteConflict()
{
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

#include "db/transaction.h"

#include "db/database.h"
#include "db/failpoint.h"
#include "db/hall/pg_connection.h"
#include "db/logging.h"
#include "db/sql_values.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace hk {
namespace {

bool isPostgres(const QSqlDatabase &db)
{
    return db.driver() && db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
}

// The one place the two engines' BEGIN differ.
QString beginStatement(bool postgres, Transaction::Mode mode)
{
    switch (mode) {
    case Transaction::Mode::Read:
        return postgres ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") : QStringLiteral("BEGIN");
    case Transaction::Mode::RowLocks:
        return postgres ? QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED") : QStringLiteral("BEGIN IMMEDIATE");
    case Transaction::Mode::Write:
        break;
    }
    return postgres ? QStringLiteral("BEGIN ISOLATION LEVEL SERIALIZABLE") : QStringLiteral("BEGIN IMMEDIATE");
}

// LOCK TABLE takes no snapshot (unlike any SELECT, pg_advisory_xact_lock's included): the
// transaction's snapshot is taken by its first query, after the turn is had. EXCLUSIVE mode on
// `windows` waits for every transaction that locked or wrote a row of it and holds off the next,
// and lets plain reads through.
QString turnStatement(Transaction::Turn turn)
{
    switch (turn) {
    case Transaction::Turn::Numbers:
        return QStringLiteral("LOCK TABLE number_turn IN EXCLUSIVE MODE");
    case Transaction::Turn::DayClose:
        return QStringLiteral("LOCK TABLE number_turn, windows IN EXCLUSIVE MODE");
    case Transaction::Turn::None:
        break;
    }
    return {};
}

} // namespace

Transaction::Transaction(QSqlDatabase db, Mode mode, Turn turn)
    : m_db(std::move(db))
    , m_mode(mode)
    , m_turn(turn)
    , m_postgres(isPostgres(m_db))
{
}

QString Transaction::forUpdate() const
{
    return m_postgres ? QStringLiteral(" FOR NO KEY UPDATE") : QString();
}

QString Transaction::forUpdateSkipLocked() const
{
    return m_postgres ? QStringLiteral(" FOR NO KEY UPDATE SKIP LOCKED") : QString();
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcDb) << "rollback failed:" << query.lastError().text();
}

Result<void, StoreError> Transaction::begin()
{
    QSqlQuery query(m_db);
    if (!query.exec(beginStatement(m_postgres, m_mode))) {
        sql::noteFailure(m_db.driver(), query.lastError());
        return fail(storeError(QStringLiteral("begin"), query.lastError()));
    }
    m_open = true;
    if (m_turn != Turn::None && m_postgres && !query.exec(turnStatement(m_turn))) {
        sql::noteFailure(m_db.driver(), query.lastError());
        return fail(storeError(QStringLiteral("wait for the turn"), query.lastError()));
    }
    return Ok{};
}

Result<void, StoreError> Transaction::commit()
{
    failpoint("tx.before_commit");
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        sql::noteFailure(m_db.driver(), query.lastError());
        if (isPostgres(m_db) && isConnectionError(query.lastError(), m_db.driver()))
            sql::noteCommitInDoubt();
        // PostgreSQL has ended (rolled back) the transaction already; SQLite keeps it open until
        // the destructor's ROLLBACK.
        if (m_postgres)
            m_open = false;
        return fail(storeError(QStringLiteral("commit"), query.lastError()));
    }
    m_open = false;
    failpoint("tx.after_commit");
    return Ok{};
}

} // namespace hk

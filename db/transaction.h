#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>

namespace hk {

// One transaction, rolled back unless committed. Its mode says how it keeps out of other writers'
// way:
// - Write: a write that lets the engine decide who got there first — BEGIN IMMEDIATE on SQLite (one
//   writer at a time: two writers never both read a number and then race to take it), SERIALIZABLE
//   on PostgreSQL (the server aborts one of two writers that would race; Database::retry runs it
//   again);
// - RowLocks: a write that locks the rows it decides on and nothing else — BEGIN IMMEDIATE on SQLite
//   as above, READ COMMITTED on PostgreSQL: each statement sees what was committed when it began, and
//   the statements that read what the write depends on lock it (`forUpdate()`, `forUpdateSkipLocked()`,
//   empty on SQLite), so writers of other rows run side by side and writers of the same row take
//   turns at that row (DESIGN §11: the database's row locks, never a lock of one terminal's);
// - Read: reads of several statements that see one snapshot — a deferred BEGIN on SQLite, REPEATABLE
//   READ READ ONLY on PostgreSQL.
// A failed BEGIN or COMMIT that another writer caused is noted for Database::retry.
//
// Declare the statements' QSqlQuery before the Transaction: it is then rolled back before the
// queries are destroyed (PostgreSQL refuses to free a prepared statement in a failed transaction).
//
// A turn is a table lock taken on PostgreSQL right after BEGIN, before the transaction's snapshot
// (LOCK TABLE takes none), so the next writer of the kind starts from what the last one committed
// instead of failing and starting over. It is the database's lock, held to the transaction's end,
// released by a crash or a lost connection too. SQLite's BEGIN IMMEDIATE is one writer at a time
// already, so it takes no turns.
// - Numbers: issues, and the offline merge that checks bookings in beside them, one at a time
//   (`number_turn`): they all want the same row of `number_series` and the same bookings.
// - DayClose: the issues' turn and every window's row at once (`number_turn`, `windows`, EXCLUSIVE
//   mode): day close waits for the issues, merges and window operations under way and holds off new
//   ones (a window operation locks its window's row first) until it has closed the day, while plain
//   reads go on.
class Transaction {
public:
    enum class Mode { Write, RowLocks, Read };
    enum class Turn { None, Numbers, DayClose };
    explicit Transaction(QSqlDatabase db, Mode mode = Mode::Write, Turn turn = Turn::None);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Result<void, StoreError> begin();
    Result<void, StoreError> commit();

    // Whether the rows a statement reads are locked by it (PostgreSQL), or the whole database is
    // this transaction's already (SQLite).
    bool locksRows() const { return m_postgres; }
    // A SELECT's locking clause for a row it will update: on PostgreSQL " FOR NO KEY UPDATE", the
    // lock an UPDATE of the row's other columns takes (it waits for the row's other writer, then
    // reads the row as that one left it; it leaves alone a foreign key's check that the row is
    // there); nothing on SQLite.
    QString forUpdate() const;
    // The same, passing over a row that another transaction holds instead of waiting for it.
    QString forUpdateSkipLocked() const;

private:
    QSqlDatabase m_db;
    Mode m_mode;
    Turn m_turn;
    bool m_postgres = false;
    bool m_open = false;
};

} // namespace hk

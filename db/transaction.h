#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>

namespace hk {

// One transaction, rolled back unless committed. A write takes its locks up front on SQLite
// (BEGIN IMMEDIATE: two writers never both read a number and then race to take it) and runs
// SERIALIZABLE on PostgreSQL (the server aborts one of two writers that would race; Database::retry
// runs it again). A read of several statements sees one snapshot: a deferred BEGIN on SQLite,
// REPEATABLE READ READ ONLY on PostgreSQL. A failed BEGIN or COMMIT that another writer caused is
// noted for Database::retry.
//
// Declare the statements' QSqlQuery before the Transaction: it is then rolled back before the
// queries are destroyed (PostgreSQL refuses to free a prepared statement in a failed transaction).
//
// A writer whose kind all race for the same rows — window operations for the head of the queue,
// issues for the next number — takes its kind's turn first: on PostgreSQL it locks that kind's turn
// table (empty, locked by nothing else) before its snapshot is taken, so the next writer of the kind
// starts from what the last one committed instead of failing and starting over (without turns, six
// windows calling at once abort each other's serializable transactions until some give up). The
// turn is the database's lock, held to the transaction's end, released by a crash or a lost
// connection too. SQLite's BEGIN IMMEDIATE is one writer at a time already.
class Transaction {
public:
    enum class Mode { Write, Read };
    enum class Turn { None, Windows, Numbers };
    explicit Transaction(QSqlDatabase db, Mode mode = Mode::Write, Turn turn = Turn::None);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Result<void, StoreError> begin();
    Result<void, StoreError> commit();

private:
    QSqlDatabase m_db;
    Mode m_mode;
    Turn m_turn;
    bool m_open = false;
};

} // namespace hk

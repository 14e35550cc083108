#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>

namespace hk {

// BEGIN IMMEDIATE … COMMIT, rolled back unless committed. IMMEDIATE takes the write lock up front,
// so two writers never both read a number and then race to take it.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Result<void, StoreError> begin();
    Result<void, StoreError> commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace hk

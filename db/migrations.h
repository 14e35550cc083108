#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>
#include <QStringList>

#include <vector>

namespace hk {

struct Migration {
    int version;
    const char *name;
    QStringList statements;
};

// Numbered schema migrations, applied in order at start-up, each in its own transaction with
// PRAGMA user_version moved in the same commit. A database newer than this program is refused.
class Migrations {
public:
    static const std::vector<Migration> &all();
    static int latestVersion();
    static Result<void, StoreError> apply(QSqlDatabase &db);
};

} // namespace hk

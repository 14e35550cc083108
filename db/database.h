#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace hk {

// The terminal's SQLite file: created mode 0600, WAL, synchronous=FULL, foreign keys on, every
// numbered migration applied before anything reads it (DESIGN §5).
class Database {
public:
    // `path` ":memory:" gives a private in-memory database with the same schema, for the day
    // simulator and benchmarks that measure the queue code rather than the disk.
    static Result<std::unique_ptr<Database>, StoreError> open(const QString &path);
    static inline const QString kInMemory = QStringLiteral(":memory:");
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    QString path() const { return m_path; }
    int schemaVersion() const;
    // PRAGMA integrity_check; the first problem it reports, if any.
    Result<void, StoreError> checkIntegrity() const;

private:
    Database(QString path, QString connectionName);

    QString m_path;
    QString m_connectionName;
};

StoreError storeError(const QString &what, const class QSqlError &error);

} // namespace hk

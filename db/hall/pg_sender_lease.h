#pragma once

#include "app/ports/clock.h"
#include "app/ports/sender_lease.h"
#include "db/hall/pg_connection.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <optional>

namespace hk {

// The hall's outbox sender elected by PostgreSQL (DESIGN §11): the terminal whose session holds
// the advisory lock kLockKey sends. The lock belongs to a connection of the lease's own, so no
// transaction of the stores can release it, and the server frees it the moment that session ends —
// the holder's process dies, its connection is terminated, or (keepalives, set on the session)
// its host goes silent for about 11 s. Every other terminal tries again every kRecheck, so one of
// them sends within 30 s of the holder's death.
//
// The database is asked on a thread of the lease's own: a server that does not answer never
// freezes the screen. tryHold() starts a check when one is due and answers with the latest known
// state, so the first answer is "no" until the database has spoken.
class PgSenderLease final : public QObject, public SenderLease {
    Q_OBJECT
public:
    // pg_try_advisory_lock's bigint key: "hall" "send" in ASCII. The migrations lock another key.
    static constexpr qint64 kLockKey = 0x68616c6c73656e64;
    static constexpr int kRecheckS = 5;

    // `connectionName` must be unique in the process; the connection is opened, used and closed on
    // the lease's thread, and opened again on the next check after any failure.
    PgSenderLease(HallConnection hall, QString connectionName, const Clock &clock, QObject *parent = nullptr);
    ~PgSenderLease() override;

    bool tryHold() override;
    bool holds() const override { return m_holds; }
    // Why the last check failed (the database unreachable …); empty after a check that worked.
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    // After each answer from the database (or the failure to get one).
    void checked(bool holds);

private:
    class Worker;
    void onChecked(bool holds, const QString &error);

    const Clock &m_clock;
    QThread m_thread;
    std::unique_ptr<Worker> m_worker;
    std::optional<QDateTime> m_checkedAt;
    bool m_checking = false;
    bool m_holds = false;
    QString m_lastError;
};

} // namespace hk

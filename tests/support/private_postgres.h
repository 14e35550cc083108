#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace hk::test {

// A PostgreSQL server of the test's own: Debian's `postgres` binary run as a child process with
// its data folder and Unix socket in a temporary folder and a free loopback port, so nothing of the
// machine's clusters or services is used. As root the server runs as the `postgres` user (it
// refuses root); otherwise as the caller. The hall's role `hallkiosk` (password in passwordFile())
// owns the database `hallkiosk`.
class PrivatePostgres {
public:
    PrivatePostgres() = default;
    ~PrivatePostgres();
    PrivatePostgres(const PrivatePostgres &) = delete;
    PrivatePostgres &operator=(const PrivatePostgres &) = delete;

    // initdb, start, create the role and database. Empty when the server answers; otherwise why it
    // could not be started (a test fails with it: it never skips).
    QString start();
    // A standby of `primary` (pg_basebackup -R), streaming from it. Empty, or why not.
    QString startStandbyOf(const PrivatePostgres &primary);

    // Stops the server: `fast` as an administrator would, otherwise like a crash (SIGKILL of the
    // postmaster and its children), so the next start recovers from the WAL.
    void stop(bool fast = true);
    // Starts the stopped server again on the same port and data. Empty, or why not.
    QString restart();
    // pg_ctl promote: a standby becomes a primary.
    QString promote();
    // A `-c name=value` setting for the server's next start, after the test defaults so it wins
    // (fsync=off among them): a benchmark asks for fsync=on to measure what a hall's disk costs.
    void addServerSetting(const QString &setting) { m_settings << setting; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    quint16 port() const { return m_port; }
    QString socketDir() const;
    QString dataDir() const;
    // postgresql://hallkiosk@127.0.0.1:PORT/hallkiosk (and the same for another database name).
    QString uri(const QString &database = QStringLiteral("hallkiosk")) const;
    QString passwordFile() const;
    static QString password() { return QStringLiteral("hall-test-password"); }

    // Runs SQL through psql as the superuser on the Unix socket; its output, or empty and `ok`
    // false with the error in the output.
    QString psql(const QString &sql, bool *ok = nullptr, const QString &database = QStringLiteral("hallkiosk")) const;
    QString log() const;

private:
    QString launch();
    QString waitReady(int timeoutMs);
    QString runAsServerUser(const QString &program, const QStringList &arguments, int timeoutMs, bool *ok) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_binDir;
    QStringList m_settings;
};

} // namespace hk::test

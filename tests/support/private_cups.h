#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace hk::test {

// A CUPS scheduler of the test's own (reference §6.2): Debian's cupsd run as a child process with
// its ServerRoot, spool, logs and a Unix socket in a temporary folder, so nothing of the machine's
// CUPS is used or changed. Point libcups at server(); raw queues are added with lpadmin.
class PrivateCups {
public:
    PrivateCups() = default;
    ~PrivateCups();
    PrivateCups(const PrivateCups &) = delete;
    PrivateCups &operator=(const PrivateCups &) = delete;

    // Empty when the scheduler answers; otherwise why it could not be started.
    QString start();
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QString server() const; // the socket path, for CUPS_SERVER or CupsSettings::server
    // lpadmin -p NAME -E -v URI: a raw queue (no PPD, no filters).
    QString addRawQueue(const QString &name, const QString &deviceUri);
    // Runs one of CUPS's commands (cupsdisable, cupsenable, cupsreject, cupsaccept, lpstat …)
    // against this scheduler; its output, or an error.
    QString run(const QString &program, const QStringList &arguments, bool *ok = nullptr);
    QString errorLog() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};

} // namespace hk::test

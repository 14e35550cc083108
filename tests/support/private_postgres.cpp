#include "tests/support/private_postgres.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QThread>

#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hk::test {
namespace {

// The newest PostgreSQL of Debian's layout (/usr/lib/postgresql/N/bin), 15 or later (DESIGN §11).
QString findBinDir()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    int best = 0;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const int major = entry.toInt();
        if (major >= 15 && major > best && QFile::exists(root.filePath(entry + QStringLiteral("/bin/postgres"))))
            best = major;
    }
    return best ? root.filePath(QString::number(best) + QStringLiteral("/bin")) : QString();
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

struct ServerUser {
    bool drop = false; // running as root: the server runs as `postgres`
    uid_t uid = 0;
    gid_t gid = 0;
};

ServerUser serverUser()
{
    ServerUser user;
    if (::geteuid() != 0)
        return user;
    if (const passwd *pw = ::getpwnam("postgres")) {
        user.drop = true;
        user.uid = pw->pw_uid;
        user.gid = pw->pw_gid;
    }
    return user;
}

// In the child, before exec: it dies with the test, and as root it becomes the server's user.
void prepareChild(QProcess &process, int deathSignal)
{
    const ServerUser user = serverUser();
    process.setChildProcessModifier([user, deathSignal] {
        if (user.drop) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(user.gid) != 0 || ::setuid(user.uid) != 0)
                ::_exit(126);
        }
        // After the change of user, which clears a death signal set before it (prctl(2)).
        ::prctl(PR_SET_PDEATHSIG, deathSignal);
    });
}

void chownTree(const QString &path)
{
    const ServerUser user = serverUser();
    if (!user.drop)
        return;
    (void)::chown(QFile::encodeName(path).constData(), user.uid, user.gid);
}

} // namespace

PrivatePostgres::~PrivatePostgres()
{
    stop(true);
}

QString PrivatePostgres::socketDir() const
{
    return m_dir.filePath(QStringLiteral("run"));
}

QString PrivatePostgres::dataDir() const
{
    return m_dir.filePath(QStringLiteral("data"));
}

QString PrivatePostgres::passwordFile() const
{
    return m_dir.filePath(QStringLiteral("hall-db.pass"));
}

QString PrivatePostgres::uri(const QString &database) const
{
    return QStringLiteral("postgresql://hallkiosk@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

QString PrivatePostgres::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("server.log")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
}

QString PrivatePostgres::runAsServerUser(const QString &program, const QStringList &arguments, int timeoutMs, bool *ok) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    prepareChild(p, SIGKILL);
    p.start(program, arguments);
    const bool finished = p.waitForStarted(5000) && p.waitForFinished(timeoutMs);
    const QString output = QString::fromUtf8(p.readAll());
    if (ok)
        *ok = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!finished)
        p.kill();
    return output;
}

QString PrivatePostgres::start()
{
    m_binDir = findBinDir();
    if (m_binDir.isEmpty())
        return QStringLiteral("no PostgreSQL 15 or later under /usr/lib/postgresql (Debian package postgresql)");
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    // The server's user must reach every folder on the way to its data (reference: toolchain notes).
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ExeOther |
                                            QFileDevice::ReadOther);
    chownTree(m_dir.path());
    QDir().mkpath(socketDir());
    chownTree(socketDir());
    m_port = freePort();
    if (!m_port)
        return QStringLiteral("no free loopback port");

    bool ok = false;
    const QString out = runAsServerUser(m_binDir + QStringLiteral("/initdb"),
                                        {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                                         QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                                         QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
                                         QStringLiteral("--no-sync")},
                                        60000, &ok);
    if (!ok)
        return QStringLiteral("initdb failed: %1").arg(out.right(2000));
    if (QString error = launch(); !error.isEmpty())
        return error;

    QFile pass(passwordFile());
    if (!pass.open(QIODevice::WriteOnly | QIODevice::Truncate) || pass.write(password().toUtf8() + '\n') <= 0)
        return QStringLiteral("cannot write %1").arg(passwordFile());
    pass.close();
    QFile::setPermissions(passwordFile(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    psql(QStringLiteral("CREATE ROLE hallkiosk LOGIN PASSWORD '%1'").arg(password()), &ok, QStringLiteral("postgres"));
    if (!ok)
        return QStringLiteral("cannot create the role: %1").arg(psql(QStringLiteral("SELECT 1"), nullptr, QStringLiteral("postgres")));
    const QString created = psql(QStringLiteral("CREATE DATABASE hallkiosk OWNER hallkiosk"), &ok, QStringLiteral("postgres"));
    if (!ok)
        return QStringLiteral("cannot create the database: %1").arg(created);
    return {};
}

QString PrivatePostgres::startStandbyOf(const PrivatePostgres &primary)
{
    m_binDir = primary.m_binDir;
    if (m_binDir.isEmpty() || !primary.isRunning())
        return QStringLiteral("the primary is not running");
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ExeOther |
                                            QFileDevice::ReadOther);
    chownTree(m_dir.path());
    QDir().mkpath(socketDir());
    chownTree(socketDir());
    m_port = freePort();
    bool ok = false;
    const QString out = runAsServerUser(m_binDir + QStringLiteral("/pg_basebackup"),
                                        {QStringLiteral("-h"), primary.socketDir(), QStringLiteral("-p"), QString::number(primary.port()),
                                         QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-D"), dataDir(),
                                         QStringLiteral("-R"), QStringLiteral("-X"), QStringLiteral("stream"), QStringLiteral("--no-sync"),
                                         // not a spread checkpoint, which takes minutes of a test's time
                                         QStringLiteral("--checkpoint=fast")},
                                        120000, &ok);
    if (!ok)
        return QStringLiteral("pg_basebackup failed: %1").arg(out.right(2000));
    QFile::copy(primary.passwordFile(), passwordFile());
    return launch();
}

QString PrivatePostgres::launch()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("server.log")), QIODevice::Append);
    // SIGQUIT: an immediate shutdown, the server's children with it, even when the test crashes.
    prepareChild(m_process, SIGQUIT);
    QStringList arguments{QStringLiteral("-D"), dataDir(), QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-k"), socketDir(),
                          QStringLiteral("-c"), QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-c"), QStringLiteral("fsync=off"),
                          QStringLiteral("-c"), QStringLiteral("full_page_writes=off"), QStringLiteral("-c"), QStringLiteral("max_connections=200"),
                          QStringLiteral("-c"), QStringLiteral("unix_socket_permissions=0777")};
    for (const QString &setting : std::as_const(m_settings))
        arguments << QStringLiteral("-c") << setting;
    m_process.start(m_binDir + QStringLiteral("/postgres"), arguments);
    if (!m_process.waitForStarted(5000))
        return QStringLiteral("postgres does not start: %1").arg(m_process.errorString());
    return waitReady(30000);
}

QString PrivatePostgres::waitReady(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            return QStringLiteral("postgres exited: %1").arg(log());
        bool ok = false;
        runAsServerUser(m_binDir + QStringLiteral("/pg_isready"),
                        {QStringLiteral("-q"), QStringLiteral("-h"), socketDir(), QStringLiteral("-p"), QString::number(m_port)}, 5000, &ok);
        if (ok)
            return {};
        QThread::msleep(100);
    }
    return QStringLiteral("postgres did not answer within %1 ms: %2").arg(timeoutMs).arg(log());
}

void PrivatePostgres::stop(bool fast)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), fast ? SIGINT : SIGQUIT);
    if (!m_process.waitForFinished(30000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString PrivatePostgres::restart()
{
    if (isRunning())
        return {};
    return launch();
}

QString PrivatePostgres::promote()
{
    bool ok = false;
    const QString out = runAsServerUser(m_binDir + QStringLiteral("/pg_ctl"), {QStringLiteral("promote"), QStringLiteral("-w"),
                                                                               QStringLiteral("-D"), dataDir()},
                                        60000, &ok);
    return ok ? QString() : QStringLiteral("pg_ctl promote failed: %1").arg(out);
}

QString PrivatePostgres::psql(const QString &sql, bool *ok, const QString &database) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(m_binDir + QStringLiteral("/psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-v"),
             QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), socketDir(), QStringLiteral("-p"), QString::number(m_port),
             QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"), database, QStringLiteral("-c"), sql});
    const bool finished = p.waitForStarted(5000) && p.waitForFinished(60000);
    const QString output = QString::fromUtf8(p.readAll()).trimmed();
    if (ok)
        *ok = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return output;
}

} // namespace hk::test

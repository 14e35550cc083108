#include "tests/support/private_cups.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

namespace hk::test {
namespace {

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) == text.toUtf8().size();
}

} // namespace

PrivateCups::~PrivateCups()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

QString PrivateCups::server() const
{
    return m_dir.filePath(QStringLiteral("run/cups.sock"));
}

QString PrivateCups::start()
{
    if (!QFile::exists(QStringLiteral("/usr/sbin/cupsd")))
        return QStringLiteral("/usr/sbin/cupsd is not installed (Debian package cups-daemon)");
    if (!QFile::exists(QStringLiteral("/usr/lib/cups/backend/socket")))
        return QStringLiteral("the CUPS socket backend is not installed (Debian package cups)");
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    // The backend runs as the lp user and reads the spooled job: the folders must let it in.
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
    const QString root = m_dir.path();
    for (const char *sub : {"spool/tmp", "cache", "run", "log"})
        QDir().mkpath(QDir(root).filePath(QLatin1String(sub)));
    const QString cupsd = QStringLiteral(
                              "LogLevel warn\n"
                              "Listen %1\n"
                              "Browsing No\n"
                              "WebInterface No\n"
                              "DefaultAuthType None\n"
                              "JobRetryInterval 1\n"
                              "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                              "<Policy default>\n  <Limit All>\n    AuthType None\n    Order deny,allow\n  </Limit>\n</Policy>\n")
                              .arg(server());
    const QString files = QStringLiteral(
                              "ServerRoot %1\nRequestRoot %1/spool\nTempDir %1/spool/tmp\nCacheDir %1/cache\nStateDir %1/run\n"
                              "ErrorLog %1/log/error_log\nAccessLog %1/log/access_log\nPageLog %1/log/page_log\nSystemGroup root\n")
                              .arg(root);
    if (!writeFile(QDir(root).filePath(QStringLiteral("cupsd.conf")), cupsd) ||
        !writeFile(QDir(root).filePath(QStringLiteral("cups-files.conf")), files))
        return QStringLiteral("cannot write the scheduler's configuration");
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // Even a test that crashes takes its scheduler with it — by SIGTERM, so that the scheduler
    // stops the backends of its jobs too.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start(QStringLiteral("/usr/sbin/cupsd"), {QStringLiteral("-f"), QStringLiteral("-c"), QDir(root).filePath(QStringLiteral("cupsd.conf")),
                                                        QStringLiteral("-s"), QDir(root).filePath(QStringLiteral("cups-files.conf"))});
    if (!m_process.waitForStarted(5000))
        return QStringLiteral("cupsd does not start: %1").arg(m_process.errorString());
    // Ready when it answers on its socket.
    const bool answered = QTest::qWaitFor([this] {
        if (m_process.state() != QProcess::Running)
            return true;
        bool ok = false;
        // lpstat -r says "scheduler is not running" with status 0 too: read what it says.
        return run(QStringLiteral("lpstat"), {QStringLiteral("-r")}, &ok) == QLatin1String("scheduler is running") && ok;
    }, 15000);
    if (m_process.state() != QProcess::Running)
        return QStringLiteral("cupsd stopped: %1 %2").arg(QString::fromUtf8(m_process.readAll()), errorLog());
    return answered ? QString() : QStringLiteral("cupsd did not answer within 15 s: %1").arg(errorLog());
}

QString PrivateCups::addRawQueue(const QString &name, const QString &deviceUri)
{
    bool ok = false;
    const QString out = run(QStringLiteral("lpadmin"), {QStringLiteral("-p"), name, QStringLiteral("-E"), QStringLiteral("-v"), deviceUri}, &ok);
    return ok ? QString() : QStringLiteral("lpadmin: %1").arg(out);
}

QString PrivateCups::run(const QString &program, const QStringList &arguments, bool *ok)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CUPS_SERVER"), server());
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    const bool finished = p.waitForStarted(5000) && p.waitForFinished(10000);
    if (ok)
        *ok = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return QString::fromUtf8(p.readAll()).trimmed();
}

QString PrivateCups::errorLog() const
{
    QFile f(m_dir.filePath(QStringLiteral("log/error_log")));
    QString log = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    if (m_process.state() == QProcess::NotRunning)
        log += QStringLiteral("\ncupsd ended: exit status %1 (%2) %3")
                   .arg(m_process.exitCode())
                   .arg(m_process.exitStatus() == QProcess::CrashExit ? QStringLiteral("crashed") : QStringLiteral("exited"),
                        QString::fromUtf8(const_cast<QProcess &>(m_process).readAll()));
    return log;
}

} // namespace hk::test

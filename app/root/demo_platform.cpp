#include "app/root/demo_platform.h"

#include "app/root/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace hk {
namespace {

const QString kProgram = QStringLiteral("hallkiosk-platform-sim");

} // namespace

DemoPlatform::DemoPlatform(QString program, QString dataDir, QString terminalId, qint64 clockOffsetMs, QObject *parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_dataDir(std::move(dataDir))
    , m_terminalId(std::move(terminalId))
    , m_clockOffsetMs(clockOffsetMs)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel); // its log joins the terminal's
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DemoPlatform::onOutput);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (!m_ready)
            Q_EMIT failed(m_process.errorString());
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (!m_ready)
            Q_EMIT failed(QStringLiteral("%1 stopped with status %2").arg(kProgram).arg(code));
        else
            qCWarning(lcRoot) << "the demo platform stopped; the terminal carries on offline";
    });
}

DemoPlatform::~DemoPlatform()
{
    m_process.disconnect(this); // stopping it now is no news
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }
}

Result<std::unique_ptr<DemoPlatform>, QString> DemoPlatform::provisioned(const QString &dataDir, const QString &terminalId,
                                                                        qint64 clockOffsetMs)
{
    const QString program = findProgram();
    if (program.isEmpty())
        return fail(QStringLiteral("%1 not found (HALLKIOSK_PLATFORM_SIM names it)").arg(kProgram));
    auto platform = std::make_unique<DemoPlatform>(program, dataDir, terminalId, clockOffsetMs);
    QString error;
    if (!platform->provision(&error))
        return fail(error);
    return platform;
}

QString DemoPlatform::findProgram()
{
    const QString configured = qEnvironmentVariable("HALLKIOSK_PLATFORM_SIM");
    if (!configured.isEmpty())
        return configured;
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {here.filePath(kProgram), here.filePath(QStringLiteral("../platform/sim/") + kProgram)}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(kProgram);
}

QString DemoPlatform::secretPath(const QString &dataDir, const QString &terminalId)
{
    return QDir(dataDir).filePath(QStringLiteral("terminals/%1.secret").arg(terminalId));
}

QString DemoPlatform::publicKeyPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("platform-public.pem"));
}

QString DemoPlatform::matchKeyPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("match.key"));
}

QString DemoPlatform::signingKeyPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("platform-private.pem"));
}

bool DemoPlatform::provision(QString *error)
{
    QProcess provisioning;
    provisioning.start(m_program, {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--terminal"), m_terminalId,
                                   QStringLiteral("--provision-only")});
    if (!provisioning.waitForFinished(15000) || provisioning.exitStatus() != QProcess::NormalExit || provisioning.exitCode() != 0) {
        *error = QStringLiteral("%1 --provision-only: %2 %3")
                     .arg(m_program, provisioning.errorString(), QString::fromLocal8Bit(provisioning.readAllStandardError()).trimmed());
        provisioning.kill();
        provisioning.waitForFinished(1000);
        return false;
    }
    return true;
}

void DemoPlatform::start()
{
    m_process.start(m_program, {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--terminal"), m_terminalId,
                                QStringLiteral("--demo-data"), QStringLiteral("--clock-offset-ms"), QString::number(m_clockOffsetMs),
                                QStringLiteral("--exit-with-parent")});
}

void DemoPlatform::onOutput()
{
    m_output += m_process.readAllStandardOutput();
    while (true) {
        const qsizetype end = m_output.indexOf('\n');
        if (end < 0)
            break;
        const QString line = QString::fromUtf8(m_output.left(end)).trimmed();
        m_output.remove(0, end + 1);
        static const QRegularExpression kListening(QStringLiteral("listening on (\\S+)"));
        const auto match = kListening.match(line);
        if (!m_ready && match.hasMatch()) {
            m_ready = true;
            const QUrl url(match.captured(1));
            qCInfo(lcRoot).noquote() << QStringLiteral("demo platform: %1 (%2, pid %3, data in %4)")
                                            .arg(url.toString(), kProgram)
                                            .arg(processId())
                                            .arg(m_dataDir);
            qCInfo(lcRoot).noquote() << QStringLiteral("demo platform: rehearse an outage with kill -STOP %1 (then kill -CONT %1), "
                                                       "or curl -X POST -d '{\"fail_rate\": 1}' %2sim/v1/faults")
                                            .arg(processId())
                                            .arg(url.toString());
            Q_EMIT ready(url);
        }
    }
}

} // namespace hk

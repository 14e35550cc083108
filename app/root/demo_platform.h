#pragma once

#include "app/domain/result.h"

#include <QObject>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>

namespace hk {

// The demo's reference platform: hallkiosk-platform-sim as a process of its own beside the
// terminal — so a technician can stop it, hang it (kill -STOP) or feed it faults and watch the
// terminal carry on, exactly as with a real platform. Its data folder holds the keys the
// terminal's demo config names; it runs on the demo's clock and stops with the terminal.
class DemoPlatform : public QObject {
    Q_OBJECT
public:
    DemoPlatform(QString program, QString dataDir, QString terminalId, qint64 clockOffsetMs, QObject *parent = nullptr);
    ~DemoPlatform() override;

    // The platform for the terminal `terminalId`, its data in `dataDir`, with the keys and the
    // terminal's secret written there (a short blocking run at start-up, before any screen), so the
    // files the config names exist before anything reads them; or why there is none.
    static Result<std::unique_ptr<DemoPlatform>, QString> provisioned(const QString &dataDir, const QString &terminalId,
                                                                      qint64 clockOffsetMs);
    // HALLKIOSK_PLATFORM_SIM, else beside this program (installed), else in the build tree, else PATH.
    static QString findProgram();
    static QString secretPath(const QString &dataDir, const QString &terminalId);
    static QString publicKeyPath(const QString &dataDir);
    static QString matchKeyPath(const QString &dataDir);
    // The key that signs its booking codes: the demo signs its sample codes with it too.
    QString signingKeyPath() const;

    // Starts the platform; `ready` or `failed` follows.
    void start();
    qint64 processId() const { return m_process.processId(); }

Q_SIGNALS:
    void ready(const QUrl &baseUrl);
    void failed(const QString &why);

private:
    bool provision(QString *error);
    void onOutput();

    QString m_program;
    QString m_dataDir;
    QString m_terminalId;
    qint64 m_clockOffsetMs;
    QProcess m_process;
    QByteArray m_output;
    bool m_ready = false;
};

} // namespace hk

#pragma once

// The real programs for end-to-end sync tests: hallkiosk-platform-sim and hallkiosk as processes,
// and a writer that issues and calls tickets in the terminal's database beside the running
// terminal (as its screens and the staff console do), so the terminal has events to deliver.

#include "app/services/queue_service.h"
#include "app/services/system_clock.h"
#include "db/database.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_outbox_store.h"
#include "db/stores/sql_queue_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/http_request.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

namespace hk::test {

// A program the test runs, SIGKILLed if it still runs when the test is done with it.
class ChildProcess {
public:
    ChildProcess() = default;
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;
    ~ChildProcess() { stop(SIGKILL); }

    void stop(int signalNumber)
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process->processId()), signalNumber);
        m_process->waitForFinished(10000);
    }
    // A signal that does not end it (SIGSTOP, SIGCONT): sent, not waited for.
    void signal(int signalNumber)
    {
        if (m_process && m_process->state() != QProcess::NotRunning)
            ::kill(pid_t(m_process->processId()), signalNumber);
    }

protected:
    std::unique_ptr<QProcess> m_process;
};

class SimProcess : public ChildProcess {
public:
    explicit SimProcess(QString dataDir) : m_dataDir(std::move(dataDir)) {}

    bool start(const QStringList &extra = {}, quint16 port = 0)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start(QStringLiteral(HALLKIOSK_PLATFORM_SIM_BINARY),
                         QStringList{QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--port"), QString::number(port),
                                     QStringLiteral("--terminal"), QStringLiteral("T01")} +
                             extra);
        static const QRegularExpression kListening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:(\\d+)/)"));
        QString out;
        const bool up = QTest::qWaitFor([&] {
            out += QString::fromUtf8(m_process->readAllStandardOutput());
            return kListening.match(out).hasMatch() || m_process->state() == QProcess::NotRunning;
        }, 60000);
        const auto match = kListening.match(out);
        if (!up || !match.hasMatch())
            return false;
        m_url = match.captured(1);
        m_port = quint16(match.captured(2).toUInt());
        return true;
    }
    QJsonObject stats() const { return fetch(QUrl(m_url + QStringLiteral("sim/v1/stats"))).body.object(); }
    int storedEvents() const { return stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("stored")).toInt(-1); }
    int duplicates() const { return stats().value(QStringLiteral("events")).toObject().value(QStringLiteral("duplicates")).toInt(-1); }
    QStringList eventIds() const
    {
        QStringList ids;
        const QJsonArray events =
            fetch(QUrl(m_url + QStringLiteral("sim/v1/events?limit=10000"))).body.object().value(QStringLiteral("events")).toArray();
        for (const QJsonValue &e : events)
            ids << e.toObject().value(QStringLiteral("id")).toString();
        return ids;
    }
    void setFaults(const QJsonObject &faults) const
    {
        fetch(QUrl(m_url + QStringLiteral("sim/v1/faults")), "POST", QJsonDocument(faults).toJson());
    }
    QString url() const { return m_url; }
    quint16 port() const { return m_port; }
    QString secretFile() const { return QDir(m_dataDir).filePath(QStringLiteral("terminals/T01.secret")); }

private:
    QString m_dataDir;
    QString m_url;
    quint16 m_port = 0;
};

class TerminalProcess : public ChildProcess {
public:
    explicit TerminalProcess(QString configPath) : m_config(std::move(configPath)) {}

    bool start()
    {
        m_log.clear();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral(HALLKIOSK_BINARY), {QStringLiteral("--config"), m_config});
        static const QRegularExpression kHttp(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/"));
        const bool up = QTest::qWaitFor([&] {
            readLog();
            return kHttp.match(m_log).hasMatch() || m_process->state() == QProcess::NotRunning;
        }, 60000);
        if (!up || !kHttp.match(m_log).hasMatch())
            return false;
        m_port = quint16(kHttp.match(m_log).captured(1).toUInt());
        return true;
    }
    void stop(int signalNumber)
    {
        ChildProcess::stop(signalNumber);
        readLog();
    }
    QJsonObject sync() const { return getJson(m_port, QStringLiteral("/api/v1/health")).value(QStringLiteral("sync")).toObject(); }
    const QString &log()
    {
        readLog();
        return m_log;
    }
    QProcess &process() { return *m_process; }

private:
    void readLog()
    {
        if (m_process)
            m_log += QString::fromUtf8(m_process->readAllStandardError());
    }

    QString m_config;
    QString m_log;
    quint16 m_port = 0;
};

// Issues and calls tickets in the terminal's database from the test's process. It works on
// tomorrow's service day, which the running terminal's day close leaves alone whatever the hour;
// tickets carry the real time they were issued, so the outbox's age is real.
class HallWriter {
public:
    explicit HallWriter(const QString &databasePath)
        : m_db(Database::open(databasePath).value())
        , m_store(*m_db)
        , m_outbox(*m_db)
        , m_catalog(demoCatalog())
        , m_tomorrow(24 * 3600 * 1000)
        , m_queue(m_store, m_hall, m_catalog, m_tomorrow, QueueSettings{*CallingPolicy::parse("booked_first"), 3})
    {
    }

    bool walkIn()
    {
        const QDateTime at = m_catalog.centerTime().toLocal(m_now.now());
        return m_store.issueWalkIn({QStringLiteral("SB"), 'A', m_catalog.centerTime().dateOf(m_tomorrow.now()), at, QStringLiteral("T01"), 0}).ok();
    }
    bool callNext(int window) { return m_queue.callNext(window).ok(); }
    QStringList pendingIds()
    {
        QStringList ids;
        for (const PendingEvent &e : m_outbox.pending(100000).value())
            ids << e.event.id;
        return ids;
    }
    int pending() { return m_outbox.counts().value().pending; }

private:
    std::unique_ptr<Database> m_db;
    SqlQueueStore m_store;
    SqlOutboxStore m_outbox;
    CatalogService m_catalog;
    SystemClock m_now;
    SystemClock m_tomorrow;
    NullHallChannel m_hall;
    QueueService m_queue;
};

inline QString writeTerminalConfig(const QTemporaryDir &dir, const SimProcess &sim, int timeoutMs, bool withCatalogFile = true)
{
    QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("terminal/hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{}},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
        {QStringLiteral("platform"), QJsonObject{{QStringLiteral("url"), sim.url()},
                                                 {QStringLiteral("secret_file"), sim.secretFile()},
                                                 {QStringLiteral("pull_interval_s"), 5},
                                                 {QStringLiteral("timeout_ms"), timeoutMs}}},
    };
    if (withCatalogFile)
        json.insert(QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
    const QString path = dir.filePath(QStringLiteral("hallkiosk.json"));
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(QJsonDocument(json).toJson());
    return path;
}

} // namespace hk::test

#pragma once

#include "drivers/transports/byte_transport.h"
#include "drivers/transports/cups_queue.h"

#include <QThread>
#include <QTimer>

namespace hk {

struct CupsSettings {
    QString queue;
    QString server; // a host or a socket path; empty: CUPS_SERVER, client.conf, the local scheduler
    int reopenIntervalMs = 1000;
};

// A CUPS raw queue through libcups (reference §6): each write() is one job of raw ESC/POS bytes
// (cupsCreateJob, cupsStartDocument(CUPS_FORMAT_RAW), cupsWriteRequestData, cupsFinishDocument).
// There is no way back from the printer: canRead() is false, and the queue's own state stands in
// for DLE EOT (CupsQueue). libcups blocks, so every call runs on a worker thread of its own; the
// answers come back through the event loop. "Open" means the scheduler answers and knows the queue.
class CupsTransport final : public ByteTransport, public CupsQueue {
    Q_OBJECT
public:
    explicit CupsTransport(CupsSettings settings, QObject *parent = nullptr);
    ~CupsTransport() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_open; }
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return m_inFlight; }
    void discardInput() override {}
    bool canRead() const override { return false; }
    QString describe() const override;

    QString queueName() const override { return m_settings.queue; }
    void submitJob(const QByteArray &bytes, const QString &title, JobCallback done) override;
    void queryQueue(StateCallback done) override;
    void queryJob(int jobId, JobStateCallback done) override;
    void cancelJob(int jobId, DoneCallback done) override;

private:
    class Worker;
    template <typename T> void onWorker(std::function<Result<T, QString>(Worker &)> work, std::function<void(Result<T, QString>)> done);
    void probe();
    void noteReachable(bool reachable, const QString &reason);

    CupsSettings m_settings;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
    QTimer m_reopen;
    bool m_wanted = false;
    bool m_open = false;
    qint64 m_inFlight = 0;
    QString m_lastFailure;
};

} // namespace hk

#include "drivers/transports/cups_transport.h"

#include "drivers/transports/logging.h"

#include <cups/cups.h>

#include <QPointer>

#include <ctime>

namespace hk {

// Owns the scheduler connection; used only on the transport's worker thread (libcups keeps its
// server setting and last error per thread).
class CupsTransport::Worker : public QObject {
public:
    explicit Worker(QString server)
        : m_server(std::move(server))
    {
    }
    ~Worker() override { reset(); }

    Result<int, QString> submit(const QString &queue, const QByteArray &bytes, const QString &title)
    {
        QString error;
        http_t *h = http(&error);
        if (!h)
            return fail(error);
        const QByteArray q = queue.toUtf8();
        const QByteArray t = title.toUtf8();
        const int job = cupsCreateJob(h, q.constData(), t.constData(), 0, nullptr);
        if (job <= 0)
            return failure(QStringLiteral("cannot create a job"));
        // No document-name: Debian 12's cupsd (2.4.2-3+deb12u10) dies of a segmentation fault when
        // it starts a job on a raw queue whose Send-Document carried one. The job keeps its title.
        if (cupsStartDocument(h, q.constData(), job, nullptr, CUPS_FORMAT_RAW, 1) != HTTP_STATUS_CONTINUE) {
            const auto f = failure(QStringLiteral("cannot start the document"));
            cancelQuietly(q, job);
            return f;
        }
        if (cupsWriteRequestData(h, bytes.constData(), size_t(bytes.size())) != HTTP_STATUS_CONTINUE) {
            const auto f = failure(QStringLiteral("cannot send the document"));
            cupsFinishDocument(h, q.constData());
            cancelQuietly(q, job);
            return f;
        }
        if (cupsFinishDocument(h, q.constData()) > IPP_STATUS_OK_CONFLICTING) {
            const auto f = failure(QStringLiteral("the scheduler did not take the document"));
            cancelQuietly(q, job);
            return f;
        }
        return job;
    }

    Result<CupsQueueState, QString> state(const QString &queue)
    {
        QString error;
        http_t *h = http(&error);
        if (!h)
            return fail(error);
        const QByteArray q = queue.toUtf8();
        char uri[HTTP_MAX_URI];
        httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/printers/%s", q.constData());
        ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri);
        static const char *const kAttributes[] = {"printer-state", "printer-is-accepting-jobs", "printer-state-reasons",
                                                  "printer-state-message"};
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, kAttributes);
        ipp_t *response = cupsDoRequest(h, request, "/");
        if (!response || ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING) {
            ippDelete(response);
            return failure(cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND ? QStringLiteral("no queue \"%1\"").arg(queue)
                                                                          : QStringLiteral("cannot read the queue"));
        }
        CupsQueueState s;
        if (ipp_attribute_t *a = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM))
            s.printerState = ippGetInteger(a, 0);
        if (ipp_attribute_t *a = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
            s.accepting = ippGetBoolean(a, 0) != 0;
        if (ipp_attribute_t *a = ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD)) {
            QStringList reasons;
            for (int i = 0; i < ippGetCount(a); ++i)
                reasons << QString::fromUtf8(ippGetString(a, i, nullptr));
            s.reasons = reasons.join(QLatin1Char(','));
        }
        if (ipp_attribute_t *a = ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT))
            s.message = QString::fromUtf8(ippGetString(a, 0, nullptr));
        ippDelete(response);

        cups_job_t *jobs = nullptr;
        const int n = cupsGetJobs2(h, &jobs, q.constData(), 0, CUPS_WHICHJOBS_ACTIVE);
        if (n < 0)
            return failure(QStringLiteral("cannot list the queue's jobs"));
        const time_t now = std::time(nullptr);
        for (int i = 0; i < n; ++i)
            s.activeJobs.append({jobs[i].id, CupsJobState(jobs[i].state), qint64(now - jobs[i].creation_time)});
        cupsFreeJobs(n, jobs);
        return s;
    }

    Result<CupsJobState, QString> job(int jobId)
    {
        QString error;
        http_t *h = http(&error);
        if (!h)
            return fail(error);
        char uri[HTTP_MAX_URI];
        httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0, "/jobs/%d", jobId);
        ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nullptr, "job-state");
        ipp_t *response = cupsDoRequest(h, request, "/");
        ipp_attribute_t *a = response ? ippFindAttribute(response, "job-state", IPP_TAG_ENUM) : nullptr;
        if (!response || ippGetStatusCode(response) > IPP_STATUS_OK_CONFLICTING || !a) {
            ippDelete(response);
            return failure(QStringLiteral("cannot read job %1").arg(jobId));
        }
        const auto state = CupsJobState(ippGetInteger(a, 0));
        ippDelete(response);
        return state;
    }

    Result<void, QString> cancel(const QString &queue, int jobId)
    {
        QString error;
        http_t *h = http(&error);
        if (!h)
            return fail(error);
        if (cupsCancelJob2(h, queue.toUtf8().constData(), jobId, 0) > IPP_STATUS_OK_CONFLICTING)
            return failure(QStringLiteral("cannot cancel job %1").arg(jobId));
        return Ok{};
    }

private:
    http_t *http(QString *error)
    {
        if (m_http)
            return m_http;
        if (!m_server.isEmpty())
            cupsSetServer(m_server.toUtf8().constData());
        m_http = httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 5000, nullptr);
        if (!m_http)
            *error = QStringLiteral("cannot reach the CUPS scheduler at %1").arg(QString::fromUtf8(cupsServer()));
        return m_http;
    }
    void reset()
    {
        if (m_http)
            httpClose(m_http);
        m_http = nullptr;
    }
    void cancelQuietly(const QByteArray &queue, int job)
    {
        if (m_http)
            cupsCancelJob2(m_http, queue.constData(), job, 0);
    }
    // The scheduler's own words; the connection is made anew next time, whatever went wrong.
    Failure<QString> failure(const QString &what)
    {
        const QString text = QStringLiteral("%1: %2").arg(what, QString::fromUtf8(cupsLastErrorString()));
        reset();
        return fail(text);
    }

    QString m_server;
    http_t *m_http = nullptr;
};

CupsTransport::CupsTransport(CupsSettings settings, QObject *parent)
    : ByteTransport(parent)
    , m_settings(std::move(settings))
    , m_worker(new Worker(m_settings.server))
{
    m_thread.setObjectName(QStringLiteral("cups"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    m_reopen.setSingleShot(true);
    m_reopen.setInterval(m_settings.reopenIntervalMs);
    connect(&m_reopen, &QTimer::timeout, this, &CupsTransport::probe);
}

CupsTransport::~CupsTransport()
{
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread has ended: nothing else touches it
}

QString CupsTransport::describe() const
{
    return QStringLiteral("cups:%1").arg(m_settings.queue);
}

template <typename T>
void CupsTransport::onWorker(std::function<Result<T, QString>(Worker &)> work, std::function<void(Result<T, QString>)> done)
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [this, worker, work = std::move(work), done = std::move(done)] {
        Result<T, QString> result = work(*worker);
        // Back on the transport's thread. The destructor waits for this thread, so `this` is alive
        // when the event is posted; an event still queued when it goes is dropped with it.
        QMetaObject::invokeMethod(this, [done, result] { done(result); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CupsTransport::open()
{
    m_wanted = true;
    probe();
}

void CupsTransport::close()
{
    m_wanted = false;
    m_reopen.stop();
    m_open = false;
}

void CupsTransport::probe()
{
    if (!m_wanted)
        return;
    queryQueue([](const Result<CupsQueueState, QString> &) {});
}

void CupsTransport::noteReachable(bool reachable, const QString &reason)
{
    if (reachable) {
        m_lastFailure.clear();
        if (!std::exchange(m_open, true) && m_wanted) {
            qCInfo(lcTransport).noquote() << describe() << "open";
            Q_EMIT opened();
        }
        return;
    }
    if (std::exchange(m_open, false)) {
        qCWarning(lcTransport).noquote() << describe() << "lost:" << reason;
        m_lastFailure = reason;
        Q_EMIT lost(reason);
    } else if (reason != m_lastFailure) {
        qCWarning(lcTransport).noquote() << describe() << "cannot open:" << reason;
        m_lastFailure = reason;
        Q_EMIT openFailed(reason);
    }
    if (m_wanted && !m_reopen.isActive())
        m_reopen.start();
}

bool CupsTransport::write(const QByteArray &bytes)
{
    if (!m_open)
        return false;
    submitJob(bytes, QStringLiteral("hallkiosk"), [](const Result<int, QString> &) {});
    return true;
}

void CupsTransport::submitJob(const QByteArray &bytes, const QString &title, JobCallback done)
{
    qCDebug(lcTransport).noquote() << describe() << "job of" << bytes.size() << "bytes";
    m_inFlight += bytes.size();
    const QString queue = m_settings.queue;
    const qint64 size = bytes.size();
    onWorker<int>([queue, bytes, title](Worker &w) { return w.submit(queue, bytes, title); },
                  [this, size, done = std::move(done)](Result<int, QString> job) {
                      m_inFlight -= size;
                      if (job) {
                          qCInfo(lcTransport).noquote() << describe() << "job" << job.value() << "queued," << size << "bytes";
                          Q_EMIT written();
                      } else {
                          qCWarning(lcTransport).noquote() << describe() << job.error();
                      }
                      done(job);
                  });
}

void CupsTransport::queryQueue(StateCallback done)
{
    const QString queue = m_settings.queue;
    onWorker<CupsQueueState>([queue](Worker &w) { return w.state(queue); },
                             [this, done = std::move(done)](Result<CupsQueueState, QString> state) {
                                 noteReachable(state.ok(), state ? QString() : state.error());
                                 done(state);
                             });
}

void CupsTransport::queryJob(int jobId, JobStateCallback done)
{
    onWorker<CupsJobState>([jobId](Worker &w) { return w.job(jobId); }, std::move(done));
}

void CupsTransport::cancelJob(int jobId, DoneCallback done)
{
    const QString queue = m_settings.queue;
    qCInfo(lcTransport).noquote() << describe() << "cancelling job" << jobId;
    onWorker<void>([queue, jobId](Worker &w) { return w.cancel(queue, jobId); }, std::move(done));
}

} // namespace hk

#include "drivers/devices/cups_printer.h"

#include "drivers/devices/logging.h"

#include <QPointer>

namespace hk {

CupsPrinter::CupsPrinter(CupsQueue &queue, EscPosProfile profile, Timing timing, QObject *parent)
    : QueuedTicketPrinter(std::move(profile), parent)
    , m_queue(queue)
    , m_timing(timing)
{
    m_jobPoll.setSingleShot(true);
    m_jobPoll.setInterval(m_timing.jobPollMs);
    connect(&m_jobPoll, &QTimer::timeout, this, &CupsPrinter::pollJob);
    m_jobDeadline.setSingleShot(true);
    m_jobDeadline.setInterval(m_timing.pendingLimitS * 1000);
    connect(&m_idlePoll, &QTimer::timeout, this, [this] {
        if (isIdle())
            checkStatus([](const Result<PrinterReadiness, DeviceError> &) {});
    });
}

void CupsPrinter::start()
{
    checkStatus([](const Result<PrinterReadiness, DeviceError> &) {});
    if (m_timing.idlePollMs > 0)
        m_idlePoll.start(m_timing.idlePollMs);
}

std::optional<int> CupsPrinter::pendingJobFor(const QString &key) const
{
    const auto it = m_jobsByKey.find(key);
    return it == m_jobsByKey.end() ? std::nullopt : std::optional<int>(*it);
}

Result<PrinterReadiness, DeviceError> CupsPrinter::evaluate(const CupsQueueState &s, int pendingLimitS, QString *detail)
{
    if (s.printerState == 5) {
        *detail = QStringLiteral("CUPS queue stopped (%1)").arg(s.message.isEmpty() ? s.reasons : s.message);
        return fail(DeviceError::Offline);
    }
    if (!s.accepting) {
        *detail = QStringLiteral("CUPS queue is not accepting jobs");
        return fail(DeviceError::Offline);
    }
    for (const CupsJob &job : s.activeJobs) {
        if (job.ageS > pendingLimitS) {
            *detail = QStringLiteral("CUPS job %1 pending for %2 s: the printer is not taking jobs%3")
                          .arg(job.id)
                          .arg(job.ageS)
                          .arg(s.message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(s.message));
            return fail(DeviceError::Offline);
        }
    }
    *detail = QStringLiteral("CUPS queue %1; paper and cover are not reported over CUPS")
                  .arg(s.printerState == 4 ? QStringLiteral("printing") : QStringLiteral("idle"));
    return PrinterReadiness{};
}

void CupsPrinter::traceAnswer(bool answered)
{
    if (!answered) {
        m_schedulerLost = true;
        if (m_trace)
            m_trace->frameBad();
        return;
    }
    if (std::exchange(m_schedulerLost, false) && m_trace)
        m_trace->reconnected();
    if (m_trace)
        m_trace->frameGood();
}

void CupsPrinter::askQueue(std::function<void(Result<PrinterReadiness, DeviceError>)> then)
{
    QPointer<CupsPrinter> self(this);
    m_queue.queryQueue([self, then = std::move(then)](Result<CupsQueueState, QString> state) {
        if (!self)
            return;
        self->traceAnswer(state.ok());
        if (!state) {
            self->setHealth({DeviceHealth::State::Offline, QStringLiteral("cups:%1: %2").arg(self->m_queue.queueName(), state.error()),
                             DeviceError::Offline});
            then(fail(DeviceError::Offline));
            return;
        }
        // CUPS has no bytes coming back: the queue's state, each time it changes, stands for them.
        const CupsQueueState &s = state.value();
        const QByteArray said = QStringLiteral("printer-state %1, %2, reasons %3%4, %5 active jobs")
                                    .arg(s.printerState)
                                    .arg(s.accepting ? QStringLiteral("accepting") : QStringLiteral("not accepting"))
                                    .arg(s.reasons.isEmpty() ? QStringLiteral("none") : s.reasons)
                                    .arg(s.message.isEmpty() ? QString() : QStringLiteral(", message \"%1\"").arg(s.message))
                                    .arg(s.activeJobs.size())
                                    .toUtf8();
        if (self->m_trace && said != self->m_lastQueueState)
            self->m_trace->received(said);
        self->m_lastQueueState = said;
        QString detail;
        const auto readiness = evaluate(state.value(), self->m_timing.pendingLimitS, &detail);
        if (readiness)
            self->setHealth({DeviceHealth::State::Ok, detail, std::nullopt});
        else
            self->setHealth({DeviceHealth::State::Offline, detail, readiness.error()});
        then(readiness);
    });
}

void CupsPrinter::run()
{
    if (!m_current->isPrint) {
        askQueue([this](Result<PrinterReadiness, DeviceError> r) { finish(r); });
        return;
    }
    // A reprint: the first job of this ticket may still be waiting in the queue. It goes first,
    // or the citizen could end up with two tickets (DESIGN §4).
    const QString key = m_current->document.key;
    if (auto earlier = pendingJobFor(key); earlier && !key.isEmpty()) {
        qCInfo(lcPrinter) << "cancelling CUPS job" << *earlier << "before printing its document again";
        QPointer<CupsPrinter> self(this);
        m_queue.cancelJob(*earlier, [self, key](Result<void, QString> cancelled) {
            if (!self)
                return;
            // A job that finished meanwhile cannot be cancelled; either way it is not pending.
            if (!cancelled)
                qCInfo(lcPrinter).noquote() << cancelled.error();
            self->m_jobsByKey.remove(key);
            self->submit();
        });
        return;
    }
    submit();
}

void CupsPrinter::submit()
{
    QPointer<CupsPrinter> self(this);
    qCInfo(lcPrinter) << "printing" << m_current->bytes.size() << "bytes through CUPS";
    if (m_trace)
        m_trace->sent(m_current->bytes);
    m_queue.submitJob(m_current->bytes, m_current->document.title, [self](Result<int, QString> job) {
        if (!self)
            return;
        self->traceAnswer(job.ok());
        if (!job) {
            self->setHealth({DeviceHealth::State::Offline, QStringLiteral("cups:%1: %2").arg(self->m_queue.queueName(), job.error()),
                             DeviceError::Offline});
            self->finish(fail(DeviceError::WriteFailed));
            return;
        }
        self->m_currentJob = job.value();
        if (!self->m_current->document.key.isEmpty())
            self->m_jobsByKey.insert(self->m_current->document.key, job.value());
        self->m_jobDeadline.start();
        self->m_jobPoll.start();
    });
}

void CupsPrinter::pollJob()
{
    QPointer<CupsPrinter> self(this);
    const int jobId = m_currentJob;
    m_queue.queryJob(jobId, [self, jobId](Result<CupsJobState, QString> state) {
        if (!self || !self->m_current || self->m_currentJob != jobId)
            return;
        const QString key = self->m_current->document.key;
        self->traceAnswer(state.ok());
        if (!state)
            qCDebug(lcPrinter).noquote() << "CUPS job" << jobId << state.error();
        else
            qCDebug(lcPrinter) << "CUPS job" << jobId << "state" << int(state.value());
        if (state && self->m_trace && int(state.value()) >= int(CupsJobState::Canceled))
            self->m_trace->received(QStringLiteral("job %1 %2")
                                        .arg(jobId)
                                        .arg(state.value() == CupsJobState::Completed  ? QStringLiteral("completed")
                                             : state.value() == CupsJobState::Canceled ? QStringLiteral("canceled")
                                                                                       : QStringLiteral("aborted"))
                                        .toUtf8());
        if (state && state.value() == CupsJobState::Completed) {
            self->m_jobDeadline.stop();
            self->m_jobsByKey.remove(key);
            // Out of the queue; printed if the queue is still well afterwards.
            self->askQueue([self](Result<PrinterReadiness, DeviceError> r) {
                if (self)
                    self->finish(r);
            });
            return;
        }
        if (state && (state.value() == CupsJobState::Canceled || state.value() == CupsJobState::Aborted)) {
            self->m_jobDeadline.stop();
            self->m_jobsByKey.remove(key);
            qCWarning(lcPrinter) << "CUPS job" << jobId << "ended without printing";
            if (self->m_trace)
                self->m_trace->error(QStringLiteral("CUPS job %1 ended without printing").arg(jobId));
            self->finish(fail(DeviceError::WriteFailed));
            return;
        }
        if (!self->m_jobDeadline.isActive()) {
            // Still pending (or the scheduler stopped answering): failed, and left for a reprint
            // to cancel. It may yet print; it is never sent again by itself.
            qCWarning(lcPrinter) << "CUPS job" << jobId << "not printed within" << self->m_timing.pendingLimitS << "s";
            self->setHealth({DeviceHealth::State::Offline,
                             QStringLiteral("CUPS job %1 not printed within %2 s").arg(jobId).arg(self->m_timing.pendingLimitS),
                             DeviceError::Offline});
            self->finish(fail(DeviceError::Timeout));
            return;
        }
        self->m_jobPoll.start();
    });
}

} // namespace hk

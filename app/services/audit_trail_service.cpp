#include "app/services/audit_trail_service.h"

#include "app/services/logging.h"

#include <QThread>

#include <algorithm>

namespace hk {

namespace {
constexpr qint64 kRetryAfterMs = 30000;
}

AuditTrailService::AuditTrailService(std::vector<Log> logs, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_logs(std::move(logs))
    , m_states(m_logs.size())
    , m_clock(clock)
{
    Q_ASSERT(!m_logs.empty() && m_logs.front().log);
}

AuditTrailService::~AuditTrailService()
{
    if (!m_worker)
        return;
    // Quitting while the chain is walked: the walk stops at its next batch, and the worker's
    // connection is closed on the worker before the thread ends.
    m_cancel.store(true);
    m_worker->wait();
    qCInfo(lcAudit) << "the audit chain check was cancelled: the terminal is stopping";
}

bool AuditTrailService::record(const QString &actor, const QString &action, const QString &subject, const QJsonObject &detail)
{
    auto appended = m_logs.front().log->append(AuditEntry{m_clock.now(), actor, action, subject, detail});
    if (!appended) {
        ++m_unrecorded;
        qCWarning(lcAudit).noquote() << "audit log: cannot record" << action << "of" << subject << "by" << actor
                                     << "(the action stands):" << appended.error().detail;
        return false;
    }
    Q_EMIT recorded(action);
    return true;
}

void AuditTrailService::checkAtStartup()
{
    startWalks();
}

void AuditTrailService::startWalks()
{
    if (m_worker)
        return; // one walk at a time; the next look starts what is still missing
    struct Job {
        size_t index;
        std::unique_ptr<AuditChainWalker> walker;
        std::shared_ptr<std::atomic<qint64>> progress;
    };
    auto jobs = std::make_shared<std::vector<Job>>();
    for (size_t i = 0; i < m_logs.size(); ++i) {
        State &state = m_states[i];
        if (state.check || state.walking)
            continue;
        std::unique_ptr<AuditChainWalker> walker = m_logs[i].log->walker();
        if (!walker) {
            // No second connection can reach it (an in-memory database): walked here.
            onWalked(i, m_logs[i].log->verify());
            continue;
        }
        state.walking = true;
        state.progress->store(0);
        jobs->push_back(Job{i, std::move(walker), state.progress});
    }
    if (jobs->empty()) {
        if (std::all_of(m_states.begin(), m_states.end(), [](const State &s) { return s.check.has_value(); }))
            Q_EMIT checked();
        return;
    }
    m_cancel.store(false);
    // The worker touches nothing of this object's but the cancel flag; the walkers were made here
    // and are used, then destroyed, there; each answer is queued back to this object's thread.
    m_worker.reset(QThread::create([this, jobs] {
        for (Job &job : *jobs) {
            Result<AuditCheck, StoreError> walked = job.walker->walk(m_cancel, *job.progress);
            job.walker.reset();
            QMetaObject::invokeMethod(this, [this, index = job.index, walked] { onWalked(index, walked); }, Qt::QueuedConnection);
            if (m_cancel.load())
                return;
        }
    }));
    m_worker->setObjectName(QStringLiteral("audit check"));
    connect(m_worker.get(), &QThread::finished, this, &AuditTrailService::onWorkerFinished, Qt::QueuedConnection);
    m_worker->start(QThread::LowPriority);
}

void AuditTrailService::onWalked(size_t index, const Result<AuditCheck, StoreError> &walked)
{
    State &state = m_states[index];
    state.walking = false;
    if (!walked) {
        if (m_cancel.load())
            return;
        m_lastFailure.start();
        qCWarning(lcAudit).noquote() << "cannot check the" << m_logs[index].name << "audit chain:" << walked.error().detail
                                     << "(tried again in 30 s, at a health look)";
        return;
    }
    state.check = walked.value();
    reportWalked(index);
}

void AuditTrailService::reportWalked(size_t index) const
{
    const AuditCheck &check = *m_states[index].check;
    if (check.intact())
        qCInfo(lcAudit).noquote() << "the" << m_logs[index].name << "audit chain holds:" << check.rows << "rows";
    else
        qCCritical(lcAudit).noquote() << "the" << m_logs[index].name << "audit chain is broken: first bad row" << *check.firstBadSeq
                                      << "-" << check.problem;
}

void AuditTrailService::onWorkerFinished()
{
    if (!m_worker)
        return;
    m_worker->wait();
    m_worker.reset();
    if (std::all_of(m_states.begin(), m_states.end(), [](const State &s) { return s.check.has_value(); }))
        Q_EMIT checked();
}

void AuditTrailService::extend()
{
    bool missing = false;
    for (size_t i = 0; i < m_logs.size(); ++i) {
        State &state = m_states[i];
        if (!state.check) {
            missing = missing || !state.walking;
            continue;
        }
        auto walked = m_logs[i].log->verifyAfter(*state.check);
        if (!walked) {
            qCWarning(lcAudit).noquote() << "cannot check the" << m_logs[i].name << "audit chain:" << walked.error().detail;
            continue; // checked again at the next look
        }
        const bool wasIntact = state.check->intact();
        state.check = walked.value();
        if (wasIntact && !state.check->intact())
            qCCritical(lcAudit).noquote() << "the" << m_logs[i].name << "audit chain is broken: first bad row" << *state.check->firstBadSeq
                                          << "-" << state.check->problem;
    }
    if (missing && (!m_lastFailure.isValid() || m_lastFailure.elapsed() >= kRetryAfterMs))
        startWalks();
}

AuditHealth AuditTrailService::health()
{
    // Each look reads only the rows written since the last (one indexed query when there are none).
    extend();
    AuditHealth h;
    h.unrecorded = m_unrecorded;
    h.checked = true;
    for (size_t i = 0; i < m_logs.size(); ++i) {
        const State &state = m_states[i];
        if (!state.check) {
            h.checked = false;
            h.checking = true;
            h.checkedRows += state.progress->load();
            if (auto head = m_logs[i].log->head())
                h.rows += head->rows;
            continue;
        }
        h.rows += state.check->rows;
        h.checkedRows += state.check->rows;
        if (!state.check->intact() && !h.firstBadSeq) {
            h.firstBadSeq = state.check->firstBadSeq;
            h.log = m_logs[i].name;
            h.problem = state.check->problem;
        }
    }
    h.ok = !h.firstBadSeq;
    if (h.firstBadSeq)
        h.checking = false; // known broken, whatever is still walked
    return h;
}

} // namespace hk

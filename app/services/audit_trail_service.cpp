#include "app/services/audit_trail_service.h"

#include "app/services/logging.h"

namespace hk {

AuditTrailService::AuditTrailService(std::vector<Log> logs, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_logs(std::move(logs))
    , m_checks(m_logs.size())
    , m_clock(clock)
{
    Q_ASSERT(!m_logs.empty() && m_logs.front().log);
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
    extend(true);
    for (size_t i = 0; i < m_logs.size(); ++i) {
        const std::optional<AuditCheck> &check = m_checks[i];
        if (!check)
            continue;
        if (check->intact())
            qCInfo(lcAudit).noquote() << "the" << m_logs[i].name << "audit chain holds:" << check->rows << "rows";
        else
            qCCritical(lcAudit).noquote() << "the" << m_logs[i].name << "audit chain is broken: first bad row" << *check->firstBadSeq
                                          << "-" << check->problem;
    }
}

void AuditTrailService::extend(bool whole)
{
    for (size_t i = 0; i < m_logs.size(); ++i) {
        std::optional<AuditCheck> &check = m_checks[i];
        const bool first = whole || !check;
        auto walked = first ? m_logs[i].log->verify() : m_logs[i].log->verifyAfter(*check);
        if (!walked) {
            qCWarning(lcAudit).noquote() << "cannot check the" << m_logs[i].name << "audit chain:" << walked.error().detail;
            continue; // checked again at the next look
        }
        const bool wasIntact = !check || check->intact();
        check = walked.value();
        if (!first && wasIntact && !check->intact())
            qCCritical(lcAudit).noquote() << "the" << m_logs[i].name << "audit chain is broken: first bad row" << *check->firstBadSeq
                                          << "-" << check->problem;
    }
}

AuditHealth AuditTrailService::health()
{
    // Each look reads only the rows written since the last (one indexed query when there are none).
    extend(false);
    AuditHealth h;
    h.unrecorded = m_unrecorded;
    for (size_t i = 0; i < m_logs.size(); ++i) {
        const std::optional<AuditCheck> &check = m_checks[i];
        if (!check)
            continue;
        h.checked = true;
        h.rows += check->rows;
        if (!check->intact() && h.ok) {
            h.ok = false;
            h.firstBadSeq = check->firstBadSeq;
            h.log = m_logs[i].name;
            h.problem = check->problem;
        }
    }
    return h;
}

} // namespace hk

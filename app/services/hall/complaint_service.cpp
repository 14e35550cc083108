#include "app/services/hall/complaint_service.h"

#include "app/services/logging.h"

#include <algorithm>

namespace hk {

ComplaintService::ComplaintService(ComplaintStore &store, const CatalogService &catalog, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_clock(clock)
{
}

CivilDate ComplaintService::today() const
{
    return m_catalog.centerTime().dateOf(m_clock.now());
}

bool ComplaintService::isOverdue(const ComplaintRecord &c) const
{
    return c.domainCase().isOverdue(today());
}

Result<std::vector<ComplaintRecord>, StoreError> ComplaintService::cases(Filter filter) const
{
    const ComplaintStore::Which which = filter == Filter::All      ? ComplaintStore::Which::All
                                        : filter == Filter::Closed ? ComplaintStore::Which::Closed
                                                                   : ComplaintStore::Which::Open;
    auto read = m_store.cases(which);
    if (!read || filter != Filter::Overdue)
        return read;
    std::vector<ComplaintRecord> overdue = std::move(read).value();
    const CivilDate now = today();
    overdue.erase(std::remove_if(overdue.begin(), overdue.end(), [&now](const ComplaintRecord &c) { return !c.domainCase().isOverdue(now); }),
                  overdue.end());
    return overdue;
}

Result<std::optional<ComplaintRecord>, StoreError> ComplaintService::find(const QString &id) const
{
    return m_store.find(id);
}

Result<ComplaintRecord, ComplaintError> ComplaintService::record(const QString &id, ComplaintStep step, std::optional<ComplaintOutcome> outcome,
                                                                 const QString &note, const QString &staffId)
{
    const QDateTime now = m_clock.now();
    ComplaintStepRequest request;
    request.id = id;
    request.step = step;
    request.outcome = outcome;
    request.note = note.trimmed().left(kMaxNoteLength);
    request.by = staffId;
    request.at = m_catalog.centerTime().toLocal(now);
    request.on = m_catalog.centerTime().dateOf(now);
    auto recorded = m_store.recordStep(request);
    const std::string_view name = nameOf(step);
    if (!recorded) {
        qCInfo(lcRating).noquote() << "complaint" << id << QString::fromLatin1(name.data(), qsizetype(name.size())) << "refused:" << recorded.error().detail;
        return recorded;
    }
    qCInfo(lcRating).noquote() << "complaint" << id << QString::fromLatin1(name.data(), qsizetype(name.size())) << "by" << staffId;
    if (m_audit) {
        QJsonObject detail{{QStringLiteral("step"), QString::fromLatin1(name.data(), qsizetype(name.size()))},
                           {QStringLiteral("ticket"), recorded->ticketId},
                           {QStringLiteral("window"), recorded->window}};
        if (outcome) {
            const std::string_view o = nameOf(*outcome);
            detail.insert(QStringLiteral("outcome"), QString::fromLatin1(o.data(), qsizetype(o.size())));
        }
        m_audit->record(QStringLiteral("staff:") + staffId, QStringLiteral("complaint_") + QString::fromLatin1(name.data(), qsizetype(name.size())),
                        id, detail);
    }
    Q_EMIT complaintUpdated(id);
    return recorded;
}

Result<ComplaintCounts, StoreError> ComplaintService::counts(const CivilDate &from, const CivilDate &to) const
{
    return m_store.counts(from, to, today());
}

Result<std::vector<ComplaintCounts>, StoreError> ComplaintService::countsByDay(const CivilDate &from, const CivilDate &to) const
{
    return m_store.countsByDay(from, to, today());
}

} // namespace hk

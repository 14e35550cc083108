#include "app/services/help_service.h"

#include "app/services/logging.h"

#include <QUuid>

namespace hk {

HelpService::HelpService(HelpStore &store, const Clock &clock, QString terminalId, QString terminalName, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_terminalId(std::move(terminalId))
    , m_terminalName(std::move(terminalName))
{
}

QList<HelpRequest> HelpService::pending() const
{
    auto requests = m_store.pending();
    if (!requests) {
        qCWarning(lcHelp) << "cannot read help requests:" << requests.error().detail;
        return m_lastRead;
    }
    m_lastRead = QList<HelpRequest>(requests->begin(), requests->end());
    return m_lastRead;
}

Result<HelpRequest, StoreError> HelpService::requestHelp()
{
    const QList<HelpRequest> open = pending();
    for (auto it = open.crbegin(); it != open.crend(); ++it) {
        if (it->terminalId == m_terminalId)
            return *it;
    }
    HelpRequest request{QUuid::createUuid().toString(QUuid::WithoutBraces), m_terminalId, m_terminalName, m_clock.now()};
    if (auto stored = m_store.add(request); !stored) {
        qCCritical(lcHelp) << "cannot record help request:" << stored.error().detail;
        return fail(stored.error());
    }
    qCWarning(lcHelp) << "help requested at terminal" << m_terminalName << "request" << request.id;
    Q_EMIT helpRequested(request);
    return request;
}

bool HelpService::take(const QString &id, const QString &by)
{
    auto taken = m_store.take(id, by, m_clock.now());
    if (!taken) {
        qCWarning(lcHelp) << "cannot take help request" << id << ":" << taken.error().detail;
        return false;
    }
    if (!taken.value())
        return false;
    qCInfo(lcHelp) << "help request" << id << "taken";
    Q_EMIT helpTaken(id);
    return true;
}

} // namespace hk

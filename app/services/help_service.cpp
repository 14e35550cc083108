#include "app/services/help_service.h"

#include "app/services/logging.h"

#include <QUuid>

namespace hk {

HelpService::HelpService(OutboxStore &outbox, const Clock &clock, QString terminalId,
                         QString terminalName, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_clock(clock)
    , m_terminalId(std::move(terminalId))
    , m_terminalName(std::move(terminalName))
{
}

Result<HelpRequest, StoreError> HelpService::requestHelp()
{
    if (!m_pending.isEmpty())
        return m_pending.constLast();
    HelpRequest request{QUuid::createUuid().toString(QUuid::WithoutBraces), m_terminalName, m_clock.now()};
    OutboxEvent event{QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("help_requested"),
                      request.at, QJsonObject{{QStringLiteral("terminal"), m_terminalId}}};
    if (auto stored = m_outbox.append(event); !stored) {
        qCCritical(lcHelp) << "cannot record help request:" << stored.error().detail;
        return fail(stored.error());
    }
    m_pending.append(request);
    qCWarning(lcHelp) << "help requested at terminal" << m_terminalName << "request" << request.id;
    Q_EMIT helpRequested(request);
    return request;
}

bool HelpService::take(const QString &id)
{
    const auto removed = m_pending.removeIf([&](const HelpRequest &r) { return r.id == id; });
    if (removed == 0)
        return false;
    qCInfo(lcHelp) << "help request" << id << "taken";
    Q_EMIT helpTaken(id);
    return true;
}

} // namespace hk

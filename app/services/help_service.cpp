#include "app/services/help_service.h"

#include "app/services/logging.h"

#include <QUuid>

namespace hk {

HelpService::HelpService(HelpStore &store, HallChannel &hall, const Clock &clock, QString terminalId, QString terminalName,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_hall(hall)
    , m_clock(clock)
    , m_terminalId(std::move(terminalId))
    , m_terminalName(std::move(terminalName))
{
    connect(&m_hall, &HallChannel::noticed, this, &HelpService::onNoticed);
}

void HelpService::onNoticed(const HallNotice &notice)
{
    // Another terminal's request, or one taken at another terminal's console: the same signals as
    // here, so the consoles served by this terminal follow.
    if (notice.kind == HallNotice::Kind::Help && !notice.helpId.isEmpty())
        Q_EMIT helpRequested(HelpRequest{notice.helpId, notice.origin, notice.helpTerminal, notice.helpAt.value_or(m_clock.now())});
    else if (notice.kind == HallNotice::Kind::HelpTaken && !notice.helpId.isEmpty())
        Q_EMIT helpTaken(notice.helpId);
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
    HallNotice notice;
    notice.kind = HallNotice::Kind::Help;
    notice.helpId = request.id;
    notice.helpTerminal = request.terminal;
    notice.helpAt = request.at;
    m_hall.publish(notice);
    Q_EMIT helpRequested(request);
    return request;
}

bool HelpService::take(const QString &id, const QString &by, std::optional<int> window)
{
    auto taken = m_store.take(id, by, m_clock.now());
    if (!taken) {
        qCWarning(lcHelp) << "cannot take help request" << id << ":" << taken.error().detail;
        return false;
    }
    if (!taken.value())
        return false;
    qCInfo(lcHelp) << "help request" << id << "taken";
    if (m_audit && !by.isEmpty())
        m_audit->record(QStringLiteral("staff:") + by, QStringLiteral("help_taken"), id,
                        window ? QJsonObject{{QStringLiteral("window"), *window}} : QJsonObject{});
    HallNotice notice;
    notice.kind = HallNotice::Kind::HelpTaken;
    notice.helpId = id;
    m_hall.publish(notice);
    Q_EMIT helpTaken(id);
    return true;
}

} // namespace hk

#pragma once

#include "app/ports/clock.h"
#include "app/ports/hall_channel.h"
#include "app/ports/stores/help_store.h"
#include "app/services/audit_trail_service.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>

namespace hk {

// 帮办: a citizen asks for a person. Each request is stored with a `help_requested` event for the
// platform and stays pending until a clerk takes it (the staff console) — until then health and
// the log show it. The requests are the hall's: pending() holds those of every terminal sharing
// the store, and a request taken at any console is gone from all of them.
class HelpService : public QObject {
    Q_OBJECT
public:
    // Requests made and taken here are told to the hall's other terminals through `hall`, and
    // theirs arrive through it, so every console of the hall shows and drops them live.
    HelpService(HelpStore &store, HallChannel &hall, const Clock &clock, QString terminalId, QString terminalName,
                QObject *parent = nullptr);

    // A second press while this terminal's request is pending repeats nothing: that one is returned.
    Result<HelpRequest, StoreError> requestHelp();
    // `by`: the staff member taking it, when known (then audited as "staff:<by>", with `window`).
    bool take(const QString &id, const QString &by = {}, std::optional<int> window = std::nullopt);
    // Where help taken is written (DESIGN §16); none: not audited.
    void setAuditTrail(AuditTrailService *trail) { m_audit = trail; }
    // Oldest first. When the store cannot be read, the requests last read (and a warning).
    QList<HelpRequest> pending() const;

Q_SIGNALS:
    void helpRequested(const hk::HelpRequest &request);
    void helpTaken(const QString &id);

private:
    void onNoticed(const HallNotice &notice);

    HelpStore &m_store;
    HallChannel &m_hall;
    const Clock &m_clock;
    QString m_terminalId;
    QString m_terminalName;
    mutable QList<HelpRequest> m_lastRead;
    AuditTrailService *m_audit = nullptr;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::HelpRequest)

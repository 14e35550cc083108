#pragma once

#include "app/ports/clock.h"
#include "app/ports/stores/outbox_store.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>

namespace hk {

struct HelpRequest {
    QString id;
    QString terminal; // the terminal's display name
    QDateTime at;
};

// 帮办: a citizen asks for a person. Each request is a `help_requested` event for the platform and
// stays pending until a clerk takes it (the staff console) — until then health and the log show it.
class HelpService : public QObject {
    Q_OBJECT
public:
    HelpService(OutboxStore &outbox, const Clock &clock, QString terminalId, QString terminalName,
                QObject *parent = nullptr);

    // A second press while a request is pending repeats nothing: the pending one is returned.
    Result<HelpRequest, StoreError> requestHelp();
    bool take(const QString &id);
    QList<HelpRequest> pending() const { return m_pending; }

Q_SIGNALS:
    void helpRequested(const hk::HelpRequest &request);
    void helpTaken(const QString &id);

private:
    OutboxStore &m_outbox;
    const Clock &m_clock;
    QString m_terminalId;
    QString m_terminalName;
    QList<HelpRequest> m_pending;
};

} // namespace hk

Q_DECLARE_METATYPE(hk::HelpRequest)

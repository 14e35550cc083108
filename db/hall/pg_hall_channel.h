#pragma once

#include "app/domain/result.h"
#include "app/ports/hall_channel.h"
#include "app/ports/stores/store_error.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>

namespace hk {

// The hall's terminals told of each other's changes through PostgreSQL's LISTEN/NOTIFY on the
// channel `hallkiosk` (DESIGN §11, "Live"): no polling, a notice reaches the other terminals as
// soon as its NOTIFY commits. It listens on the connection it is given (the terminal's main one:
// notifications arrive on the event loop, between queries), ignores what this connection sent
// itself, and drops, with a warning, a payload that is not a notice.
class PgHallChannel final : public HallChannel {
    Q_OBJECT
public:
    static constexpr const char *kChannel = "hallkiosk";

    // `terminalId` becomes the origin of every notice published here.
    PgHallChannel(QSqlDatabase connection, QString terminalId, QObject *parent = nullptr);
    ~PgHallChannel() override;

    // LISTEN. Again after the connection was reopened: closing it ends the server's subscription.
    Result<void, StoreError> listen();
    bool listening() const;

    // SELECT pg_notify('hallkiosk', payload). A failure (the database gone) is logged: the others
    // catch up when this terminal publishes a refresh after its reconnect.
    void publish(const HallNotice &notice) override;

private:
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);

    QSqlDatabase m_connection;
    QString m_terminalId;
};

} // namespace hk

#pragma once

#include "app/domain/result.h"
#include "app/services/health_service.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

namespace hk {

// The terminal's own HTTP interface (DESIGN §7): so far GET /api/v1/health; the staff console,
// the hall display and their API join it. Unknown routes answer a JSON 404.
class TerminalHttpServer : public QObject {
    Q_OBJECT
public:
    explicit TerminalHttpServer(HealthService &health, QObject *parent = nullptr);

    // The port actually bound (port 0 = any free port), or why it could not listen.
    Result<quint16, QString> listen(const QHostAddress &address, quint16 port);

private:
    HealthService &m_health;
    QHttpServer m_server;
};

} // namespace hk

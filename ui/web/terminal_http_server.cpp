#include "ui/web/terminal_http_server.h"

#include "ui/web/health_json.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QTcpServer>

namespace hk {

TerminalHttpServer::TerminalHttpServer(HealthService &health, QObject *parent)
    : QObject(parent)
    , m_health(health)
{
    m_server.route(QStringLiteral("/api/v1/health"), QHttpServerRequest::Method::Get,
                   [this] { return QHttpServerResponse(toJson(m_health.snapshot())); });
    m_server.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        const QJsonObject body{{QStringLiteral("error"), QStringLiteral("not_found")},
                               {QStringLiteral("message"), QStringLiteral("no route for %1").arg(request.url().path())}};
        responder.write(QJsonDocument(body), QHttpServerResponder::StatusCode::NotFound);
    });
}

Result<quint16, QString> TerminalHttpServer::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_server.listen(address, port);
    if (bound == 0)
        return fail(QStringLiteral("cannot listen on %1:%2 (is another program using the port?)")
                        .arg(address.toString())
                        .arg(port));
    return bound;
}

} // namespace hk

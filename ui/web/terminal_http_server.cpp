#include "ui/web/terminal_http_server.h"

#include "ui/web/maintenance_api.h"

#include "ui/web/health_json.h"
#include "ui/web/logging.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpServer>
#include <QWebSocket>

namespace hk {

namespace {

const QString kPages = QStringLiteral(":/hallkiosk/web/");

QHttpServerResponse notFound(const QString &path)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), QStringLiteral("not_found")},
                                           {QStringLiteral("message"), QStringLiteral("no route for %1").arg(path)}},
                               QHttpServerResponse::StatusCode::NotFound);
}

QHttpServerResponse page(const QString &name)
{
    // Our pages, and the vendored libraries under vendor/ (resources/web/vendor/README.md).
    static const QRegularExpression kName(QStringLiteral("^(vendor/[a-z]+(\\.[a-z]+)*\\.js|[a-z]+\\.(html|css|js))$"));
    QFile file(kPages + name);
    if (!kName.match(name).hasMatch() || !file.open(QIODevice::ReadOnly))
        return notFound(QStringLiteral("/static/") + name);
    QByteArray mime = QByteArrayLiteral("text/html; charset=utf-8");
    if (name.endsWith(QLatin1String(".css")))
        mime = QByteArrayLiteral("text/css; charset=utf-8");
    else if (name.endsWith(QLatin1String(".js")))
        mime = QByteArrayLiteral("text/javascript; charset=utf-8");
    QHttpServerResponse r(mime, file.readAll());
    r.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    return r;
}

} // namespace

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

TerminalHttpServer::~TerminalHttpServer()
{
    m_hub.reset(); // its sockets close before the server goes
}

void TerminalHttpServer::enableConsole(ConsoleServices services)
{
    if (m_hub)
        return;
    m_hub = std::make_unique<ConsoleSocketHub>(services);
    m_api = std::make_unique<ConsoleApi>(services, *m_hub);
    m_api->addRoutes(m_server);
    addPages();
    // Qt 6.4 hands a socket to the WebSocket side only when a route matched and wrote nothing
    // (toolchain notes §4).
    m_server.route(QStringLiteral("/ws"), [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        if (request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0)
            return;
        responder.write(QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("upgrade_required")},
                                                  {QStringLiteral("message"), QStringLiteral("/ws is a WebSocket")}}),
                        QHttpServerResponder::StatusCode::UpgradeRequired);
    });
    connect(&m_server, &QHttpServer::newWebSocketConnection, this, [this] {
        while (m_server.hasPendingWebSocketConnections())
            m_hub->add(m_server.nextPendingWebSocketConnection());
    });
}

void TerminalHttpServer::enableMaintenance(MaintenanceService &maintenance, StaffSessionService &staff)
{
    if (m_maintenanceApi)
        return;
    m_maintenanceApi = std::make_unique<MaintenanceApi>(maintenance, staff);
    m_maintenanceApi->addRoutes(m_server);
}

void TerminalHttpServer::addPages()
{
    m_server.route(QStringLiteral("/"), QHttpServerRequest::Method::Get, [] {
        QHttpServerResponse r(QByteArrayLiteral("text/html; charset=utf-8"),
                              QByteArrayLiteral("<!doctype html><meta charset=utf-8><title>hallkiosk</title>"
                                                "<link rel=stylesheet href=/static/hall.css><main class=panel style='margin:2em'>"
                                                "<h1>hallkiosk</h1><p><a style='color:#ffd54a' href=/console>窗口叫号台 Console</a></p>"
                                                "<p><a style='color:#ffd54a' href=/display>大厅显示 Hall display</a></p>"
                                                "<p><a style='color:#ffd54a' href=/reports>统计报表 Reports</a></p></main>"));
        return r;
    });
    m_server.route(QStringLiteral("/console"), QHttpServerRequest::Method::Get, [] { return page(QStringLiteral("console.html")); });
    m_server.route(QStringLiteral("/display"), QHttpServerRequest::Method::Get, [] { return page(QStringLiteral("display.html")); });
    m_server.route(QStringLiteral("/reports"), QHttpServerRequest::Method::Get, [] { return page(QStringLiteral("reports.html")); });
    m_server.route(QStringLiteral("/rate/<arg>"), QHttpServerRequest::Method::Get, [](int window) {
        return window > 0 ? page(QStringLiteral("rate.html")) : notFound(QStringLiteral("/rate/%1").arg(window));
    });
    m_server.route(QStringLiteral("/static/<arg>"), QHttpServerRequest::Method::Get, [](const QString &name) { return page(name); });
    m_server.route(QStringLiteral("/static/vendor/<arg>"), QHttpServerRequest::Method::Get,
                   [](const QString &name) { return page(QStringLiteral("vendor/") + name); });
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

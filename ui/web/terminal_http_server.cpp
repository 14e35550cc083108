#include "ui/web/terminal_http_server.h"

#include "ui/web/maintenance_api.h"

#include "ui/web/health_json.h"
#include "ui/web/logging.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QWebSocket>

namespace hk {

namespace {

using http::Method;
using http::Response;
using http::StatusCode;
using Args = QStringList;

const QString kPages = QStringLiteral(":/hallkiosk/web/");

// The pages load only their own scripts and styles from /static (no inline code, no eval), talk to
// the API and to /ws on the same origin ('self' covers ws:/wss: to it in CSP 3), draw charts on
// canvases, and are framed by nobody (the hall display's own answer relaxes that).
const QByteArray kCsp = QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                          "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
                                          "frame-ancestors 'none'");
const QByteArray kDisplayCsp = QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                                 "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'");

Response notFound(const QString &path)
{
    return Response(QJsonObject{{QStringLiteral("error"), QStringLiteral("not_found")},
                                {QStringLiteral("message"), QStringLiteral("no route for %1").arg(path)}},
                    StatusCode::NotFound);
}

Response page(const QString &name)
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
    Response r(mime, file.readAll());
    r.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    return r;
}

// host:port of a Host header or of an Origin's URL, the port spelt out.
QString authority(const QString &host, int port)
{
    return QStringLiteral("%1:%2").arg(host.toLower()).arg(port);
}

} // namespace

TerminalHttpServer::TerminalHttpServer(HealthService &health, http::Limits limits, QObject *parent)
    : QObject(parent)
    , m_health(health)
    , m_server(m_router, limits)
{
    m_server.setDefaultHeaders({{QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")},
                                {QByteArrayLiteral("Content-Security-Policy"), kCsp},
                                {QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY")},
                                {QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")}});
    m_router.route(QStringLiteral("/api/v1/health"), Method::Get,
                   [this](const Args &, const http::Request &) { return Response(toJson(m_health.snapshot())); });
}

TerminalHttpServer::~TerminalHttpServer()
{
    m_hub.reset(); // its sockets close before the server goes
}

void TerminalHttpServer::setTls(const QSslConfiguration &tls)
{
    m_server.setTls(tls);
}

void TerminalHttpServer::enableConsole(ConsoleServices services)
{
    if (m_hub)
        return;
    m_hub = std::make_unique<ConsoleSocketHub>(services);
    m_api = std::make_unique<ConsoleApi>(services, *m_hub);
    m_api->addRoutes(m_router);
    addPages();
    // /ws without an upgrade; with one the connection hands the socket on (checkUpgrade, takeUpgrade).
    m_router.route(QStringLiteral("/ws"), [](const Args &, const http::Request &) {
        return Response(QJsonObject{{QStringLiteral("error"), QStringLiteral("upgrade_required")},
                                    {QStringLiteral("message"), QStringLiteral("/ws is a WebSocket")}},
                        StatusCode::UpgradeRequired);
    });
}

void TerminalHttpServer::enableMaintenance(MaintenanceService &maintenance, StaffSessionService &staff)
{
    if (m_maintenanceApi)
        return;
    m_maintenanceApi = std::make_unique<MaintenanceApi>(maintenance, staff);
    m_maintenanceApi->addRoutes(m_router);
}

std::optional<Response> TerminalHttpServer::checkUpgrade(const http::Request &request)
{
    // A browser names the page's origin; one from another site must not read the hall's live view.
    // A client sending no Origin is not a browser page (a display kiosk's program, a test).
    const QByteArray origin = request.value("origin");
    if (!origin.isEmpty()) {
        const QUrl url(QString::fromLatin1(origin));
        const QString host = QString::fromLatin1(request.value("host"));
        const QUrl hostUrl(QStringLiteral("//") + host);
        const int defaultPort = m_server.isTls() ? 443 : 80;
        const bool same = url.isValid() && !url.host().isEmpty() && hostUrl.isValid() && !hostUrl.host().isEmpty() &&
                          authority(url.host(), url.port(url.scheme() == QLatin1String("https") ? 443 : 80)) ==
                              authority(hostUrl.host(), hostUrl.port(defaultPort));
        if (!same) {
            qCInfo(lcWeb).noquote() << "/ws refused to" << request.remoteAddress().toString() << ": origin is not this host";
            return Response::jsonError(StatusCode::Forbidden, QStringLiteral("forbidden_origin"),
                                       QStringLiteral("the page's origin is not this terminal"));
        }
    }
    const QHostAddress peer = http::HttpServer::normalized(request.remoteAddress());
    if (m_hub->clientsFrom(peer) + pendingUpgradesFrom(peer) >= kMaxSocketsPerAddress)
        return Response::jsonError(StatusCode::TooManyRequests, QStringLiteral("too_many_live_views"),
                                   QStringLiteral("at most %1 live views per address").arg(kMaxSocketsPerAddress));
    if (m_hub->clients() + int(m_upgrading.size()) >= kMaxSockets)
        return Response::jsonError(StatusCode::ServiceUnavailable, QStringLiteral("too_many_live_views"),
                                   QStringLiteral("at most %1 live views in all").arg(kMaxSockets));
    return std::nullopt;
}

int TerminalHttpServer::pendingUpgradesFrom(const QHostAddress &address)
{
    m_upgrading.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull() || s->state() != QAbstractSocket::ConnectedState; });
    return int(std::count_if(m_upgrading.begin(), m_upgrading.end(), [&address](const QPointer<QTcpSocket> &s) {
        return http::HttpServer::normalized(s->peerAddress()) == address;
    }));
}

void TerminalHttpServer::takeUpgrade(QTcpSocket *socket, const http::Request &)
{
    m_upgrading.append(socket);
    // A handshake that fails or times out leaves the socket closed and with nobody: it goes here.
    socket->setParent(this);
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
        if (m_upgrading.contains(socket)) {
            m_upgrading.removeAll(socket);
            socket->deleteLater();
        }
    });
    // The handshake is already in the socket's buffer and no new bytes will bring a readyRead for
    // it: Qt 6.4's handleConnection sees a buffered line and emits readyRead itself (checked by
    // tst_http_attacks, whose /ws clients send nothing after the handshake; emitting it here too
    // would run the handshake slot twice).
    m_webSockets->handleConnection(socket);
}

void TerminalHttpServer::addPages()
{
    m_router.route(QStringLiteral("/"), Method::Get, [](const Args &, const http::Request &) {
        return Response(QByteArrayLiteral("text/html; charset=utf-8"),
                        QByteArrayLiteral("<!doctype html><meta charset=utf-8><title>hallkiosk</title>"
                                          "<link rel=stylesheet href=/static/hall.css><main class='panel index'>"
                                          "<h1>hallkiosk</h1><p><a href=/console>窗口叫号台 Console</a></p>"
                                          "<p><a href=/display>大厅显示 Hall display</a></p>"
                                          "<p><a href=/reports>统计报表 Reports</a></p></main>"));
    });
    m_router.route(QStringLiteral("/console"), Method::Get, [](const Args &, const http::Request &) { return page(QStringLiteral("console.html")); });
    m_router.route(QStringLiteral("/display"), Method::Get, [](const Args &, const http::Request &) {
        // The hall screen may be shown inside another page (a signage player's frame).
        Response r = page(QStringLiteral("display.html"));
        r.omitDefaultHeader(QByteArrayLiteral("X-Frame-Options"));
        r.setHeader(QByteArrayLiteral("Content-Security-Policy"), kDisplayCsp);
        return r;
    });
    m_router.route(QStringLiteral("/reports"), Method::Get, [](const Args &, const http::Request &) { return page(QStringLiteral("reports.html")); });
    m_router.route(QStringLiteral("/rate/<arg>"), Method::Get, [](const Args &a, const http::Request &) {
        const int window = a.at(0).toInt();
        return window > 0 ? page(QStringLiteral("rate.html")) : notFound(QStringLiteral("/rate/%1").arg(a.at(0)));
    });
    m_router.route(QStringLiteral("/static/<arg>"), Method::Get, [](const Args &a, const http::Request &) { return page(a.at(0)); });
    m_router.route(QStringLiteral("/static/vendor/<arg>"), Method::Get,
                   [](const Args &a, const http::Request &) { return page(QStringLiteral("vendor/") + a.at(0)); });
}

Result<quint16, QString> TerminalHttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_hub && !m_webSockets) {
        m_webSockets = std::make_unique<QWebSocketServer>(QStringLiteral("hallkiosk"), m_server.isTls() ? QWebSocketServer::SecureMode
                                                                                                      : QWebSocketServer::NonSecureMode);
        m_webSockets->setHandshakeTimeout(std::chrono::milliseconds(m_server.limits().headTimeout));
        connect(m_webSockets.get(), &QWebSocketServer::newConnection, this, [this] {
            while (m_webSockets->hasPendingConnections()) {
                std::unique_ptr<QWebSocket> socket(m_webSockets->nextPendingConnection());
                m_upgrading.removeIf([&socket](const QPointer<QTcpSocket> &s) {
                    return s.isNull() || (s->peerAddress() == socket->peerAddress() && s->peerPort() == socket->peerPort());
                });
                m_hub->add(std::move(socket));
            }
        });
        m_server.setUpgradeHandler(http::UpgradeHandler{QStringLiteral("/ws"), [this](const http::Request &r) { return checkUpgrade(r); },
                                                        [this](QTcpSocket *s, const http::Request &r) { takeUpgrade(s, r); }});
    }
    if (!m_server.listen(address, port))
        return fail(QStringLiteral("cannot listen on %1:%2 (is another program using the port?)")
                        .arg(address.toString())
                        .arg(port));
    return m_server.serverPort();
}

} // namespace hk

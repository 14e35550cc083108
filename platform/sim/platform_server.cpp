#include "platform/sim/platform_server.h"

#include "platform/request_signer.h"
#include "platform/sim/logging.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <cstdlib>

namespace hk {
namespace {

using Status = QHttpServerResponder::StatusCode;

QByteArray methodOf(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    default:
        return "OTHER";
    }
}

ApiReply methodNotAllowed()
{
    return ApiReply::error(405, QStringLiteral("method_not_allowed"), QStringLiteral("not with this method"));
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QJsonObject faultsJson(const FaultPlan &f)
{
    return QJsonObject{{QStringLiteral("fail_rate"), f.failRate},
                       {QStringLiteral("delay_ms"), f.delayMs},
                       {QStringLiteral("drop_rate"), f.dropRate},
                       {QStringLiteral("garbage_rate"), f.garbageRate}};
}

} // namespace

PlatformServer::PlatformServer(ReferencePlatform &platform, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_platform(platform)
    , m_clock(clock)
{
}

PlatformServer::~PlatformServer() = default;

void PlatformServer::setBasePath(const QString &path)
{
    m_basePath = path;
    while (m_basePath.endsWith(QLatin1Char('/')))
        m_basePath.chop(1);
    if (!m_basePath.isEmpty() && !m_basePath.startsWith(QLatin1Char('/')))
        m_basePath.prepend(QLatin1Char('/'));
}

void PlatformServer::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_tls = std::make_pair(certificate, key);
}

void PlatformServer::setFaults(const FaultPlan &faults)
{
    if (!(faults == m_faults))
        qCInfo(lcSim).noquote() << "faults:" << QJsonDocument(faultsJson(faults)).toJson(QJsonDocument::Compact);
    m_faults = faults;
}

Result<quint16, QString> PlatformServer::listen(const QHostAddress &address, quint16 port)
{
    close();
    auto server = std::make_unique<QHttpServer>();
    // Every request comes through one handler: the base path, the methods and the faults are ours.
    server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        onRequest(request, std::move(responder));
    });
    if (m_tls)
        server->sslSetup(m_tls->first, m_tls->second);
    const quint16 bound = server->listen(address, port);
    if (bound == 0)
        return fail(QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(port));
    m_server = std::move(server);
    m_address = address;
    m_port = bound;
    return bound;
}

void PlatformServer::close()
{
    m_server.reset(); // its listening socket and every connection go with it
}

QString PlatformServer::baseUrl() const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(m_address.toString())
                                                                              : m_address.toString();
    return QStringLiteral("%1://%2:%3%4/").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(m_port).arg(m_basePath);
}

bool PlatformServer::roll(double rate)
{
    if (rate <= 0)
        return false;
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_random) < rate;
}

std::optional<ApiReply> PlatformServer::authenticate(const QHttpServerRequest &request, QString *terminalId)
{
    const QByteArray terminal = request.value(QByteArrayLiteral("X-Terminal-Id"));
    const QByteArray timestamp = request.value(QByteArrayLiteral("X-Timestamp"));
    const QByteArray signature = request.value(QByteArrayLiteral("X-Signature")).toLower();
    *terminalId = QString::fromUtf8(terminal);
    const auto secret = m_platform.keys().secretOf(*terminalId);
    bool numeric = false;
    const qint64 sentAt = timestamp.toLongLong(&numeric);
    if (!secret || !numeric || signature.isEmpty()) {
        ++m_stats.unauthorized;
        return ApiReply::error(401, QStringLiteral("bad_signature"),
                               secret ? QStringLiteral("X-Timestamp and X-Signature are required") : QStringLiteral("unknown terminal"));
    }
    QByteArray target = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    const RequestSigner signer(terminal, *secret);
    if (!constantTimeEqual(signer.signature(methodOf(request), target, sentAt, request.body()), signature)) {
        ++m_stats.unauthorized;
        return ApiReply::error(401, QStringLiteral("bad_signature"), QStringLiteral("the signature does not match"));
    }
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (std::llabs(now - sentAt) > kMaxSkewS) {
        ++m_stats.skewed;
        ApiReply reply = ApiReply::error(401, QStringLiteral("clock_skew"),
                                         QStringLiteral("X-Timestamp is %1 s from the platform's clock").arg(sentAt - now));
        reply.body.insert(QStringLiteral("server_time"), double(now));
        return reply;
    }
    return std::nullopt;
}

void PlatformServer::onRequest(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    const QString target = QString::fromLatin1(request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveUserInfo));
    const QString apiPrefix = m_basePath + QStringLiteral("/api/v1/");
    if (path.startsWith(QLatin1String("/sim/v1/"))) {
        const ApiReply reply = request.remoteAddress().isLoopback()
                                   ? admin(request, path.mid(8))
                                   : ApiReply::error(403, QStringLiteral("forbidden"), QStringLiteral("admin routes answer loopback only"));
        respond(std::move(responder), reply, false, target);
        return;
    }
    if (!path.startsWith(apiPrefix)) {
        respond(std::move(responder), ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("no such route")), false, target);
        return;
    }
    ++m_stats.requests;
    if (roll(m_faults.failRate)) {
        ++m_stats.failed;
        respond(std::move(responder), ApiReply::error(500, QStringLiteral("internal"), QStringLiteral("injected failure")), false, target);
        return;
    }
    QString terminalId;
    if (auto refused = authenticate(request, &terminalId)) {
        respond(std::move(responder), *refused, false, target);
        return;
    }
    respond(std::move(responder), dispatch(request, path.mid(apiPrefix.size()), terminalId), true, target);
}

ApiReply PlatformServer::dispatch(const QHttpServerRequest &request, const QString &apiPath, const QString &terminalId)
{
    static const QRegularExpression kCenterRoute(QStringLiteral("^centers/([A-Za-z0-9_-]+)/(catalog|bookings|slots|events)$"));
    static const QRegularExpression kCancelRoute(QStringLiteral("^bookings/([A-Za-z0-9_-]+)/cancel$"));
    const QByteArray method = methodOf(request);
    const QUrlQuery query(request.url());
    if (const auto m = kCenterRoute.match(apiPath); m.hasMatch()) {
        const QString center = m.captured(1);
        const QString what = m.captured(2);
        if (what == QLatin1String("catalog"))
            return method == "GET" ? m_platform.catalogReply(center) : methodNotAllowed();
        if (what == QLatin1String("slots"))
            return method == "GET" ? m_platform.slotsReply(center, query) : methodNotAllowed();
        if (what == QLatin1String("bookings")) {
            if (method == "GET")
                return m_platform.bookingsReply(center, query);
            return method == "POST" ? m_platform.createReply(center, request.body()) : methodNotAllowed();
        }
        if (method != "POST")
            return methodNotAllowed();
        ApiReply reply = m_platform.eventsReply(center, terminalId, request.body());
        if (reply.status == 200)
            Q_EMIT eventsTaken(int(reply.body.value(QStringLiteral("accepted")).toArray().size()),
                               int(reply.body.value(QStringLiteral("duplicates")).toArray().size()),
                               int(reply.body.value(QStringLiteral("rejected")).toArray().size()));
        return reply;
    }
    if (const auto m = kCancelRoute.match(apiPath); m.hasMatch())
        return method == "POST" ? m_platform.cancelReply(m.captured(1)) : methodNotAllowed();
    return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("no such route"));
}

ApiReply PlatformServer::admin(const QHttpServerRequest &request, const QString &adminPath)
{
    const QByteArray method = methodOf(request);
    SimStore &store = m_platform.store();
    if (adminPath == QLatin1String("stats")) {
        return ApiReply{200, QJsonObject{
                                 {QStringLiteral("center"), QString::fromStdString(m_platform.catalog().center.id)},
                                 {QStringLiteral("catalog_version"), m_platform.catalog().version},
                                 {QStringLiteral("requests"), m_stats.requests},
                                 {QStringLiteral("faults"), QJsonObject{{QStringLiteral("failed"), m_stats.failed},
                                                                        {QStringLiteral("delayed"), m_stats.delayed},
                                                                        {QStringLiteral("dropped"), m_stats.dropped},
                                                                        {QStringLiteral("garbled"), m_stats.garbled}}},
                                 {QStringLiteral("unauthorized"), m_stats.unauthorized},
                                 {QStringLiteral("clock_skew"), m_stats.skewed},
                                 {QStringLiteral("events"), QJsonObject{{QStringLiteral("stored"), store.eventCount()},
                                                                        {QStringLiteral("duplicates"), double(store.counter(QStringLiteral("duplicates")))},
                                                                        {QStringLiteral("rejected"), double(store.counter(QStringLiteral("rejected")))}}},
                                 {QStringLiteral("bookings"), store.countByStatus()},
                             }};
    }
    if (adminPath == QLatin1String("events")) {
        const QUrlQuery query(request.url());
        const qint64 after = query.queryItemValue(QStringLiteral("after")).toLongLong();
        const int limit = std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 10000);
        QJsonArray events;
        for (const ReceivedEvent &e : store.eventsAfter(after, query.hasQueryItem(QStringLiteral("limit")) ? limit : 1000))
            events.append(QJsonObject{{QStringLiteral("seq"), double(e.seq)},
                                      {QStringLiteral("id"), e.id},
                                      {QStringLiteral("type"), e.type},
                                      {QStringLiteral("at"), e.at},
                                      {QStringLiteral("terminal"), e.terminal},
                                      {QStringLiteral("data"), e.data},
                                      {QStringLiteral("received_at"), e.receivedAt}});
        return ApiReply{200, QJsonObject{{QStringLiteral("events"), events}}};
    }
    if (adminPath == QLatin1String("faults")) {
        if (method == "POST") {
            const QJsonObject json = QJsonDocument::fromJson(request.body()).object();
            FaultPlan f = m_faults;
            f.failRate = std::clamp(json.value(QStringLiteral("fail_rate")).toDouble(f.failRate), 0.0, 1.0);
            f.delayMs = std::max(0, json.value(QStringLiteral("delay_ms")).toInt(f.delayMs));
            f.dropRate = std::clamp(json.value(QStringLiteral("drop_rate")).toDouble(f.dropRate), 0.0, 1.0);
            f.garbageRate = std::clamp(json.value(QStringLiteral("garbage_rate")).toDouble(f.garbageRate), 0.0, 1.0);
            setFaults(f);
        } else if (method != "GET") {
            return methodNotAllowed();
        }
        return ApiReply{200, faultsJson(m_faults)};
    }
    if (adminPath == QLatin1String("catalog")) {
        if (method == "GET")
            return ApiReply{200, m_platform.catalogReply(QString::fromStdString(m_platform.catalog().center.id)).body};
        if (method != "PUT")
            return methodNotAllowed();
        if (auto set = m_platform.setCatalog(request.body()); !set)
            return ApiReply::error(422, QStringLiteral("bad_catalog"), set.error());
        qCInfo(lcSim) << "catalog version" << m_platform.catalog().version << "in force";
        return ApiReply{200, QJsonObject{{QStringLiteral("version"), m_platform.catalog().version}}};
    }
    return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("admin routes: stats, events, faults, catalog"));
}

void PlatformServer::respond(QHttpServerResponder &&responder, const ApiReply &reply, bool faultsApply, const QString &target)
{
    const QByteArray body = QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    const auto status = static_cast<Status>(reply.status);
    Q_EMIT requestServed(target, reply.status);
    if (faultsApply && roll(m_faults.dropRate)) {
        // The work is done and committed; the terminal never hears so. It must ask again, and
        // the platform must recognise what it already has.
        ++m_stats.dropped;
        responder.writeStatusLine(status);
        responder.writeHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
        responder.writeBody(body.left(body.size() / 2));
        if (QTcpSocket *socket = responder.socket())
            socket->disconnectFromHost();
        return;
    }
    if (faultsApply && roll(m_faults.garbageRate)) {
        ++m_stats.garbled;
        responder.write(QByteArrayLiteral("<html><body><h1>502 Bad Gateway</h1></body></html>"), QByteArrayLiteral("text/html"),
                        Status::Ok);
        return;
    }
    if (faultsApply && m_faults.delayMs > 0) {
        ++m_stats.delayed;
        // The responder outlives this call; its socket may not (the client gave up): write only
        // while the socket is there.
        QPointer<QTcpSocket> socket(responder.socket());
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        QTimer::singleShot(m_faults.delayMs, this, [held, socket, body, status]() mutable {
            if (socket)
                held->write(body, QByteArrayLiteral("application/json"), status);
            held.reset();
        });
        return;
    }
    responder.write(body, QByteArrayLiteral("application/json"), status);
}

} // namespace hk

#include "platform/http_platform_client.h"

#include "app/config/catalog_parser.h"
#include "platform/logging.h"
#include "platform/platform_json.h"
#include "platform/secret_file.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

#include <cstdlib>

namespace hk {
namespace {

// The platform's answers are small; anything far larger is not the contract talking.
constexpr qint64 kMaxBodyBytes = 64LL * 1024 * 1024;
const char *const kTimedOut = "hk.timedOut";
const char *const kOversize = "hk.oversize";

template <typename T>
void deliver(const PlatformClient::Callback<T> &done, Result<T, PlatformError> result)
{
    done(std::move(result));
}

PlatformError badResponse(const QString &what)
{
    return PlatformError{PlatformError::Kind::BadResponse, 0, {}, what, std::nullopt};
}

QString percent(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

HttpPlatformClient::HttpPlatformClient(PlatformEndpoint endpoint, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_clock(clock)
    , m_signer(m_endpoint.terminalId.toUtf8(), m_endpoint.secret)
    , m_ssl(QSslConfiguration::defaultConfiguration())
{
    if (!m_endpoint.caCertificates.isEmpty())
        m_ssl.setCaCertificates(m_endpoint.caCertificates);
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

HttpPlatformClient::~HttpPlatformClient()
{
    // Callbacks belong to services that may be gone already: none runs after this point.
    const QSet<QNetworkReply *> inFlight = std::exchange(m_inFlight, {});
    for (QNetworkReply *reply : inFlight) {
        reply->disconnect(this);
        reply->abort();
        delete reply;
    }
}

bool HttpPlatformClient::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

QUrl HttpPlatformClient::join(const QUrl &base, const QString &apiPath)
{
    QString path = base.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QString tail = apiPath;
    while (tail.startsWith(QLatin1Char('/')))
        tail.remove(0, 1);
    QUrl url = base;
    url.setQuery(QString());
    url.setFragment(QString());
    url.setPath(path + QLatin1Char('/') + tail, QUrl::StrictMode);
    return url;
}

Result<std::unique_ptr<HttpPlatformClient>, QString> HttpPlatformClient::create(PlatformEndpoint endpoint, const Clock &clock,
                                                                                QObject *parent)
{
    const QUrl &url = endpoint.baseUrl;
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("platform.url: \"%1\" is not a URL with a host").arg(url.toString()));
    if (url.scheme() == QLatin1String("http")) {
        if (!endpoint.allowHttp && !isLoopbackHost(url.host()))
            return fail(QStringLiteral("platform.url: plain HTTP to %1 is refused: use https://, or set platform.allow_http "
                                       "(plain HTTP goes only to loopback otherwise)")
                            .arg(url.host()));
    } else if (url.scheme() != QLatin1String("https")) {
        return fail(QStringLiteral("platform.url: must start with https:// or http://"));
    }
    if (endpoint.secret.isEmpty())
        return fail(QStringLiteral("platform.secret_file: the terminal's secret is empty"));
    if (endpoint.terminalId.isEmpty() || endpoint.centerId.isEmpty())
        return fail(QStringLiteral("terminal: id and center are needed to talk to the platform"));
    return std::unique_ptr<HttpPlatformClient>(new HttpPlatformClient(std::move(endpoint), clock, parent));
}

Result<PlatformEndpoint, QString> HttpPlatformClient::endpointFrom(const Config &config)
{
    const Config::Platform &p = config.platform;
    if (!p.url)
        return fail(QStringLiteral("platform.url: is required to sync"));
    PlatformEndpoint endpoint;
    endpoint.baseUrl = QUrl(*p.url, QUrl::StrictMode);
    endpoint.terminalId = config.terminal.id;
    endpoint.centerId = config.terminal.center;
    endpoint.allowHttp = p.allowHttp;
    endpoint.timeoutMs = p.timeoutMs;
    if (!p.secretFile)
        return fail(QStringLiteral("platform.secret_file: is required with platform.url (the terminal signs every request with it)"));
    auto secret = SecretFile::read(*p.secretFile);
    if (!secret)
        return fail(QStringLiteral("platform.secret_file: %1").arg(secret.error()));
    endpoint.secret = secret.value();
    if (p.caFile) {
        endpoint.caCertificates = QSslCertificate::fromPath(*p.caFile, QSsl::Pem);
        if (endpoint.caCertificates.isEmpty())
            return fail(QStringLiteral("platform.ca_file: no PEM certificate in %1").arg(*p.caFile));
    }
    return endpoint;
}

QString HttpPlatformClient::centerPath(const QString &tail) const
{
    return QStringLiteral("api/v1/centers/%1/%2").arg(percent(m_endpoint.centerId), tail);
}

void HttpPlatformClient::send(Call call)
{
    QUrl url = join(m_endpoint.baseUrl, call.apiPath);
    if (!call.query.isEmpty())
        url.setQuery(call.query, QUrl::StrictMode);
    // Signed exactly as it goes on the wire: the request target QNetworkAccessManager sends.
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    const qint64 localNow = m_clock.now().toSecsSinceEpoch();
    const qint64 timestamp = localNow + m_offsetS.value_or(0);

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (call.method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : m_signer.headers(call.method, target, timestamp, call.body))
        request.setRawHeader(name, value);
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_ssl);

    QNetworkReply *reply = call.method == "GET" ? m_network.get(request) : m_network.post(request, call.body);
    m_inFlight.insert(reply);
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        reply->setProperty(kTimedOut, true);
        reply->abort();
    });
    deadline->start(m_endpoint.timeoutMs);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxBodyBytes) {
            reply->setProperty(kOversize, true);
            reply->abort();
        }
    });
    qCDebug(lcPlatform).noquote() << call.method << target;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, call = std::move(call), localNow]() mutable { onFinished(reply, std::move(call), localNow); });
}

void HttpPlatformClient::onFinished(QNetworkReply *reply, Call call, qint64 sentAtLocal)
{
    m_inFlight.remove(reply);
    if (auto *deadline = reply->findChild<QTimer *>())
        deadline->stop(); // answered: the deadline must not abort a reply already finished
    reply->deleteLater();
    auto result = interpret(reply);
    if (!result && result.error().kind == PlatformError::Kind::ClockSkew && result.error().serverTime) {
        const qint64 offset = *result.error().serverTime - sentAtLocal;
        qCWarning(lcPlatform).noquote()
            << QStringLiteral("the platform refused the terminal's clock: its clock is %1 s %2 the terminal's; "
                              "requests now carry the platform's time. Set the terminal's clock (NTP).")
                   .arg(std::abs(offset))
                   .arg(offset >= 0 ? QStringLiteral("ahead of") : QStringLiteral("behind"));
        m_offsetS = offset;
        if (!call.skewRetried) {
            call.skewRetried = true;
            send(std::move(call));
            return;
        }
    }
    if (!result)
        qCDebug(lcPlatform).noquote() << call.method << call.apiPath << describe(result.error());
    call.done(std::move(result));
}

Result<HttpPlatformClient::HttpReply, PlatformError> HttpPlatformClient::interpret(QNetworkReply *reply) const
{
    if (reply->property(kTimedOut).toBool())
        return fail(PlatformError{PlatformError::Kind::Timeout, 0, {},
                                  QStringLiteral("no complete answer within %1 ms").arg(m_endpoint.timeoutMs), std::nullopt});
    if (reply->property(kOversize).toBool())
        return fail(badResponse(QStringLiteral("an answer larger than %1 bytes").arg(kMaxBodyBytes)));
    const QNetworkReply::NetworkError error = reply->error();
    // Qt reports HTTP 4xx/5xx as errors in these two ranges; the status and body still tell what
    // happened. Everything else means no whole answer came.
    const bool httpStatusError = (error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownContentError) ||
                                 (error >= QNetworkReply::InternalServerError && error <= QNetworkReply::UnknownServerError);
    if (error != QNetworkReply::NoError && !httpStatusError) {
        if (error >= QNetworkReply::ProtocolUnknownError && error <= QNetworkReply::ProtocolFailure)
            return fail(badResponse(reply->errorString()));
        return fail(PlatformError{PlatformError::Kind::Network, 0, {}, reply->errorString(), std::nullopt});
    }
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid())
        return fail(badResponse(QStringLiteral("no HTTP status")));
    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    // A connection closed part-way through the body can reach here without an error (Qt 6.4 does
    // not always compare what came with Content-Length): an answer that stops short is no answer,
    // so a booking's caller asks again with its request_id rather than call a half-read 201 bad.
    const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
    if (declared.isValid() && reply->rawHeader(QByteArrayLiteral("Content-Encoding")).isEmpty() && body.size() < declared.toLongLong())
        return fail(PlatformError{PlatformError::Kind::Network, 0, {},
                                  QStringLiteral("the connection closed after %1 of %2 bytes of the answer").arg(body.size()).arg(declared.toLongLong()),
                                  std::nullopt});
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && document.isObject();
    const QJsonObject json = document.object();
    if (status >= 200 && status < 300) {
        if (!isObject)
            return fail(badResponse(QStringLiteral("HTTP %1 with %2 bytes that are not a JSON object").arg(status).arg(body.size())));
        return HttpReply{status, json};
    }
    PlatformError e;
    e.httpStatus = status;
    e.code = json.value(QStringLiteral("error")).toString();
    e.message = json.value(QStringLiteral("message")).toString().left(200);
    if (status == 401) {
        const QJsonValue serverTime = json.value(QStringLiteral("server_time"));
        if (e.code == QLatin1String("clock_skew") && serverTime.isDouble()) {
            e.kind = PlatformError::Kind::ClockSkew;
            e.serverTime = serverTime.toInteger();
        } else {
            e.kind = PlatformError::Kind::Unauthorized;
        }
    } else if (status == 404) {
        e.kind = PlatformError::Kind::NotFound;
    } else if (status >= 500) {
        e.kind = PlatformError::Kind::Server;
    } else if (status >= 400 && isObject && !e.code.isEmpty()) {
        e.kind = PlatformError::Kind::Refused;
    } else {
        e.kind = PlatformError::Kind::BadResponse;
        if (e.message.isEmpty())
            e.message = QStringLiteral("unexpected answer");
    }
    return fail(e);
}

void HttpPlatformClient::fetchCatalog(Callback<PulledCatalog> done)
{
    send(Call{"GET", centerPath(QStringLiteral("catalog")), {}, {}, [done](Result<HttpReply, PlatformError> r) {
                  if (!r)
                      return deliver<PulledCatalog>(done, fail(r.error()));
                  auto parsed = CatalogParser::parse(r->json);
                  if (!parsed) {
                      QStringList problems;
                      for (const ConfigError &e : parsed.error())
                          problems << e.toString();
                      return deliver<PulledCatalog>(done, fail(badResponse(QStringLiteral("catalog: %1").arg(problems.join(QStringLiteral("; "))))));
                  }
                  PulledCatalog pulled;
                  pulled.catalog = parsed->catalog;
                  pulled.json = QJsonDocument(r->json).toJson(QJsonDocument::Compact);
                  for (const ConfigError &w : parsed->warnings)
                      pulled.warnings << w.toString();
                  deliver<PulledCatalog>(done, std::move(pulled));
              }});
}

void HttpPlatformClient::fetchBookings(const std::optional<QString> &cursor, int limit, Callback<BookingPage> done)
{
    QString query;
    if (cursor)
        query = QStringLiteral("since=%1&").arg(percent(*cursor));
    query += QStringLiteral("limit=%1").arg(limit);
    send(Call{"GET", centerPath(QStringLiteral("bookings")), query, {}, [done](Result<HttpReply, PlatformError> r) {
                  if (!r)
                      return deliver<BookingPage>(done, fail(r.error()));
                  auto page = platform_json::bookingPageFromJson(r->json);
                  if (!page)
                      return deliver<BookingPage>(done, fail(badResponse(QStringLiteral("bookings: %1").arg(page.error()))));
                  deliver<BookingPage>(done, std::move(page).value());
              }});
}

void HttpPlatformClient::sendEvents(const std::vector<OutboxEvent> &events, Callback<EventBatchReply> done)
{
    QJsonArray array;
    for (const OutboxEvent &e : events)
        array.append(platform_json::eventToJson(e, m_endpoint.terminalId));
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("events"), array}}).toJson(QJsonDocument::Compact);
    send(Call{"POST", centerPath(QStringLiteral("events")), {}, body, [done](Result<HttpReply, PlatformError> r) {
                  if (!r)
                      return deliver<EventBatchReply>(done, fail(r.error()));
                  auto reply = platform_json::eventReplyFromJson(r->json);
                  if (!reply)
                      return deliver<EventBatchReply>(done, fail(badResponse(QStringLiteral("events: %1").arg(reply.error()))));
                  deliver<EventBatchReply>(done, std::move(reply).value());
              }});
}

void HttpPlatformClient::fetchSlots(const CivilDate &date, const QString &matterCode, Callback<std::vector<SlotAvailability>> done)
{
    const QString query = QStringLiteral("date=%1&matter=%2").arg(QString::fromStdString(date.toString()), percent(matterCode));
    send(Call{"GET", centerPath(QStringLiteral("slots")), query, {}, [done](Result<HttpReply, PlatformError> r) {
                  if (!r)
                      return deliver<std::vector<SlotAvailability>>(done, fail(r.error()));
                  auto slots = platform_json::slotsFromJson(r->json);
                  if (!slots)
                      return deliver<std::vector<SlotAvailability>>(done, fail(badResponse(QStringLiteral("slots: %1").arg(slots.error()))));
                  deliver<std::vector<SlotAvailability>>(done, std::move(slots).value());
              }});
}

void HttpPlatformClient::createBooking(const BookingOrder &order, Callback<PlacedBooking> done)
{
    BookingOrder sent = order;
    if (sent.requestId.isEmpty()) // §6: every booking request carries one
        sent.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray body = QJsonDocument(platform_json::orderToJson(sent)).toJson(QJsonDocument::Compact);
    send(Call{"POST", centerPath(QStringLiteral("bookings")), {}, body, [done](Result<HttpReply, PlatformError> r) {
                  if (!r)
                      return deliver<PlacedBooking>(done, fail(r.error()));
                  auto placed = platform_json::placedBookingFromJson(r->json);
                  if (!placed)
                      return deliver<PlacedBooking>(done, fail(badResponse(QStringLiteral("new booking: %1").arg(placed.error()))));
                  deliver<PlacedBooking>(done, std::move(placed).value());
              }});
}

void HttpPlatformClient::cancelBooking(const QString &bookingId, Callback<BookingRecord> done)
{
    send(Call{"POST", QStringLiteral("api/v1/bookings/%1/cancel").arg(percent(bookingId)), {}, {},
              [done](Result<HttpReply, PlatformError> r) {
                  if (!r)
                      return deliver<BookingRecord>(done, fail(r.error()));
                  auto booking = platform_json::bookingFromJson(r->json);
                  if (!booking)
                      return deliver<BookingRecord>(done, fail(badResponse(QStringLiteral("cancelled booking: %1").arg(booking.error()))));
                  deliver<BookingRecord>(done, std::move(booking).value());
              }});
}

} // namespace hk

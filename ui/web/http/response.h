#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace hk::http {

enum class StatusCode {
    SwitchingProtocols = 101,
    Ok = 200,
    Created = 201,
    Accepted = 202,
    NoContent = 204,
    BadRequest = 400,
    Unauthorized = 401,
    Forbidden = 403,
    NotFound = 404,
    MethodNotAllowed = 405,
    RequestTimeout = 408,
    Conflict = 409,
    LengthRequired = 411,
    PayloadTooLarge = 413,
    UnprocessableEntity = 422,
    Locked = 423,
    UpgradeRequired = 426,
    TooManyRequests = 429,
    RequestHeaderFieldsTooLarge = 431,
    InternalServerError = 500,
    NotImplemented = 501,
    ServiceUnavailable = 503,
    HttpVersionNotSupported = 505,
};

QByteArray reasonPhrase(StatusCode status);

// What a route answers: a status, headers and a body. The constructors are those of Qt's
// QHttpServerResponse so a handler reads the same; the server adds the framing headers
// (Content-Length, Connection, Date) and its default headers (HttpServer::setDefaultHeaders).
class Response {
public:
    using Header = QPair<QByteArray, QByteArray>;

    explicit Response(StatusCode status = StatusCode::Ok);
    Response(const QJsonObject &json, StatusCode status = StatusCode::Ok);
    Response(const QJsonArray &json, StatusCode status = StatusCode::Ok);
    Response(const QByteArray &mimeType, const QByteArray &body, StatusCode status = StatusCode::Ok);

    // A JSON `{"error": code, "message": message}`, as every refusal of this interface is.
    static Response jsonError(StatusCode status, const QString &code, const QString &message);

    StatusCode statusCode() const { return m_status; }
    QByteArray body() const { return m_body; }
    const QList<Header> &headers() const { return m_headers; }
    // Replaces a header of that name (case-insensitive) or adds it.
    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    // Leaves out one of the server's default headers (e.g. X-Frame-Options on a page made to be framed).
    void omitDefaultHeader(const QByteArray &name) { m_omitted.append(name.toLower()); }
    bool omits(const QByteArray &name) const { return m_omitted.contains(name.toLower()); }

private:
    StatusCode m_status;
    QByteArray m_body;
    QList<Header> m_headers;
    QList<QByteArray> m_omitted;
};

} // namespace hk::http

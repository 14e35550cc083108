#include "ui/web/http/response.h"

#include <QJsonDocument>

namespace hk::http {

QByteArray reasonPhrase(StatusCode status)
{
    switch (status) {
    case StatusCode::SwitchingProtocols: return "Switching Protocols";
    case StatusCode::Ok: return "OK";
    case StatusCode::Created: return "Created";
    case StatusCode::Accepted: return "Accepted";
    case StatusCode::NoContent: return "No Content";
    case StatusCode::BadRequest: return "Bad Request";
    case StatusCode::Unauthorized: return "Unauthorized";
    case StatusCode::Forbidden: return "Forbidden";
    case StatusCode::NotFound: return "Not Found";
    case StatusCode::MethodNotAllowed: return "Method Not Allowed";
    case StatusCode::RequestTimeout: return "Request Timeout";
    case StatusCode::Conflict: return "Conflict";
    case StatusCode::LengthRequired: return "Length Required";
    case StatusCode::PayloadTooLarge: return "Payload Too Large";
    case StatusCode::UnprocessableEntity: return "Unprocessable Entity";
    case StatusCode::Locked: return "Locked";
    case StatusCode::UpgradeRequired: return "Upgrade Required";
    case StatusCode::TooManyRequests: return "Too Many Requests";
    case StatusCode::RequestHeaderFieldsTooLarge: return "Request Header Fields Too Large";
    case StatusCode::InternalServerError: return "Internal Server Error";
    case StatusCode::NotImplemented: return "Not Implemented";
    case StatusCode::ServiceUnavailable: return "Service Unavailable";
    case StatusCode::HttpVersionNotSupported: return "HTTP Version Not Supported";
    }
    return "Unknown";
}

Response::Response(StatusCode status)
    : m_status(status)
{
}

Response::Response(const QJsonObject &json, StatusCode status)
    : Response(QByteArrayLiteral("application/json"), QJsonDocument(json).toJson(QJsonDocument::Compact), status)
{
}

Response::Response(const QJsonArray &json, StatusCode status)
    : Response(QByteArrayLiteral("application/json"), QJsonDocument(json).toJson(QJsonDocument::Compact), status)
{
}

Response::Response(const QByteArray &mimeType, const QByteArray &body, StatusCode status)
    : m_status(status)
    , m_body(body)
{
    m_headers.append({QByteArrayLiteral("Content-Type"), mimeType});
}

Response Response::jsonError(StatusCode status, const QString &code, const QString &message)
{
    return Response(QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}, status);
}

void Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (Header &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    m_headers.append({name, value});
}

QByteArray Response::header(const QByteArray &name) const
{
    for (const Header &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace hk::http

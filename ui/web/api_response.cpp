#include "ui/web/api_response.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace hk::webapi {

http::Response error(Status status, const QString &code, const QString &message, QJsonObject extra)
{
    extra.insert(QStringLiteral("error"), code);
    extra.insert(QStringLiteral("message"), message);
    return http::Response(extra, status);
}

http::Response methodNotAllowed(const http::Request &request, const char *allowed)
{
    const QString method = QString::fromLatin1(request.methodName());
    QByteArray allow(allowed);
    const QList<QByteArray> methods = allow.split(',');
    const bool get = std::any_of(methods.begin(), methods.end(), [](const QByteArray &m) { return m.trimmed() == "GET"; });
    if (get && !allow.contains("HEAD"))
        allow += ", HEAD"; // the server answers HEAD wherever GET is (http::Request::answerAsGet)
    http::Response r = error(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                             QStringLiteral("%1 is not allowed here; use %2").arg(method.toUpper(), QLatin1String(allowed)));
    r.setHeader(QByteArrayLiteral("Allow"), allow);
    return r;
}

// The body as a JSON object, or the response explaining why it is not one.
std::variant<QJsonObject, http::Response> jsonBody(const http::Request &request, bool emptyIsObject)
{
    const QByteArray body = request.body();
    if (body.trimmed().isEmpty() && emptyIsObject)
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return error(Status::BadRequest, QStringLiteral("bad_json"),
                     QStringLiteral("the body is not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return error(Status::BadRequest, QStringLiteral("bad_json"), QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

http::Response invalid(const QString &field, const QString &problem)
{
    return error(Status::BadRequest, QStringLiteral("invalid_request"), QStringLiteral("%1: %2").arg(field, problem),
                 QJsonObject{{QStringLiteral("field"), field}});
}

std::optional<int> windowNumber(const QString &text)
{
    static const QRegularExpression kNumber(QStringLiteral("^[1-9][0-9]{0,2}$"));
    if (!kNumber.match(text).hasMatch())
        return std::nullopt;
    return text.toInt();
}

QString bearer(const http::Request &request)
{
    const QByteArray header = request.value(QByteArrayLiteral("authorization")).trimmed();
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer "))
        return {};
    return QString::fromLatin1(header.mid(7).trimmed());
}

std::variant<StaffSession, http::Response> authorize(StaffSessionService &staff, const http::Request &request,
                                                          std::optional<int> window, bool forRating)
{
    auto session = staff.authorize(bearer(request), window, forRating);
    if (session)
        return session.value();
    switch (session.error().kind) {
    case AuthError::Kind::Missing:
    case AuthError::Kind::Invalid:
        return error(Status::Unauthorized, QStringLiteral("unauthorized"), session.error().detail);
    case AuthError::Kind::WrongWindow:
        return error(Status::Forbidden, QStringLiteral("wrong_window"), session.error().detail);
    case AuthError::Kind::Forbidden:
        return error(Status::Forbidden, QStringLiteral("forbidden"), session.error().detail);
    case AuthError::Kind::Store:
        break;
    }
    return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), session.error().detail);
}

std::variant<StaffSession, http::Response> authorizeRole(StaffSessionService &staff, const http::Request &request,
                                                              std::initializer_list<StaffMember::Role> roles)
{
    auto session = authorize(staff, request, std::nullopt);
    if (auto *response = std::get_if<http::Response>(&session))
        return std::move(*response);
    const StaffSession &s = std::get<StaffSession>(session);
    if (std::find(roles.begin(), roles.end(), s.role) == roles.end()) {
        QStringList names;
        for (StaffMember::Role role : roles)
            names.append(QString::fromLatin1(nameOf(role)));
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                     QStringLiteral("only a %1 may do this; %2 signed in as a %3")
                         .arg(names.join(QStringLiteral(" or ")), s.staffId, QString::fromLatin1(nameOf(s.role))));
    }
    return session;
}

} // namespace hk::webapi

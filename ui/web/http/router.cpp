#include "ui/web/http/router.h"

namespace hk::http {

namespace {

QStringList splitPath(const QByteArray &encodedPath)
{
    QStringList out;
    for (const QByteArray &segment : encodedPath.split('/').mid(1))
        out.append(QUrl::fromPercentEncoding(segment));
    return out;
}

} // namespace

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Delete: return "DELETE";
    case Method::Patch: return "PATCH";
    case Method::Options: return "OPTIONS";
    case Method::Other: break;
    }
    return "OTHER";
}

void Router::route(const QString &pattern, Handler handler)
{
    routeAsync(pattern, std::nullopt, [handler = std::move(handler)](const QStringList &args, const Request &r, Responder responder) {
        responder.send(handler(args, r));
    });
}

void Router::route(const QString &pattern, Method method, Handler handler)
{
    routeAsync(pattern, method, [handler = std::move(handler)](const QStringList &args, const Request &r, Responder responder) {
        responder.send(handler(args, r));
    });
}

void Router::routeAsync(const QString &pattern, std::optional<Method> method, AsyncHandler handler)
{
    m_routes.push_back(Route{pattern.split(QLatin1Char('/')).mid(1), method, std::move(handler)});
}

std::optional<QStringList> Router::match(const QStringList &pattern, const QStringList &path)
{
    if (pattern.size() != path.size())
        return std::nullopt;
    QStringList args;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern.at(i) == QLatin1String("<arg>")) {
            if (path.at(i).isEmpty())
                return std::nullopt;
            args.append(path.at(i));
        } else if (pattern.at(i) != path.at(i)) {
            return std::nullopt;
        }
    }
    return args;
}

void Router::dispatch(const Request &request, Responder responder) const
{
    const QStringList path = splitPath(request.url().path(QUrl::FullyEncoded).toLatin1());
    QList<QByteArray> allowed;
    for (const Route &route : m_routes) {
        auto args = match(route.segments, path);
        if (!args)
            continue;
        if (route.method && *route.method != request.method()) {
            if (!allowed.contains(methodName(*route.method)))
                allowed.append(methodName(*route.method));
            if (*route.method == Method::Get && !allowed.contains("HEAD")) // answered as GET
                allowed.append("HEAD");
            continue;
        }
        route.handler(*args, request, std::move(responder));
        return;
    }
    if (!allowed.isEmpty()) {
        const QByteArray allow = allowed.join(", ");
        Response r = Response::jsonError(StatusCode::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                                         QStringLiteral("%1 is not allowed here; use %2")
                                             .arg(QString::fromLatin1(request.methodName()), QString::fromLatin1(allow)));
        r.setHeader(QByteArrayLiteral("Allow"), allow);
        responder.send(std::move(r));
        return;
    }
    responder.send(Response::jsonError(StatusCode::NotFound, QStringLiteral("not_found"),
                                       QStringLiteral("no route for %1").arg(request.url().path())));
}

} // namespace hk::http

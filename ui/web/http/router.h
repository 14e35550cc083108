#pragma once

#include "ui/web/http/request.h"
#include "ui/web/http/responder.h"
#include "ui/web/http/response.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace hk::http {

// Routes a request by its path: patterns are exact paths whose segments may be `<arg>` (any one
// non-empty segment, percent-decoded, handed to the handler in order). The first route whose
// pattern and method match answers; a path that matches only with other methods gets 405 with
// `Allow`; no match gets a JSON 404 `{"error": "not_found", "message": "no route for PATH"}`.
class Router {
public:
    using Handler = std::function<Response(const QStringList &args, const Request &request)>;
    using AsyncHandler = std::function<void(const QStringList &args, const Request &request, Responder responder)>;

    // Any method (the handler checks it itself).
    void route(const QString &pattern, Handler handler);
    // One method; any other gets 405.
    void route(const QString &pattern, Method method, Handler handler);
    // A handler that answers through the responder, now or later.
    void routeAsync(const QString &pattern, std::optional<Method> method, AsyncHandler handler);

    void dispatch(const Request &request, Responder responder) const;

private:
    struct Route {
        QStringList segments;
        std::optional<Method> method;
        AsyncHandler handler;
    };
    static std::optional<QStringList> match(const QStringList &pattern, const QStringList &path);

    std::vector<Route> m_routes;
};

QByteArray methodName(Method method);

} // namespace hk::http

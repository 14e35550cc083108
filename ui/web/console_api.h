#pragma once

#include "ui/web/console_services.h"
#include "ui/web/console_socket_hub.h"

#include "ui/web/http/router.h"
#include "ui/web/http/request.h"
#include "ui/web/http/response.h"

#include <QObject>

namespace hk {

// The console API of DESIGN §7 on the terminal's HTTP server (ui/web/http): sign-in, the windows and the queue,
// each window's actions, the rating route and taking a 帮办 request. Every request is checked —
// method, token, window, body — and refused with a JSON `{"error", "message"}` that says why.
class ConsoleApi {
public:
    ConsoleApi(ConsoleServices services, ConsoleSocketHub &hub);
    void addRoutes(http::Router &server);

private:
    using Response = http::Response;
    using Status = http::StatusCode;

    // POST answers once the PIN is hashed off the GUI thread (DESIGN §16); DELETE at once.
    void session(const http::Request &request, http::Responder responder);
    static Response signInAnswer(const Result<StaffSession, SignInError> &signedIn);
    Response windows(const http::Request &request);
    Response queue(const http::Request &request);
    Response windowAction(const QString &window, const QString &action, const http::Request &request);
    Response rating(int window, RatingChannel channel, const http::Request &request, const QString &staffId);
    Response takeHelp(const QString &id, const http::Request &request);
    Response complaints(const http::Request &request);
    Response complaintStep(const QString &id, const QString &step, const http::Request &request);
    // DESIGN §13: GET /api/v1/reports/day?date= and /reports/range?from=&to=, JSON or &format=csv.
    Response report(const QString &kind, const http::Request &request);

    // The session behind the request's bearer token, for `window` when it is set; else the error response.
    std::variant<StaffSession, Response> authorize(const http::Request &request, std::optional<int> window);
    // The session, if its role is one of `roles`; else 401, or 403 `forbidden` (DESIGN §7).
    std::variant<StaffSession, Response> authorizeRole(const http::Request &request, std::initializer_list<StaffMember::Role> roles);
    Response windowResult(const Result<WindowState, QueueError> &result);

    ConsoleServices m_services;
    ConsoleSocketHub &m_hub;
    QObject m_context; // a sign-in's answer is not sent once the API is gone
};

} // namespace hk

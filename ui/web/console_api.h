#pragma once

#include "ui/web/console_services.h"
#include "ui/web/console_socket_hub.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace hk {

// The console API of DESIGN §7 on the terminal's QHttpServer: sign-in, the windows and the queue,
// each window's actions, the rating route and taking a 帮办 request. Every request is checked —
// method, token, window, body — and refused with a JSON `{"error", "message"}` that says why.
class ConsoleApi {
public:
    ConsoleApi(ConsoleServices services, ConsoleSocketHub &hub);
    void addRoutes(QHttpServer &server);

private:
    using Response = QHttpServerResponse;
    using Status = QHttpServerResponse::StatusCode;

    Response session(const QHttpServerRequest &request);
    Response windows(const QHttpServerRequest &request);
    Response queue(const QHttpServerRequest &request);
    Response windowAction(const QString &window, const QString &action, const QHttpServerRequest &request);
    Response rating(int window, RatingChannel channel, const QHttpServerRequest &request);
    Response takeHelp(const QString &id, const QHttpServerRequest &request);
    Response complaints(const QHttpServerRequest &request);
    Response complaintStep(const QString &id, const QString &step, const QHttpServerRequest &request);
    // DESIGN §13: GET /api/v1/reports/day?date= and /reports/range?from=&to=, JSON or &format=csv.
    Response report(const QString &kind, const QHttpServerRequest &request);

    // The session behind the request's bearer token, for `window` when it is set; else the error response.
    std::variant<StaffSession, Response> authorize(const QHttpServerRequest &request, std::optional<int> window);
    // The session, if its role is one of `roles`; else 401, or 403 `forbidden` (DESIGN §7).
    std::variant<StaffSession, Response> authorizeRole(const QHttpServerRequest &request, std::initializer_list<StaffMember::Role> roles);
    Response windowResult(const Result<WindowState, QueueError> &result);

    ConsoleServices m_services;
    ConsoleSocketHub &m_hub;
};

} // namespace hk

#pragma once

#include "app/domain/staff.h"
#include "app/services/staff/staff_session_service.h"

#include "ui/web/http/request.h"
#include "ui/web/http/response.h"
#include <QJsonObject>
#include <QString>

#include <initializer_list>
#include <optional>
#include <variant>

namespace hk::webapi {

// What every route of the terminal's HTTP interface answers with when it says no: a JSON
// `{"error": code, "message": why}` (DESIGN §7), and the checks every route makes first.
using Status = http::StatusCode;

http::Response error(Status status, const QString &code, const QString &message, QJsonObject extra = {});
http::Response methodNotAllowed(const http::Request &request, const char *allowed);
// The body as a JSON object, or the response explaining why it is not one.
std::variant<QJsonObject, http::Response> jsonBody(const http::Request &request, bool emptyIsObject = false);
http::Response invalid(const QString &field, const QString &problem);
std::optional<int> windowNumber(const QString &text);
QString bearer(const http::Request &request);

// The session behind the request's bearer token, for `window` when it is set; else the error response.
// A rating-scope token gets 403 `forbidden` unless `forRating` (the rating route, DESIGN §16).
std::variant<StaffSession, http::Response> authorize(StaffSessionService &staff, const http::Request &request,
                                                          std::optional<int> window, bool forRating = false);
// The session, if its role is one of `roles`; else 401, or 403 `forbidden` (DESIGN §7).
std::variant<StaffSession, http::Response> authorizeRole(StaffSessionService &staff, const http::Request &request,
                                                              std::initializer_list<StaffMember::Role> roles);

} // namespace hk::webapi

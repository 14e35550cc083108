#pragma once

#include "app/domain/staff.h"
#include "app/services/staff/staff_session_service.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>

#include <initializer_list>
#include <optional>
#include <variant>

namespace hk::webapi {

// What every route of the terminal's HTTP interface answers with when it says no: a JSON
// `{"error": code, "message": why}` (DESIGN §7), and the checks every route makes first.
using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse error(Status status, const QString &code, const QString &message, QJsonObject extra = {});
QHttpServerResponse methodNotAllowed(const QHttpServerRequest &request, const char *allowed);
// The body as a JSON object, or the response explaining why it is not one.
std::variant<QJsonObject, QHttpServerResponse> jsonBody(const QHttpServerRequest &request, bool emptyIsObject = false);
QHttpServerResponse invalid(const QString &field, const QString &problem);
std::optional<int> windowNumber(const QString &text);
QString bearer(const QHttpServerRequest &request);

// The session behind the request's bearer token, for `window` when it is set; else the error response.
// A rating-scope token gets 403 `forbidden` unless `forRating` (the rating route, DESIGN §16).
std::variant<StaffSession, QHttpServerResponse> authorize(StaffSessionService &staff, const QHttpServerRequest &request,
                                                          std::optional<int> window, bool forRating = false);
// The session, if its role is one of `roles`; else 401, or 403 `forbidden` (DESIGN §7).
std::variant<StaffSession, QHttpServerResponse> authorizeRole(StaffSessionService &staff, const QHttpServerRequest &request,
                                                              std::initializer_list<StaffMember::Role> roles);

} // namespace hk::webapi

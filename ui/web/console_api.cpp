#include "ui/web/console_api.h"

#include "ui/web/api_response.h"
#include "ui/web/console_json.h"
#include "ui/web/logging.h"
#include "app/services/logging.h"
#include "app/services/report/report_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <variant>

namespace hk {

namespace {

using Status = http::StatusCode;
using namespace webapi;

QString queueErrorCode(QueueError::Kind kind)
{
    switch (kind) {
    case QueueError::Kind::NoCurrentTicket:
        return QStringLiteral("no_current_ticket");
    case QueueError::Kind::WindowPaused:
        return QStringLiteral("window_paused");
    case QueueError::Kind::RecallLimit:
        return QStringLiteral("recall_limit");
    case QueueError::Kind::NotAllowed:
        return QStringLiteral("not_allowed");
    case QueueError::Kind::UnknownWindow:
        return QStringLiteral("unknown_window");
    case QueueError::Kind::UnknownGroup:
        return QStringLiteral("unknown_group");
    case QueueError::Kind::UnknownTicket:
        return QStringLiteral("unknown_ticket");
    case QueueError::Kind::RequeueTooLate:
        return QStringLiteral("requeue_too_late");
    case QueueError::Kind::DailyCapReached:
        return QStringLiteral("daily_cap_reached");
    case QueueError::Kind::AlreadyCheckedIn:
        return QStringLiteral("already_checked_in");
    case QueueError::Kind::Store:
        return QStringLiteral("store_unavailable");
    case QueueError::Kind::Offline:
        return QStringLiteral("hall_offline");
    }
    return QStringLiteral("not_allowed");
}

} // namespace

ConsoleApi::ConsoleApi(ConsoleServices services, ConsoleSocketHub &hub)
    : m_services(services)
    , m_hub(hub)
{
}

void ConsoleApi::addRoutes(http::Router &server)
{
    using Args = QStringList;
    server.routeAsync(QStringLiteral("/api/v1/session"), std::nullopt,
                      [this](const Args &, const http::Request &r, http::Responder responder) { session(r, std::move(responder)); });
    server.route(QStringLiteral("/api/v1/windows"), [this](const Args &, const http::Request &r) { return windows(r); });
    server.route(QStringLiteral("/api/v1/queue"), [this](const Args &, const http::Request &r) { return queue(r); });
    server.route(QStringLiteral("/api/v1/windows/<arg>/<arg>"),
                 [this](const Args &a, const http::Request &r) { return windowAction(a.at(0), a.at(1), r); });
    server.route(QStringLiteral("/api/v1/help/<arg>/take"), [this](const Args &a, const http::Request &r) { return takeHelp(a.at(0), r); });
    server.route(QStringLiteral("/api/v1/complaints"), [this](const Args &, const http::Request &r) { return complaints(r); });
    server.route(QStringLiteral("/api/v1/complaints/<arg>/<arg>"),
                 [this](const Args &a, const http::Request &r) { return complaintStep(a.at(0), a.at(1), r); });
    server.route(QStringLiteral("/api/v1/reports/<arg>"), [this](const Args &a, const http::Request &r) { return report(a.at(0), r); });
}

std::variant<StaffSession, http::Response> ConsoleApi::authorize(const http::Request &request, std::optional<int> window)
{
    return webapi::authorize(m_services.staff, request, window);
}

std::variant<StaffSession, http::Response> ConsoleApi::authorizeRole(const http::Request &request,
                                                                         std::initializer_list<StaffMember::Role> roles)
{
    return webapi::authorizeRole(m_services.staff, request, roles);
}

void ConsoleApi::session(const http::Request &request, http::Responder responder)
{
    if (request.method() == http::Method::Delete) {
        // Any token may end itself, a rating token too.
        auto auth = webapi::authorize(m_services.staff, request, std::nullopt, true);
        if (auto *response = std::get_if<Response>(&auth))
            return responder.send(std::move(*response));
        m_services.staff.signOut(bearer(request));
        return responder.send(http::Response(Status::NoContent));
    }
    if (request.method() != http::Method::Post)
        return responder.send(methodNotAllowed(request, "POST, DELETE"));
    auto body = jsonBody(request);
    if (auto *response = std::get_if<Response>(&body))
        return responder.send(std::move(*response));
    const QJsonObject in = std::get<QJsonObject>(body);
    // A clerk sends the window; a supervisor or a technician signs in without one (one they send is
    // ignored, DESIGN §7). Whether it is needed is known only once the PIN is checked.
    const QJsonValue window = in.value(QStringLiteral("window"));
    std::optional<int> windowAsked;
    if (!window.isUndefined() && !window.isNull()) {
        if (!window.isDouble() || window.toDouble() != double(window.toInt()) || window.toInt() < 1)
            return responder.send(invalid(QStringLiteral("window"), QStringLiteral("must be a window number")));
        windowAsked = window.toInt();
    }
    const QString staffId = in.value(QStringLiteral("staff_id")).toString();
    if (!in.value(QStringLiteral("staff_id")).isString() || staffId.isEmpty() || staffId.size() > 64)
        return responder.send(invalid(QStringLiteral("staff_id"), QStringLiteral("must be a staff id (1–64 characters)")));
    if (!in.value(QStringLiteral("pin")).isString() || in.value(QStringLiteral("pin")).toString().size() > 64)
        return responder.send(invalid(QStringLiteral("pin"), QStringLiteral("must be a string")));
    const QJsonValue scopeValue = in.value(QStringLiteral("scope"));
    StaffScope scope = StaffScope::Full;
    if (!scopeValue.isUndefined() && !scopeValue.isNull()) {
        if (scopeValue.toString() != QLatin1String("rating"))
            return responder.send(invalid(QStringLiteral("scope"), QStringLiteral("must be \"rating\" or left out")));
        scope = StaffScope::Rating;
    }
    // The rate limit and the lock-out are checked here; the PIN is hashed on the service's worker
    // thread and the answer sent when it is done (DESIGN §16): the event loop, the kiosk's screen
    // and every other client go on meanwhile. A client gone by then is simply not answered.
    auto pending = std::make_shared<http::Responder>(std::move(responder));
    m_services.staff.signInAsync(SignInAttempt{windowAsked, staffId, in.value(QStringLiteral("pin")).toString(),
                                               request.remoteAddress().toString(), scope},
                                 &m_context, [pending](Result<StaffSession, SignInError> signedIn) {
                                     pending->send(signInAnswer(signedIn));
                                 });
}

http::Response ConsoleApi::signInAnswer(const Result<StaffSession, SignInError> &signedIn)
{
    if (!signedIn) {
        const SignInError &e = signedIn.error();
        switch (e.kind) {
        case SignInError::Kind::RateLimited: {
            Response r = error(Status::TooManyRequests, QStringLiteral("rate_limited"),
                               QStringLiteral("too many sign-in tries; try again in %1 s").arg(e.retryAfterS),
                               QJsonObject{{QStringLiteral("retry_after_s"), double(e.retryAfterS)}});
            r.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(e.retryAfterS));
            return r;
        }
        case SignInError::Kind::BadCredentials:
            return error(Status::Unauthorized, QStringLiteral("bad_credentials"), QStringLiteral("wrong staff id or PIN"));
        case SignInError::Kind::Locked: {
            Response r = error(Status::Locked, QStringLiteral("locked"),
                               QStringLiteral("too many wrong PINs; try again in %1 min").arg((e.retryAfterS + 59) / 60),
                               QJsonObject{{QStringLiteral("retry_after_s"), double(e.retryAfterS)}});
            r.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(e.retryAfterS));
            return r;
        }
        case SignInError::Kind::WrongWindow:
            return error(Status::Forbidden, QStringLiteral("wrong_window"), e.detail);
        case SignInError::Kind::UnknownWindow:
            return error(Status::NotFound, QStringLiteral("unknown_window"), e.detail);
        case SignInError::Kind::WindowRequired:
            return error(Status::BadRequest, QStringLiteral("window_required"), e.detail, QJsonObject{{QStringLiteral("field"), QStringLiteral("window")}});
        case SignInError::Kind::Store:
            break;
        }
        return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), e.detail);
    }
    const StaffSession &s = signedIn.value();
    QJsonArray windows;
    for (int w : s.windows)
        windows.append(w);
    return http::Response(QJsonObject{{QStringLiteral("token"), s.token},
                                      {QStringLiteral("expires_at"), s.expiresAt.toString(Qt::ISODate)},
                                      {QStringLiteral("role"), QString::fromLatin1(nameOf(s.role))},
                                      {QStringLiteral("windows"), windows},
                                      {QStringLiteral("window"), s.window ? QJsonValue(s.window) : QJsonValue()},
                                      {QStringLiteral("staff_id"), s.staffId},
                                      {QStringLiteral("staff_name"), s.staffName},
                                      {QStringLiteral("scope"), s.scope == StaffScope::Rating ? QStringLiteral("rating") : QStringLiteral("full")}});
}

http::Response ConsoleApi::windows(const http::Request &request)
{
    if (request.method() != http::Method::Get)
        return methodNotAllowed(request, "GET");
    auto auth = authorizeRole(request, {StaffMember::Role::Clerk, StaffMember::Role::Supervisor});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    QJsonArray out;
    for (const HallWindow &w : m_services.catalog.catalog().windows)
        out.append(m_hub.windowJson(w.number));
    return http::Response(out);
}

http::Response ConsoleApi::queue(const http::Request &request)
{
    if (request.method() != http::Method::Get)
        return methodNotAllowed(request, "GET");
    auto auth = authorizeRole(request, {StaffMember::Role::Clerk, StaffMember::Role::Supervisor});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    return http::Response(m_hub.queueJson());
}

http::Response ConsoleApi::windowResult(const Result<WindowState, QueueError> &result)
{
    if (result)
        return http::Response(m_hub.windowJson(result->number));
    const QueueError &e = result.error();
    const QString code = queueErrorCode(e.kind);
    switch (e.kind) {
    case QueueError::Kind::UnknownWindow:
        return error(Status::NotFound, code, e.detail);
    case QueueError::Kind::UnknownGroup:
        return error(Status::UnprocessableEntity, code, e.detail);
    case QueueError::Kind::Store:
    case QueueError::Kind::Offline:
        return error(Status::ServiceUnavailable, code, e.detail);
    default:
        return error(Status::Conflict, code, e.detail);
    }
}

http::Response ConsoleApi::windowAction(const QString &windowText, const QString &action, const http::Request &request)
{
    static const QStringList kActions{QStringLiteral("call-next"), QStringLiteral("recall"), QStringLiteral("start"),
                                      QStringLiteral("pass"),      QStringLiteral("finish"), QStringLiteral("pause"),
                                      QStringLiteral("resume"),    QStringLiteral("mode"),   QStringLiteral("transfer"),
                                      QStringLiteral("rating")};
    if (!kActions.contains(action))
        return error(Status::NotFound, QStringLiteral("not_found"),
                     QStringLiteral("no action \"%1\"; windows take %2").arg(action, kActions.join(QStringLiteral(", "))));
    const auto window = windowNumber(windowText);
    if (!window)
        return error(Status::NotFound, QStringLiteral("unknown_window"), QStringLiteral("\"%1\" is not a window number").arg(windowText));
    if (request.method() != http::Method::Post)
        return methodNotAllowed(request, "POST");
    if (!m_services.catalog.catalog().findWindow(*window))
        return error(Status::NotFound, QStringLiteral("unknown_window"), QStringLiteral("no window %1 in the catalog").arg(*window));
    // A token of scope `rating` passes here for the rating route alone (DESIGN §16).
    auto auth = webapi::authorize(m_services.staff, request, *window, action == QLatin1String("rating"));
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    const StaffSession session = std::get<StaffSession>(auth);
    if (action == QLatin1String("rating"))
        return rating(*window, session.scope == StaffScope::Rating ? RatingChannel::RatePage : RatingChannel::Console, request, session.staffId);

    auto body = jsonBody(request, true);
    if (auto *response = std::get_if<Response>(&body))
        return std::move(*response);
    const QJsonObject in = std::get<QJsonObject>(body);
    qCInfo(lcWeb).noquote() << "window" << *window << action << "by" << session.staffId;
    QueueService &q = m_services.queue;
    const QString actor = QStringLiteral("staff:") + session.staffId; // the audit log's actor (DESIGN §16)
    if (action == QLatin1String("call-next"))
        return windowResult(q.callNext(*window, actor));
    if (action == QLatin1String("recall"))
        return windowResult(q.recall(*window, actor));
    if (action == QLatin1String("start"))
        return windowResult(q.startServing(*window, actor));
    if (action == QLatin1String("pass"))
        return windowResult(q.pass(*window, actor));
    if (action == QLatin1String("finish"))
        return windowResult(q.finish(*window, actor));
    if (action == QLatin1String("pause"))
        return windowResult(q.pause(*window, actor));
    if (action == QLatin1String("resume"))
        return windowResult(q.resume(*window, actor));
    if (action == QLatin1String("mode")) {
        const QString mode = in.value(QStringLiteral("mode")).toString();
        if (mode == QLatin1String("normal"))
            return windowResult(q.setMode(*window, WindowMode::Normal, actor));
        if (mode == QLatin1String("booking"))
            return windowResult(q.setMode(*window, WindowMode::Booking, actor));
        return invalid(QStringLiteral("mode"), QStringLiteral("must be \"normal\" or \"booking\" (pause has its own route)"));
    }
    // transfer
    const QString group = in.value(QStringLiteral("group")).toString();
    if (!in.value(QStringLiteral("group")).isString() || group.isEmpty())
        return invalid(QStringLiteral("group"), QStringLiteral("must be the code of a group"));
    return windowResult(q.transfer(*window, group, actor));
}

http::Response ConsoleApi::rating(int window, RatingChannel channel, const http::Request &request, const QString &staffId)
{
    auto body = jsonBody(request);
    if (auto *response = std::get_if<Response>(&body))
        return std::move(*response);
    const QJsonObject in = std::get<QJsonObject>(body);
    const QString ticket = in.value(QStringLiteral("ticket")).toString();
    if (!in.value(QStringLiteral("ticket")).isString() || ticket.isEmpty() || ticket.size() > 64)
        return invalid(QStringLiteral("ticket"), QStringLiteral("must be the ticket's number or id"));
    const QJsonValue level = in.value(QStringLiteral("level"));
    if (!level.isDouble() || level.toDouble() != double(level.toInt()) || !isRatingLevel(level.toInt()))
        return invalid(QStringLiteral("level"), QStringLiteral("must be 1–5 (5 非常满意 … 1 非常不满意)"));
    const QJsonValue reason = in.value(QStringLiteral("reason"));
    if (!reason.isUndefined() && !reason.isNull() && !reason.isString())
        return invalid(QStringLiteral("reason"), QStringLiteral("must be text"));
    if (reason.toString().size() > RatingService::kMaxReasonLength)
        return invalid(QStringLiteral("reason"), QStringLiteral("at most %1 characters").arg(RatingService::kMaxReasonLength));
    // Seed 004 §四: the matter handled, beside the hall's service (optional).
    const QJsonValue matter = in.value(QStringLiteral("matter_level"));
    std::optional<int> matterLevel;
    if (!matter.isUndefined() && !matter.isNull()) {
        if (!matter.isDouble() || matter.toDouble() != double(matter.toInt()) || !isRatingLevel(matter.toInt()))
            return invalid(QStringLiteral("matter_level"), QStringLiteral("must be 1–5 (5 非常满意 … 1 非常不满意)"));
        matterLevel = matter.toInt();
    }
    auto rated = m_services.ratings.rate(window, ticket, level.toInt(), reason.toString(), channel, matterLevel, staffId);
    if (rated)
        return http::Response(consoleJson::rating(rated.value()), Status::Created);
    const RatingError &e = rated.error();
    switch (e.kind) {
    case RatingError::Kind::AlreadyRated:
        return error(Status::Conflict, QStringLiteral("already_rated"), e.detail);
    case RatingError::Kind::ReasonRequired:
        return error(Status::UnprocessableEntity, QStringLiteral("reason_required"), QStringLiteral("不满意和非常不满意需要填写原因 / a reason is required"));
    case RatingError::Kind::NotLastTicket:
        return error(Status::Conflict, QStringLiteral("not_last_ticket"), e.detail);
    case RatingError::Kind::TooLate:
        return error(Status::Conflict, QStringLiteral("rating_too_late"), e.detail);
    case RatingError::Kind::NotServed:
        return error(Status::Conflict, QStringLiteral("not_served"), e.detail);
    case RatingError::Kind::UnknownTicket:
        return error(Status::NotFound, QStringLiteral("unknown_ticket"), e.detail);
    case RatingError::Kind::BadLevel:
        return invalid(QStringLiteral("level"), e.detail);
    case RatingError::Kind::Store:
        break;
    }
    return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), e.detail);
}

http::Response ConsoleApi::complaints(const http::Request &request)
{
    if (request.method() != http::Method::Get)
        return methodNotAllowed(request, "GET");
    auto auth = authorizeRole(request, {StaffMember::Role::Supervisor});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    const QUrlQuery query = request.query();
    const QString state = query.queryItemValue(QStringLiteral("state"));
    ComplaintService::Filter filter = ComplaintService::Filter::All;
    if (state == QLatin1String("open"))
        filter = ComplaintService::Filter::Open;
    else if (state == QLatin1String("overdue"))
        filter = ComplaintService::Filter::Overdue;
    else if (state == QLatin1String("closed"))
        filter = ComplaintService::Filter::Closed;
    else if (query.hasQueryItem(QStringLiteral("state")))
        return invalid(QStringLiteral("state"), QStringLiteral("must be open, overdue or closed (or left out for all)"));
    ComplaintService &service = m_services.complaints;
    auto cases = service.cases(filter);
    if (!cases)
        return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), cases.error().detail);
    QJsonArray out;
    for (const ComplaintRecord &c : cases.value())
        out.append(consoleJson::complaint(c, service.isOverdue(c), m_services.catalog.centerTime().zone()));
    return http::Response(out);
}

http::Response ConsoleApi::complaintStep(const QString &id, const QString &stepText, const http::Request &request)
{
    static const QStringList kSteps{QStringLiteral("contacted"), QStringLiteral("rectified"), QStringLiteral("closed")};
    if (!kSteps.contains(stepText))
        return error(Status::NotFound, QStringLiteral("not_found"),
                     QStringLiteral("no step \"%1\"; a complaint takes %2").arg(stepText, kSteps.join(QStringLiteral(", "))));
    if (request.method() != http::Method::Post)
        return methodNotAllowed(request, "POST");
    auto auth = authorizeRole(request, {StaffMember::Role::Supervisor});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    const StaffSession session = std::get<StaffSession>(auth);
    auto body = jsonBody(request);
    if (auto *response = std::get_if<Response>(&body))
        return std::move(*response);
    const QJsonObject in = std::get<QJsonObject>(body);
    const QJsonValue note = in.value(QStringLiteral("note"));
    if (!note.isString())
        return invalid(QStringLiteral("note"), QStringLiteral("must be text (what was done; may be empty)"));
    if (note.toString().size() > ComplaintService::kMaxNoteLength)
        return invalid(QStringLiteral("note"), QStringLiteral("at most %1 characters").arg(ComplaintService::kMaxNoteLength));
    const ComplaintStep step = *complaintStepFromString(stepText.toStdString());
    const QJsonValue outcomeValue = in.value(QStringLiteral("outcome"));
    std::optional<ComplaintOutcome> outcome;
    if (!outcomeValue.isUndefined() && !outcomeValue.isNull()) {
        outcome = outcomeValue.isString() ? complaintOutcomeFromString(outcomeValue.toString().toStdString()) : std::nullopt;
        if (!outcome)
            return invalid(QStringLiteral("outcome"), QStringLiteral("must be on_the_spot, no_problem or resolved"));
        if (step != ComplaintStep::Closed)
            return invalid(QStringLiteral("outcome"), QStringLiteral("only closed takes an outcome"));
    }
    ComplaintService &service = m_services.complaints;
    auto recorded = service.record(id, step, outcome, note.toString(), session.staffId);
    if (recorded)
        return http::Response(consoleJson::complaint(recorded.value(), service.isOverdue(recorded.value()),
                                                          m_services.catalog.centerTime().zone()));
    const ComplaintError &e = recorded.error();
    switch (e.kind) {
    case ComplaintError::Kind::UnknownCase:
        return error(Status::NotFound, QStringLiteral("unknown_complaint"), e.detail);
    case ComplaintError::Kind::WrongStep:
        return error(Status::Conflict, QStringLiteral("wrong_step"), e.detail);
    case ComplaintError::Kind::Store:
        break;
    }
    return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), e.detail);
}

http::Response ConsoleApi::takeHelp(const QString &id, const http::Request &request)
{
    if (request.method() != http::Method::Post)
        return methodNotAllowed(request, "POST");
    auto auth = authorizeRole(request, {StaffMember::Role::Clerk, StaffMember::Role::Supervisor});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    const StaffSession session = std::get<StaffSession>(auth);
    if (!m_services.help.take(id, session.staffId, session.window ? std::optional<int>(session.window) : std::nullopt))
        return error(Status::NotFound, QStringLiteral("unknown_help"), QStringLiteral("no pending help request %1 (taken already?)").arg(id));
    qCInfo(lcWeb).noquote() << "help request" << escapedForLog(id) << "taken by" << session.staffId << "at window" << session.window;
    return http::Response(QJsonObject{{QStringLiteral("id"), id},
                                           {QStringLiteral("taken_by"), session.staffId},
                                           {QStringLiteral("window"), session.window ? QJsonValue(session.window) : QJsonValue()}});
}

http::Response ConsoleApi::report(const QString &kind, const http::Request &request)
{
    if (kind != QLatin1String("day") && kind != QLatin1String("range"))
        return error(Status::NotFound, QStringLiteral("not_found"), QStringLiteral("no report %1; there are day and range").arg(kind.left(40)));
    if (request.method() != http::Method::Get)
        return methodNotAllowed(request, "GET");
    auto auth = authorizeRole(request, {StaffMember::Role::Supervisor});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    if (!m_services.reports)
        return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), QStringLiteral("this terminal serves no reports"));
    const QUrlQuery query(request.url());
    const auto dateParameter = [&query](const QString &name) -> std::variant<CivilDate, Response> {
        const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
        if (text.isEmpty())
            return invalid(name, QStringLiteral("missing; send a date as YYYY-MM-DD"));
        const auto date = text.size() == 10 ? CivilDate::parse(text.toStdString()) : std::nullopt;
        if (!date)
            return invalid(name, QStringLiteral("'%1' is not a date YYYY-MM-DD").arg(text.left(20)));
        return *date;
    };
    const QString format = query.queryItemValue(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv"))
        return invalid(QStringLiteral("format"), QStringLiteral("must be json or csv"));
    const bool day = kind == QLatin1String("day");
    CivilDate dates[2];
    int i = 0;
    for (const QString &name : day ? QStringList{QStringLiteral("date")} : QStringList{QStringLiteral("from"), QStringLiteral("to")}) {
        auto parsed = dateParameter(name);
        if (auto *response = std::get_if<Response>(&parsed))
            return std::move(*response);
        dates[i++] = std::get<CivilDate>(parsed);
    }
    if (day)
        dates[1] = dates[0];
    if (!day && dates[1] < dates[0])
        return invalid(QStringLiteral("to"), QStringLiteral("%1 is before from (%2)")
                                                 .arg(QString::fromStdString(dates[1].toString()), QString::fromStdString(dates[0].toString())));
    const auto rows = format == QLatin1String("csv") ? ReportService::Rows::Included : ReportService::Rows::Excluded;
    auto report = day ? m_services.reports->day(dates[0], rows) : m_services.reports->range(dates[0], dates[1], rows);
    if (!report) {
        if (report.error().kind == ReportError::Kind::BadRange)
            return invalid(day ? QStringLiteral("date") : QStringLiteral("to"), report.error().detail);
        return error(Status::ServiceUnavailable, QStringLiteral("store_unavailable"), report.error().detail);
    }
    if (format == QLatin1String("csv")) {
        const QString name = day ? QStringLiteral("report-%1.csv").arg(QString::fromStdString(dates[0].toString()))
                                 : QStringLiteral("report-%1-%2.csv").arg(QString::fromStdString(dates[0].toString()),
                                                                          QString::fromStdString(dates[1].toString()));
        http::Response r(QByteArrayLiteral("text/csv; charset=utf-8"), reportCsv(report.value().rows));
        r.setHeader(QByteArrayLiteral("Content-Disposition"), QByteArrayLiteral("attachment; filename=\"") + name.toLatin1() + '"');
        r.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        return r;
    }
    http::Response r(day ? dayReportJson(report.value().total) : rangeReportJson(report.value().total, report.value().days));
    r.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")); // figures of a day still open change
    return r;
}

} // namespace hk

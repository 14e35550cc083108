#include "ui/web/maintenance_api.h"

#include "app/services/maintenance/maintenance_json.h"
#include "app/services/maintenance/maintenance_service.h"
#include "app/services/staff/staff_session_service.h"
#include "ui/web/api_response.h"
#include "ui/web/logging.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace hk {

namespace {

using namespace webapi;
using Method = http::Method;

http::Response failure(const MaintenanceError &e)
{
    switch (e.kind) {
    case MaintenanceError::Kind::NotFound:
        return error(Status::NotFound, QStringLiteral("not_found"), e.message);
    case MaintenanceError::Kind::Invalid:
        return error(Status::UnprocessableEntity, QStringLiteral("invalid"), e.message);
    case MaintenanceError::Kind::Unavailable:
        return error(Status::ServiceUnavailable, QStringLiteral("unavailable"), e.message);
    case MaintenanceError::Kind::Failed:
        break;
    }
    return error(Status::InternalServerError, QStringLiteral("failed"), e.message);
}

} // namespace

MaintenanceApi::MaintenanceApi(MaintenanceService &maintenance, StaffSessionService &staff)
    : m_maintenance(maintenance)
    , m_staff(staff)
{
}

void MaintenanceApi::addRoutes(http::Router &server)
{
    server.route(QStringLiteral("/api/v1/maintenance/<arg>"), [this](const QStringList &a, const http::Request &r) { return handle(a.at(0), r); });
    server.route(QStringLiteral("/api/v1/maintenance/<arg>/<arg>"), [this](const QStringList &a, const http::Request &r) {
        return handle(a.at(0) + QLatin1Char('/') + a.at(1), r);
    });
}

http::Response MaintenanceApi::handle(const QString &path, const http::Request &request)
{
    // The role first: nobody but a technician learns even which routes exist here.
    auto auth = authorizeRole(m_staff, request, {StaffMember::Role::Technician});
    if (auto *response = std::get_if<Response>(&auth))
        return std::move(*response);
    const QString actor = QStringLiteral("technician:%1").arg(std::get<StaffSession>(auth).staffId);
    const bool get = request.method() == Method::Get;
    const bool post = request.method() == Method::Post;
    if (path == QLatin1String("devices"))
        return get ? devices() : methodNotAllowed(request, "GET");
    if (path == QLatin1String("frames"))
        return get ? frames(request) : methodNotAllowed(request, "GET");
    if (path.startsWith(QLatin1String("test/")))
        return post ? test(path.mid(5), actor, request) : methodNotAllowed(request, "POST");
    if (path.startsWith(QLatin1String("sync/")))
        return post ? sync(path.mid(5), actor) : methodNotAllowed(request, "POST");
    if (path == QLatin1String("day-close"))
        return post ? dayClose(actor, request) : methodNotAllowed(request, "POST");
    if (path == QLatin1String("audit/verify"))
        return get ? auditVerify() : methodNotAllowed(request, "GET");
    if (path == QLatin1String("diagnostics"))
        return get ? diagnostics(actor) : methodNotAllowed(request, "GET");
    return error(Status::NotFound, QStringLiteral("not_found"),
                 QStringLiteral("no maintenance route %1 (devices, frames, test/printer|board|voice, sync/pull|push, day-close, "
                                "audit/verify, diagnostics)")
                     .arg(path.left(60)));
}

http::Response MaintenanceApi::devices()
{
    return http::Response(maintenanceDevicesJson(m_maintenance.devices()));
}

http::Response MaintenanceApi::frames(const http::Request &request)
{
    const QUrlQuery query(request.url());
    const QString device = query.queryItemValue(QStringLiteral("device"));
    if (device.isEmpty())
        return invalid(QStringLiteral("device"), QStringLiteral("missing; one of printer, idcard, scanner, hallbus"));
    int limit = DeviceTrace::kCapacity;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > DeviceTrace::kCapacity)
            return invalid(QStringLiteral("limit"), QStringLiteral("a whole number from 1 to %1").arg(DeviceTrace::kCapacity));
    }
    auto frames = m_maintenance.frames(device.left(40), limit);
    if (!frames)
        return failure(frames.error());
    QJsonArray out;
    for (const DeviceFrame &f : frames.value()) {
        out.append(QJsonObject{{QStringLiteral("at"), f.at.toString(Qt::ISODateWithMs)},
                               {QStringLiteral("dir"), f.dir == DeviceFrame::Dir::Tx ? QStringLiteral("tx") : QStringLiteral("rx")},
                               {QStringLiteral("hex"), QString::fromLatin1(f.bytes.toHex(' '))},
                               {QStringLiteral("size"), qint64(f.size)}});
    }
    return http::Response(out);
}

http::Response MaintenanceApi::test(const QString &what, const QString &actor, const http::Request &request)
{
    auto body = jsonBody(request, true);
    if (auto *response = std::get_if<Response>(&body))
        return std::move(*response);
    const QJsonObject in = std::get<QJsonObject>(body);
    const QJsonValue text = in.value(QStringLiteral("text"));
    if (!text.isUndefined() && !text.isNull() && (!text.isString() || text.toString().size() > 200))
        return invalid(QStringLiteral("text"), QStringLiteral("must be text of at most 200 characters"));
    if (what == QLatin1String("printer")) {
        // Queued behind any ticket printing now; the outcome shows in /maintenance/devices.
        auto refused = std::make_shared<std::optional<MaintenanceError>>();
        auto answered = std::make_shared<bool>(false);
        m_maintenance.testPrinter(actor, [refused, answered, actor](Result<void, MaintenanceError> printed) {
            if (!*answered && !printed)
                *refused = printed.error(); // it could not even be queued: said in this answer
            if (*answered)
                qCInfo(lcWeb).noquote() << "test ticket for" << actor << (printed ? QStringLiteral("printed") : printed.error().message);
        });
        *answered = true;
        if (*refused)
            return failure(**refused);
        return http::Response(QJsonObject{{QStringLiteral("status"), QStringLiteral("printing")}}, Status::Accepted);
    }
    if (what == QLatin1String("board")) {
        const QJsonValue window = in.value(QStringLiteral("window"));
        if (!window.isDouble() || window.toDouble() != double(window.toInt()) || window.toInt() < 1)
            return invalid(QStringLiteral("window"), QStringLiteral("must be a window number"));
        auto shown = m_maintenance.testBoard(window.toInt(), text.toString(), actor);
        if (!shown)
            return failure(shown.error());
        return http::Response(QJsonObject{{QStringLiteral("window"), window.toInt()}, {QStringLiteral("status"), QStringLiteral("shown")}});
    }
    if (what == QLatin1String("voice")) {
        auto refused = std::make_shared<std::optional<MaintenanceError>>();
        auto answered = std::make_shared<bool>(false);
        m_maintenance.testVoice(text.toString(), actor, [refused, answered](Result<void, MaintenanceError> said) {
            if (!*answered && !said)
                *refused = said.error();
        });
        *answered = true;
        if (*refused)
            return failure(**refused);
        return http::Response(QJsonObject{{QStringLiteral("status"), QStringLiteral("speaking")}}, Status::Accepted);
    }
    return error(Status::NotFound, QStringLiteral("not_found"), QStringLiteral("no test %1 (printer, board, voice)").arg(what.left(40)));
}

http::Response MaintenanceApi::sync(const QString &what, const QString &actor)
{
    Result<void, MaintenanceError> asked = fail(MaintenanceError{MaintenanceError::Kind::NotFound,
                                                                 QStringLiteral("no sync/%1 (pull, push)").arg(what.left(40))});
    if (what == QLatin1String("pull"))
        asked = m_maintenance.pullNow(actor);
    else if (what == QLatin1String("push"))
        asked = m_maintenance.pushNow(actor);
    if (!asked)
        return failure(asked.error());
    return http::Response(QJsonObject{{QStringLiteral("status"), QStringLiteral("started")}}, Status::Accepted);
}

http::Response MaintenanceApi::dayClose(const QString &actor, const http::Request &request)
{
    auto body = jsonBody(request);
    if (auto *response = std::get_if<Response>(&body))
        return std::move(*response);
    const QString text = std::get<QJsonObject>(body).value(QStringLiteral("date")).toString();
    const auto date = text.size() == 10 ? CivilDate::parse(text.toStdString()) : std::nullopt;
    if (!date)
        return invalid(QStringLiteral("date"), QStringLiteral("must be a date YYYY-MM-DD"));
    auto closed = m_maintenance.closeDay(*date, actor);
    if (!closed) {
        if (closed.error().kind == MaintenanceError::Kind::Invalid)
            return error(Status::Conflict, QStringLiteral("not_closable"), closed.error().message);
        return failure(closed.error());
    }
    return http::Response(QJsonObject{{QStringLiteral("date"), text},
                                           {QStringLiteral("expired"), closed->expired},
                                           {QStringLiteral("served"), closed->served},
                                           {QStringLiteral("no_shows"), closed->noShows}});
}

http::Response MaintenanceApi::auditVerify()
{
    auto checked = m_maintenance.verifyAudit();
    if (!checked)
        return failure(checked.error());
    QJsonObject out{{QStringLiteral("ok"), checked->intact()}, {QStringLiteral("rows"), checked->rows}};
    if (checked->firstBadSeq) {
        out.insert(QStringLiteral("first_bad"), *checked->firstBadSeq);
        out.insert(QStringLiteral("problem"), checked->problem);
    }
    return http::Response(out);
}

http::Response MaintenanceApi::diagnostics(const QString &actor)
{
    const QByteArray bundle = m_maintenance.diagnosticsBundle();
    if (bundle.isEmpty())
        return error(Status::ServiceUnavailable, QStringLiteral("unavailable"), QStringLiteral("the diagnostics bundle could not be made"));
    const QString name = QStringLiteral("hallkiosk-%1-diagnostics.tar.gz").arg(m_maintenance.system().terminal);
    qCInfo(lcWeb).noquote() << "diagnostics bundle downloaded by" << actor << "(" << bundle.size() << "bytes)";
    http::Response r(QByteArrayLiteral("application/gzip"), bundle);
    r.setHeader(QByteArrayLiteral("Content-Disposition"), QByteArrayLiteral("attachment; filename=\"") + name.toLatin1() + '"');
    r.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return r;
}

} // namespace hk

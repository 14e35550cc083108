#include "platform/sim/reference_platform.h"

#include "app/config/catalog_parser.h"
#include "app/domain/booking/booking_rules.h"
#include "app/domain/booking/booking_token.h"
#include "app/services/checkin/applicant_identity.h"
#include "platform/platform_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace hk {
namespace {

QString text(std::string_view s)
{
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}

QString maskPhone(const QString &phone)
{
    const QString p = phone.trimmed();
    if (p.size() < 7)
        return QString(p.size(), QLatin1Char('*'));
    return p.left(3) + QString(p.size() - 7, QLatin1Char('*')) + p.right(4);
}

bool isIdNumber(const QString &id)
{
    static const QRegularExpression kId(QStringLiteral("^(\\d{17}[\\dXx]|\\d{15})$"));
    return kId.match(id.trimmed()).hasMatch();
}

const QSet<QString> &eventTypes()
{
    static const QSet<QString> kTypes{
        QStringLiteral("ticket_issued"),    QStringLiteral("booking_checked_in"), QStringLiteral("ticket_called"),
        QStringLiteral("ticket_recalled"),  QStringLiteral("ticket_passed"),      QStringLiteral("ticket_served"),
        QStringLiteral("booking_forfeited"), QStringLiteral("booking_no_show"),   QStringLiteral("rating"),
        QStringLiteral("window_mode_changed"), QStringLiteral("ticket_started"),  QStringLiteral("ticket_transferred"),
        QStringLiteral("ticket_expired"),   QStringLiteral("ticket_requeued"),    QStringLiteral("help_requested"),
        QStringLiteral("device_fault"),     QStringLiteral("ticket_cancelled"),   QStringLiteral("complaint_updated"),
        QStringLiteral("audit_checkpoint"),
    };
    return kTypes;
}

QString newBookingId()
{
    // Booking ids travel inside QR tokens: letters, digits, - and _ only (DESIGN §6).
    return QStringLiteral("BK") + QUuid::createUuid().toString(QUuid::Id128).left(16).toUpper();
}

} // namespace

ApiReply ApiReply::error(int status, const QString &code, const QString &message)
{
    return ApiReply{status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}};
}

ReferencePlatform::ReferencePlatform(SimStore &store, PlatformKeys &keys, const Clock &clock)
    : m_store(store)
    , m_keys(keys)
    , m_clock(clock)
    , m_calendar(m_catalog)
{
}

Result<void, QString> ReferencePlatform::loadCatalog(const QByteArray &fallbackJson)
{
    if (auto stored = m_store.meta(QStringLiteral("catalog_json")))
        return setCatalog(stored->toUtf8());
    return setCatalog(fallbackJson);
}

Result<void, QString> ReferencePlatform::setCatalog(const QByteArray &json)
{
    auto parsed = CatalogParser::parse(json);
    if (!parsed) {
        QStringList problems;
        for (const ConfigError &e : parsed.error())
            problems << e.toString();
        return fail(QStringLiteral("catalog: %1").arg(problems.join(QStringLiteral("; "))));
    }
    m_catalog = parsed->catalog;
    m_catalogJson = QJsonDocument::fromJson(json).object();
    m_calendar = WorkingCalendar(m_catalog);
    m_time = CenterTime::forCenter(m_catalog.center);
    return m_store.setMeta(QStringLiteral("catalog_json"), QString::fromUtf8(QJsonDocument(m_catalogJson).toJson(QJsonDocument::Compact)));
}

std::optional<ApiReply> ReferencePlatform::wrongCenter(const QString &center) const
{
    if (center == QString::fromStdString(m_catalog.center.id))
        return std::nullopt;
    return ApiReply::error(404, QStringLiteral("unknown_center"), QStringLiteral("this platform serves center %1")
                                                                     .arg(QString::fromStdString(m_catalog.center.id)));
}

QJsonObject ReferencePlatform::bookingJson(const BookingRecord &booking) const
{
    BookingRecord b = booking;
    b.slotStart = m_time.toLocal(b.slotStart);
    b.slotEnd = m_time.toLocal(b.slotEnd);
    return platform_json::bookingToJson(b);
}

QString ReferencePlatform::tokenFor(const BookingRecord &b) const
{
    BookingToken token;
    token.center = m_catalog.center.id;
    token.bookingId = b.id.toStdString();
    token.matter = b.matterCode.toStdString();
    token.slotStartUnix = b.slotStart.toSecsSinceEpoch();
    // DESIGN §6: the code expires when the booking lapses, 30 minutes after the slot starts.
    token.expiresUnix = token.slotStartUnix + qint64(m_catalog.rules.lateForfeitMinutes) * 60;
    token.signature = m_keys.signingKey().sign(QByteArray::fromStdString(token.signedText())).toStdString();
    return QString::fromStdString(token.format());
}

ApiReply ReferencePlatform::catalogReply(const QString &center) const
{
    if (auto wrong = wrongCenter(center))
        return *wrong;
    return ApiReply{200, m_catalogJson};
}

ApiReply ReferencePlatform::bookingsReply(const QString &center, const QUrlQuery &query)
{
    if (auto wrong = wrongCenter(center))
        return *wrong;
    qint64 since = 0;
    if (query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        since = query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        if (!ok || since < 0)
            return ApiReply::error(400, QStringLiteral("bad_cursor"), QStringLiteral("since must be a cursor this platform gave"));
    }
    int limit = 100;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1)
            return ApiReply::error(400, QStringLiteral("bad_limit"), QStringLiteral("limit must be a positive integer"));
        limit = std::min(limit, kMaxPage);
    }
    const SimStore::Page page = m_store.changesSince(since, limit);
    QJsonArray bookings;
    for (const BookingRecord &b : page.bookings)
        bookings.append(bookingJson(b));
    return ApiReply{200, QJsonObject{{QStringLiteral("bookings"), bookings},
                                     {QStringLiteral("cursor"), QString::number(page.lastSeq)},
                                     {QStringLiteral("more"), page.more}}};
}

ApiReply ReferencePlatform::slotsReply(const QString &center, const QUrlQuery &query)
{
    if (auto wrong = wrongCenter(center))
        return *wrong;
    const auto date = CivilDate::parse(query.queryItemValue(QStringLiteral("date")).toStdString());
    if (!date)
        return ApiReply::error(400, QStringLiteral("bad_request"), QStringLiteral("date must be YYYY-MM-DD"));
    const Matter *matter = m_catalog.findMatter(query.queryItemValue(QStringLiteral("matter")).toStdString());
    if (!matter)
        return ApiReply::error(400, QStringLiteral("unknown_matter"), QStringLiteral("no such matter in the catalog"));
    const Group *group = m_catalog.findGroup(matter->group);
    QJsonArray slots;
    for (const Slot &slot : m_calendar.slots(*date)) {
        const QDateTime start = m_time.instantOf(*date, slot.start);
        const QDateTime end = m_time.instantOf(*date, slot.end);
        slots.append(QJsonObject{
            {QStringLiteral("start"), m_time.toLocal(start).toString(Qt::ISODate)},
            {QStringLiteral("end"), m_time.toLocal(end).toString(Qt::ISODate)},
            {QStringLiteral("capacity"), matter->bookable && group ? group->slotCapacity : 0},
            {QStringLiteral("booked"), group ? m_store.activeBookings(QString::fromStdString(group->code), start.toSecsSinceEpoch()) : 0},
        });
    }
    return ApiReply{200, QJsonObject{{QStringLiteral("slots"), slots}}};
}

Result<PlacedBooking, ApiReply> ReferencePlatform::place(const NewBookingRequest &request, const QDateTime &now)
{
    const Matter *matter = m_catalog.findMatter(request.matterCode.toStdString());
    if (!matter)
        return fail(ApiReply::error(400, QStringLiteral("unknown_matter"), QStringLiteral("no such matter in the catalog")));
    const Group *group = m_catalog.findGroup(matter->group);
    if (!group)
        return fail(ApiReply::error(500, QStringLiteral("catalog"), QStringLiteral("the matter's group is missing")));
    const auto channel = bookingChannelFromString(request.channel.toStdString());
    if (!channel)
        return fail(ApiReply::error(400, QStringLiteral("bad_request"), QStringLiteral("unknown channel")));
    if (!isIdNumber(request.applicant.idNumber) || request.applicant.name.trimmed().isEmpty())
        return fail(ApiReply::error(400, QStringLiteral("bad_applicant"), QStringLiteral("an ID number (18 characters) and a name are needed")));

    const QString digest = identity::idDigest(m_keys.matchKey(), request.applicant.idNumber);
    std::vector<ApplicantBooking> held;
    for (const BookingRecord &b : m_store.bookingsOf(digest))
        held.push_back({m_time.localOf(b.slotStart), b.status});
    const LocalDateTime slotStart = m_time.localOf(request.slotStart);
    const QString groupCode = QString::fromStdString(group->code);
    const SlotLoad load{group->slotCapacity, m_store.activeBookings(groupCode, request.slotStart.toSecsSinceEpoch())};
    BookingRequest rule{*channel, slotStart, matter->bookable, request.emergency};
    auto allowed = evaluateBooking(rule, held, load, m_calendar, m_catalog.rules, m_time.localOf(now));
    if (!allowed)
        return fail(ApiReply::error(409, text(codeOf(allowed.error())), QStringLiteral("refused by the booking rules")));

    const auto slot = m_calendar.slotAt(slotStart.date(), slotStart.minuteOfDay());
    BookingRecord b;
    b.id = newBookingId();
    b.version = 1;
    b.status = BookingState::Booked;
    b.matterCode = request.matterCode;
    b.groupCode = groupCode;
    b.slotStart = m_time.toLocal(request.slotStart);
    b.slotEnd = m_time.toLocal(slot ? m_time.instantOf(slotStart.date(), slot->end)
                                    : request.slotStart.addSecs(qint64(m_catalog.rules.slotMinutes) * 60));
    b.channel = request.channel;
    b.nameMasked = identity::maskName(request.applicant.name);
    b.idDigest = digest;
    b.idMasked = identity::maskIdNumber(request.applicant.idNumber);
    b.phoneMasked = maskPhone(request.applicant.phone);
    if (auto stored = m_store.insertBooking(b); !stored)
        return fail(ApiReply::error(500, QStringLiteral("store"), stored.error()));
    return PlacedBooking{b, tokenFor(b)};
}

ApiReply ReferencePlatform::createReply(const QString &center, const QByteArray &body)
{
    if (auto wrong = wrongCenter(center))
        return *wrong;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    NewBookingRequest request;
    request.matterCode = json.value(QStringLiteral("matter")).toString();
    const auto slotStart = platform_json::parseInstant(json.value(QStringLiteral("slot_start")));
    if (request.matterCode.isEmpty() || !slotStart)
        return ApiReply::error(400, QStringLiteral("bad_request"), QStringLiteral("matter and slot_start (ISO 8601 with an offset) are needed"));
    request.slotStart = *slotStart;
    request.channel = json.value(QStringLiteral("channel")).toString(QStringLiteral("online"));
    const QJsonObject applicant = json.value(QStringLiteral("applicant")).toObject();
    request.applicant = {applicant.value(QStringLiteral("id_number")).toString(), applicant.value(QStringLiteral("name")).toString(),
                         applicant.value(QStringLiteral("phone")).toString()};
    // DESIGN §6: a repeated request_id returns the booking it made — the first answer may have
    // been lost on the way — and books nothing more. The booking and its request id are kept in one
    // transaction, so a platform killed between the two leaves neither.
    const QString requestId = json.value(QStringLiteral("request_id")).toString();
    if (!requestId.isEmpty()) {
        if (const auto made = m_store.bookingOfRequest(requestId)) {
            const auto booking = m_store.booking(*made);
            if (!booking)
                return ApiReply::error(500, QStringLiteral("store"), QStringLiteral("the request's booking is missing"));
            QJsonObject reply = bookingJson(*booking);
            reply.insert(QStringLiteral("qr_token"), tokenFor(*booking));
            return ApiReply{201, reply};
        }
    }
    if (auto begun = m_store.begin(); !begun)
        return ApiReply::error(500, QStringLiteral("store"), begun.error());
    auto placed = place(request, m_clock.now());
    if (!placed) {
        m_store.rollback();
        return placed.error();
    }
    if (!requestId.isEmpty()) {
        if (auto linked = m_store.linkRequest(requestId, placed->booking.id); !linked) {
            m_store.rollback();
            return ApiReply::error(500, QStringLiteral("store"), linked.error());
        }
    }
    if (auto committed = m_store.commit(); !committed)
        return ApiReply::error(500, QStringLiteral("store"), committed.error());
    QJsonObject reply = bookingJson(placed->booking);
    reply.insert(QStringLiteral("qr_token"), placed->qrToken);
    return ApiReply{201, reply};
}

Result<BookingRecord, ApiReply> ReferencePlatform::cancel(const QString &bookingId, const QDateTime &now)
{
    const auto booking = m_store.booking(bookingId);
    if (!booking)
        return fail(ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("no such booking")));
    auto allowed = evaluateCancel(booking->status, m_time.localOf(booking->slotStart), m_catalog.rules, m_time.localOf(now));
    if (!allowed)
        return fail(ApiReply::error(409, text(codeOf(allowed.error())), QStringLiteral("the booking cannot be cancelled now")));
    auto cancelled = m_store.setStatus(bookingId, BookingState::Cancelled);
    if (!cancelled)
        return fail(ApiReply::error(500, QStringLiteral("store"), cancelled.error()));
    return cancelled.value();
}

ApiReply ReferencePlatform::cancelReply(const QString &bookingId)
{
    auto cancelled = cancel(bookingId, m_clock.now());
    if (!cancelled)
        return cancelled.error();
    return ApiReply{200, bookingJson(cancelled.value())};
}

QString ReferencePlatform::validateEvent(const QString &type, const QJsonObject &data) const
{
    const auto has = [&data](const char *key) { return data.contains(QLatin1String(key)) && !data.value(QLatin1String(key)).isNull(); };
    const auto hasAll = [&has](std::initializer_list<const char *> keys) {
        return std::all_of(keys.begin(), keys.end(), [&has](const char *k) { return has(k); });
    };
    bool ok = true;
    if (type == QLatin1String("ticket_issued")) {
        const QString kind = data.value(QStringLiteral("kind")).toString();
        ok = hasAll({"ticket", "kind", "group"}) && (kind == QLatin1String("walkin") || (kind == QLatin1String("booked") && has("booking_id")));
    } else if (type == QLatin1String("booking_checked_in")) {
        ok = hasAll({"booking_id", "ticket"});
    } else if (type == QLatin1String("ticket_called") || type == QLatin1String("ticket_recalled") ||
               type == QLatin1String("ticket_passed") || type == QLatin1String("ticket_started")) {
        ok = hasAll({"ticket", "window"});
    } else if (type == QLatin1String("ticket_served")) {
        ok = hasAll({"ticket", "window", "service_seconds"});
    } else if (type == QLatin1String("booking_forfeited") || type == QLatin1String("booking_no_show")) {
        ok = has("booking_id");
    } else if (type == QLatin1String("rating")) {
        const int level = data.value(QStringLiteral("level")).toInt();
        const bool followUp = data.value(QStringLiteral("follow_up")).toBool();
        // matter_level (seed 004 §四) is optional; a 差评 of either level needs a reason or follow-up.
        const int matterLevel = has("matter_level") ? data.value(QStringLiteral("matter_level")).toInt() : 5;
        ok = hasAll({"ticket", "window", "level"}) && level >= 1 && level <= 5 && matterLevel >= 1 && matterLevel <= 5 &&
             data.value(QStringLiteral("follow_up")).isBool() && ((level > 2 && matterLevel > 2) || followUp || has("reason"));
    } else if (type == QLatin1String("window_mode_changed")) {
        const QString mode = data.value(QStringLiteral("mode")).toString();
        ok = has("window") && (mode == QLatin1String("normal") || mode == QLatin1String("booking") || mode == QLatin1String("paused"));
    } else if (type == QLatin1String("ticket_transferred")) {
        ok = hasAll({"ticket", "from_group", "to_group"});
    } else if (type == QLatin1String("ticket_expired") || type == QLatin1String("ticket_requeued")) {
        ok = has("ticket");
    } else if (type == QLatin1String("help_requested")) {
        ok = has("terminal");
    } else if (type == QLatin1String("device_fault")) {
        ok = hasAll({"device", "state", "detail"});
    } else if (type == QLatin1String("ticket_cancelled")) {
        ok = hasAll({"ticket", "reason"});
    } else if (type == QLatin1String("audit_checkpoint")) {
        // DESIGN §16: the audit chain's row count and its last hash (64 lowercase hex).
        static const QRegularExpression kHash(QStringLiteral("^[0-9a-f]{64}$"));
        const QJsonValue rows = data.value(QStringLiteral("rows"));
        ok = rows.isDouble() && rows.toDouble() >= 0 && rows.toDouble() == double(qint64(rows.toDouble())) &&
             kHash.match(data.value(QStringLiteral("head")).toString()).hasMatch();
    } else if (type == QLatin1String("complaint_updated")) {
        static const QStringList kSteps{QStringLiteral("opened"), QStringLiteral("contacted"), QStringLiteral("rectified"),
                                        QStringLiteral("closed")};
        ok = hasAll({"id", "ticket", "step", "at"}) && kSteps.contains(data.value(QStringLiteral("step")).toString()) &&
             QDateTime::fromString(data.value(QStringLiteral("at")).toString(), Qt::ISODate).isValid();
    }
    return ok ? QString() : QStringLiteral("bad_data");
}

Result<void, QString> ReferencePlatform::applyEvent(const QString &type, const QJsonObject &data)
{
    // What the terminal reports moves the booking on, once, from the state it must be in.
    const auto move = [this](const QString &bookingId, BookingState from, BookingState to) -> Result<void, QString> {
        const auto b = m_store.booking(bookingId);
        if (!b || b->status != from)
            return Ok{};
        auto moved = m_store.setStatus(bookingId, to);
        if (!moved)
            return fail(moved.error());
        return Ok{};
    };
    const QString bookingId = data.value(QStringLiteral("booking_id")).toString();
    if (type == QLatin1String("booking_checked_in")) {
        if (auto linked = m_store.linkTicket(data.value(QStringLiteral("ticket")).toString(), bookingId); !linked)
            return linked;
        return move(bookingId, BookingState::Booked, BookingState::CheckedIn);
    }
    if (type == QLatin1String("ticket_issued") && !bookingId.isEmpty())
        return m_store.linkTicket(data.value(QStringLiteral("ticket")).toString(), bookingId);
    if (type == QLatin1String("booking_no_show"))
        return move(bookingId, BookingState::Booked, BookingState::NoShow);
    if (type == QLatin1String("booking_forfeited"))
        return move(bookingId, BookingState::Booked, BookingState::Forfeited);
    if (type == QLatin1String("ticket_served")) {
        if (const auto booked = m_store.bookingOfTicket(data.value(QStringLiteral("ticket")).toString()))
            return move(*booked, BookingState::CheckedIn, BookingState::Served);
    }
    return Ok{};
}

ApiReply ReferencePlatform::eventsReply(const QString &center, const QString &terminalId, const QByteArray &body)
{
    if (auto wrong = wrongCenter(center))
        return *wrong;
    const QJsonValue events = QJsonDocument::fromJson(body).object().value(QStringLiteral("events"));
    if (!events.isArray())
        return ApiReply::error(400, QStringLiteral("bad_request"), QStringLiteral("{\"events\": [...]} expected"));
    if (events.toArray().size() > kMaxEventBatch)
        return ApiReply::error(413, QStringLiteral("batch_too_large"), QStringLiteral("at most %1 events a request").arg(kMaxEventBatch));
    QJsonArray accepted, duplicates, rejected;
    if (auto begun = m_store.begin(); !begun)
        return ApiReply::error(500, QStringLiteral("store"), begun.error());
    const QString receivedAt = m_clock.now().toString(Qt::ISODateWithMs);
    QSet<QString> seen;
    for (const QJsonValue &v : events.toArray()) {
        const QJsonObject e = v.toObject();
        const QString id = e.value(QStringLiteral("id")).toString();
        if (id.isEmpty() || QUuid::fromString(id).isNull()) {
            if (!id.isEmpty())
                rejected.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("error"), QStringLiteral("bad_id")}});
            continue;
        }
        if (seen.contains(id) || m_store.hasEvent(id)) {
            duplicates.append(id);
            continue;
        }
        const QString type = e.value(QStringLiteral("type")).toString();
        const QJsonObject data = e.value(QStringLiteral("data")).toObject();
        QString error;
        if (!eventTypes().contains(type))
            error = QStringLiteral("unknown_type");
        else if (!platform_json::parseInstant(e.value(QStringLiteral("at"))))
            error = QStringLiteral("bad_at");
        else if (e.value(QStringLiteral("terminal")).toString() != terminalId)
            error = QStringLiteral("wrong_terminal");
        else if (!e.value(QStringLiteral("data")).isObject())
            error = QStringLiteral("bad_data");
        else
            error = validateEvent(type, data);
        if (!error.isEmpty()) {
            rejected.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("error"), error}});
            continue;
        }
        seen.insert(id);
        ReceivedEvent received{0, id, type, e.value(QStringLiteral("at")).toString(), terminalId, data, receivedAt};
        auto stored = m_store.insertEvent(received);
        auto applied = stored ? applyEvent(type, data) : Result<void, QString>(fail(stored.error()));
        if (!applied) {
            m_store.rollback();
            return ApiReply::error(500, QStringLiteral("store"), applied.error());
        }
        accepted.append(id);
    }
    (void)m_store.addToCounter(QStringLiteral("duplicates"), duplicates.size());
    (void)m_store.addToCounter(QStringLiteral("rejected"), rejected.size());
    if (auto committed = m_store.commit(); !committed) {
        m_store.rollback();
        return ApiReply::error(500, QStringLiteral("store"), committed.error());
    }
    return ApiReply{200, QJsonObject{{QStringLiteral("accepted"), accepted},
                                     {QStringLiteral("duplicates"), duplicates},
                                     {QStringLiteral("rejected"), rejected}}};
}

} // namespace hk

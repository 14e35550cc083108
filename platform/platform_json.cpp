#include "platform/platform_json.h"

#include <QJsonArray>

namespace hk::platform_json {
namespace {

QString isoOf(const QDateTime &instant)
{
    return instant.toString(Qt::ISODate);
}

} // namespace

std::optional<QDateTime> parseInstant(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODate);
    // Without an offset the instant is ambiguous: the contract always gives one.
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return t;
}

Result<BookingRecord, QString> bookingFromJson(const QJsonObject &json)
{
    BookingRecord b;
    b.id = json.value(QStringLiteral("id")).toString();
    if (b.id.isEmpty())
        return fail(QStringLiteral("booking without an id"));
    const QJsonValue version = json.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != double(version.toInteger()))
        return fail(QStringLiteral("booking %1: version must be a positive integer").arg(b.id));
    b.version = version.toInteger();
    const auto status = bookingStateFromString(json.value(QStringLiteral("status")).toString().toStdString());
    if (!status)
        return fail(QStringLiteral("booking %1: unknown status").arg(b.id));
    b.status = *status;
    b.matterCode = json.value(QStringLiteral("matter")).toString();
    if (b.matterCode.isEmpty())
        return fail(QStringLiteral("booking %1: no matter").arg(b.id));
    const auto start = parseInstant(json.value(QStringLiteral("slot_start")));
    if (!start)
        return fail(QStringLiteral("booking %1: slot_start must be ISO 8601 with an offset").arg(b.id));
    b.slotStart = *start;
    if (json.contains(QStringLiteral("slot_end"))) {
        const auto end = parseInstant(json.value(QStringLiteral("slot_end")));
        if (!end)
            return fail(QStringLiteral("booking %1: slot_end must be ISO 8601 with an offset").arg(b.id));
        b.slotEnd = *end;
    }
    b.channel = json.value(QStringLiteral("channel")).toString();
    const QJsonObject applicant = json.value(QStringLiteral("applicant")).toObject();
    b.nameMasked = applicant.value(QStringLiteral("name_masked")).toString();
    b.idDigest = applicant.value(QStringLiteral("id_digest")).toString().toLower();
    b.idMasked = applicant.value(QStringLiteral("id_masked")).toString();
    b.phoneMasked = applicant.value(QStringLiteral("phone_masked")).toString();
    b.emergency = json.value(QStringLiteral("emergency")).toBool(false); // B7, flagged by staff
    return b;
}

QJsonObject bookingToJson(const BookingRecord &b)
{
    QJsonObject json{
        {QStringLiteral("id"), b.id},
        {QStringLiteral("version"), double(b.version)},
        {QStringLiteral("status"), QString::fromLatin1(nameOf(b.status).data(), qsizetype(nameOf(b.status).size()))},
        {QStringLiteral("matter"), b.matterCode},
        {QStringLiteral("slot_start"), isoOf(b.slotStart)},
        {QStringLiteral("channel"), b.channel},
        {QStringLiteral("applicant"), QJsonObject{{QStringLiteral("name_masked"), b.nameMasked},
                                                  {QStringLiteral("id_digest"), b.idDigest},
                                                  {QStringLiteral("id_masked"), b.idMasked},
                                                  {QStringLiteral("phone_masked"), b.phoneMasked}}},
    };
    if (b.slotEnd.isValid())
        json.insert(QStringLiteral("slot_end"), isoOf(b.slotEnd));
    if (b.emergency)
        json.insert(QStringLiteral("emergency"), true);
    return json;
}

Result<BookingPage, QString> bookingPageFromJson(const QJsonObject &json)
{
    if (!json.value(QStringLiteral("bookings")).isArray())
        return fail(QStringLiteral("no \"bookings\" array"));
    if (!json.value(QStringLiteral("cursor")).isString())
        return fail(QStringLiteral("no \"cursor\""));
    BookingPage page;
    page.cursor = json.value(QStringLiteral("cursor")).toString();
    page.more = json.value(QStringLiteral("more")).toBool(false);
    const QJsonArray bookings = json.value(QStringLiteral("bookings")).toArray();
    page.bookings.reserve(size_t(bookings.size()));
    for (const QJsonValue &v : bookings) {
        auto b = bookingFromJson(v.toObject());
        if (!b) {
            ++page.skipped;
            continue;
        }
        page.bookings.push_back(std::move(b).value());
    }
    return page;
}

QJsonObject eventToJson(const OutboxEvent &e, const QString &terminalId)
{
    return QJsonObject{{QStringLiteral("id"), e.id},
                       {QStringLiteral("type"), e.type},
                       {QStringLiteral("at"), isoOf(e.at)},
                       {QStringLiteral("terminal"), terminalId},
                       {QStringLiteral("data"), e.data}};
}

Result<EventBatchReply, QString> eventReplyFromJson(const QJsonObject &json)
{
    const auto ids = [&json](const QString &key, QStringList &out) {
        const QJsonValue v = json.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return false;
        for (const QJsonValue &id : v.toArray()) {
            if (!id.isString())
                return false;
            out << id.toString();
        }
        return true;
    };
    EventBatchReply reply;
    if (!ids(QStringLiteral("accepted"), reply.accepted) || !ids(QStringLiteral("duplicates"), reply.duplicates))
        return fail(QStringLiteral("accepted and duplicates must be arrays of ids"));
    const QJsonValue rejected = json.value(QStringLiteral("rejected"));
    if (!rejected.isUndefined() && !rejected.isArray())
        return fail(QStringLiteral("rejected must be an array"));
    for (const QJsonValue &r : rejected.toArray()) {
        const QString id = r.toObject().value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            return fail(QStringLiteral("a rejected entry without an id"));
        reply.rejected.push_back({id, r.toObject().value(QStringLiteral("error")).toString(QStringLiteral("rejected"))});
    }
    if (json.value(QStringLiteral("accepted")).isUndefined() && json.value(QStringLiteral("duplicates")).isUndefined() &&
        rejected.isUndefined())
        return fail(QStringLiteral("none of accepted, duplicates, rejected"));
    return reply;
}

Result<std::vector<SlotAvailability>, QString> slotsFromJson(const QJsonObject &json)
{
    if (!json.value(QStringLiteral("slots")).isArray())
        return fail(QStringLiteral("no \"slots\" array"));
    std::vector<SlotAvailability> slots;
    for (const QJsonValue &v : json.value(QStringLiteral("slots")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto start = parseInstant(o.value(QStringLiteral("start")));
        const auto end = parseInstant(o.value(QStringLiteral("end")));
        if (!start || !end)
            return fail(QStringLiteral("a slot without start and end with an offset"));
        slots.push_back({*start, *end, o.value(QStringLiteral("capacity")).toInt(), o.value(QStringLiteral("booked")).toInt()});
    }
    return slots;
}

QJsonObject orderToJson(const BookingOrder &order)
{
    return QJsonObject{{QStringLiteral("request_id"), order.requestId},
                       {QStringLiteral("matter"), order.matterCode},
                       {QStringLiteral("slot_start"), isoOf(order.slotStart)},
                       {QStringLiteral("channel"), QStringLiteral("terminal")},
                       {QStringLiteral("applicant"), QJsonObject{{QStringLiteral("id_number"), order.applicant.idNumber},
                                                                 {QStringLiteral("name"), order.applicant.name},
                                                                 {QStringLiteral("phone"), order.applicant.phone}}}};
}

Result<PlacedBooking, QString> placedBookingFromJson(const QJsonObject &json)
{
    auto booking = bookingFromJson(json);
    if (!booking)
        return fail(booking.error());
    const QString token = json.value(QStringLiteral("qr_token")).toString();
    if (token.isEmpty())
        return fail(QStringLiteral("booking %1: no qr_token").arg(booking->id));
    return PlacedBooking{std::move(booking).value(), token};
}

} // namespace hk::platform_json

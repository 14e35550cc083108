#pragma once

#include "app/domain/result.h"
#include "app/ports/platform_client.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// The JSON of the platform contract (DESIGN §6) to and from the port's types. The client and the
// reference platform both speak through it; the contract tests check the raw JSON besides.
namespace hk::platform_json {

// ISO 8601 with an offset ("2026-12-02T09:00:00+08:00", "…Z"); none for text without one.
std::optional<QDateTime> parseInstant(const QJsonValue &value);

Result<BookingRecord, QString> bookingFromJson(const QJsonObject &json);
QJsonObject bookingToJson(const BookingRecord &booking); // times with the offset they carry
Result<BookingPage, QString> bookingPageFromJson(const QJsonObject &json);

QJsonObject eventToJson(const OutboxEvent &event, const QString &terminalId);
Result<EventBatchReply, QString> eventReplyFromJson(const QJsonObject &json);

Result<std::vector<SlotAvailability>, QString> slotsFromJson(const QJsonObject &json);

QJsonObject orderToJson(const BookingOrder &order); // channel "terminal"
Result<PlacedBooking, QString> placedBookingFromJson(const QJsonObject &json);

} // namespace hk::platform_json

#pragma once

#include "app/domain/result.h"
#include "app/ports/hall_channel.h"

#include <QByteArray>
#include <QString>

namespace hk {

// A hall notice as the payload of a PostgreSQL NOTIFY: compact JSON, e.g.
// {"kind":"window","window":3,"effect":"call","called":"<uuid>","origin":"T02"}. Absent fields are
// left out. PostgreSQL refuses a payload of 8000 bytes or more; a notice stays near 200.
QByteArray hallNoticeJson(const HallNotice &notice);

// The notice a payload carries, or why it is not one: not a JSON object, no known `kind`, no
// `origin`, a window notice without its window, an unknown effect, a help notice without its id,
// a field of the wrong type. Fields a later release adds are ignored, so terminals one release
// apart understand each other.
Result<HallNotice, QString> parseHallNotice(const QByteArray &payload);

// The largest payload PostgreSQL's NOTIFY takes (its limit is 8000 bytes, exclusive).
inline constexpr int kMaxHallNoticeBytes = 7999;

} // namespace hk

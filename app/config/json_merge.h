#pragma once

#include <QJsonObject>

namespace hk {

// `over` laid over `base`: objects merge key by key, recursively; any other value of `over` (null,
// an array, a string …) replaces `base`'s. The local override file over the config (DESIGN §12).
QJsonObject mergeJson(const QJsonObject &base, const QJsonObject &over);

} // namespace hk

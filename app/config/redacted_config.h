#pragma once

#include "app/config/config.h"

#include <QByteArray>
#include <QJsonObject>

namespace hk {

// The config as the terminal runs it — the file's JSON with the local override file laid over it —
// with every secret removed, for the diagnostics bundle (DESIGN §12). A key whose name holds
// `secret`, `password`, `passwd`, `pin`, `token` or `key` (as a word between underscores for `key`
// and `pin`) loses its value ("[redacted]") unless it names a file (`…_file`: the path stays, what
// the file holds is never read here); the password of any URI (`scheme://user:PASSWORD@…`) and any
// `password=` parameter in a string are masked ("***"). Files the config names (the staff file with
// its PIN hashes, the secret files) are never read or included.
QByteArray redactedConfigJson(const Config &config);
QJsonObject redactedJson(const QJsonObject &json);

} // namespace hk

#pragma once

#include "app/config/config_error.h"
#include "app/domain/result.h"
#include "app/domain/staff.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace hk {

// The staff file of DESIGN §8: `[{"id", "name", "windows": [3], "pin_hash", "role"}]`. Errors name
// the entry and key ("[2].windows"). Whether a pin_hash is a hash the terminal can check is for the
// sign-in service to say; this only requires a string.
class StaffFileParser {
public:
    static Result<std::vector<StaffMember>, ConfigErrors> parse(const QByteArray &json);
    static Result<std::vector<StaffMember>, ConfigErrors> loadFile(const QString &path);
};

} // namespace hk

#pragma once

#include <QString>

namespace hk {

struct StoreError {
    enum class Kind { Unavailable, NotFound, Conflict, Corrupt };
    Kind kind = Kind::Unavailable;
    QString detail;
};

} // namespace hk

#pragma once

#include <QString>

namespace hk {

// Why the terminal cannot start, and the exit status that says so: 2 for a configuration the
// technician must fix (DESIGN §8), 1 for everything else (database unopenable, port in use …).
struct StartupError {
    int exitCode = 1;
    QString message;
};

} // namespace hk

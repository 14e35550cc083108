#pragma once

#include "app/config/config.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"
#include "app/domain/staff.h"
#include "app/root/startup_error.h"

#include <vector>

namespace hk {

// What the config names on disk and the terminal reads before it builds anything: the catalog,
// the printer's profile and ticket template, the staff file. Each mistake is reported like any
// other in the config (exit 2, naming the key), before start-up needs a display.
class StartupFiles {
public:
    // The catalog named by the config (`catalog_file`), checked against the terminal's center.
    static Result<Catalog, StartupError> catalog(const Config &config);
    // What the config names but only the drivers know: the printer profile and the ticket template.
    static Result<void, StartupError> checkDevices(const Config &config);
    // Every secret file the config names (`platform.secret_file`, `platform.match_key_file`,
    // `hall.password_file`, `http.tls_key_file`; not the public key): one that group or others may
    // read stops start-up (DESIGN §16), the error naming the key, the file, its mode and the fix.
    static Result<void, StartupError> checkSecrets(const Config &config);
    // `http.tls_cert_file` and `http.tls_key_file` a pair: a certificate made for another key
    // stops start-up (exit 2, naming both keys and files) rather than every handshake failing.
    // Files that are not PEM at all are left to the HTTP server's loading, which names them.
    static Result<void, StartupError> checkTls(const Config &config);
    // The staff file (DESIGN §7), every PIN hash one that `--hash-pin` made; none without one.
    static Result<std::vector<StaffMember>, StartupError> staff(const Config &config);
};

} // namespace hk

#pragma once

#include "app/config/config.h"
#include "app/domain/result.h"
#include "app/root/startup_error.h"

#include <QByteArray>

#include <memory>

namespace hk {

class BookingCodeVerifier;

// The platform's keys the config names, which check-in needs: its public key, to verify the
// signature of a booking's QR code (`platform.public_key_file`), and the key the ID digests of
// its bookings are made with (`platform.match_key_file`). A file named but unusable is a
// configuration mistake (exit 2); one not named leaves that way of checking in refused.
struct PlatformKeys {
    std::unique_ptr<BookingCodeVerifier> verifier; // null: no public key
    QByteArray matchKey;                           // empty: no match key

    static Result<PlatformKeys, StartupError> load(const Config &config);
};

} // namespace hk

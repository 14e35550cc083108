#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hk {

// A staff member's run of wrong PINs and the lock it earned (DESIGN §7).
struct SignInFailures {
    int count = 0;                      // wrong tries in a row
    std::optional<QDateTime> lockedUntil;
};

struct StaffSessionRecord {
    QByteArray tokenDigest; // SHA-256 of the token: the token itself is never stored
    QString staffId;
    int window = 0;
    QDateTime expiresAt;
    bool ratingOnly = false; // scope `rating` (DESIGN §16): the /rate tablet's token rates and does nothing else
};

// Sign-in state that must survive a restart: lock-outs (a restart must not reset the count) and
// the sessions of the clerks signed in. Failures are kept only for ids of the staff file (the
// service never calls setFailures for another, DESIGN §16).
class StaffStore {
public:
    virtual ~StaffStore() = default;
    virtual Result<SignInFailures, StoreError> failures(const QString &staffId) = 0;
    virtual Result<void, StoreError> setFailures(const QString &staffId, const SignInFailures &failures) = 0;
    virtual Result<void, StoreError> saveSession(const StaffSessionRecord &session) = 0;
    virtual Result<std::optional<StaffSessionRecord>, StoreError> session(const QByteArray &tokenDigest) = 0;
    virtual Result<void, StoreError> deleteSession(const QByteArray &tokenDigest) = 0;
    virtual Result<void, StoreError> deleteExpiredSessions(const QDateTime &now) = 0;
};

} // namespace hk

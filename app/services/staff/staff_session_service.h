#pragma once

#include "app/domain/staff.h"
#include "app/ports/clock.h"
#include "app/ports/stores/audit_log.h"
#include "app/ports/stores/staff_store.h"
#include "app/services/catalog_service.h"
#include "app/services/staff/sign_in_rate_limiter.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <vector>

namespace hk {

// What a token may do (DESIGN §16): everything its role may, or — scope `rating`, the /rate tablet's
// token — rate at its window and nothing else.
enum class StaffScope { Full, Rating };

struct StaffSession {
    QString token; // only in the answer to a sign-in; never stored
    QString staffId;
    QString staffName;
    int window = 0; // a clerk's window; 0 for a supervisor or a technician (they sign in without one)
    QDateTime expiresAt;
    StaffMember::Role role = StaffMember::Role::Clerk;
    std::vector<int> windows; // the windows this session may act on: a clerk's own, every window for a supervisor, none for a technician
    StaffScope scope = StaffScope::Full;
};

// One sign-in try as a client sent it.
struct SignInAttempt {
    std::optional<int> window; // a clerk's window; ignored for a supervisor or a technician
    QString staffId;
    QString pin;
    QString client; // the client's address, counted by the rate limit; the kiosk's own screen: kKioskClient
    StaffScope scope = StaffScope::Full;
};

struct SignInError {
    enum class Kind {
        BadCredentials, // unknown staff id or wrong PIN: the two look alike on purpose
        Locked,         // five wrong tries in a row: locked for 15 minutes (DESIGN §7)
        WrongWindow,    // the PIN is right, but this member of staff does not serve that window
        UnknownWindow,
        WindowRequired, // the PIN is right, but a clerk signs in to a window and sent none
        RateLimited,    // over 5 tries a second from the address or 20 in the hall: refused before any hashing (DESIGN §16)
        Store,
    };
    Kind kind = Kind::BadCredentials;
    qint64 retryAfterS = 0; // Locked, RateLimited: whole seconds, at least 1
    QString detail;
};

struct AuthError {
    enum class Kind {
        Missing,
        Invalid,
        WrongWindow, // a clerk's token used for another window
        Forbidden,   // the role or the scope may not do this (a technician at a window, a clerk at a supervisor's route, a rating token anywhere but the rating route)
        Store,
    };
    Kind kind = Kind::Invalid;
    QString detail;
};

// A member of staff as a sign-in screen lists them: the id to sign in with and the name on the button.
struct StaffListing {
    QString id;
    QString name;
};

struct StaffPolicy {
    int maxFailures = 5;
    int lockMinutes = 15;
    int sessionHours = 12;
};

// Window staff signing in at the console (DESIGN §7, §16): tries limited per client address and
// hall-wide before anything else, PINs checked against the staff file's salted PBKDF2 hashes on a
// worker thread, wrong tries counted per staff id of the staff file (persisted, so a restart does
// not reset them; an unknown id costs the same hashing and writes nothing), bearer tokens that
// expire. Sign-in, sign-out and lock-out go to the audit log. Logs name a staff id only if the
// staff file has it ("unknown id" otherwise) and never a name or a PIN.
class StaffSessionService : public QObject {
    Q_OBJECT
public:
    // The client name of the kiosk's own maintenance sign-in, counted like any address.
    static inline const QString kKioskClient = QStringLiteral("kiosk");

    StaffSessionService(StaffStore &store, AuditLog &audit, const CatalogService &catalog, const Clock &clock,
                        std::vector<StaffMember> staff, StaffPolicy policy = {}, SignInRateLimits limits = {},
                        QObject *parent = nullptr);
    ~StaffSessionService() override;

    using SignInDone = std::function<void(Result<StaffSession, SignInError>)>;
    // A clerk signs in to a window; a supervisor or a technician without one (a window they send is
    // ignored, DESIGN §7). The rate limit and the lock-out are checked here, on the caller's (the
    // service's) thread; the PIN is hashed on a worker thread; the store is written and `done` called
    // back on the service's thread, never after `context` is destroyed (the try still counts). `done`
    // may be called before this returns (a refusal that needs no hashing).
    void signInAsync(const SignInAttempt &attempt, QObject *context, SignInDone done);
    // The same, blocking the caller for the hashing: for callers without an event loop to return
    // to (tests); the console route and the kiosk's sign-in use signInAsync.
    Result<StaffSession, SignInError> signIn(const SignInAttempt &attempt);
    // The session a token belongs to; `window` set: it must be that window's (a clerk), any window
    // (a supervisor), never (a technician: Forbidden). A token of scope `rating` gets Forbidden
    // unless `forRating` (the rating route alone asks with it).
    Result<StaffSession, AuthError> authorize(const QString &token, std::optional<int> window = std::nullopt, bool forRating = false);
    void signOut(const QString &token);

    const StaffPolicy &policy() const { return m_policy; }
    // The technicians of the staff file, in its order: the maintenance menu's sign-in (DESIGN §12)
    // shows them as buttons. Ids and names only, never a PIN hash.
    std::vector<StaffListing> technicians() const;

    // The staff id as a log line may show it: the id if the staff file has it, else "unknown id"
    // (a PIN typed into the id field, a forged line: never logged).
    QString loggableId(const QString &staffId) const;

private:
    struct Checked; // a try past the limit and the lock, waiting for its hash check
    std::optional<SignInError> admit(const SignInAttempt &attempt, Checked &checked);
    Result<StaffSession, SignInError> conclude(const SignInAttempt &attempt, const Checked &checked, bool pinOk);
    const StaffMember *find(const QString &staffId) const;
    StaffSession sessionOf(const StaffMember &member, int window, const QDateTime &expiresAt, StaffScope scope) const;
    void audit(const QString &actor, const QString &action, const QString &subject, const QJsonObject &detail = {});
    static QString actorOf(const StaffMember &member);

    StaffStore &m_store;
    AuditLog &m_audit;
    const CatalogService &m_catalog;
    const Clock &m_clock;
    std::vector<StaffMember> m_staff;
    StaffPolicy m_policy;
    SignInRateLimiter m_limiter;
    QString m_decoyHash; // checked for unknown ids, so they take as long as a wrong PIN
    // One thread for the hashing: with 20 tries a second hall-wide at ~100 ms each, more threads
    // would take every core from the screen and the printer; a queue behind one takes none.
    // Declared last: destroyed first, it waits for a hash in progress (which touches no member).
    QThreadPool m_hashing;
};

} // namespace hk

#pragma once

#include "app/domain/staff.h"
#include "app/ports/clock.h"
#include "app/ports/stores/staff_store.h"
#include "app/services/catalog_service.h"

#include <QObject>

#include <vector>

namespace hk {

struct StaffSession {
    QString token; // only in the answer to a sign-in; never stored
    QString staffId;
    QString staffName;
    int window = 0; // a clerk's window; 0 for a supervisor or a technician (they sign in without one)
    QDateTime expiresAt;
    StaffMember::Role role = StaffMember::Role::Clerk;
    std::vector<int> windows; // the windows this session may act on: a clerk's own, every window for a supervisor, none for a technician
};

struct SignInError {
    enum class Kind {
        BadCredentials, // unknown staff id or wrong PIN: the two look alike on purpose
        Locked,         // five wrong tries in a row: locked for 15 minutes (DESIGN §7)
        WrongWindow,    // the PIN is right, but this member of staff does not serve that window
        UnknownWindow,
        WindowRequired, // the PIN is right, but a clerk signs in to a window and sent none
        Store,
    };
    Kind kind = Kind::BadCredentials;
    qint64 retryAfterS = 0;
    QString detail;
};

struct AuthError {
    enum class Kind {
        Missing,
        Invalid,
        WrongWindow, // a clerk's token used for another window
        Forbidden,   // the role may not do this (a technician at a window, a clerk at a supervisor's route)
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

// Window staff signing in at the console (DESIGN §7): PINs checked against the staff file's salted
// PBKDF2 hashes, wrong tries counted per staff id (persisted, so a restart does not reset them),
// bearer tokens that expire. Nothing here logs a name: staff are named by their id.
class StaffSessionService : public QObject {
    Q_OBJECT
public:
    StaffSessionService(StaffStore &store, const CatalogService &catalog, const Clock &clock, std::vector<StaffMember> staff,
                        StaffPolicy policy = {}, QObject *parent = nullptr);

    // A clerk signs in to a window; a supervisor or a technician without one (a window they send is
    // ignored, DESIGN §7).
    Result<StaffSession, SignInError> signIn(std::optional<int> window, const QString &staffId, const QString &pin);
    // The session a token belongs to; `window` set: it must be that window's (a clerk), any window
    // (a supervisor), never (a technician: Forbidden).
    Result<StaffSession, AuthError> authorize(const QString &token, std::optional<int> window = std::nullopt);
    void signOut(const QString &token);

    const StaffPolicy &policy() const { return m_policy; }
    // The technicians of the staff file, in its order: the maintenance menu's sign-in (DESIGN §12)
    // shows them as buttons. Ids and names only, never a PIN hash.
    std::vector<StaffListing> technicians() const;

private:
    const StaffMember *find(const QString &staffId) const;
    StaffSession sessionOf(const StaffMember &member, int window, const QDateTime &expiresAt) const;

    StaffStore &m_store;
    const CatalogService &m_catalog;
    const Clock &m_clock;
    std::vector<StaffMember> m_staff;
    StaffPolicy m_policy;
    QString m_decoyHash; // checked for unknown ids, so they take as long as a wrong PIN
};

} // namespace hk

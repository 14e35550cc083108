#include "app/services/staff/staff_session_service.h"

#include "app/services/logging.h"
#include "app/services/staff/pin_hasher.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace hk {

namespace {

QByteArray digestOf(const QString &token)
{
    return QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256);
}

QString newToken()
{
    QByteArray bytes(32, '\0');
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

StaffSessionService::StaffSessionService(StaffStore &store, const CatalogService &catalog, const Clock &clock,
                                         std::vector<StaffMember> staff, StaffPolicy policy, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_staff(std::move(staff))
    , m_policy(policy)
{
    // As costly as the staff's own hashes, so an unknown id answers no faster than a known one.
    int iterations = PinHasher::kDefaultIterations;
    if (!m_staff.empty()) {
        const QStringList parts = QString::fromStdString(m_staff.front().pinHash).split(QLatin1Char('$'));
        if (parts.size() == 4)
            iterations = parts.at(1).toInt();
    }
    m_decoyHash = PinHasher::hash(QStringLiteral("decoy"), QByteArray(16, 'd'), std::max(1, iterations));
}

const StaffMember *StaffSessionService::find(const QString &staffId) const
{
    const std::string id = staffId.toStdString();
    for (const StaffMember &m : m_staff) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

StaffSession StaffSessionService::sessionOf(const StaffMember &member, int window, const QDateTime &expiresAt) const
{
    StaffSession s{QString(), QString::fromStdString(member.id), QString::fromStdString(member.name), window, expiresAt, member.role, {}};
    switch (member.role) {
    case StaffMember::Role::Clerk:
        s.windows = {window};
        break;
    case StaffMember::Role::Supervisor:
        for (const HallWindow &w : m_catalog.catalog().windows)
            s.windows.push_back(w.number);
        break;
    case StaffMember::Role::Technician:
        break;
    }
    return s;
}

Result<StaffSession, SignInError> StaffSessionService::signIn(std::optional<int> requestedWindow, const QString &staffId,
                                                              const QString &pin)
{
    const QString at = requestedWindow ? QStringLiteral("at window %1").arg(*requestedWindow) : QStringLiteral("without a window");
    const QDateTime now = m_clock.now();
    auto failures = m_store.failures(staffId);
    if (!failures)
        return fail(SignInError{SignInError::Kind::Store, 0, failures.error().detail});
    SignInFailures f = failures.value();
    if (f.lockedUntil) {
        if (now < *f.lockedUntil) {
            const qint64 retry = std::max<qint64>(1, now.secsTo(*f.lockedUntil));
            qCWarning(lcStaff).noquote() << "sign-in refused for" << staffId << at << "- locked for" << retry << "s";
            return fail(SignInError{SignInError::Kind::Locked, retry, QStringLiteral("locked")});
        }
        f = SignInFailures{}; // the lock has run out: a fresh start
    }

    const StaffMember *member = find(staffId);
    bool pinOk = false;
    if (member)
        pinOk = PinHasher::verify(pin, QString::fromStdString(member->pinHash));
    else
        PinHasher::verify(pin, m_decoyHash); // the same work, and then no
    if (!pinOk) {
        ++f.count;
        SignInError error{SignInError::Kind::BadCredentials, 0, QStringLiteral("wrong staff id or PIN")};
        if (f.count >= m_policy.maxFailures) {
            f.count = 0;
            f.lockedUntil = now.addSecs(qint64(m_policy.lockMinutes) * 60);
            error = SignInError{SignInError::Kind::Locked, qint64(m_policy.lockMinutes) * 60, QStringLiteral("locked")};
            qCWarning(lcStaff).noquote() << "staff id" << staffId << "locked for" << m_policy.lockMinutes << "min after"
                                         << m_policy.maxFailures << "wrong PINs";
        } else {
            qCInfo(lcStaff).noquote() << "wrong PIN for" << staffId << at << "(" << f.count << "in a row)";
        }
        if (auto saved = m_store.setFailures(staffId, f); !saved)
            return fail(SignInError{SignInError::Kind::Store, 0, saved.error().detail});
        return fail(error);
    }
    if (f.count != 0 || f.lockedUntil) {
        if (auto saved = m_store.setFailures(staffId, SignInFailures{}); !saved)
            return fail(SignInError{SignInError::Kind::Store, 0, saved.error().detail});
    }
    int window = 0; // supervisors and technicians: none (DESIGN §7)
    if (member->role == StaffMember::Role::Clerk) {
        if (!requestedWindow)
            return fail(SignInError{SignInError::Kind::WindowRequired, 0, QStringLiteral("a clerk signs in to a window: send \"window\"")});
        window = *requestedWindow;
        if (!m_catalog.catalog().findWindow(window))
            return fail(SignInError{SignInError::Kind::UnknownWindow, 0, QStringLiteral("no window %1 in the catalog").arg(window)});
        if (!member->mayServe(window))
            return fail(SignInError{SignInError::Kind::WrongWindow, 0, QStringLiteral("%1 does not serve window %2").arg(staffId).arg(window)});
    }

    StaffSession session = sessionOf(*member, window, now.addSecs(qint64(m_policy.sessionHours) * 3600));
    session.token = newToken();
    if (auto cleaned = m_store.deleteExpiredSessions(now); !cleaned)
        qCWarning(lcStaff) << "cannot remove expired sessions:" << cleaned.error().detail;
    if (auto saved = m_store.saveSession({digestOf(session.token), staffId, window, session.expiresAt}); !saved)
        return fail(SignInError{SignInError::Kind::Store, 0, saved.error().detail});
    if (window)
        qCInfo(lcStaff).noquote() << "staff" << staffId << "signed in at window" << window;
    else
        qCInfo(lcStaff).noquote() << "staff" << staffId << "signed in as" << (member->role == StaffMember::Role::Supervisor ? "supervisor" : "technician");
    return session;
}

Result<StaffSession, AuthError> StaffSessionService::authorize(const QString &token, std::optional<int> window)
{
    if (token.isEmpty())
        return fail(AuthError{AuthError::Kind::Missing, QStringLiteral("sign in first (Authorization: Bearer …)")});
    const QByteArray digest = digestOf(token);
    auto stored = m_store.session(digest);
    if (!stored)
        return fail(AuthError{AuthError::Kind::Store, stored.error().detail});
    if (!stored.value())
        return fail(AuthError{AuthError::Kind::Invalid, QStringLiteral("unknown or signed-out token")});
    const StaffSessionRecord &s = **stored;
    const StaffMember *member = find(s.staffId);
    if (m_clock.now() >= s.expiresAt || !member) {
        (void)m_store.deleteSession(digest);
        return fail(AuthError{AuthError::Kind::Invalid, member ? QStringLiteral("the session has expired; sign in again")
                                                               : QStringLiteral("no longer in the staff file")});
    }
    if (window) {
        switch (member->role) {
        case StaffMember::Role::Clerk:
            if (*window != s.window)
                return fail(AuthError{AuthError::Kind::WrongWindow,
                                      QStringLiteral("signed in at window %1, not window %2").arg(s.window).arg(*window)});
            break;
        case StaffMember::Role::Supervisor:
            break; // every window (DESIGN §13)
        case StaffMember::Role::Technician:
            return fail(AuthError{AuthError::Kind::Forbidden, QStringLiteral("a technician does not act on windows")});
        }
    }
    return sessionOf(*member, s.window, s.expiresAt);
}

std::vector<StaffListing> StaffSessionService::technicians() const
{
    std::vector<StaffListing> out;
    for (const StaffMember &m : m_staff) {
        if (m.role == StaffMember::Role::Technician)
            out.push_back({QString::fromStdString(m.id), QString::fromStdString(m.name)});
    }
    return out;
}

void StaffSessionService::signOut(const QString &token)
{
    if (auto removed = m_store.deleteSession(digestOf(token)); !removed)
        qCWarning(lcStaff) << "cannot sign out:" << removed.error().detail;
}

} // namespace hk

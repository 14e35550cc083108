#include "app/services/staff/staff_session_service.h"

#include "app/services/logging.h"
#include "app/services/staff/pin_hasher.h"

#include <QCryptographicHash>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QPointer>
#include <QPromise>
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

struct StaffSessionService::Checked {
    const StaffMember *member = nullptr; // null: an id the staff file does not have
    QString hashToCheck;                 // the member's PIN hash, or the decoy
};

StaffSessionService::StaffSessionService(StaffStore &store, AuditLog &audit, const CatalogService &catalog, const Clock &clock,
                                         std::vector<StaffMember> staff, StaffPolicy policy, SignInRateLimits limits, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_audit(audit)
    , m_catalog(catalog)
    , m_clock(clock)
    , m_staff(std::move(staff))
    , m_policy(policy)
    , m_limiter(clock, limits)
{
    // As costly as the staff's own hashes, so an unknown id answers no faster than a known one.
    int iterations = PinHasher::kDefaultIterations;
    if (!m_staff.empty()) {
        const QStringList parts = QString::fromStdString(m_staff.front().pinHash).split(QLatin1Char('$'));
        if (parts.size() == 4)
            iterations = parts.at(1).toInt();
    }
    // Not derived here: a derivation at every start cost ~110 ms of the GUI thread (bench_startup).
    m_decoyHash = PinHasher::decoy(iterations);
    m_hashing.setMaxThreadCount(1);
    m_hashing.setObjectName(QStringLiteral("pin-hashing"));
}

StaffSessionService::~StaffSessionService()
{
    m_hashing.waitForDone();
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

QString StaffSessionService::loggableId(const QString &staffId) const
{
    return find(staffId) ? escapedForLog(staffId) : QStringLiteral("unknown id");
}

QString StaffSessionService::actorOf(const StaffMember &member)
{
    return (member.role == StaffMember::Role::Technician ? QStringLiteral("technician:") : QStringLiteral("staff:"))
           + QString::fromStdString(member.id);
}

void StaffSessionService::audit(const QString &actor, const QString &action, const QString &subject, const QJsonObject &detail)
{
    if (auto appended = m_audit.append(AuditEntry{m_clock.now(), actor, action, subject, detail}); !appended)
        qCWarning(lcStaff).noquote() << "cannot write" << action << "to the audit log:" << appended.error().detail;
}

StaffSession StaffSessionService::sessionOf(const StaffMember &member, int window, const QDateTime &expiresAt, StaffScope scope) const
{
    StaffSession s{QString(), QString::fromStdString(member.id), QString::fromStdString(member.name), window, expiresAt, member.role, {}, scope};
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

std::optional<SignInError> StaffSessionService::admit(const SignInAttempt &attempt, Checked &checked)
{
    // Before anything costs: no hashing, no store access for a try over the limit (DESIGN §16).
    if (const auto retry = m_limiter.admit(attempt.client)) {
        qCInfo(lcStaff).noquote() << "sign-in from" << escapedForLog(attempt.client) << "refused: over the rate limit, retry in" << *retry << "s";
        return SignInError{SignInError::Kind::RateLimited, *retry, QStringLiteral("too many sign-in tries")};
    }
    checked.member = find(attempt.staffId);
    if (!checked.member) {
        checked.hashToCheck = m_decoyHash; // the same work, and then no; nothing read or written
        return std::nullopt;
    }
    checked.hashToCheck = QString::fromStdString(checked.member->pinHash);
    auto failures = m_store.failures(attempt.staffId);
    if (!failures)
        return SignInError{SignInError::Kind::Store, 0, failures.error().detail};
    const QDateTime now = m_clock.now();
    if (failures->lockedUntil && now < *failures->lockedUntil) {
        const qint64 retry = std::max<qint64>(1, now.secsTo(*failures->lockedUntil));
        qCWarning(lcStaff).noquote() << "sign-in refused for" << escapedForLog(attempt.staffId) << "- locked for" << retry << "s";
        return SignInError{SignInError::Kind::Locked, retry, QStringLiteral("locked")};
    }
    return std::nullopt;
}

Result<StaffSession, SignInError> StaffSessionService::conclude(const SignInAttempt &attempt, const Checked &checked, bool pinOk)
{
    const QString at = attempt.window ? QStringLiteral("at window %1").arg(*attempt.window) : QStringLiteral("without a window");
    const StaffMember *member = checked.member;
    if (!member) {
        qCInfo(lcStaff).noquote() << "sign-in with an unknown id" << at << "from" << escapedForLog(attempt.client);
        return fail(SignInError{SignInError::Kind::BadCredentials, 0, QStringLiteral("wrong staff id or PIN")});
    }
    const QString id = QString::fromStdString(member->id);
    const QDateTime now = m_clock.now();
    // Read again: other tries for this id may have ended while the PIN was hashed.
    auto failures = m_store.failures(id);
    if (!failures)
        return fail(SignInError{SignInError::Kind::Store, 0, failures.error().detail});
    SignInFailures f = failures.value();
    if (f.lockedUntil) {
        if (now < *f.lockedUntil)
            return fail(SignInError{SignInError::Kind::Locked, std::max<qint64>(1, now.secsTo(*f.lockedUntil)), QStringLiteral("locked")});
        f = SignInFailures{}; // the lock has run out: a fresh start
    }
    if (!pinOk) {
        ++f.count;
        SignInError error{SignInError::Kind::BadCredentials, 0, QStringLiteral("wrong staff id or PIN")};
        const bool locks = f.count >= m_policy.maxFailures;
        if (locks) {
            f.count = 0;
            f.lockedUntil = now.addSecs(qint64(m_policy.lockMinutes) * 60);
            error = SignInError{SignInError::Kind::Locked, qint64(m_policy.lockMinutes) * 60, QStringLiteral("locked")};
            qCWarning(lcStaff).noquote() << "staff id" << id << "locked for" << m_policy.lockMinutes << "min after"
                                         << m_policy.maxFailures << "wrong PINs";
        } else {
            qCInfo(lcStaff).noquote() << "wrong PIN for" << id << at << "(" << f.count << "in a row)";
        }
        if (auto saved = m_store.setFailures(id, f); !saved)
            return fail(SignInError{SignInError::Kind::Store, 0, saved.error().detail});
        if (locks)
            audit(actorOf(*member), QStringLiteral("locked_out"),
                  attempt.window && (member->role == StaffMember::Role::Clerk || attempt.scope == StaffScope::Rating)
                      ? QString::number(*attempt.window)
                      : QStringLiteral("console"), // a window a supervisor or technician sends is ignored
                  QJsonObject{{QStringLiteral("minutes"), m_policy.lockMinutes}});
        return fail(error);
    }
    if (f.count != 0 || f.lockedUntil) {
        if (auto saved = m_store.setFailures(id, SignInFailures{}); !saved)
            return fail(SignInError{SignInError::Kind::Store, 0, saved.error().detail});
    }
    int window = 0; // supervisors and technicians: none (DESIGN §7)
    if (member->role == StaffMember::Role::Clerk || attempt.scope == StaffScope::Rating) {
        // A rating token belongs to a window (its /rate page), whatever the role.
        if (!attempt.window)
            return fail(SignInError{SignInError::Kind::WindowRequired, 0,
                                    attempt.scope == StaffScope::Rating ? QStringLiteral("a rating token is for a window: send \"window\"")
                                                                        : QStringLiteral("a clerk signs in to a window: send \"window\"")});
        window = *attempt.window;
        if (!m_catalog.catalog().findWindow(window))
            return fail(SignInError{SignInError::Kind::UnknownWindow, 0, QStringLiteral("no window %1 in the catalog").arg(window)});
        const bool mayRate = member->role == StaffMember::Role::Supervisor || member->mayServe(window);
        if (!mayRate || member->role == StaffMember::Role::Technician)
            return fail(SignInError{SignInError::Kind::WrongWindow, 0, QStringLiteral("%1 does not serve window %2").arg(id).arg(window)});
    }

    StaffSession session = sessionOf(*member, window, now.addSecs(qint64(m_policy.sessionHours) * 3600), attempt.scope);
    if (attempt.scope == StaffScope::Rating)
        session.windows = {window};
    session.token = newToken();
    if (auto cleaned = m_store.deleteExpiredSessions(now); !cleaned)
        qCWarning(lcStaff) << "cannot remove expired sessions:" << cleaned.error().detail;
    if (auto saved = m_store.saveSession({digestOf(session.token), id, window, session.expiresAt, attempt.scope == StaffScope::Rating}); !saved)
        return fail(SignInError{SignInError::Kind::Store, 0, saved.error().detail});
    const QString scope = attempt.scope == StaffScope::Rating ? QStringLiteral("rating") : QStringLiteral("full");
    if (window)
        qCInfo(lcStaff).noquote() << "staff" << id << "signed in at window" << window << "(scope" << scope << ")";
    else
        qCInfo(lcStaff).noquote() << "staff" << id << "signed in as" << (member->role == StaffMember::Role::Supervisor ? "supervisor" : "technician");
    audit(actorOf(*member), QStringLiteral("signed_in"), window ? QString::number(window) : QStringLiteral("console"),
          QJsonObject{{QStringLiteral("scope"), scope}, {QStringLiteral("client"), escapedForLog(attempt.client)}});
    return session;
}

void StaffSessionService::signInAsync(const SignInAttempt &attempt, QObject *context, SignInDone done)
{
    Checked checked;
    if (auto refused = admit(attempt, checked)) {
        done(fail(*refused));
        return;
    }
    auto promise = std::make_shared<QPromise<bool>>();
    auto *watcher = new QFutureWatcher<bool>(this);
    QPointer<QObject> receiver(context);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, attempt, checked, receiver, done = std::move(done)]() {
        watcher->deleteLater();
        const bool pinOk = watcher->future().resultCount() > 0 && watcher->future().result();
        // Counted even if the client has gone: hanging up must not save a wrong try from the count.
        auto result = conclude(attempt, checked, pinOk);
        if (receiver)
            done(std::move(result));
        else if (result)
            signOut(result->token); // nobody will ever see the token
    });
    watcher->setFuture(promise->future());
    promise->start();
    m_hashing.start([promise, pin = attempt.pin, hash = checked.hashToCheck]() {
        promise->addResult(PinHasher::verify(pin, hash));
        promise->finish();
    });
}

Result<StaffSession, SignInError> StaffSessionService::signIn(const SignInAttempt &attempt)
{
    Checked checked;
    if (auto refused = admit(attempt, checked))
        return fail(*refused);
    return conclude(attempt, checked, PinHasher::verify(attempt.pin, checked.hashToCheck));
}

Result<StaffSession, AuthError> StaffSessionService::authorize(const QString &token, std::optional<int> window, bool forRating)
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
    if (s.ratingOnly) {
        // The /rate tablet's token: its window's rating route and nothing else (DESIGN §16).
        if (!forRating)
            return fail(AuthError{AuthError::Kind::Forbidden, QStringLiteral("a rating token may only rate")});
        if (window && *window != s.window)
            return fail(AuthError{AuthError::Kind::WrongWindow, QStringLiteral("signed in at window %1, not window %2").arg(s.window).arg(*window)});
        StaffSession session = sessionOf(*member, s.window, s.expiresAt, StaffScope::Rating);
        session.windows = {s.window};
        return session;
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
    return sessionOf(*member, s.window, s.expiresAt, StaffScope::Full);
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
    const QByteArray digest = digestOf(token);
    auto stored = m_store.session(digest);
    if (auto removed = m_store.deleteSession(digest); !removed) {
        qCWarning(lcStaff) << "cannot sign out:" << removed.error().detail;
        return;
    }
    if (!stored || !stored.value())
        return; // an unknown token signs nobody out
    const StaffSessionRecord &s = **stored;
    const StaffMember *member = find(s.staffId);
    const QString actor = member ? actorOf(*member) : QStringLiteral("staff:") + s.staffId; // a stored id came from the staff file
    audit(actor, QStringLiteral("signed_out"), s.window ? QString::number(s.window) : QStringLiteral("console"),
          QJsonObject{{QStringLiteral("scope"), s.ratingOnly ? QStringLiteral("rating") : QStringLiteral("full")}});
}

} // namespace hk

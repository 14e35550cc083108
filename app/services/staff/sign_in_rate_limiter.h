#pragma once

#include "app/ports/clock.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <deque>
#include <optional>

namespace hk {

struct SignInRateLimits {
    int perClient = 5;  // tries per second from one client address (DESIGN §16)
    int hallWide = 20;  // tries per second from all addresses together, counted by this terminal
};

// The sign-in tries of the last second, per client address and in all, read from the Clock. A try
// refused here is not counted (a client hammering past the limit gains nothing and costs nothing),
// so the per-address table holds at most `hallWide` addresses: it cannot grow with the number of
// addresses an attacker uses.
class SignInRateLimiter {
public:
    explicit SignInRateLimiter(const Clock &clock, SignInRateLimits limits = {});

    // Counts the try and returns nothing, or refuses it and returns the whole seconds (≥ 1) after
    // which a try from `client` would be let in again.
    std::optional<qint64> admit(const QString &client);

    const SignInRateLimits &limits() const { return m_limits; }

private:
    void forgetBefore(const QDateTime &cutoff);
    static qint64 retryAfterS(const QDateTime &oldest, const QDateTime &now);

    const Clock &m_clock;
    SignInRateLimits m_limits;
    std::deque<QDateTime> m_all;                 // admitted tries of the last second, oldest first
    QHash<QString, std::deque<QDateTime>> m_byClient;
};

} // namespace hk

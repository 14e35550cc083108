#include "app/services/staff/sign_in_rate_limiter.h"

#include <algorithm>

namespace hk {

namespace {
constexpr qint64 kWindowMs = 1000;
}

SignInRateLimiter::SignInRateLimiter(const Clock &clock, SignInRateLimits limits)
    : m_clock(clock)
    , m_limits(limits)
{
}

void SignInRateLimiter::forgetBefore(const QDateTime &cutoff)
{
    while (!m_all.empty() && m_all.front() <= cutoff)
        m_all.pop_front();
    for (auto it = m_byClient.begin(); it != m_byClient.end();) {
        std::deque<QDateTime> &tries = it.value();
        while (!tries.empty() && tries.front() <= cutoff)
            tries.pop_front();
        it = tries.empty() ? m_byClient.erase(it) : std::next(it);
    }
}

qint64 SignInRateLimiter::retryAfterS(const QDateTime &oldest, const QDateTime &now)
{
    // The oldest try in the window leaves it at oldest + 1 s; a client is told whole seconds.
    const qint64 waitMs = kWindowMs - oldest.msecsTo(now);
    return std::max<qint64>(1, (waitMs + 999) / 1000);
}

std::optional<qint64> SignInRateLimiter::admit(const QString &client)
{
    const QDateTime now = m_clock.now();
    forgetBefore(now.addMSecs(-kWindowMs));
    if (qsizetype(m_all.size()) >= m_limits.hallWide)
        return retryAfterS(m_all.front(), now);
    auto it = m_byClient.find(client);
    if (it != m_byClient.end() && qsizetype(it->size()) >= m_limits.perClient)
        return retryAfterS(it->front(), now);
    m_all.push_back(now);
    m_byClient[client].push_back(now);
    return std::nullopt;
}

} // namespace hk

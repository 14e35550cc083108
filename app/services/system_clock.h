#pragma once

#include "app/ports/clock.h"

#include <QString>

#include <optional>

namespace hk {

// The machine's clock, optionally shifted: the demo runs an hour of the hall's working day
// whenever it is started, so it shifts the clock into the issuing hours (and says so).
class SystemClock final : public Clock {
public:
    explicit SystemClock(qint64 offsetMs = 0) : m_offsetMs(offsetMs) {}
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs); }

private:
    qint64 m_offsetMs;
};

// Test rigs only (`--test-clock-rate`): a clock that reads `start` at the machine's instant `anchor`
// and runs `rate` times faster than the machine's from there, so a soak lives a week in minutes.
// Processes given the same start, anchor and rate read one clock (the terminal and the reference
// platform agree on the signed requests' timestamps). Timers and sockets keep real time.
class RatedClock final : public Clock {
public:
    static constexpr double kMaxRate = 100000;

    RatedClock(const QDateTime &start, const QDateTime &anchor, double rate)
        : m_startMs(start.toMSecsSinceEpoch())
        , m_anchorMs(anchor.toMSecsSinceEpoch())
        , m_rate(rate)
    {
    }
    QDateTime now() const override
    {
        const qint64 real = QDateTime::currentMSecsSinceEpoch() - m_anchorMs;
        return QDateTime::fromMSecsSinceEpoch(m_startMs + qint64(double(real) * m_rate), Qt::UTC);
    }
    double rate() const override { return m_rate; }

private:
    qint64 m_startMs;
    qint64 m_anchorMs;
    double m_rate;
};

struct ParsedRatedClock {
    std::optional<RatedClock> clock;
    QString error;
};

// The three command-line values of a RatedClock (rate; start as ISO 8601 with its zone, empty: the anchor; anchor
// as milliseconds since the epoch, empty: now), or the problem in words.
inline ParsedRatedClock parseRatedClock(const QString &rate, const QString &start, const QString &anchorMs)
{
    bool ok = false;
    const double r = rate.toDouble(&ok);
    if (!ok || !(r > 0) || r > RatedClock::kMaxRate)
        return {std::nullopt, QStringLiteral("rate \"%1\" is not a number above 0 and at most %2").arg(rate).arg(RatedClock::kMaxRate)};
    QDateTime anchor = QDateTime::currentDateTimeUtc();
    if (!anchorMs.isEmpty()) {
        const qint64 ms = anchorMs.toLongLong(&ok);
        if (!ok || ms <= 0)
            return {std::nullopt, QStringLiteral("anchor \"%1\" is not milliseconds since 1970").arg(anchorMs)};
        anchor = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    QDateTime from = anchor;
    if (!start.isEmpty()) {
        from = QDateTime::fromString(start, Qt::ISODateWithMs);
        if (!from.isValid() || from.timeSpec() == Qt::LocalTime)
            return {std::nullopt, QStringLiteral("start \"%1\" is not an ISO 8601 instant with its zone "
                                                 "(e.g. 2026-03-02T00:30:00+08:00 or …Z)").arg(start)};
    }
    return {RatedClock(from, anchor, r), {}};
}

} // namespace hk

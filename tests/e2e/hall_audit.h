#pragma once

// What a hall of real processes (hall_rig.h) ended with, read after a load, and the checks the
// hall's end-to-end tests make on it (DESIGN §11): the hall's tickets, the events the hall wrote
// (the rig's ledger), what is left in its outbox, and what the platform took. Each check returns
// its problems, one line each, so a test fails naming them.

#include "tests/e2e/hall_rig.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

namespace hk::test {

struct HallTicket {
    QString id;
    QString number;
    QString series;
    int seq = 0;
    QString kind;
    QString state;
    QString terminal;
    QDateTime issuedAt;
    double queueKey = 0;
    bool called = false;
    int window = 0;
    bool offline() const { return series.contains(QLatin1Char('-')); }
};

struct WrittenEvent {
    QString id;
    QString type;
    QJsonObject data;
};

class HallAudit {
public:
    explicit HallAudit(HallRig &hall) : m_hall(hall) {}

    // Empty once everything is read; otherwise what could not be.
    QString read()
    {
        bool ok = false;
        const QJsonArray tickets = m_hall.rows(QStringLiteral("SELECT id, number, series, seq, kind, state, terminal, issued_at, "
                                                               "queue_key, called_at, window_number FROM tickets"),
                                               &ok);
        if (!ok)
            return QStringLiteral("cannot read the hall's tickets");
        m_tickets.clear();
        for (const QJsonValue &v : tickets) {
            const QJsonObject o = v.toObject();
            HallTicket t;
            t.id = o.value(QStringLiteral("id")).toString();
            t.number = o.value(QStringLiteral("number")).toString();
            t.series = o.value(QStringLiteral("series")).toString();
            t.seq = o.value(QStringLiteral("seq")).toInt();
            t.kind = o.value(QStringLiteral("kind")).toString();
            t.state = o.value(QStringLiteral("state")).toString();
            t.terminal = o.value(QStringLiteral("terminal")).toString();
            t.issuedAt = QDateTime::fromString(o.value(QStringLiteral("issued_at")).toString(), Qt::ISODateWithMs);
            t.queueKey = o.value(QStringLiteral("queue_key")).toDouble();
            t.called = !o.value(QStringLiteral("called_at")).toString().isEmpty();
            t.window = o.value(QStringLiteral("window_number")).toInt();
            m_tickets.push_back(t);
        }
        const QJsonArray written = m_hall.rows(QStringLiteral("SELECT id, type, data FROM test_events_written"), &ok);
        if (!ok)
            return QStringLiteral("cannot read the events ledger");
        m_written.clear();
        for (const QJsonValue &v : written) {
            const QJsonObject o = v.toObject();
            m_written.push_back({o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("type")).toString(),
                                 QJsonDocument::fromJson(o.value(QStringLiteral("data")).toString().toUtf8()).object()});
        }
        m_outbox = int(m_hall.number(QStringLiteral("SELECT count(*) FROM outbox")));
        m_platformEvents = m_hall.platform().events(&ok);
        if (!ok)
            return QStringLiteral("cannot read the platform's events");
        return {};
    }

    const std::vector<HallTicket> &tickets() const { return m_tickets; }
    int offlineTickets() const
    {
        return int(std::count_if(m_tickets.begin(), m_tickets.end(), [](const HallTicket &t) { return t.offline(); }));
    }
    int eventsWritten() const { return int(m_written.size()); }
    int platformEvents() const { return int(m_platformEvents.size()); }
    int outbox() const { return m_outbox; }
    int cutShort() const { return m_cutShort; }
    QString eventTypes() const
    {
        std::map<QString, int> types;
        for (const WrittenEvent &e : m_written)
            ++types[e.type];
        QStringList parts;
        for (const auto &[type, n] : types)
            parts << QStringLiteral("%1 %2").arg(n).arg(type);
        return parts.join(QStringLiteral(", "));
    }

    // No number twice in the hall.
    QStringList numbersOnce() const
    {
        QHash<QString, int> seen;
        for (const HallTicket &t : m_tickets)
            ++seen[t.number];
        QStringList problems;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            if (it.value() > 1)
                problems << QStringLiteral("number %1 issued %2 times").arg(it.key()).arg(it.value());
        }
        return problems;
    }

    // No ticket answered to two call-nexts, and none called twice by the events either.
    QStringList calledAtMostOnce(const QMultiHash<QString, int> &answered) const
    {
        QStringList problems;
        for (const QString &id : answered.uniqueKeys()) {
            if (answered.count(id) > 1)
                problems << QStringLiteral("ticket %1 went to windows %2").arg(numberOf(id), windowsOf(answered.values(id)));
        }
        const QHash<QString, int> calledEvents = countByTicket(QStringLiteral("ticket_called"));
        for (auto it = calledEvents.cbegin(); it != calledEvents.cend(); ++it) {
            if (it.value() > 1)
                problems << QStringLiteral("ticket %1 has %2 ticket_called events").arg(numberOf(it.key())).arg(it.value());
        }
        return problems;
    }

    // Every ticket's facts reported once: one ticket_issued each, one ticket_called for each ticket
    // the hall called and none for the others; and no event id written twice.
    QStringList eventsMatchTickets() const
    {
        QStringList problems;
        QSet<QString> ids;
        for (const WrittenEvent &e : m_written) {
            if (ids.contains(e.id))
                problems << QStringLiteral("event %1 (%2) written twice").arg(e.id, e.type);
            ids.insert(e.id);
        }
        const QHash<QString, int> issued = countByTicket(QStringLiteral("ticket_issued"));
        const QHash<QString, int> called = countByTicket(QStringLiteral("ticket_called"));
        QSet<QString> known;
        for (const HallTicket &t : m_tickets) {
            known.insert(t.id);
            if (issued.value(t.id) != 1)
                problems << QStringLiteral("ticket %1 has %2 ticket_issued events").arg(t.number).arg(issued.value(t.id));
            if (called.value(t.id) != (t.called ? 1 : 0))
                problems << QStringLiteral("ticket %1 (%2, called %3) has %4 ticket_called events")
                                .arg(t.number, t.state, t.called ? QStringLiteral("yes") : QStringLiteral("no"))
                                .arg(called.value(t.id));
        }
        for (const WrittenEvent &e : m_written) {
            const QString ticket = e.data.value(QStringLiteral("ticket")).toString();
            if (e.type.startsWith(QLatin1String("ticket_")) && !known.contains(ticket))
                problems << QStringLiteral("event %1 (%2) names ticket %3, which the hall does not have").arg(e.id, e.type, ticket);
        }
        return problems;
    }

    // The platform took every event the hall wrote, each once, and nothing else.
    QStringList platformTookEachOnce() const
    {
        QStringList problems;
        QHash<QString, int> taken;
        for (const QJsonValue &v : m_platformEvents)
            ++taken[v.toObject().value(QStringLiteral("id")).toString()];
        QSet<QString> written;
        for (const WrittenEvent &e : m_written) {
            written.insert(e.id);
            if (taken.value(e.id) != 1)
                problems << QStringLiteral("event %1 (%2) reached the platform %3 times").arg(e.id, e.type).arg(taken.value(e.id));
        }
        for (auto it = taken.cbegin(); it != taken.cend(); ++it) {
            if (!written.contains(it.key()))
                problems << QStringLiteral("the platform has event %1, which the hall never wrote").arg(it.key());
        }
        if (platformEvents() != eventsWritten())
            problems << QStringLiteral("the platform has %1 events, the hall wrote %2").arg(platformEvents()).arg(eventsWritten());
        return problems;
    }

    // Every ticket a printer put out is in the hall with its number, and no number was printed for
    // two tickets. A file the kill of its run cut short is counted (cutShort), not read.
    QStringList printedAreInHall(const std::vector<PrintedTicket> &printed)
    {
        m_cutShort = 0;
        QStringList problems;
        QHash<QString, const HallTicket *> byId;
        for (const HallTicket &t : m_tickets)
            byId.insert(t.id, &t);
        QHash<QString, QString> idOfNumber;
        for (const PrintedTicket &p : printed) {
            if (p.id.isEmpty() || p.number.isEmpty()) {
                if (p.lastOfKilledRun)
                    ++m_cutShort;
                else
                    problems << QStringLiteral("%1 is no readable ticket").arg(p.file);
                continue;
            }
            const HallTicket *t = byId.value(p.id);
            if (!t)
                problems << QStringLiteral("printed ticket %1 (%2) is not in the hall").arg(p.number, p.file);
            else if (t->number != p.number)
                problems << QStringLiteral("printed %1 is %2 in the hall").arg(p.number, t->number);
            if (idOfNumber.contains(p.number) && idOfNumber.value(p.number) != p.id)
                problems << QStringLiteral("number %1 printed for two tickets").arg(p.number);
            idOfNumber.insert(p.number, p.id);
        }
        return problems;
    }

    // Offline tickets joined the hall's queue at their issue time, and each terminal's series in
    // the order it issued them.
    QStringList offlineInIssueOrder() const
    {
        QStringList problems;
        QHash<QString, std::vector<const HallTicket *>> bySeries;
        for (const HallTicket &t : m_tickets) {
            if (!t.offline())
                continue;
            bySeries[t.series].push_back(&t);
            const double issued = double(t.issuedAt.toMSecsSinceEpoch()) / 1000.0;
            if (!t.issuedAt.isValid() || std::abs(t.queueKey - issued) > 0.01)
                problems << QStringLiteral("offline ticket %1 is queued at %2, issued at %3")
                                .arg(t.number)
                                .arg(t.queueKey, 0, 'f', 3)
                                .arg(t.issuedAt.toString(Qt::ISODateWithMs));
        }
        for (auto it = bySeries.begin(); it != bySeries.end(); ++it) {
            std::vector<const HallTicket *> &series = it.value();
            std::sort(series.begin(), series.end(), [](const HallTicket *a, const HallTicket *b) { return a->seq < b->seq; });
            for (size_t i = 1; i < series.size(); ++i) {
                if (series[i]->issuedAt < series[i - 1]->issuedAt)
                    problems << QStringLiteral("offline %1 was issued before %2").arg(series[i]->number, series[i - 1]->number);
            }
        }
        return problems;
    }

private:
    QHash<QString, int> countByTicket(const QString &type) const
    {
        QHash<QString, int> counts;
        for (const WrittenEvent &e : m_written) {
            if (e.type == type)
                ++counts[e.data.value(QStringLiteral("ticket")).toString()];
        }
        return counts;
    }
    QString numberOf(const QString &id) const
    {
        for (const HallTicket &t : m_tickets) {
            if (t.id == id)
                return t.number;
        }
        return id;
    }
    static QString windowsOf(const QList<int> &windows)
    {
        QStringList parts;
        for (int w : windows)
            parts << QString::number(w);
        return parts.join(QStringLiteral(", "));
    }

    HallRig &m_hall;
    std::vector<HallTicket> m_tickets;
    std::vector<WrittenEvent> m_written;
    int m_outbox = -1;
    int m_cutShort = 0;
    QJsonArray m_platformEvents;
};

// Problems as one message for QVERIFY2: the first few, and how many in all.
inline QByteArray problemText(const QStringList &problems)
{
    QStringList shown = problems.mid(0, 12);
    if (problems.size() > shown.size())
        shown << QStringLiteral("… %1 problems in all").arg(problems.size());
    return shown.join(QStringLiteral("; ")).toUtf8();
}

} // namespace hk::test

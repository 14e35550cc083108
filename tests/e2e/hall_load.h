#pragma once

// A working morning in a hall of real processes (hall_rig.h), driven from the test's event loop:
// at every terminal a citizen after another — a tap on a group (`--test-control`) or a booking code
// under the scanner — and at every window a clerk's console calling the next ticket and finishing
// it, through `POST /api/v1/windows/N/call-next` and `/finish` on the terminal that serves the
// window's console, signed in there by the hall's supervisor (a sign-in is for one window). All terminals and windows act at once; a terminal
// that is down (killed, restarting) is waited for, and its port looked up again.
//
// Each citizen waits for the ticket to come out of the printer before the next one steps up (a
// second tap while a ticket prints is ignored by the terminal, as on its screen). What every call
// answered is kept, so a test can check that no ticket went to two windows.

#include "tests/e2e/hall_rig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <functional>
#include <random>

namespace hk::test {

struct HallLoadPlan {
    int walkInsPerTerminal = 100;
    // The walk-in groups, each as often as it appears here (the county catalog's groups).
    QStringList groups{QStringLiteral("SB"), QStringLiteral("SB"), QStringLiteral("SB"), QStringLiteral("BDC"),
                       QStringLiteral("HJ"),  QStringLiteral("QY"), QStringLiteral("SW"), QStringLiteral("SW"),
                       QStringLiteral("ZH")};
    // The share of citizens who bring a booking code while codes are left; 0: codes and walk-ins
    // mixed in proportion, so both run out together.
    double codeShare = 0;
    // After the last citizen, the windows call until none finds anybody waiting.
    bool drain = true;
    int printTimeoutMs = 4000; // a citizen who got no ticket in this time (refused, the terminal killed) moves on
    quint32 seed = 11;
};

struct HallLoadFigures {
    int tapsSent = 0;
    int scansSent = 0;
    int ticketsSeen = 0;      // printed while a citizen waited
    int citizensTimedOut = 0; // no ticket within printTimeoutMs
    int signIns = 0;
    int callNexts = 0;        // requests
    int calls = 0;            // call-nexts that answered a ticket
    int emptyCalls = 0;       // call-nexts that found nobody
    int finishes = 0;         // finishes answered 200
    int refused = 0;          // 4xx answers (offline, nothing to finish …)
    int unanswered = 0;       // no answer: the terminal down or killed mid-request
    int operations() const { return ticketsSeen + calls + finishes; }
    QString text() const
    {
        return QStringLiteral("%1 operations: %2 tickets printed (%3 taps, %4 scans, %5 citizens without a ticket), %6 calls "
                              "(%7 call-next requests, %8 found nobody), %9 finishes, %10 sign-ins, %11 refused, %12 unanswered")
            .arg(operations())
            .arg(ticketsSeen)
            .arg(tapsSent)
            .arg(scansSent)
            .arg(citizensTimedOut)
            .arg(calls)
            .arg(callNexts)
            .arg(emptyCalls)
            .arg(finishes)
            .arg(signIns)
            .arg(refused)
            .arg(unanswered);
    }
};

class HallLoad : public QObject {
public:
    HallLoad(HallRig &hall, HallLoadPlan plan)
        : m_hall(hall)
        , m_plan(std::move(plan))
        , m_random(m_plan.seed)
    {
        for (int i = 1; i <= hall.terminalCount(); ++i)
            m_citizens.push_back(Citizens{i, m_plan.walkInsPerTerminal, {}, false, 0, 0, {}, 0, 0});
        // Each booking is presented at one terminal: a check-in twice is another test's business.
        for (size_t b = 0; b < hall.bookings().size(); ++b)
            m_citizens[b % m_citizens.size()].codes << hall.bookings()[b].code;
        for (const HallWindow &w : hall.catalog().windows)
            m_windows.push_back(WindowClerk{w.number, 1 + (w.number - 1) % hall.terminalCount()});
        m_tick.setInterval(20);
        connect(&m_tick, &QTimer::timeout, this, &HallLoad::stepCitizens);
    }

    void start()
    {
        m_clock.start();
        m_tick.start();
        for (size_t i = 0; i < m_windows.size(); ++i)
            later(int(i) * 10, [this, i] { stepWindow(i); });
    }
    // No more citizens; the windows go on (and drain, if planned).
    void stopIssuing()
    {
        for (Citizens &c : m_citizens) {
            c.walkIns = 0;
            c.codes.clear();
        }
    }
    void stop()
    {
        stopIssuing();
        m_stopped = true;
        m_tick.stop();
    }
    bool issuingDone() const
    {
        for (const Citizens &c : m_citizens) {
            if (c.walkIns > 0 || !c.codes.isEmpty() || c.waiting)
                return false;
        }
        return true;
    }
    // Every citizen served a ticket (or timed out), and — with `drain` — every window found nobody
    // waiting after that.
    bool finished() const
    {
        if (!issuingDone())
            return false;
        if (!m_plan.drain)
            return true;
        for (const WindowClerk &w : m_windows) {
            if (!w.idleAfterIssuing)
                return false;
        }
        return true;
    }
    // In-flight requests answered, nothing more sent.
    bool quiet() const { return m_stopped && m_inFlight == 0; }

    const HallLoadFigures &figures() const { return m_figures; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    // ticket id → the windows whose call-next answered it.
    const QMultiHash<QString, int> &answeredCalls() const { return m_answered; }

private:
    struct Citizens {
        int terminal;
        int walkIns;
        QStringList codes;
        bool waiting = false;
        int waitRun = 0;
        int waitFor = 0; // the printed-ticket count that ends the wait
        QString code;    // the code presented, to present again if the terminal was killed meanwhile
        qint64 since = 0;
        qint64 readyAt = 0;
    };
    struct WindowClerk {
        int number;
        int terminal;
        bool idleAfterIssuing = false;
    };

    void later(int ms, std::function<void()> step)
    {
        QTimer::singleShot(ms, this, [this, step = std::move(step)] {
            if (!m_stopped)
                step();
        });
    }

    int randomInt(int from, int to) { return std::uniform_int_distribution<int>(from, to)(m_random); }

    void stepCitizens()
    {
        const qint64 now = m_clock.elapsed();
        for (Citizens &c : m_citizens) {
            RigTerminal &t = m_hall.terminal(c.terminal);
            if (c.waiting) {
                if (t.runs() != c.waitRun || !t.running()) {
                    // Killed while this citizen waited: the code is presented again when it is back.
                    c.waiting = false;
                    if (!c.code.isEmpty())
                        c.codes << c.code;
                    c.readyAt = now + 100;
                } else if (t.printedThisRun() >= c.waitFor) {
                    c.waiting = false;
                    ++m_figures.ticketsSeen;
                    c.readyAt = now + randomInt(60, 120); // the printer is free a moment after the cut
                } else if (now - c.since > m_plan.printTimeoutMs) {
                    c.waiting = false;
                    ++m_figures.citizensTimedOut;
                    c.readyAt = now;
                }
                continue;
            }
            if (now < c.readyAt || (c.walkIns <= 0 && c.codes.isEmpty()) || !t.running() || !t.port())
                continue;
            const bool presentCode =
                !c.codes.isEmpty() && (m_plan.codeShare > 0 ? std::uniform_real_distribution<double>(0, 1)(m_random) < m_plan.codeShare || c.walkIns <= 0
                                                           : randomInt(0, c.walkIns + int(c.codes.size()) - 1) < c.codes.size());
            const QString code = presentCode ? c.codes.first() : QString();
            const QString group = m_plan.groups.at(randomInt(0, int(m_plan.groups.size()) - 1));
            if (!(presentCode ? t.scan(code) : t.tap(group))) {
                c.readyAt = now + 100; // nobody reads the FIFO: the terminal is going down or starting
                continue;
            }
            if (presentCode) {
                c.codes.removeFirst();
                ++m_figures.scansSent;
            } else {
                --c.walkIns;
                ++m_figures.tapsSent;
            }
            c.code = code;
            c.waiting = true;
            c.waitRun = t.runs();
            c.waitFor = t.printedThisRun() + 1;
            c.since = now;
        }
    }

    void send(int terminal, const QString &path, const QJsonObject &body, const QString &token,
              std::function<void(int, const QJsonObject &)> done)
    {
        RigTerminal &t = m_hall.terminal(terminal);
        if (!t.port()) {
            ++m_figures.unanswered;
            later(150, [done] { done(0, {}); });
            return;
        }
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(t.port()).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        request.setTransferTimeout(8000);
        ++m_inFlight;
        QNetworkReply *reply = m_network.post(request, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
        connect(reply, &QNetworkReply::finished, this, [this, reply, done] {
            reply->deleteLater();
            --m_inFlight;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 0)
                ++m_figures.unanswered;
            else if (status >= 400 && status != 401)
                ++m_figures.refused;
            if (!m_stopped)
                done(status, QJsonDocument::fromJson(reply->readAll()).object());
        });
    }

    void stepWindow(size_t i)
    {
        const WindowClerk &w = m_windows[i];
        const QString token = m_tokens.value(w.number);
        if (token.isEmpty()) {
            send(w.terminal, QStringLiteral("/api/v1/session"),
                 {{QStringLiteral("window"), w.number},
                  {QStringLiteral("staff_id"), QLatin1String(HallRig::kStaffId)},
                  {QStringLiteral("pin"), QLatin1String(HallRig::kStaffPin)}},
                 {}, [this, i, window = w.number](int status, const QJsonObject &body) {
                     if (status == 200) {
                         ++m_figures.signIns;
                         m_tokens.insert(window, body.value(QStringLiteral("token")).toString());
                     }
                     later(status == 200 ? 0 : 200, [this, i] { stepWindow(i); });
                 });
            return;
        }
        const bool issuingWasDone = issuingDone();
        ++m_figures.callNexts;
        send(w.terminal, QStringLiteral("/api/v1/windows/%1/call-next").arg(w.number), {}, token,
             [this, i, issuingWasDone](int status, const QJsonObject &body) { onCalled(i, status, body, issuingWasDone); });
    }

    void onCalled(size_t i, int status, const QJsonObject &body, bool issuingWasDone)
    {
        WindowClerk &w = m_windows[i];
        if (status == 401)
            m_tokens.remove(w.number);
        if (status != 200) {
            later(200, [this, i] { stepWindow(i); });
            return;
        }
        const QJsonObject current = body.value(QStringLiteral("current")).toObject();
        if (current.isEmpty()) {
            ++m_figures.emptyCalls;
            if (issuingWasDone)
                w.idleAfterIssuing = true;
            later(randomInt(100, 200), [this, i] { stepWindow(i); });
            return;
        }
        w.idleAfterIssuing = false;
        ++m_figures.calls;
        m_answered.insert(current.value(QStringLiteral("ticket_id")).toString(), w.number);
        later(randomInt(0, 30), [this, i] { finish(i); });
    }

    void finish(size_t i)
    {
        const WindowClerk &w = m_windows[i];
        send(w.terminal, QStringLiteral("/api/v1/windows/%1/finish").arg(w.number), {}, m_tokens.value(w.number),
             [this, i](int status, const QJsonObject &) {
                 if (status == 200)
                     ++m_figures.finishes;
                 if (status == 401)
                     m_tokens.remove(m_windows[i].number);
                 // Not finished (the terminal down, offline): the next call-next finishes it first.
                 later(randomInt(0, 30), [this, i] { stepWindow(i); });
             });
    }

    HallRig &m_hall;
    HallLoadPlan m_plan;
    std::mt19937 m_random;
    std::vector<Citizens> m_citizens;
    std::vector<WindowClerk> m_windows;
    QHash<int, QString> m_tokens; // each window's sign-in
    QNetworkAccessManager m_network;
    QTimer m_tick;
    QElapsedTimer m_clock;
    bool m_stopped = false;
    int m_inFlight = 0;
    HallLoadFigures m_figures;
    QMultiHash<QString, int> m_answered;
};

} // namespace hk::test

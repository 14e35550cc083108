// A hall's day on PostgreSQL (issue 11), at accelerated time: 5,000 citizens arrive as
// app/queuesim's trace generator spreads them (3,800 walk-ins, 1,200 booked, no booking missed),
// at three terminals issuing on threads of their own; 40 windows (the county hall's eight, five
// times) call, start, finish — and now and then recall and pass — from a pool of console
// connections, the clerks' think times and the services' lengths compressed as the day is. Each
// thread has its own Database connection to one private PostgreSQL (fsync on). A window's next
// step is due a think time or a service after its last step was due, whenever that one ran, so a
// slow database shows as steps begun late (printed), not as fewer citizens served.
//
// Prints the totals (issued, called, served, passed, expired at close), each operation's median,
// p99 and maximum latency and the tries Database::retry ran again, how far behind the day's
// schedule the operations started, and the wall time. Then checks what must hold whatever the
// load: no number twice and no gap in a series, every ticket called at most once, every fact in
// the outbox once, nothing left open after the day's close. Asserts nothing about time; exits
// non-zero only when one of those breaks (a correctness failure).
//
//   bench_hall_day [SPEEDUP]   virtual seconds a wall second; default 600 (08:30–17:00 in about
//                              51 s), 60 with HALLKIOSK_BENCH_LONG=1 (about 8.5 minutes)

#include "app/config/catalog_parser.h"
#include "app/domain/booking/booking_rules.h"
#include "app/domain/queue/calling_policy.h"
#include "app/queuesim/trace_generator.h"
#include "db/database.h"
#include "db/stores/sql_queue_store.h"
#include "tests/bench/bench_support.h"
#include "tests/support/hall_time.h"
#include "tests/support/private_hall.h"
#include "tests/support/store_engines.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <queue>
#include <random>
#include <thread>

using namespace hk;

namespace {

constexpr int kTerminals = 3;
constexpr int kConsoleConnections = 3; // the consoles' requests, as the three terminals serve them
constexpr int kIssuingFrom = 8 * 3600 + 30 * 60;
constexpr int kOpen = 9 * 3600;
constexpr int kClose = 17 * 3600; // no number issued and no call made after it
constexpr int kRecallMax = 3;
// A clerk's think time between a citizen and the next call, a citizen's walk to the window, and
// the wait before an unanswered call is repeated; seconds of the hall's day.
constexpr int kThinkSeconds = 15;
constexpr int kWalkUpSeconds = 30;
constexpr int kRecallAfterSeconds = 60;
constexpr int kIdlePollSeconds = 300; // an idle window looks again even when no issue woke it
constexpr double kPassShare = 0.03;   // citizens who never come to the window: recalled, then passed
const CivilDate kDay(2026, 11, 24);
const QString kCenter = QStringLiteral("SQ-001");

[[noreturn]] void die(const QString &why)
{
    std::fprintf(stderr, "bench_hall_day: %s\n", qPrintable(why));
    std::exit(1);
}

// The hall's clock: seconds of the day, running `speedup` times as fast as the wall's from
// kIssuingFrom.
class DayClock {
public:
    explicit DayClock(double speedup)
        : m_speedup(speedup)
    {
    }
    void start() { m_wall.start(); }
    double secondOfDay() const { return kIssuingFrom + double(m_wall.nsecsElapsed()) / 1e9 * m_speedup; }
    QDateTime at() const { return test::hall(0, 0).addMSecs(qint64(secondOfDay() * 1000)); }
    qint64 wallNsOf(double secondOfDay) const { return qint64((secondOfDay - kIssuingFrom) / m_speedup * 1e9); }
    qint64 wallNs() const { return m_wall.nsecsElapsed(); }
    void sleepUntil(double secondOfDay) const
    {
        const qint64 ns = wallNsOf(secondOfDay) - wallNs();
        if (ns > 0)
            std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
    }

private:
    double m_speedup;
    QElapsedTimer m_wall;
};

// A citizen at the terminal: when, which group, and for a booking the priority its check-in gives.
struct Arrival {
    int second = 0;
    size_t row = 0;
    QString group;
    bool booked = false;
    int prioritySecond = 0;
    int slotSecond = 0;
    Complexity complexity = Complexity::General;
    double serviceMinutes = 0;
};

// The trace's citizens as the terminals see them: those early wait for issuing to begin, a booking
// checked in too early comes back when it may (C1), one more than 30 minutes late takes a walk-in
// ticket, and priority is max(check-in, slot − 15 min) (C4).
std::vector<Arrival> arrivalsOf(const std::vector<TraceRow> &trace, int &lateAsWalkIn)
{
    const Rules rules;
    const WorkingCalendar calendar(Hours{}, CalendarDays{{}, {kDay}}); // the default hours, on a working day
    const std::string center = kCenter.toStdString();
    std::vector<Arrival> arrivals;
    for (size_t i = 0; i < trace.size(); ++i) {
        const TraceRow &r = trace[i];
        if (!r.arrival)
            continue;
        Arrival a;
        a.second = std::max(*r.arrival, kIssuingFrom);
        a.row = i;
        a.group = r.group;
        a.complexity = r.complexity;
        a.serviceMinutes = r.serviceMinutes;
        if (r.kind == TicketKind::Booked) {
            const LocalDateTime slot(kDay, *r.slotStart);
            const auto checkIn = [&](int t) {
                return evaluateCheckIn({center, slot, BookingState::Booked, lapsesAt(slot, rules)}, center, rules, calendar,
                                       LocalDateTime(kDay, t));
            };
            auto decision = checkIn(a.second);
            if (!decision && std::holds_alternative<refusal::TooEarly>(decision.error())) {
                a.second = std::get<refusal::TooEarly>(decision.error()).comeBackAt.secondOfDay();
                decision = checkIn(a.second);
            }
            if (decision) {
                a.booked = true;
                a.prioritySecond = decision->priorityAt.secondOfDay();
                a.slotSecond = *r.slotStart;
            } else {
                ++lateAsWalkIn;
            }
        }
        if (a.second < kClose)
            arrivals.push_back(a);
    }
    std::stable_sort(arrivals.begin(), arrivals.end(), [](const Arrival &x, const Arrival &y) { return x.second < y.second; });
    return arrivals;
}

enum class Op { IssueWalkIn, IssueBooked, CallNext, Start, Finish, Recall, Pass, Count };
constexpr const char *kOpNames[] = {"issue walk-in", "issue booked", "call-next", "start", "finish", "recall", "pass"};

// One thread's figures: each operation's latencies and retries, how late each started.
struct Tally {
    std::vector<double> ms[size_t(Op::Count)];
    qint64 retries[size_t(Op::Count)] = {};
    int failures[size_t(Op::Count)] = {};
    std::vector<double> behindMs; // wall ms between when an operation was due and when it began
    QStringList called;           // every ticket a call-next called
    int served = 0, passed = 0, emptyCalls = 0;
    QStringList errors;

    void add(const Tally &o)
    {
        for (size_t i = 0; i < size_t(Op::Count); ++i) {
            ms[i].insert(ms[i].end(), o.ms[i].begin(), o.ms[i].end());
            retries[i] += o.retries[i];
            failures[i] += o.failures[i];
        }
        behindMs.insert(behindMs.end(), o.behindMs.begin(), o.behindMs.end());
        called << o.called;
        served += o.served;
        passed += o.passed;
        emptyCalls += o.emptyCalls;
        errors << o.errors.mid(0, 5);
    }
};

// Times `fn` (a store call returning a Result) as operation `op`, with the retries it took.
template <typename Fn>
auto timed(Tally &tally, Database &db, Op op, Fn &&fn)
{
    const qint64 before = db.retries();
    QElapsedTimer t;
    t.start();
    auto result = fn();
    tally.ms[size_t(op)].push_back(double(t.nsecsElapsed()) / 1e6);
    tally.retries[size_t(op)] += db.retries() - before;
    if (!result) {
        ++tally.failures[size_t(op)];
        tally.errors << QStringLiteral("%1: %2").arg(QString::fromLatin1(kOpNames[size_t(op)]), result.error().detail);
    }
    return result;
}

// The 40 windows: what each is doing, and the next step each is due to take. One step per window
// is ever due, so a window's steps never run at once; a step whose generation is stale (the window
// was woken meanwhile) is dropped.
class Windows {
public:
    enum class Step { Call, Start, Finish, Recall, Pass };

    Windows(const HallPlan &plan, const DayClock &clock)
        : m_clock(clock)
    {
        for (const HallPlan::Window &w : plan.windows) {
            Window window;
            window.number = w.number;
            for (const QString &g : w.groups)
                window.groups.push_back(g.toStdString());
            m_windows.emplace(w.number, window);
            schedule(w.number, Step::Call, kOpen);
        }
    }

    struct Due {
        qint64 wallNs;
        double second; // of the hall's day
        int window;
        Step step;
        unsigned generation;
        bool operator>(const Due &o) const { return wallNs > o.wallNs; }
    };

    // The next step due, once it is due; nothing when the day is over (past the close, nothing due).
    std::optional<Due> next()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_due.empty()) {
                if (m_clock.secondOfDay() >= kClose && m_issuing == 0)
                    return std::nullopt;
                m_changed.wait_for(lock, std::chrono::milliseconds(20));
                continue;
            }
            const Due top = m_due.top();
            const qint64 now = m_clock.wallNs();
            if (top.wallNs > now) {
                m_changed.wait_for(lock, std::chrono::nanoseconds(top.wallNs - now));
                continue;
            }
            m_due.pop();
            Window &w = m_windows[top.window];
            if (top.generation != w.generation)
                continue;
            w.idle = false; // taking a step: an issue meanwhile wakes another window, not this one
            return top;
        }
    }

    // Due `seconds` of the hall's day after `step` was due: a step taken late does not put the
    // window's day back (a slow database shows as lateness, not as fewer citizens served).
    void after(const Due &previous, Step step, double seconds) { schedule(previous.window, step, previous.second + seconds); }

    // Nobody waiting for it: it looks again later, or sooner when a ticket of its groups is issued.
    void idle(int window)
    {
        std::lock_guard lock(m_mutex);
        Window &w = m_windows[window];
        w.idle = true;
        push(window, Step::Call, m_clock.secondOfDay() + kIdlePollSeconds, w.generation);
    }

    // A ticket of `group` was issued: an idle window serving it calls now.
    void issued(const QString &group)
    {
        const std::string g = group.toStdString();
        std::lock_guard lock(m_mutex);
        if (m_clock.secondOfDay() < kOpen)
            return;
        for (size_t k = 0; k < m_windows.size(); ++k) {
            m_cursor = (m_cursor + 1) % m_windows.size();
            Window &w = std::next(m_windows.begin(), qsizetype(m_cursor))->second;
            if (!w.idle || !w.serves(g))
                continue;
            w.idle = false;
            ++w.generation;
            push(w.number, Step::Call, m_clock.secondOfDay(), w.generation);
            return;
        }
    }

    void issuingStarted(int terminals)
    {
        std::lock_guard lock(m_mutex);
        m_issuing = terminals;
    }
    void issuingDone()
    {
        std::lock_guard lock(m_mutex);
        --m_issuing;
        m_changed.notify_all();
    }

    const std::vector<std::string> &groupsOf(int window) const { return m_windows.at(window).groups; }

private:
    struct Window {
        int number = 0;
        std::vector<std::string> groups;
        bool idle = false;
        unsigned generation = 0;
        bool serves(const std::string &g) const
        {
            return std::find(groups.begin(), groups.end(), g) != groups.end() || std::find(groups.begin(), groups.end(), "*") != groups.end();
        }
    };

    void schedule(int window, Step step, double secondOfDay)
    {
        std::lock_guard lock(m_mutex);
        Window &w = m_windows[window];
        w.idle = false;
        push(window, step, secondOfDay, w.generation);
    }
    void push(int window, Step step, double secondOfDay, unsigned generation)
    {
        m_due.push({m_clock.wallNsOf(secondOfDay), secondOfDay, window, step, generation});
        m_changed.notify_one();
    }

    const DayClock &m_clock;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<int, Window> m_windows;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
    size_t m_cursor = 0;
    int m_issuing = 0;
};

struct Catalogue {
    QHash<QString, char> prefixes;
};

std::unique_ptr<Database> openHall(const test::PrivatePostgres &pg, const QString &terminal)
{
    auto db = Database::openHall(test::hallConnectionOf(pg, terminal), kCenter);
    if (!db)
        die(QStringLiteral("%1: %2").arg(terminal, db.error().detail));
    return std::move(db).value();
}

// A terminal: issues its citizens' tickets as they arrive.
void terminal(int t, const std::vector<Arrival> &mine, const Catalogue &catalogue, const test::PrivatePostgres &pg, const DayClock &clock,
              Windows &windows, QHash<QString, double> &serviceOf, std::mutex &serviceMutex, Tally &tally,
              const std::function<void()> &ready)
{
    const QString terminalId = QStringLiteral("T0%1").arg(t + 1);
    auto db = openHall(pg, terminalId);
    SqlQueueStore store(*db);
    ready();
    for (const Arrival &a : mine) {
        clock.sleepUntil(a.second);
        tally.behindMs.push_back(double(clock.wallNs() - clock.wallNsOf(a.second)) / 1e6);
        const QDateTime at = clock.at();
        auto issued = a.booked ? timed(tally, *db, Op::IssueBooked,
                                       [&] {
                                           return store.issueBooked({QStringLiteral("bk-%1").arg(a.row), a.group, QString(), 'Y', kDay, at,
                                                                     std::max(at, test::hall(0, 0).addSecs(a.prioritySecond)),
                                                                     test::hall(0, 0).addSecs(a.slotSecond), a.complexity, terminalId});
                                       })
                               : timed(tally, *db, Op::IssueWalkIn, [&] {
                                     return store.issueWalkIn({a.group, catalogue.prefixes.value(a.group, 'Z'), kDay, at, terminalId, 0});
                                 });
        if (!issued)
            continue;
        {
            std::lock_guard lock(serviceMutex);
            serviceOf.insert(issued->id, a.serviceMinutes);
        }
        windows.issued(a.group);
    }
    windows.issuingDone();
}

// A console connection: takes the windows' steps as they fall due.
void console(int c, const test::PrivatePostgres &pg, const DayClock &clock, Windows &windows, const CallingPolicy &policy,
             const QHash<QString, double> &serviceOf, std::mutex &serviceMutex, Tally &tally, const std::function<void()> &ready)
{
    auto db = openHall(pg, QStringLiteral("C0%1").arg(c + 1));
    SqlQueueStore store(*db);
    std::mt19937 random(unsigned(2026 + c));
    std::uniform_real_distribution<double> unit(0, 1);
    std::map<int, QString> current; // window → the ticket it called (this connection's windows at the moment)
    ready();
    while (auto due = windows.next()) {
        tally.behindMs.push_back(double(clock.wallNs() - due->wallNs) / 1e6);
        WindowContext context;
        context.window = due->window;
        context.groups = windows.groupsOf(due->window);
        context.serviceDate = kDay;
        context.at = clock.at();
        const qint64 now = context.at.toSecsSinceEpoch();
        context.choose = [&policy, now](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
            return chooseNext(policy, state, waiting, now);
        };
        using Step = Windows::Step;
        switch (due->step) {
        case Step::Call: {
            if (due->second >= kClose)
                break; // the window closes
            auto state = timed(tally, *db, Op::CallNext, [&] { return store.callNext(context); });
            if (!state) {
                windows.after(*due, Step::Call, kThinkSeconds);
            } else if (!state->current) {
                ++tally.emptyCalls;
                windows.idle(due->window);
            } else {
                tally.called << state->current->id;
                const bool comes = unit(random) >= kPassShare;
                windows.after(*due, comes ? Step::Start : Step::Recall, comes ? kWalkUpSeconds : kRecallAfterSeconds);
            }
            break;
        }
        case Step::Start: {
            auto state = timed(tally, *db, Op::Start, [&] { return store.startServing(context); });
            double minutes = 3;
            if (state && state->current) {
                std::lock_guard lock(serviceMutex);
                minutes = serviceOf.value(state->current->id, minutes);
            }
            windows.after(*due, state ? Step::Finish : Step::Call, state ? minutes * 60 : kThinkSeconds);
            break;
        }
        case Step::Finish:
            if (timed(tally, *db, Op::Finish, [&] { return store.finish(context); }))
                ++tally.served;
            windows.after(*due, Step::Call, kThinkSeconds);
            break;
        case Step::Recall: {
            auto state = timed(tally, *db, Op::Recall, [&] { return store.recall(context, kRecallMax); });
            windows.after(*due, state ? Step::Pass : Step::Call, state ? kRecallAfterSeconds : kThinkSeconds);
            break;
        }
        case Step::Pass:
            if (timed(tally, *db, Op::Pass, [&] { return store.pass(context); }))
                ++tally.passed;
            windows.after(*due, Step::Call, kThinkSeconds);
            break;
        }
    }
}

int countOf(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        die(QStringLiteral("check: ") + sql);
    return q.value(0).toInt();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*.info=false\nhallkiosk.*.debug=false"));
    const double speedup = argc > 1 ? std::max(1.0, QByteArray(argv[1]).toDouble()) : bench::longRun() ? 60 : 600;

    Catalogue catalogue;
    auto catalog = CatalogParser::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json"));
    if (!catalog)
        die(QStringLiteral("the demo catalog does not load"));
    for (const Group &g : catalog.value().catalog.groups)
        catalogue.prefixes.insert(QString::fromStdString(g.code), g.prefix);
    const CallingPolicy policy = *CallingPolicy::parse("booked_first");

    TraceProfile profile;
    profile.walkIns = 3800;
    profile.bookings = 1200;
    profile.noShowRate = 0; // 5,000 arrivals: every booking's citizen comes
    const auto trace = TraceGenerator::generate(profile);
    int lateAsWalkIn = 0;
    const std::vector<Arrival> arrivals = arrivalsOf(trace, lateAsWalkIn);
    // Five county halls' worth of windows for five times the citizens, as bench_queue's day.
    HallPlan plan = TraceGenerator::countyHall(kDay);
    const auto base = plan.windows;
    for (int copy = 1; copy < 5; ++copy) {
        for (HallPlan::Window w : base) {
            w.number += copy * 10;
            plan.windows.push_back(w);
        }
    }

    test::PrivatePostgres pg;
    pg.addServerSetting(QStringLiteral("fsync=on")); // as a hall runs: every commit on the disk first
    if (const QString error = pg.start(); !error.isEmpty())
        die(QStringLiteral("a private PostgreSQL is needed: ") + error);
    openHall(pg, QStringLiteral("T00")); // the schema, made before the day starts

    std::printf("a hall's day on PostgreSQL 15 (private server, fsync on): %zu arrivals (%d booked, %d late bookings as walk-ins), "
                "%d terminals issuing, %zu windows on %d console connections\n",
                arrivals.size(), int(std::count_if(arrivals.begin(), arrivals.end(), [](const Arrival &a) { return a.booked; })),
                lateAsWalkIn, kTerminals, plan.windows.size(), kConsoleConnections);
    std::printf("issuing 08:30-17:00, windows calling 09:00-17:00 (no lunch break), at %.0fx: the day in about %.0f s\n", speedup,
                (kClose - kIssuingFrom) / speedup);
    std::printf("before: %s\n", qPrintable(bench::machineLoad()));
    std::fflush(stdout);

    std::vector<std::vector<Arrival>> byTerminal(kTerminals);
    for (size_t i = 0; i < arrivals.size(); ++i)
        byTerminal[i % kTerminals].push_back(arrivals[i]);
    QHash<QString, double> serviceOf;
    std::mutex serviceMutex;
    std::vector<Tally> tallies(kTerminals + kConsoleConnections);

    DayClock clock(speedup);
    Windows windows(plan, clock);
    windows.issuingStarted(kTerminals);
    std::once_flag started;
    bench::runTogether(kTerminals + kConsoleConnections, [&](int i, const std::function<void()> &together) {
        // The day begins once every connection is open.
        const std::function<void()> ready = [&] {
            together();
            std::call_once(started, [&] { clock.start(); });
        };
        if (i < kTerminals)
            terminal(i, byTerminal[size_t(i)], catalogue, pg, clock, windows, serviceOf, serviceMutex, tallies[size_t(i)], ready);
        else
            console(i - kTerminals, pg, clock, windows, policy, serviceOf, serviceMutex, tallies[size_t(i)], ready);
    });
    const double wallSeconds = double(clock.wallNs()) / 1e9;

    Tally all;
    for (const Tally &t : tallies)
        all.add(t);

    // The day's close, as the hall's last terminal runs it: what is left waiting expires.
    auto db = openHall(pg, QStringLiteral("T00"));
    SqlQueueStore store(*db);
    auto closed = store.closeDay(DayClose{kDay, test::hall(17, 0), test::hall(17, 0), test::hall(16, 30)});
    if (!closed)
        die(QStringLiteral("day close: ") + closed.error().detail);

    const int issuedWalkIn = int(all.ms[size_t(Op::IssueWalkIn)].size()) - all.failures[size_t(Op::IssueWalkIn)];
    const int issuedBooked = int(all.ms[size_t(Op::IssueBooked)].size()) - all.failures[size_t(Op::IssueBooked)];
    int failures = 0;
    for (int f : all.failures)
        failures += f;
    std::printf("\nwall time %.1f s; %d issued (%d walk-in, %d booked), %d called, %d served, %d passed, %d expired at close "
                "(%d served at close); %d empty calls; %d operations failed\n",
                wallSeconds, issuedWalkIn + issuedBooked, issuedWalkIn, issuedBooked, int(all.called.size()), all.served, all.passed,
                closed->expired, closed->served, all.emptyCalls, failures);
    std::printf("after: %s\n", qPrintable(bench::machineLoad()));
    const bench::Figures behind = bench::figuresOf(all.behindMs);
    std::printf("behind the day's schedule when an operation began: median %.1f ms, p99 %.1f ms, max %.1f ms of wall time "
                "(x%.0f: p99 %.0f s of the hall's day)\n",
                behind.median, behind.p99, behind.max, speedup, behind.p99 / 1000 * speedup);
    std::printf("\n%-14s %6s %9s %9s %9s %8s\n", "operation", "n", "median ms", "p99 ms", "max ms", "retries");
    for (size_t i = 0; i < size_t(Op::Count); ++i) {
        const bench::Figures f = bench::figuresOf(all.ms[i]);
        std::printf("%-14s %6zu %9.2f %9.2f %9.2f %8lld\n", kOpNames[i], f.count, f.median, f.p99, f.max,
                    static_cast<long long>(all.retries[i]));
    }
    for (const QString &e : std::as_const(all.errors))
        std::printf("  failed: %s\n", qPrintable(e));

    // What must hold whatever the load.
    QStringList broken;
    const auto expect = [&](const char *what, int got, int want) {
        std::printf("  %-58s %6d (expected %d)\n", what, got, want);
        if (got != want)
            broken << QString::fromLatin1(what);
    };
    QHash<QString, int> issuedEvents, calledEvents;
    int checkIns = 0;
    {
        QSqlQuery q(db->connection());
        if (!q.exec(QStringLiteral("SELECT type, data FROM outbox WHERE type IN ('ticket_issued', 'ticket_called', 'booking_checked_in')")))
            die(QStringLiteral("read the outbox"));
        while (q.next()) {
            const QString type = q.value(0).toString();
            const QString ticket = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object().value(QStringLiteral("ticket")).toString();
            if (type == QLatin1String("ticket_issued"))
                ++issuedEvents[ticket];
            else if (type == QLatin1String("ticket_called"))
                ++calledEvents[ticket];
            else
                ++checkIns;
        }
    }
    const auto moreThanOnce = [](const QHash<QString, int> &h) {
        return int(std::count_if(h.cbegin(), h.cend(), [](int n) { return n > 1; }));
    };
    const int calls = int(all.called.size());
    std::printf("\ninvariants:\n");
    expect("tickets in the database = tickets issued", countOf(*db, QStringLiteral("SELECT COUNT(*) FROM tickets")),
           issuedWalkIn + issuedBooked);
    expect("numbers given twice", countOf(*db, QStringLiteral("SELECT COUNT(*) FROM (SELECT number FROM tickets GROUP BY service_date, "
                                                                "number HAVING COUNT(*) > 1) AS twice")),
           0);
    expect("series with a gap (a number skipped)",
           countOf(*db, QStringLiteral("SELECT COUNT(*) FROM (SELECT series FROM tickets GROUP BY series HAVING MAX(seq) <> COUNT(*)) AS gaps")),
           0);
    expect("tickets called twice (the calls' answers)", calls - int(QSet<QString>(all.called.begin(), all.called.end()).size()), 0);
    expect("tickets called twice (ticket_called events)", moreThanOnce(calledEvents), 0);
    expect("ticket_called events = calls answered", int(calledEvents.size()), calls);
    expect("tickets with a call in the database = calls answered",
           countOf(*db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE called_at IS NOT NULL")), calls);
    expect("ticket_issued events twice for one ticket", moreThanOnce(issuedEvents), 0);
    expect("ticket_issued events = tickets issued", int(issuedEvents.size()), issuedWalkIn + issuedBooked);
    expect("booking_checked_in events = booked tickets", checkIns, issuedBooked);
    expect("served in the database = finished + served at close",
           countOf(*db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'served'")), all.served + closed->served);
    expect("tickets left waiting, called or serving after the close",
           countOf(*db, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state IN ('waiting', 'called', 'serving')")), 0);
    expect("windows holding a ticket after the close",
           countOf(*db, QStringLiteral("SELECT COUNT(*) FROM windows WHERE current_ticket IS NOT NULL")), 0);
    if (!broken.isEmpty()) {
        std::fprintf(stderr, "bench_hall_day: broken: %s\n", qPrintable(broken.join(QStringLiteral("; "))));
        return 1;
    }
    std::printf("all hold\n");
    return 0;
}

// Staff sign-in under attack (DESIGN §16), over the real StaffSessionService, the real staff store
// and audit log on both engines (a SQLite file and the private PostgreSQL), and a clock only the
// test moves: the rate limit per address and hall-wide, checked before anything is hashed or
// stored; no rows for unknown ids; logs that name only known ids, escaped; sign-in, sign-out and
// lock-out audited; the hashing on a worker thread with the answer back on the service's thread;
// rating-scope tokens.

#include "app/domain/queue/calling_policy.h"
#include "app/services/catalog_service.h"
#include "app/services/logging.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/staff/staff_session_service.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_rating_store.h"
#include "db/stores/sql_staff_store.h"
#include "tests/support/hall_time.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/store_engines.h"

#include <QJsonDocument>
#include <QMutex>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace hk;

namespace {

StaffMember member(const char *id, std::vector<int> windows, const QString &pin, StaffMember::Role role = StaffMember::Role::Clerk)
{
    StaffMember m;
    m.id = id;
    m.name = "测试员";
    m.windows = std::move(windows);
    m.role = role;
    m.pinHash = PinHasher::hash(pin, 1000).toStdString();
    return m;
}

SignInAttempt attempt(std::optional<int> window, const QString &id, const QString &pin, const QString &client = QStringLiteral("192.0.2.1"),
                      StaffScope scope = StaffScope::Full)
{
    return SignInAttempt{window, id, pin, client, scope};
}

// Every message the process logs while it lives, as the handler received it.
class LogCapture {
public:
    LogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(&LogCapture::handle);
        QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.*=true"));
    }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    QStringList lines() const
    {
        QMutexLocker lock(&s_mutex);
        return s_lines;
    }

private:
    static void handle(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        QMutexLocker lock(&s_mutex);
        s_lines.append(message);
    }
    static inline QMutex s_mutex;
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

WindowContext windowThree(const CivilDate &day, const QDateTime &at)
{
    WindowContext c;
    c.window = 3;
    c.groups = {"*"};
    c.serviceDate = day;
    c.at = at;
    const qint64 now = at.toSecsSinceEpoch();
    c.choose = [now](const WindowCallState &state, const std::vector<QueuedTicket> &waiting) {
        return chooseNext(CallingPolicy{}, state, waiting, now);
    };
    return c;
}

qint64 count(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestStaffSignIn : public QObject {
    Q_OBJECT

    test::StoreEngines m_engines;
    CatalogService m_catalog{test::demoCatalog()};

    struct Rig {
        std::unique_ptr<Database> db;
        std::unique_ptr<SqlStaffStore> store;
        std::unique_ptr<SqlAuditLog> audit;
        test::FakeClock clock;
        std::unique_ptr<StaffSessionService> staff;
    };

    std::unique_ptr<Rig> rig(SignInRateLimits limits = {})
    {
        auto r = std::make_unique<Rig>();
        r->db = m_engines.freshForRow();
        if (!r->db)
            return nullptr;
        r->store = std::make_unique<SqlStaffStore>(*r->db);
        r->audit = std::make_unique<SqlAuditLog>(*r->db);
        r->staff = std::make_unique<StaffSessionService>(
            *r->store, *r->audit, m_catalog, r->clock,
            std::vector<StaffMember>{member("S01", {3}, QStringLiteral("246813")), member("S02", {1}, QStringLiteral("135790")),
                                     member("T01", {}, QStringLiteral("112233"), StaffMember::Role::Technician)},
            StaffPolicy{}, limits);
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString error = m_engines.startPostgres();
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("a private PostgreSQL is needed: ") + error));
    }

    void rateLimitPerAddress_data() { test::addEngineRows(); }
    void rateLimitPerAddress()
    {
        auto r = rig();
        QVERIFY2(r, qPrintable(m_engines.error()));
        const QString a = QStringLiteral("192.0.2.7");
        for (int i = 0; i < 4; ++i)
            QCOMPARE(r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("000000"), a)).error().kind,
                     SignInError::Kind::BadCredentials);
        QVERIFY(r->staff->signIn(attempt(3, QStringLiteral("S02"), QStringLiteral("135790"), a)).error().kind == SignInError::Kind::WrongWindow);
        // The sixth in the same second, even with the right PIN: refused before it is hashed or
        // counted — the wrong tries stay at four.
        auto sixth = r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("246813"), a));
        QCOMPARE(sixth.error().kind, SignInError::Kind::RateLimited);
        QVERIFY(sixth.error().retryAfterS >= 1);
        QCOMPARE(count(*r->db, QStringLiteral("SELECT failures FROM staff_signin WHERE staff_id = 'S01'")), 4);
        // Another address is let in meanwhile.
        QVERIFY(r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("246813"), QStringLiteral("192.0.2.8"))).ok());
        r->clock.advanceSecs(1);
        QVERIFY(r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("246813"), a)).ok());
    }

    void rateLimitHallWide_data() { test::addEngineRows(); }
    void rateLimitHallWide()
    {
        auto r = rig();
        QVERIFY2(r, qPrintable(m_engines.error()));
        // 20 addresses, one try each, in one second: all let in; the 21st, from a fresh address, not.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("000000"), QStringLiteral("10.0.0.%1").arg(i + 1)))
                         .error()
                         .kind,
                     i < 4 ? SignInError::Kind::BadCredentials : SignInError::Kind::Locked);
        auto over = r->staff->signIn(attempt(3, QStringLiteral("S02"), QStringLiteral("135790"), QStringLiteral("10.0.1.1")));
        QCOMPARE(over.error().kind, SignInError::Kind::RateLimited);
        QCOMPARE(over.error().retryAfterS, qint64(1));
        r->clock.advanceSecs(1);
        QVERIFY(r->staff->signIn(attempt(1, QStringLiteral("S02"), QStringLiteral("135790"), QStringLiteral("10.0.1.1"))).ok());
    }

    void unknownIdsLeaveNoRows_data() { test::addEngineRows(); }
    void unknownIdsLeaveNoRows()
    {
        auto r = rig(SignInRateLimits{5, 20});
        QVERIFY2(r, qPrintable(m_engines.error()));
        QCOMPARE(r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("000000"))).error().kind, SignInError::Kind::BadCredentials);
        const qint64 rowsBefore = count(*r->db, QStringLiteral("SELECT COUNT(*) FROM staff_signin"));
        QCOMPARE(rowsBefore, 1);
        const qint64 auditBefore = count(*r->db, QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        for (int i = 0; i < 1000; ++i) {
            if (i % 5 == 0)
                r->clock.advanceSecs(1); // within the per-address limit
            const QString id = QStringLiteral("X%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
            QCOMPARE(r->staff->signIn(attempt(3, id, QStringLiteral("000000"))).error().kind, SignInError::Kind::BadCredentials);
        }
        QCOMPARE(count(*r->db, QStringLiteral("SELECT COUNT(*) FROM staff_signin")), rowsBefore);
        QCOMPARE(count(*r->db, QStringLiteral("SELECT failures FROM staff_signin WHERE staff_id = 'S01'")), 1);
        QCOMPARE(count(*r->db, QStringLiteral("SELECT COUNT(*) FROM audit_log")), auditBefore);
    }

    void logsNameOnlyKnownIdsEscaped_data() { test::addEngineRows(); }
    void logsNameOnlyKnownIdsEscaped()
    {
        auto r = rig(SignInRateLimits{1000, 1000});
        QVERIFY2(r, qPrintable(m_engines.error()));
        LogCapture log;
        const QString forged = QStringLiteral("S01\n2026-11-24 staff S02 signed in");
        const QString escape = QStringLiteral("S0\x1b[31mred");
        const QString pinLike = QStringLiteral("246813"); // S01's PIN typed into the id field
        for (const QString &id : {forged, escape, pinLike})
            QCOMPARE(r->staff->signIn(attempt(3, id, QStringLiteral("000000"), QStringLiteral("198.51.100.1\r\nforged"))).error().kind,
                     SignInError::Kind::BadCredentials);
        QCOMPARE(r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("000000"))).error().kind, SignInError::Kind::BadCredentials);
        const QStringList lines = log.lines();
        QVERIFY(!lines.isEmpty());
        const QString all = lines.join(QLatin1Char('\n'));
        for (const QString &line : lines) {
            QVERIFY2(!line.contains(QLatin1Char('\n')) && !line.contains(QLatin1Char('\r')) && !line.contains(QChar(0x1b)), qPrintable(line));
            QVERIFY2(!line.contains(pinLike), qPrintable(line));
            QVERIFY2(!line.contains(QStringLiteral("signed in")), qPrintable(line));
            QVERIFY2(!line.contains(QStringLiteral("[31m")), qPrintable(line));
        }
        QVERIFY2(all.contains(QStringLiteral("unknown id")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("198.51.100.1\\r\\nforged")), qPrintable(all)); // the address, escaped
        QVERIFY2(all.contains(QStringLiteral("wrong PIN for S01")), qPrintable(all));        // a known id is named
        QCOMPARE(escapedForLog(QStringLiteral("a\nb\x1b\\\x7f")), QStringLiteral("a\\nb\\e\\\\\\x7f"));
        QCOMPARE(r->staff->loggableId(pinLike), QStringLiteral("unknown id"));
        QCOMPARE(r->staff->loggableId(QStringLiteral("S02")), QStringLiteral("S02"));
    }

    void signInSignOutAndLockOutAreAudited_data() { test::addEngineRows(); }
    void signInSignOutAndLockOutAreAudited()
    {
        auto r = rig(SignInRateLimits{1000, 1000});
        QVERIFY2(r, qPrintable(m_engines.error()));
        auto s = r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("246813")));
        QVERIFY(s.ok());
        r->staff->signOut(s->token);
        auto t = r->staff->signIn(attempt(std::nullopt, QStringLiteral("T01"), QStringLiteral("112233")));
        QVERIFY(t.ok());
        for (int i = 0; i < 5; ++i)
            (void)r->staff->signIn(attempt(1, QStringLiteral("S02"), QStringLiteral("999999")));
        (void)r->staff->signIn(attempt(3, QStringLiteral("nobody"), QStringLiteral("246813")));
        auto entries = r->audit->entries();
        QVERIFY(entries.ok());
        QStringList seen;
        for (const AuditRecord &e : entries.value()) {
            seen.append(QStringLiteral("%1 %2 %3").arg(e.entry.actor, e.entry.action, e.entry.subject));
            const QString detail = QString::fromUtf8(QJsonDocument(e.entry.detail).toJson(QJsonDocument::Compact));
            QVERIFY2(!detail.contains(QStringLiteral("246813")) && !detail.contains(QStringLiteral("999999")), qPrintable(detail));
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("staff:S01 signed_in 3"), QStringLiteral("staff:S01 signed_out 3"),
                                    QStringLiteral("technician:T01 signed_in console"), QStringLiteral("staff:S02 locked_out 1")}));
        QVERIFY(r->audit->verify().value().intact());
    }

    void hashingOffTheCallersThread_data() { test::addEngineRows(); }
    void hashingOffTheCallersThread()
    {
        auto r = rig();
        QVERIFY2(r, qPrintable(m_engines.error()));
        // A real hash on the worker thread; its answer comes back through the event loop, so never
        // inside signInAsync. (Few iterations: under the sanitizers PBKDF2 is ten times slower.)
        StaffMember slow = member("S09", {3}, QStringLiteral("864200"));
        slow.pinHash = PinHasher::hash(QStringLiteral("864200"), 20000).toStdString();
        StaffSessionService staff(*r->store, *r->audit, m_catalog, r->clock, {slow});
        QObject context;
        std::optional<Result<StaffSession, SignInError>> answer;
        QThread *answeredOn = nullptr;
        staff.signInAsync(attempt(3, QStringLiteral("S09"), QStringLiteral("864200")), &context,
                          [&](Result<StaffSession, SignInError> result) {
                              answeredOn = QThread::currentThread();
                              answer = std::move(result);
                          });
        QVERIFY(!answer); // not answered inside the call: the hashing is elsewhere
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 60000);
        QCOMPARE(answeredOn, QThread::currentThread());
        QVERIFY(answer->ok());
        QVERIFY(staff.authorize((*answer)->token, 3).ok());

        // The limiter answers at once, without hashing.
        std::optional<Result<StaffSession, SignInError>> limited;
        for (int i = 0; i < 5; ++i)
            staff.signInAsync(attempt(3, QStringLiteral("nobody"), QStringLiteral("000000"), QStringLiteral("192.0.2.99")), &context,
                              [](Result<StaffSession, SignInError>) {});
        staff.signInAsync(attempt(3, QStringLiteral("nobody"), QStringLiteral("000000"), QStringLiteral("192.0.2.99")), &context,
                          [&](Result<StaffSession, SignInError> result) { limited = std::move(result); });
        QVERIFY(limited.has_value());
        QCOMPARE(limited->error().kind, SignInError::Kind::RateLimited);

        // A context gone before the answer: `done` is never called, and the wrong try still counts.
        r->clock.advanceSecs(2);
        const qint64 before = count(*r->db, QStringLiteral("SELECT COALESCE(MAX(failures), 0) FROM staff_signin WHERE staff_id = 'S09'"));
        bool called = false;
        {
            QObject gone;
            staff.signInAsync(attempt(3, QStringLiteral("S09"), QStringLiteral("000001"), QStringLiteral("192.0.2.100")), &gone,
                              [&](Result<StaffSession, SignInError>) { called = true; });
        }
        QTRY_VERIFY_WITH_TIMEOUT(count(*r->db, QStringLiteral("SELECT COALESCE(MAX(failures), 0) FROM staff_signin WHERE staff_id = 'S09'")) > before,
                                 60000);
        QVERIFY(!called);
    }

    void ratingScopeRatesAndNothingElse_data() { test::addEngineRows(); }
    void ratingScopeRatesAndNothingElse()
    {
        auto r = rig();
        QVERIFY2(r, qPrintable(m_engines.error()));
        auto rating = r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("246813"), QStringLiteral("a"), StaffScope::Rating));
        QVERIFY(rating.ok());
        QCOMPARE(rating->scope, StaffScope::Rating);
        QCOMPARE(rating->expiresAt, r->clock.now().addSecs(12 * 3600));
        QCOMPARE(r->staff->authorize(rating->token, 3).error().kind, AuthError::Kind::Forbidden);
        QCOMPARE(r->staff->authorize(rating->token).error().kind, AuthError::Kind::Forbidden);
        QCOMPARE(r->staff->authorize(rating->token, 3, true)->scope, StaffScope::Rating);
        QCOMPARE(r->staff->authorize(rating->token, 4, true).error().kind, AuthError::Kind::WrongWindow);
        // A restart keeps the scope: it is stored with the token's digest.
        StaffSessionService restarted(*r->store, *r->audit, m_catalog, r->clock, {member("S01", {3}, QStringLiteral("246813"))});
        QCOMPARE(restarted.authorize(rating->token, 3).error().kind, AuthError::Kind::Forbidden);
        QVERIFY(restarted.authorize(rating->token, 3, true).ok());
        // A full token is full.
        auto full = r->staff->signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("246813"), QStringLiteral("b")));
        QCOMPARE(full->scope, StaffScope::Full);
        QCOMPARE(r->staff->authorize(full->token, 3)->scope, StaffScope::Full);
        // A rating token is for a window, even a technician cannot have one.
        QCOMPARE(r->staff->signIn(attempt(std::nullopt, QStringLiteral("S01"), QStringLiteral("246813"), QStringLiteral("c"), StaffScope::Rating))
                     .error()
                     .kind,
                 SignInError::Kind::WindowRequired);
        QCOMPARE(r->staff->signIn(attempt(3, QStringLiteral("T01"), QStringLiteral("112233"), QStringLiteral("d"), StaffScope::Rating)).error().kind,
                 SignInError::Kind::WrongWindow);
    }

    // The rate page's channel is kept with the rating on both engines (SQLite migration 12, hall
    // schema 1.5), and the schema still refuses a channel nobody defined.
    void ratePageChannelIsStored_data() { test::addEngineRows(); }
    void ratePageChannelIsStored()
    {
        auto db = m_engines.freshForRow();
        QVERIFY2(db, qPrintable(m_engines.error()));
        const CivilDate day(2026, 11, 24);
        SqlQueueStore queue(*db);
        QVERIFY(queue.issueWalkIn({QStringLiteral("SB"), 'A', day, test::hall(9, 0), QStringLiteral("T01")}).ok());
        const QString ticket = queue.callNext(windowThree(day, test::hall(9, 5))).value().current->id;
        QVERIFY(queue.finish(windowThree(day, test::hall(9, 15))).ok());
        SqlRatingStore ratings(*db);
        const auto last = ratings.lastFinished(3).value();
        QVERIFY(last);
        QCOMPARE(last->ticketId, ticket);
        QVERIFY(!last->rated);
        auto recorded = ratings.record({ticket, day, 3, 4, {}, false, RatingChannel::RatePage, test::hall(9, 16), std::nullopt, std::nullopt});
        QVERIFY2(recorded.ok(), qPrintable(recorded ? QString() : recorded.error().detail));
        QCOMPARE(ratings.ratingOf(ticket).value()->channel, RatingChannel::RatePage);
        QVERIFY(ratings.lastFinished(3).value()->rated);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT channel FROM ratings")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("rate_page"));
        QVERIFY(q.exec(QStringLiteral("SELECT data FROM outbox WHERE type = 'rating'")) && q.next());
        QVERIFY2(q.value(0).toString().contains(QStringLiteral("\"channel\":\"rate_page\"")), qPrintable(q.value(0).toString()));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO ratings (id, ticket_id, window_number, level, channel, at) "
                                       "VALUES ('x', '%1', 3, 5, 'phone', 'now')").arg(ticket)));
    }
};

QTEST_GUILESS_MAIN(TestStaffSignIn)
#include "tst_staff_sign_in.moc"

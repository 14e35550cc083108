// app/services/hall and app/services/staff over the real SQLite stores: staff sign-in (PBKDF2,
// lock-out, tokens), ratings (append-only, one per ticket, 差评 reasons), the voice's text and queue,
// the console's queue overview (Q5 at-risk) and the window devices following the queue.

#include "app/services/hall/announcement_service.h"
#include "app/services/hall/complaint_service.h"
#include "app/services/hall/queue_overview_service.h"
#include "app/services/hall/rating_service.h"
#include "app/services/hall/window_devices_service.h"
#include "app/services/queue_service.h"
#include "app/services/staff/pin_hasher.h"
#include "app/services/staff/staff_session_service.h"
#include "db/hall/null_hall_channel.h"
#include "db/stores/sql_audit_log.h"
#include "db/stores/sql_complaint_store.h"
#include "db/stores/sql_queue_overview_reader.h"
#include "db/stores/sql_rating_store.h"
#include "db/stores/sql_staff_store.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/fake_clock.h"
#include "tests/support/hall_database.h"
#include "tests/support/hall_time.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace hk;
using namespace hk::test;

namespace {

// The tests of the rules behind the rate limit try many times within one fake second.
constexpr SignInRateLimits kNoRateLimit{1000, 1000};

SignInAttempt attempt(std::optional<int> window, const QString &staffId, const QString &pin)
{
    return SignInAttempt{window, staffId, pin, QStringLiteral("127.0.0.1")};
}

class FakeVoice final : public VoiceOutput {
public:
    void speak(const Utterance &utterance, SpeakCallback done) override
    {
        const QString text = utterance.text;
        spoken << text;
        ++inFlight;
        maxInFlight = std::max(maxInFlight, inFlight);
        pending.append([this, done, text] {
            --inFlight;
            done(failNext ? Result<QString, DeviceError>(fail(DeviceError::Timeout)) : Result<QString, DeviceError>(text + QStringLiteral(".wav")));
        });
    }
    void stop() override {}
    DeviceHealth health() const override { return {DeviceHealth::State::Ok, QString(), std::nullopt}; }
    void finishOne()
    {
        if (!pending.isEmpty())
            pending.takeFirst()();
    }
    QStringList spoken;
    QList<std::function<void()>> pending;
    int inFlight = 0;
    int maxInFlight = 0;
    bool failNext = false;
};

class FakeBus final : public WindowBus {
public:
    void start() override {}
    void show(int window, const BoardContent &content) override { shown.append({window, content}); }
    void requestRating(int window, const QString &ticketId, const QString &number) override
    {
        rateRequests.append({window, ticketId, number});
    }
    DeviceHealth health() const override { return {DeviceHealth::State::Ok, QString(), std::nullopt}; }
    QList<WindowDeviceState> devices() const override { return {}; }
    BoardContent lastShown(int window) const
    {
        for (auto it = shown.crbegin(); it != shown.crend(); ++it) {
            if (it->first == window)
                return it->second;
        }
        return {};
    }
    QList<QPair<int, BoardContent>> shown;
    struct Rate {
        int window;
        QString ticketId;
        QString number;
    };
    QList<Rate> rateRequests;
};

struct Rig : HallDatabase {
    Rig()
        : queue(store, alone, catalog, clock, QueueSettings{*CallingPolicy::parse("booked_first"), 3})
    {
    }
    SqlRatingStore ratingStore{*db};
    SqlStaffStore staffStore{*db};
    SqlAuditLog audit{*db};
    SqlQueueOverviewReader overviewReader{*db};
    FakeClock clock{hall(9, 0).toUTC()};
    CatalogService catalog{demoCatalog()};
    NullHallChannel alone;
    QueueService queue;
    RatingService ratings{ratingStore, catalog, clock};

    QString walkIn(const char *group, char prefix)
    {
        return store.issueWalkIn({QString::fromLatin1(group), prefix, CivilDate(2026, 11, 24), clock.now().toTimeZone(hallZone()),
                                  QStringLiteral("T01"), 0})
            .value()
            .number;
    }
    QString booked(const char *bookingId, const char *group, QDateTime slotStart, Complexity complexity = Complexity::General)
    {
        const QDateTime now = clock.now().toTimeZone(hallZone());
        return store.issueBooked({QString::fromLatin1(bookingId), QString::fromLatin1(group), QStringLiteral("SB-001"), 'Y',
                                  CivilDate(2026, 11, 24), now, std::max(now, slotStart.addSecs(-15 * 60)), slotStart, complexity,
                                  QStringLiteral("T01")})
            .value()
            .number;
    }
};

StaffMember clerk(const char *id, std::vector<int> windows, const QString &pin, int iterations = 1000)
{
    StaffMember m;
    m.id = id;
    m.name = "测试员";
    m.windows = std::move(windows);
    m.pinHash = PinHasher::hash(pin, iterations).toStdString();
    return m;
}

StaffMember withRole(StaffMember m, StaffMember::Role role)
{
    m.role = role;
    return m;
}

} // namespace

class TestHallServices : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pbkdf2MatchesRfc7914()
    {
        // RFC 7914 §11, PBKDF2-HMAC-SHA256 test vectors.
        QCOMPARE(PinHasher::pbkdf2Sha256("passwd", "salt", 1, 64).toHex(),
                 QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"));
        QCOMPARE(PinHasher::pbkdf2Sha256("Password", "NaCl", 80000, 64).toHex(),
                 QByteArray("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                            "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"));
    }

    void pinHashStrings()
    {
        const QString h = PinHasher::hash(QStringLiteral("123456"), QByteArrayLiteral("hallkiosk-salt-1"), 1000);
        // Python: hashlib.pbkdf2_hmac('sha256', b'123456', b'hallkiosk-salt-1', 1000, 32)
        QCOMPARE(h, QStringLiteral("pbkdf2-sha256$1000$%1$%2")
                        .arg(QString::fromLatin1(QByteArrayLiteral("hallkiosk-salt-1").toBase64()),
                             QString::fromLatin1(QByteArray::fromHex("831ff7ea3d5815b6f68e82f534691484d894a97a713330d10cf202ceaa114e55").toBase64())));
        QVERIFY(PinHasher::verify(QStringLiteral("123456"), h));
        QVERIFY(!PinHasher::verify(QStringLiteral("123457"), h));
        QVERIFY(PinHasher::isWellFormed(h));
        for (const char *bad : {"", "123456", "pbkdf2-sha256$0$c2FsdHNhbHQ=$AAAA", "sha1$1000$c2FsdHNhbHQ=$AAAA",
                                "pbkdf2-sha256$1000$!!$AAAA"})
            QVERIFY2(!PinHasher::isWellFormed(QString::fromLatin1(bad)), bad);
        // Two hashes of one PIN differ by their salt.
        QVERIFY(PinHasher::hash(QStringLiteral("1"), 10) != PinHasher::hash(QStringLiteral("1"), 10));
        QElapsedTimer t;
        t.start();
        QVERIFY(PinHasher::verify(QStringLiteral("0000"), PinHasher::hash(QStringLiteral("0000"))));
        qInfo("PBKDF2 hash + verify at the default %d iterations: %lld ms", PinHasher::kDefaultIterations, t.elapsed());
    }

    // Unknown staff ids are checked against a decoy: well formed, of the staff's iterations, made
    // without a derivation, and no PIN verifies against it.
    void decoyVerifiesNoPin()
    {
        const QString decoy = PinHasher::decoy(4000);
        QVERIFY(PinHasher::isWellFormed(decoy));
        QCOMPARE(decoy.section(QLatin1Char('$'), 1, 1), QStringLiteral("4000"));
        QVERIFY(decoy != PinHasher::decoy(4000)); // random salt and key
        for (const char *pin : {"", "0", "000000", "123456", "246810", "999999", "decoy"})
            QVERIFY2(!PinHasher::verify(QString::fromLatin1(pin), decoy), pin);
        // Out of range iterations are clamped into what verify accepts, never an unusable string.
        QVERIFY(PinHasher::isWellFormed(PinHasher::decoy(0)));
        QVERIFY(PinHasher::isWellFormed(PinHasher::decoy(2'000'000'000)));
    }

    void signInAndTokens()
    {
        Rig rig;
        StaffSessionService staff(rig.staffStore, rig.audit, rig.catalog, rig.clock,
                                  {clerk("S01", {3}, QStringLiteral("2468")), clerk("S02", {1, 2}, QStringLiteral("1357"))}, {}, kNoRateLimit);
        auto session = staff.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468")));
        QVERIFY(session.ok());
        QVERIFY(session->token.size() >= 40);
        QCOMPARE(session->expiresAt, rig.clock.now().addSecs(12 * 3600));
        QCOMPARE(staff.authorize(session->token, 3)->staffId, QStringLiteral("S01"));
        QCOMPARE(staff.authorize(session->token, 4).error().kind, AuthError::Kind::WrongWindow);
        QCOMPARE(staff.authorize(QString()).error().kind, AuthError::Kind::Missing);
        QCOMPARE(staff.authorize(QStringLiteral("forged")).error().kind, AuthError::Kind::Invalid);
        // The token is never stored, only its digest.
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM staff_sessions WHERE token_digest = '%1'").arg(session->token)), 0);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM staff_sessions")), 1);

        QCOMPARE(staff.signIn(attempt(3, QStringLiteral("S02"), QStringLiteral("1357"))).error().kind, SignInError::Kind::WrongWindow);
        QCOMPARE(staff.signIn(attempt(99, QStringLiteral("S01"), QStringLiteral("2468"))).error().kind, SignInError::Kind::UnknownWindow);

        rig.clock.advanceSecs(12 * 3600); // tokens last 12 h
        QCOMPARE(staff.authorize(session->token, 3).error().kind, AuthError::Kind::Invalid);
        auto again = staff.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468")));
        staff.signOut(again->token);
        QCOMPARE(staff.authorize(again->token, 3).error().kind, AuthError::Kind::Invalid);
    }

    void rolesSignInAndAct()
    {
        // DESIGN §7, §13: a clerk signs in to a window; a supervisor and a technician without one
        // (a window they send is ignored); a supervisor acts on every window, a technician on none.
        Rig rig;
        StaffSessionService staff(rig.staffStore, rig.audit, rig.catalog, rig.clock,
                                  {clerk("S01", {3}, QStringLiteral("2468")),
                                   withRole(clerk("SV1", {}, QStringLiteral("1111")), StaffMember::Role::Supervisor),
                                   withRole(clerk("T01", {}, QStringLiteral("2222")), StaffMember::Role::Technician)}, {}, kNoRateLimit);
        // The maintenance menu's sign-in lists the technicians alone (DESIGN §12).
        const std::vector<StaffListing> technicians = staff.technicians();
        QCOMPARE(technicians.size(), size_t(1));
        QCOMPARE(technicians.front().id, QStringLiteral("T01"));
        QCOMPARE(technicians.front().name, QStringLiteral("测试员"));
        QCOMPARE(staff.signIn(attempt(std::nullopt, QStringLiteral("S01"), QStringLiteral("2468"))).error().kind, SignInError::Kind::WindowRequired);
        // Without the right PIN nobody learns that S01 is a clerk who needs a window.
        QCOMPARE(staff.signIn(attempt(std::nullopt, QStringLiteral("S01"), QStringLiteral("0000"))).error().kind, SignInError::Kind::BadCredentials);
        auto clerkSession = staff.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468")));
        QCOMPARE(clerkSession->role, StaffMember::Role::Clerk);
        QCOMPARE(clerkSession->windows, std::vector<int>{3});

        auto supervisor = staff.signIn(attempt(std::nullopt, QStringLiteral("SV1"), QStringLiteral("1111")));
        QVERIFY(supervisor.ok());
        QCOMPARE(supervisor->window, 0);
        QCOMPARE(supervisor->role, StaffMember::Role::Supervisor);
        std::vector<int> all;
        for (const HallWindow &w : rig.catalog.catalog().windows)
            all.push_back(w.number);
        QCOMPARE(supervisor->windows, all);
        for (int w : all)
            QVERIFY2(staff.authorize(supervisor->token, w).ok(), qPrintable(QString::number(w)));
        QCOMPARE(staff.authorize(supervisor->token)->role, StaffMember::Role::Supervisor);
        auto sentWindow = staff.signIn(attempt(99, QStringLiteral("SV1"), QStringLiteral("1111"))); // ignored, even an unknown one
        QVERIFY(sentWindow.ok());
        QCOMPARE(sentWindow->window, 0);

        auto technician = staff.signIn(attempt(std::nullopt, QStringLiteral("T01"), QStringLiteral("2222")));
        QVERIFY(technician.ok());
        QCOMPARE(technician->role, StaffMember::Role::Technician);
        QVERIFY(technician->windows.empty());
        QCOMPARE(staff.authorize(technician->token, 3).error().kind, AuthError::Kind::Forbidden);
        QVERIFY(staff.authorize(technician->token).ok());
    }

    void lockOutAfterFiveWrongPins()
    {
        Rig rig;
        StaffSessionService staff(rig.staffStore, rig.audit, rig.catalog, rig.clock, {clerk("S01", {3}, QStringLiteral("2468"))}, {}, kNoRateLimit);
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(staff.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("0000"))).error().kind, SignInError::Kind::BadCredentials);
        auto fifth = staff.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("0000")));
        QCOMPARE(fifth.error().kind, SignInError::Kind::Locked);
        QCOMPARE(fifth.error().retryAfterS, qint64(900));
        rig.clock.advanceSecs(600);
        auto right = staff.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468"))); // even the right PIN
        QCOMPARE(right.error().kind, SignInError::Kind::Locked);
        QCOMPARE(right.error().retryAfterS, qint64(300));
        // A restart does not lift it: the count lives in the database.
        StaffSessionService restarted(rig.staffStore, rig.audit, rig.catalog, rig.clock, {clerk("S01", {3}, QStringLiteral("2468"))}, {}, kNoRateLimit);
        QCOMPARE(restarted.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468"))).error().kind, SignInError::Kind::Locked);
        rig.clock.advanceSecs(300);
        QVERIFY(restarted.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468"))).ok());
        // A success ends the run: four more wrong tries are not a lock.
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(restarted.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("1"))).error().kind, SignInError::Kind::BadCredentials);
        QVERIFY(restarted.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("2468"))).ok());
        QCOMPARE(restarted.signIn(attempt(3, QStringLiteral("S01"), QStringLiteral("1"))).error().kind, SignInError::Kind::BadCredentials);
        // Unknown ids cost the same hashing and are refused alike, but nothing is kept for them
        // (DESIGN §16): they never lock, and leave no row.
        for (int i = 1; i <= 6; ++i)
            QCOMPARE(restarted.signIn(attempt(3, QStringLiteral("nobody"), QStringLiteral("1"))).error().kind, SignInError::Kind::BadCredentials);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM staff_signin WHERE staff_id = 'nobody'")), 0);
    }

    void ratingsOncePerServedTicket()
    {
        Rig rig;
        QSignalSpy recorded(&rig.ratings, &RatingService::ratingRecorded);
        const QString a1 = rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.callNext(1).ok());
        QCOMPARE(rig.ratings.rate(1, a1, 5, QString(), RatingChannel::Console).error().kind, RatingError::Kind::NotLastTicket);
        QVERIFY(rig.queue.finish(1).ok());
        QCOMPARE(rig.ratings.awaitingRating(1)->number, a1);
        QVERIFY(!rig.ratings.awaitingRating(2));
        QCOMPARE(rig.ratings.rate(2, a1, 5, QString(), RatingChannel::Console).error().kind, RatingError::Kind::NotLastTicket);
        QCOMPARE(rig.ratings.rate(1, a1, 2, QStringLiteral("  "), RatingChannel::Console).error().kind, RatingError::Kind::ReasonRequired);
        QCOMPARE(rig.ratings.rate(1, a1, 6, QString(), RatingChannel::Console).error().kind, RatingError::Kind::BadLevel);
        QCOMPARE(rig.ratings.rate(1, QStringLiteral("Z999"), 5, QString(), RatingChannel::Console).error().kind,
                 RatingError::Kind::NotLastTicket);
        auto ok = rig.ratings.rate(1, a1, 1, QStringLiteral("等候时间太长"), RatingChannel::Console);
        QVERIFY(ok.ok());
        QVERIFY(!ok->followUp);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(rig.ratings.rate(1, a1, 5, QString(), RatingChannel::Console).error().kind, RatingError::Kind::AlreadyRated);
        QVERIFY(!rig.ratings.awaitingRating(1));
        const QJsonObject event = rig.lastEvent("rating");
        QCOMPARE(event.value(QStringLiteral("ticket")).toString(), ok->ticketId);
        QCOMPARE(event.value(QStringLiteral("window")).toInt(), 1);
        QCOMPARE(event.value(QStringLiteral("level")).toInt(), 1);
        QCOMPARE(event.value(QStringLiteral("reason")).toString(), QStringLiteral("等候时间太长"));
        QCOMPARE(event.value(QStringLiteral("follow_up")).toBool(), false);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'rating'")), 1);

        // Append-only, below the code too.
        QSqlQuery q(rig.db->connection());
        QVERIFY(!q.exec(QStringLiteral("UPDATE ratings SET level = 5")));
        QVERIFY(q.lastError().text().contains(QStringLiteral("append-only")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM ratings")));
        QCOMPARE(rig.count(QStringLiteral("SELECT level FROM ratings")), 1);
    }

    void evaluatorPoorRatingIsFollowedUp()
    {
        Rig rig;
        const QString a1 = rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.callNext(1).ok());
        QVERIFY(rig.queue.finish(1).ok());
        auto id = rig.ratings.awaitingRating(1)->ticketId;
        auto r = rig.ratings.rate(1, id, 2, QString(), RatingChannel::Evaluator);
        QVERIFY(r.ok());
        QVERIFY(r->followUp);
        QCOMPARE(rig.lastEvent("rating").value(QStringLiteral("follow_up")).toBool(), true);
        QVERIFY(!rig.lastEvent("rating").contains(QStringLiteral("reason")));
    }

    void poorRatingsOpenCasesTheSupervisorFollows()
    {
        // Seed 004 "1、5、15" on the demo catalog's calendar: rated Tue 24 Nov 2026 — contact by Wed 25,
        // rectify by Tue 1 Dec (25 26 27 30 Nov, 1 Dec), close by Tue 15 Dec (2–4, 7–11, 14, 15 Dec).
        Rig rig;
        SqlComplaintStore complaintStore(*rig.db);
        ComplaintService complaints(complaintStore, rig.catalog, rig.clock);
        QSignalSpy opened(&rig.ratings, &RatingService::complaintOpened);
        QSignalSpy updated(&complaints, &ComplaintService::complaintUpdated);
        const QString a1 = rig.walkIn("SB", 'A');
        const QString a2 = rig.walkIn("SB", 'A');
        const QString a3 = rig.walkIn("SB", 'A');
        const auto serve = [&rig]() {
            QVERIFY(rig.queue.callNext(1).ok());
            QVERIFY(rig.queue.finish(1).ok());
        };
        serve(); // a1: a rating at the console is for the ticket the window finished last
        // The matter at 2 needs a reason as the service's level does, and opens a case.
        QCOMPARE(rig.ratings.rate(1, a1, 5, QString(), RatingChannel::Console, 2).error().kind, RatingError::Kind::ReasonRequired);
        QCOMPARE(rig.ratings.rate(1, a1, 5, QString(), RatingChannel::Console, 0).error().kind, RatingError::Kind::BadLevel);
        const RatingRecord first = rig.ratings.rate(1, a1, 5, QStringLiteral("材料告知不清楚"), RatingChannel::Console, 2).value();
        QVERIFY(!first.complaintId.isEmpty());
        serve(); // a2
        // An evaluator's 差评 has no reason: its case is marked for follow-up.
        const RatingRecord second = rig.ratings.rate(1, a2, 2, QString(), RatingChannel::Evaluator).value();
        QVERIFY(!second.complaintId.isEmpty());
        serve(); // a3
        QVERIFY(rig.ratings.rate(1, a3, 4, QString(), RatingChannel::Console, 3).value().complaintId.isEmpty());
        QCOMPARE(opened.size(), 2);

        const ComplaintRecord c = *complaints.find(first.complaintId).value();
        QCOMPARE(QString::fromStdString(c.due.contact.toString()), QStringLiteral("2026-11-25"));
        QCOMPARE(QString::fromStdString(c.due.rectify.toString()), QStringLiteral("2026-12-01"));
        QCOMPARE(QString::fromStdString(c.due.close.toString()), QStringLiteral("2026-12-15"));
        QVERIFY(complaints.find(second.complaintId).value()->followUp);
        QCOMPARE(complaints.cases(ComplaintService::Filter::Open).value().size(), size_t(2));
        QVERIFY(complaints.cases(ComplaintService::Filter::Overdue).value().empty());

        // Thursday 26 November: neither was contacted on Wednesday.
        rig.clock.set(hall(10, 0).addDays(2).toUTC());
        QCOMPARE(complaints.cases(ComplaintService::Filter::Overdue).value().size(), size_t(2));
        auto late = complaints.record(second.complaintId, ComplaintStep::Closed, ComplaintOutcome::OnTheSpot, QString(), QStringLiteral("SV1"));
        QCOMPARE(int(late.error().kind), int(ComplaintError::Kind::WrongStep)); // on the spot is the rating's day only
        const ComplaintRecord contacted =
            complaints.record(first.complaintId, ComplaintStep::Contacted, std::nullopt, QStringLiteral(" 已联系 "), QStringLiteral("SV1")).value();
        QCOMPARE(contacted.steps.front().note, QStringLiteral("已联系"));
        QCOMPARE(contacted.steps.front().at, hall(10, 0).addDays(2));
        QVERIFY(contacted.steps.front().on == CivilDate(2026, 11, 26));
        QCOMPARE(updated.size(), 1);
        const auto overdue = complaints.cases(ComplaintService::Filter::Overdue).value();
        QCOMPARE(overdue.size(), size_t(1));
        QCOMPARE(overdue.front().id, second.complaintId);
        const ComplaintCounts counts = complaints.counts(CivilDate(2026, 11, 24), CivilDate(2026, 11, 24)).value();
        QCOMPARE(counts.opened, 2);
        QCOMPARE(counts.open, 2);
        QCOMPARE(counts.overdue, 1);
        QCOMPARE(counts.closed, 0);
        QVERIFY(complaints.record(first.complaintId, ComplaintStep::Closed, ComplaintOutcome::NoProblem, QString(), QStringLiteral("SV1")).ok());
        QCOMPARE(complaints.cases(ComplaintService::Filter::Closed).value().size(), size_t(1));
        QCOMPARE(complaints.cases(ComplaintService::Filter::All).value().size(), size_t(2));
    }

    void servedSignalFromFinishAndCallNext()
    {
        Rig rig;
        QSignalSpy served(&rig.queue, &QueueService::ticketServed);
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.callNext(1).ok());
        QCOMPARE(served.size(), 0);
        QVERIFY(rig.queue.callNext(1).ok()); // finishes A001
        QCOMPARE(served.size(), 1);
        QCOMPARE(served.last().first().value<ServedTicket>().number, QStringLiteral("A001"));
        QVERIFY(rig.queue.pass(1).ok()); // A002 passed, not served
        QCOMPARE(served.size(), 1);
        QVERIFY(rig.queue.callNext(1).ok());
        QVERIFY(rig.queue.finish(1).ok());
        QCOMPARE(served.size(), 2);
        QCOMPARE(served.last().first().value<ServedTicket>().number, QStringLiteral("A003"));
        QCOMPARE(served.last().first().value<ServedTicket>().window, 1);
    }

    void announcementsQueueAndNeverOverlap()
    {
        FakeVoice voice;
        AnnouncementService announcer(voice, AnnouncementSettings{});
        QSignalSpy announced(&announcer, &AnnouncementService::announced);
        const CallAnnouncement y003{QStringLiteral("id"), QStringLiteral("Y003"), 3, QStringLiteral("3号窗口"), QDateTime(), false};
        QCOMPARE(AnnouncementService::textFor(y003), QStringLiteral("请 Y003 号 到 3号窗口 办理"));
        announcer.announce(y003);
        announcer.announce({QStringLiteral("id2"), QStringLiteral("A010"), 8, QStringLiteral("综合窗口"), QDateTime(), false});
        announcer.announce({QStringLiteral("id"), QStringLiteral("Y003"), 3, QStringLiteral("3号窗口"), QDateTime(), true}); // recall repeats
        QCOMPARE(voice.spoken, QStringList{QStringLiteral("请 Y003 号 到 3号窗口 办理")});
        QCOMPARE(announcer.queued(), 2);
        voice.failNext = true;
        voice.finishOne();
        voice.failNext = false;
        voice.finishOne();
        voice.finishOne();
        QCOMPARE(voice.spoken, (QStringList{QStringLiteral("请 Y003 号 到 3号窗口 办理"), QStringLiteral("请 A010 号 到 综合窗口 办理"),
                                            QStringLiteral("请 Y003 号 到 3号窗口 办理")}));
        QCOMPARE(voice.maxInFlight, 1);
        QCOMPARE(announced.size(), 2); // the first one failed, and the queue went on

        AnnouncementService silent(voice, AnnouncementSettings{false, 20});
        silent.announce(y003);
        QCOMPARE(voice.spoken.size(), 3); // the off switch
    }

    void lunchIsNotWaiting()
    {
        // Q5: waits count open minutes only. Checked in 11:55 for an 11:00 slot: at 13:03 it has
        // waited 5 + 3 = 8 open minutes — at risk (80 % of 10), not 68 minutes and overdue; at
        // 12:30 it has waited 5, not at risk at all.
        Rig rig;
        QueueOverviewService overview(rig.overviewReader, rig.queue, rig.catalog, rig.clock);
        rig.clock.set(hall(11, 55).toUTC());
        rig.booked("bk-l", "SB", hall(11, 0));
        rig.walkIn("SB", 'A');
        rig.clock.set(hall(12, 30).toUTC());
        auto o = overview.overview();
        QVERIFY(o.ok());
        QVERIFY(o->atRisk.isEmpty());
        QCOMPARE(*o->groups.at(0).oldestWaitS, qint64(5 * 60));
        rig.clock.set(hall(13, 2, 59).toUTC());
        QVERIFY(overview.overview()->atRisk.isEmpty());
        rig.clock.set(hall(13, 3).toUTC());
        o = overview.overview();
        QCOMPARE(o->atRisk.size(), qsizetype(1));
        QCOMPARE(o->atRisk.first().waitedS, qint64(8 * 60));
        QVERIFY(!o->atRisk.first().overdue);
        QCOMPARE(*o->groups.at(0).oldestWaitS, qint64(8 * 60));
    }

    void theExpectedWaitAgainstTheGroupsTarget()
    {
        // Seed 000 "做好解释工作": people waiting × the group's recent handling time ÷ its open windows.
        Rig rig;
        QueueOverviewService overview(rig.overviewReader, rig.queue, rig.catalog, rig.clock);
        rig.walkIn("SB", 'A');
        QVERIFY(rig.queue.callNext(1).ok());
        auto o = overview.overview();
        QCOMPARE(o->groups.at(0).code, QStringLiteral("SB"));
        QVERIFY(!o->groups.at(0).expectedWaitS); // nothing handled yet today: no guess
        rig.clock.advanceSecs(20 * 60);
        QVERIFY(rig.queue.finish(1).ok());
        for (int i = 0; i < 4; ++i)
            rig.walkIn("SB", 'A');
        o = overview.overview();
        QCOMPARE(o->groups.at(0).targetS, qint64(30 * 60)); // SB-002 is complex: 30 min
        QCOMPARE(*o->groups.at(0).expectedWaitS, qint64(4 * 20 * 60 / 3)); // windows 1, 2 and 8
        QVERIFY(!o->groups.at(0).pastTarget());
        QVERIFY(rig.queue.pause(8).ok());
        o = overview.overview();
        QCOMPARE(*o->groups.at(0).expectedWaitS, qint64(4 * 20 * 60 / 2));
        QVERIFY(o->groups.at(0).pastTarget());
        QVERIFY(rig.queue.pause(1).ok());
        QVERIFY(rig.queue.pause(2).ok());
        QVERIFY(!overview.overview()->groups.at(0).expectedWaitS); // no window open to it
    }

    void overviewCountsAndAtRisk()
    {
        Rig rig;
        QueueOverviewService overview(rig.overviewReader, rig.queue, rig.catalog, rig.clock);
        rig.walkIn("SB", 'A');
        rig.booked("bk-1", "SB", hall(9, 0));                      // general: 10 min target
        rig.booked("bk-2", "BDC", hall(9, 0), Complexity::Complex); // 30 min
        rig.clock.advanceSecs(7 * 60 + 59);
        auto o = overview.overview();
        QVERIFY(o.ok());
        QCOMPARE(o->groups.size(), qsizetype(6));
        QCOMPARE(o->groups.at(0).code, QStringLiteral("SB"));
        QCOMPARE(o->groups.at(0).waiting, 2);
        QCOMPARE(o->groups.at(0).bookedWaiting, 1);
        QCOMPARE(*o->groups.at(0).oldestWaitS, qint64(479));
        QVERIFY(o->atRisk.isEmpty());
        rig.clock.advanceSecs(1); // 480 s = 80 % of 10 min
        o = overview.overview();
        QCOMPARE(o->atRisk.size(), qsizetype(1));
        QCOMPARE(o->atRisk.first().number, QStringLiteral("Y001"));
        QCOMPARE(o->atRisk.first().targetS, qint64(600));
        QCOMPARE(o->atRisk.first().suggestWindow, std::optional(1));
        // Window 1 switched to booking mode: window 2 is the one left to suggest.
        QVERIFY(rig.queue.setMode(1, WindowMode::Booking).ok());
        o = overview.overview();
        QCOMPARE(o->atRisk.first().suggestWindow, std::optional(2));
        // Window 2 too: window 8 serves SB as well, but it is the only window of 综合咨询 (ZH) —
        // in booking mode its walk-ins would wait behind every booking — so nothing is suggested.
        QVERIFY(rig.queue.setMode(2, WindowMode::Booking).ok());
        QCOMPARE(overview.overview()->atRisk.first().suggestWindow, std::nullopt);
        QVERIFY(rig.queue.setMode(8, WindowMode::Paused).ok());
        QCOMPARE(overview.overview()->atRisk.first().suggestWindow, std::nullopt);
        rig.clock.advanceSecs(30 * 60);
        o = overview.overview();
        QCOMPARE(o->atRisk.size(), qsizetype(2));
        QCOMPARE(o->atRisk.first().number, QStringLiteral("Y001")); // the bigger share of its target first
        QVERIFY(o->atRisk.first().overdue);
        // The BDC booking: window 3 (BDC alone; 4 still serves BDC), then 4 (BDC and 企业 QY; 7
        // still serves QY), then none — window 8 is paused, so 4 is BDC's last normal window.
        QCOMPARE(o->atRisk.at(1).group, QStringLiteral("BDC"));
        QCOMPARE(o->atRisk.at(1).suggestWindow, std::optional(3));
        QVERIFY(rig.queue.setMode(3, WindowMode::Booking).ok());
        QCOMPARE(overview.overview()->atRisk.at(1).suggestWindow, std::nullopt);
        QVERIFY(rig.queue.resume(8).ok()); // 8 back in normal mode: 4 may go, 8 may not (ZH)
        QCOMPARE(overview.overview()->atRisk.at(1).suggestWindow, std::optional(4));
        QVERIFY(rig.queue.setMode(4, WindowMode::Booking).ok());
        QCOMPARE(overview.overview()->atRisk.at(1).suggestWindow, std::nullopt);

        QVERIFY(rig.queue.callNext(1).ok());
        auto recent = overview.recentCalls(5);
        QCOMPARE(recent->size(), size_t(1));
        QCOMPARE(recent->front().number, QStringLiteral("Y001"));
        QCOMPARE(recent->front().window, 1);
    }

    void windowDevicesFollowTheQueue()
    {
        Rig rig;
        FakeBus bus;
        WindowDevicesService devices(bus, rig.queue, rig.ratings, rig.catalog, 300);
        devices.showAll();
        QCOMPARE(bus.shown.size(), qsizetype(8));
        QCOMPARE(bus.lastShown(3), (BoardContent{QStringLiteral("3号窗口"), QString(), false}));

        rig.booked("bk-1", "BDC", hall(9, 0));
        Q_EMIT bus.keyPressed(3, CallerKey::CallNext); // the caller's 下一位
        QCOMPARE(bus.lastShown(3), (BoardContent{QStringLiteral("Y001 请到3号窗口"), QString(), true}));
        Q_EMIT bus.keyPressed(3, CallerKey::BookingMode); // while serving: applies after
        QCOMPARE(rig.queue.windowState(3)->pendingMode, std::optional(WindowMode::Booking));
        Q_EMIT bus.keyPressed(3, CallerKey::Finish);
        QCOMPARE(bus.lastShown(3), (BoardContent{QStringLiteral("3号窗口"), QStringLiteral("预约办理"), false}));
        QCOMPARE(bus.rateRequests.size(), qsizetype(1));
        QCOMPARE(bus.rateRequests.first().number, QStringLiteral("Y001"));
        Q_EMIT bus.keyPressed(3, CallerKey::Pause);
        QCOMPARE(bus.lastShown(3).line2, QStringLiteral("暂停服务"));
        Q_EMIT bus.keyPressed(3, CallerKey::CallNext); // refused while paused: nothing breaks
        Q_EMIT bus.keyPressed(3, CallerKey::Resume);
        Q_EMIT bus.keyPressed(3, CallerKey::NormalMode);
        QCOMPARE(rig.queue.windowState(3)->mode, WindowMode::Normal);

        // The evaluator's rating belongs to the ticket put to it; a second one is ignored.
        Q_EMIT bus.ratingGiven(3, bus.rateRequests.first().ticketId, 4);
        Q_EMIT bus.ratingGiven(3, bus.rateRequests.first().ticketId, 1);
        Q_EMIT bus.ratingGiven(3, QString(), 5); // no RATE was ever sent: ignored
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM ratings")), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT level FROM ratings")), 4);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'window_mode_changed'")), 4);

        // The blink stops by itself.
        rig.walkIn("BDC", 'B');
        Q_EMIT bus.keyPressed(3, CallerKey::CallNext);
        QVERIFY(bus.lastShown(3).blink);
        QTRY_VERIFY_WITH_TIMEOUT(!bus.lastShown(3).blink, 5000);
        QCOMPARE(bus.lastShown(3).line1, QStringLiteral("B001 请到3号窗口"));
    }
};

QTEST_GUILESS_MAIN(TestHallServices)
#include "tst_hall_services.moc"

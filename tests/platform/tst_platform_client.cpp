// Contract tests of the platform client (platform/http_platform_client) against the reference
// platform on an ephemeral loopback port (DESIGN §6): every route, the signature and the clock
// check, the booking rules' refusals, the QR token, and every way a platform can misbehave.

#include "app/config/config_loader.h"
#include "app/domain/booking/booking_token.h"
#include "app/services/checkin/applicant_identity.h"
#include "app/services/system_clock.h"
#include "platform/ed25519_key.h"
#include "platform/platform_json.h"
#include "platform/sim/demo_data.h"
#include "tests/platform/sim_fixture.h"
#include "tests/support/fake_clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUuid>

using namespace hk;
using namespace hk::test;

namespace {

std::unique_ptr<HttpPlatformClient> clientFor(const PlatformEndpoint &endpoint, const Clock &clock)
{
    auto client = HttpPlatformClient::create(endpoint, clock);
    if (!client)
        qFatal("client: %s", qPrintable(client.error()));
    return std::move(client).value();
}

Applicant applicant(quint32 n)
{
    return {DemoData::syntheticIdNumber(n), QStringLiteral("测试%1").arg(n), QStringLiteral("13800001234")};
}

OutboxEvent outboxEvent(const QString &type, const QJsonObject &data)
{
    return {QUuid::createUuid().toString(QUuid::WithoutBraces), type, centerTime(2, 9, 5), data};
}

} // namespace

class TestPlatformClient : public QObject {
    Q_OBJECT

    FakeClock m_clock{centerTime(2, 8, 0).toUTC()};

    Result<PlacedBooking, PlatformError> book(HttpPlatformClient &client, const QDateTime &slot, quint32 who,
                                              const QString &matter = QStringLiteral("SB-001"))
    {
        return await<PlacedBooking>([&](auto done) { client.createBooking({matter, slot, applicant(who), {}}, done); });
    }

private Q_SLOTS:
    void joinsPathsWithExactlyOneSlash_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare host") << "https://p.example" << "api/v1/x" << "https://p.example/api/v1/x";
        QTest::newRow("trailing slash") << "https://p.example/" << "/api/v1/x" << "https://p.example/api/v1/x";
        QTest::newRow("prefix") << "https://p.example/gw" << "api/v1/x" << "https://p.example/gw/api/v1/x";
        QTest::newRow("prefix and slashes") << "https://p.example/gw//" << "//api/v1/x" << "https://p.example/gw/api/v1/x";
    }
    void joinsPathsWithExactlyOneSlash()
    {
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(HttpPlatformClient::join(QUrl(base), path).toString(), expected);
    }

    void refusesPlainHttpBeyondLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowHttp");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("http to a LAN address") << "http://192.0.2.10/" << false << false;
        QTest::newRow("http to a host name") << "http://platform.example/" << false << false;
        QTest::newRow("http allowed by config") << "http://192.0.2.10/" << true << true;
        QTest::newRow("http to 127.0.0.1") << "http://127.0.0.1:8900/" << false << true;
        QTest::newRow("http to localhost") << "http://localhost:8900/" << false << true;
        QTest::newRow("http to ::1") << "http://[::1]:8900/" << false << true;
        QTest::newRow("https anywhere") << "https://platform.example/" << false << true;
        QTest::newRow("another scheme") << "ftp://platform.example/" << true << false;
    }
    void refusesPlainHttpBeyondLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowHttp);
        QFETCH(bool, accepted);
        PlatformEndpoint e{QUrl(url), QStringLiteral("T01"), QStringLiteral("SQ-001"), "secret", {}, allowHttp, 1000};
        auto client = HttpPlatformClient::create(e, m_clock);
        QCOMPARE(client.ok(), accepted);
        if (!accepted)
            QVERIFY2(client.error().startsWith(QStringLiteral("platform.url: ")), qPrintable(client.error()));
        if (!accepted && url.startsWith(QStringLiteral("http:")))
            QVERIFY2(client.error().contains(QStringLiteral("platform.allow_http")), qPrintable(client.error()));
    }

    void endpointFromConfigNamesTheKey()
    {
        QTemporaryDir dir;
        const auto configWith = [&dir](const QJsonObject &platform) {
            const QJsonObject json{{QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")},
                                                                            {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
                                   {QStringLiteral("database"), dir.filePath(QStringLiteral("k.db"))},
                                   {QStringLiteral("devices"), QJsonObject{}},
                                   {QStringLiteral("platform"), platform}};
            return ConfigLoader::parse(QJsonDocument(json).toJson(), dir.path()).value();
        };
        auto noSecret = HttpPlatformClient::endpointFrom(configWith({{QStringLiteral("url"), QStringLiteral("https://p.example/")}}));
        QVERIFY(!noSecret);
        QVERIFY2(noSecret.error().startsWith(QStringLiteral("platform.secret_file: ")), qPrintable(noSecret.error()));
        auto missing = HttpPlatformClient::endpointFrom(configWith({{QStringLiteral("url"), QStringLiteral("https://p.example/")},
                                                                    {QStringLiteral("secret_file"), QStringLiteral("nope.secret")}}));
        QVERIFY(!missing);
        QVERIFY2(missing.error().startsWith(QStringLiteral("platform.secret_file: cannot read")), qPrintable(missing.error()));
        QFile secret(dir.filePath(QStringLiteral("t.secret")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("  s3cret \n");
        secret.close();
        QFile ca(dir.filePath(QStringLiteral("ca.pem")));
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.write("not a certificate\n");
        ca.close();
        auto badCa = HttpPlatformClient::endpointFrom(configWith({{QStringLiteral("url"), QStringLiteral("https://p.example/")},
                                                                  {QStringLiteral("secret_file"), QStringLiteral("t.secret")},
                                                                  {QStringLiteral("ca_file"), QStringLiteral("ca.pem")}}));
        QVERIFY(!badCa);
        QVERIFY2(badCa.error().startsWith(QStringLiteral("platform.ca_file: ")), qPrintable(badCa.error()));
        auto good = HttpPlatformClient::endpointFrom(configWith({{QStringLiteral("url"), QStringLiteral("https://p.example/")},
                                                                 {QStringLiteral("secret_file"), QStringLiteral("t.secret")}}));
        QVERIFY(good);
        QCOMPARE(good->secret, QByteArray("s3cret")); // one line, surrounding white space dropped (DESIGN §8)
    }

    void catalog()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        auto pulled = await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); });
        QVERIFY2(pulled, qPrintable(pulled ? QString() : describe(pulled.error())));
        QCOMPARE(pulled->catalog.version, 2);
        QCOMPARE(pulled->catalog.center.id, std::string("SQ-001"));
        QCOMPARE(pulled->catalog.groups.size(), size_t(6));
        QVERIFY(!pulled->json.isEmpty());
    }

    void bookingsByCursorInPages()
    {
        SimPlatform sim(m_clock);
        const DemoSummary made = DemoData::generate(sim.platform, {CivilDate(2026, 12, 2), 2, 30, 0.1, 7});
        QCOMPARE(made.booked, 60);
        QVERIFY(sim.start());
        QStringList targets;
        connect(&sim.server, &PlatformServer::requestServed, this, [&targets](const QString &target, int) { targets << target; });
        auto client = clientFor(sim.endpoint(), m_clock);
        std::optional<QString> cursor;
        QSet<QString> ids;
        int pages = 0;
        for (bool more = true; more; ++pages) {
            auto page = await<BookingPage>([&](auto done) { client->fetchBookings(cursor, 25, done); });
            QVERIFY2(page, qPrintable(page ? QString() : describe(page.error())));
            for (const BookingRecord &b : page->bookings) {
                ids.insert(b.id);
                QCOMPARE(b.slotStart.offsetFromUtc(), 8 * 3600); // the center's offset, as sent
                QVERIFY(b.idDigest.size() == 64 && b.idMasked.contains(QLatin1Char('*')));
            }
            cursor = page->cursor;
            more = page->more;
            QVERIFY(pages < 10);
        }
        QCOMPARE(ids.size(), 60); // booked and cancelled alike: each booking once, in three pages
        QCOMPARE(pages, 3);
        QVERIFY2(!targets.first().contains(QStringLiteral("since=")), qPrintable(targets.first())); // the first pull sends no since
        QVERIFY2(targets.last().contains(QStringLiteral("since=")), qPrintable(targets.last()));

        // A cancellation on the platform comes back with the next pull, as a newer version.
        const QString someone = *ids.begin();
        const int before = int(sim.platform.store().booking(someone)->version);
        if (sim.platform.store().booking(someone)->status == BookingState::Booked)
            QVERIFY(sim.platform.cancel(someone, centerTime(1, 10)));
        else
            QVERIFY(sim.platform.store().setStatus(someone, BookingState::Cancelled));
        auto next = await<BookingPage>([&](auto done) { client->fetchBookings(cursor, 25, done); });
        QVERIFY(next);
        QCOMPARE(next->bookings.size(), size_t(1));
        QCOMPARE(next->bookings.front().id, someone);
        QCOMPARE(next->bookings.front().status, BookingState::Cancelled);
        QCOMPARE(int(next->bookings.front().version), before + 1);
        QVERIFY(!next->more);
    }

    void slots()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        QVERIFY(book(*client, centerTime(2, 14), 1));
        auto slots = await<std::vector<SlotAvailability>>(
            [&](auto done) { client->fetchSlots(CivilDate(2026, 12, 2), QStringLiteral("SB-001"), done); });
        QVERIFY2(slots, qPrintable(slots ? QString() : describe(slots.error())));
        QCOMPARE(slots->size(), size_t(7)); // 9, 10, 11, 13, 14, 15, 16
        QCOMPARE(slots->front().start, centerTime(2, 9));
        QCOMPARE(slots->front().end, centerTime(2, 10));
        QCOMPARE(slots->front().capacity, 10);
        QCOMPARE(slots->at(4).start, centerTime(2, 14));
        QCOMPARE(slots->at(4).booked, 1);
        auto weekend = await<std::vector<SlotAvailability>>(
            [&](auto done) { client->fetchSlots(CivilDate(2026, 12, 5), QStringLiteral("SB-001"), done); });
        QVERIFY(weekend);
        QVERIFY(weekend->empty());
    }

    void createdBookingCarriesAVerifiableToken()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        auto placed = book(*client, centerTime(2, 14), 42, QStringLiteral("HJ-001"));
        QVERIFY2(placed, qPrintable(placed ? QString() : describe(placed.error())));
        QCOMPARE(placed->booking.status, BookingState::Booked);
        QCOMPARE(int(placed->booking.version), 1);
        QCOMPARE(placed->booking.slotStart, centerTime(2, 14));
        QCOMPARE(placed->booking.channel, QStringLiteral("terminal"));
        const QString idNumber = applicant(42).idNumber;
        QCOMPARE(placed->booking.idMasked, idNumber.left(4) + QStringLiteral("**********") + idNumber.right(4));
        QCOMPARE(placed->booking.nameMasked, identity::maskName(applicant(42).name));
        QVERIFY(!placed->booking.nameMasked.contains(QStringLiteral("试42")));

        auto token = BookingToken::parse(placed->qrToken.toStdString());
        QVERIFY(token);
        QCOMPARE(token->center, std::string("SQ-001"));
        QCOMPARE(QString::fromStdString(token->bookingId), placed->booking.id);
        QCOMPARE(token->matter, std::string("HJ-001"));
        QCOMPARE(token->slotStartUnix, centerTime(2, 14).toSecsSinceEpoch());
        QCOMPARE(token->expiresUnix, token->slotStartUnix + 30 * 60);
        auto publicKey = Ed25519PublicKey::loadFile(sim.keys.publicKeyPath());
        QVERIFY(publicKey);
        QVERIFY(publicKey->verify(token->signedText(), token->signature));
        BookingToken forged = token.value();
        forged.slotStartUnix += 3600;
        QVERIFY(!publicKey->verify(forged.signedText(), forged.signature));
    }

    void bookingRefusals()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        const auto code = [&](const QDateTime &slot, quint32 who, const QString &matter = QStringLiteral("SB-001")) {
            auto r = book(*client, slot, who, matter);
            if (r)
                return QStringLiteral("ok");
            return r.error().kind == PlatformError::Kind::Refused && r.error().httpStatus == 409 ? r.error().code
                                                                                                 : describe(r.error());
        };
        QCOMPARE(code(centerTime(2, 10), 1), QStringLiteral("lead_time"));   // online: 3 h ahead (B2)
        QCOMPARE(code(centerTime(2, 12), 1), QStringLiteral("closed"));      // lunch: no slot (B7)
        QCOMPARE(code(centerTime(5, 10), 1), QStringLiteral("closed"));      // Saturday
        QCOMPARE(code(centerTime(2, 14), 1, QStringLiteral("ZH-001")), QStringLiteral("not_bookable"));
        QCOMPARE(code(centerTime(2, 14), 1), QStringLiteral("ok"));
        QCOMPARE(code(centerTime(2, 14), 1, QStringLiteral("SB-002")), QStringLiteral("duplicate_slot")); // one a slot (B3)
        QCOMPARE(code(centerTime(2, 15), 1), QStringLiteral("ok"));
        QCOMPARE(code(centerTime(2, 16), 1), QStringLiteral("daily_limit"));  // two a day (B3)
        // The slot's capacity for the group: QY takes 4 an hour.
        for (quint32 who = 10; who < 14; ++who)
            QCOMPARE(code(centerTime(3, 9), who, QStringLiteral("QY-001")), QStringLiteral("ok"));
        QCOMPARE(code(centerTime(3, 9), 14, QStringLiteral("QY-001")), QStringLiteral("slot_full"));

        // Three missed bookings this month, reported by the terminal: no more bookings (B6).
        for (int day : {3, 4, 7}) {
            auto placed = book(*client, centerTime(day, 16), 99);
            QVERIFY(placed);
            auto reply = await<EventBatchReply>([&](auto done) {
                client->sendEvents({outboxEvent(QStringLiteral("booking_no_show"), {{QStringLiteral("booking_id"), placed->booking.id}})}, done);
            });
            QVERIFY(reply && reply->accepted.size() == 1);
            QCOMPARE(sim.platform.store().booking(placed->booking.id)->status, BookingState::NoShow);
        }
        QCOMPARE(code(centerTime(8, 16), 99), QStringLiteral("credit_restricted"));
    }

    void cancelOrItsDeadline()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        auto early = book(*client, centerTime(2, 16), 5);
        auto late = book(*client, centerTime(2, 13), 6);
        QVERIFY(early && late);
        m_clock.set(centerTime(2, 10, 30).toUTC());
        auto cancelled = await<BookingRecord>([&](auto done) { client->cancelBooking(early->booking.id, done); });
        QVERIFY2(cancelled, qPrintable(cancelled ? QString() : describe(cancelled.error())));
        QCOMPARE(cancelled->status, BookingState::Cancelled);
        QCOMPARE(int(cancelled->version), 2);
        auto refused = await<BookingRecord>([&](auto done) { client->cancelBooking(late->booking.id, done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().httpStatus, 409);
        QCOMPARE(refused.error().code, QStringLiteral("cancel_deadline")); // B4: 3 h before the slot
        auto unknown = await<BookingRecord>([&](auto done) { client->cancelBooking(QStringLiteral("BKNOSUCH"), done); });
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, PlatformError::Kind::NotFound);
        m_clock.set(centerTime(2, 8).toUTC());
    }

    void eventsTakenOnceById()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        auto placed = book(*client, centerTime(2, 14), 7);
        QVERIFY(placed);
        const QString bookingId = placed->booking.id;
        const std::vector<OutboxEvent> good{
            outboxEvent(QStringLiteral("booking_checked_in"), {{QStringLiteral("booking_id"), bookingId}, {QStringLiteral("ticket"), QStringLiteral("t-1")}}),
            outboxEvent(QStringLiteral("ticket_issued"), {{QStringLiteral("ticket"), QStringLiteral("t-1")}, {QStringLiteral("kind"), QStringLiteral("booked")},
                                                    {QStringLiteral("group"), QStringLiteral("SB")}, {QStringLiteral("booking_id"), bookingId}}),
            outboxEvent(QStringLiteral("ticket_called"), {{QStringLiteral("ticket"), QStringLiteral("t-1")}, {QStringLiteral("window"), 1}}),
        };
        auto first = await<EventBatchReply>([&](auto done) { client->sendEvents(good, done); });
        QVERIFY2(first, qPrintable(first ? QString() : describe(first.error())));
        QCOMPARE(first->accepted.size(), 3);
        QVERIFY(first->duplicates.isEmpty() && first->rejected.empty());
        QCOMPARE(sim.platform.store().booking(bookingId)->status, BookingState::CheckedIn);
        QCOMPARE(int(sim.platform.store().booking(bookingId)->version), 2);

        std::vector<OutboxEvent> again = good;
        again.push_back(outboxEvent(QStringLiteral("ticket_teleported"), {{QStringLiteral("ticket"), QStringLiteral("t-1")}}));
        again.push_back(outboxEvent(QStringLiteral("rating"), {{QStringLiteral("ticket"), QStringLiteral("t-1")}, {QStringLiteral("window"), 1},
                                                         {QStringLiteral("level"), 1}, {QStringLiteral("follow_up"), false}}));
        auto second = await<EventBatchReply>([&](auto done) { client->sendEvents(again, done); });
        QVERIFY(second);
        QVERIFY(second->accepted.isEmpty());
        QCOMPARE(second->duplicates.size(), 3);
        QCOMPARE(second->rejected.size(), size_t(2));
        QCOMPARE(second->rejected[0].error, QStringLiteral("unknown_type"));
        QCOMPARE(second->rejected[1].error, QStringLiteral("bad_data")); // 差评 without a reason or follow-up
        QCOMPARE(sim.platform.store().eventCount(), 3);
        QCOMPARE(int(sim.platform.store().booking(bookingId)->version), 2); // applied once

        // A hall's merge cancels the later of two check-ins of one booking (DESIGN §11): taken with
        // its reason, refused without one.
        const std::vector<OutboxEvent> cancels{
            outboxEvent(QStringLiteral("ticket_cancelled"), {{QStringLiteral("ticket"), QStringLiteral("t-2")}, {QStringLiteral("number"), QStringLiteral("A2-001")},
                                                       {QStringLiteral("reason"), QStringLiteral("duplicate_check_in")}}),
            outboxEvent(QStringLiteral("ticket_cancelled"), {{QStringLiteral("ticket"), QStringLiteral("t-3")}}),
        };
        auto third = await<EventBatchReply>([&](auto done) { client->sendEvents(cancels, done); });
        QVERIFY(third);
        QCOMPARE(third->accepted, QStringList{cancels[0].id});
        QCOMPARE(third->rejected.size(), size_t(1));
        QCOMPARE(third->rejected[0].error, QStringLiteral("bad_data"));
        QCOMPARE(sim.platform.store().eventCount(), 4);

        // 差评 cases (DESIGN §13): complaint_updated {id, ticket, step, at} for each step; a rating's
        // matter_level (seed 004 §四) at 1–2 needs a reason as its level does.
        const auto complaint = [](const char *step, const char *at) {
            return outboxEvent(QStringLiteral("complaint_updated"), {{QStringLiteral("id"), QStringLiteral("c-1")}, {QStringLiteral("ticket"), QStringLiteral("t-1")},
                                                              {QStringLiteral("step"), QString::fromLatin1(step)}, {QStringLiteral("at"), QString::fromLatin1(at)}});
        };
        const std::vector<OutboxEvent> cases{
            complaint("opened", "2026-11-24T10:00:00+08:00"),
            complaint("contacted", "2026-11-25T09:30:00+08:00"),
            complaint("escalated", "2026-11-25T09:30:00+08:00"),
            complaint("closed", "yesterday"),
            outboxEvent(QStringLiteral("rating"), {{QStringLiteral("ticket"), QStringLiteral("t-1")}, {QStringLiteral("window"), 1},
                                                   {QStringLiteral("level"), 5}, {QStringLiteral("matter_level"), 2}, {QStringLiteral("follow_up"), false},
                                                   {QStringLiteral("reason"), QStringLiteral("材料不全")}}),
            outboxEvent(QStringLiteral("rating"), {{QStringLiteral("ticket"), QStringLiteral("t-2")}, {QStringLiteral("window"), 1},
                                                   {QStringLiteral("level"), 5}, {QStringLiteral("matter_level"), 1}, {QStringLiteral("follow_up"), false}}),
        };
        auto fourth = await<EventBatchReply>([&](auto done) { client->sendEvents(cases, done); });
        QVERIFY(fourth);
        QCOMPARE(fourth->accepted, (QStringList{cases[0].id, cases[1].id, cases[4].id}));
        QCOMPARE(fourth->rejected.size(), size_t(3));
        for (const auto &r : fourth->rejected)
            QCOMPARE(r.error, QStringLiteral("bad_data"));
        QCOMPARE(sim.platform.store().eventCount(), 7);
    }

    void rawWireShapes()
    {
        // What goes over the wire, checked against DESIGN §6 without the shared JSON code.
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        QVERIFY(book(*client, centerTime(2, 14), 8));
        QNetworkAccessManager network;
        const QUrl url(sim.server.baseUrl() + QStringLiteral("api/v1/centers/SQ-001/bookings?limit=5"));
        QNetworkRequest request(url);
        const RequestSigner signer("T01", sim.secret);
        for (const auto &[name, value] : signer.headers("GET", "/api/v1/centers/SQ-001/bookings?limit=5", m_clock.now().toSecsSinceEpoch(), {}))
            request.setRawHeader(name, value);
        QNetworkReply *reply = network.get(request);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000));
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QVERIFY(json.value(QStringLiteral("cursor")).isString());
        QVERIFY(json.value(QStringLiteral("more")).isBool());
        const QJsonObject b = json.value(QStringLiteral("bookings")).toArray().first().toObject();
        for (const char *key : {"id", "version", "status", "matter", "slot_start", "slot_end", "channel", "applicant"})
            QVERIFY2(b.contains(QLatin1String(key)), key);
        const QJsonObject who = b.value(QStringLiteral("applicant")).toObject();
        QCOMPARE(QStringList(who.keys()), (QStringList{QStringLiteral("id_digest"), QStringLiteral("id_masked"), QStringLiteral("name_masked"),
                                                       QStringLiteral("phone_masked")}));
        QCOMPARE(b.value(QStringLiteral("slot_start")).toString(), QStringLiteral("2026-12-02T14:00:00+08:00"));

        const QJsonObject e = platform_json::eventToJson(outboxEvent(QStringLiteral("help_requested"), {}), QStringLiteral("T01"));
        QCOMPARE(QStringList(e.keys()), (QStringList{QStringLiteral("at"), QStringLiteral("data"), QStringLiteral("id"),
                                                     QStringLiteral("terminal"), QStringLiteral("type")}));
        QCOMPARE(e.value(QStringLiteral("at")).toString(), QStringLiteral("2026-12-02T09:05:00+08:00"));
    }

    void aWrongSecretIsRefused()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        PlatformEndpoint e = sim.endpoint();
        e.secret = "not the secret";
        auto client = clientFor(e, m_clock);
        auto pulled = await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); });
        QVERIFY(!pulled);
        QCOMPARE(pulled.error().kind, PlatformError::Kind::Unauthorized);
        QCOMPARE(pulled.error().code, QStringLiteral("bad_signature"));
        e.terminalId = QStringLiteral("T99");
        auto stranger = clientFor(e, m_clock);
        auto refused = await<PulledCatalog>([&](auto done) { stranger->fetchCatalog(done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("bad_signature"));
    }

    void clockSkewIsMeasuredAndOvercome()
    {
        FakeClock platformClock(m_clock.now().addSecs(3600)); // the platform's clock is an hour ahead
        SimPlatform sim(platformClock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        QVERIFY(!client->clockOffsetS());
        auto pulled = await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); });
        QVERIFY2(pulled, qPrintable(pulled ? QString() : describe(pulled.error())));
        QCOMPARE(sim.server.stats().skewed, 1); // refused once with clock_skew and server_time …
        QVERIFY(client->clockOffsetS());
        QCOMPARE(*client->clockOffsetS(), 3600); // … measured, and the request sent again with the platform's time
        auto again = await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); });
        QVERIFY(again);
        QCOMPARE(sim.server.stats().skewed, 1);
        // Within 300 s the platform does not object.
        platformClock.set(m_clock.now().addSecs(3600 + 299));
        QVERIFY(await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); }));
        QCOMPARE(sim.server.stats().skewed, 1);
    }

    void aMisbehavingPlatform_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("applied"); // the platform did the work though the terminal heard no answer
        QTest::newRow("500") << "fail" << int(PlatformError::Kind::Server) << false;
        QTest::newRow("garbage") << "garbage" << int(PlatformError::Kind::BadResponse) << true;
        QTest::newRow("closed mid-response") << "drop" << int(PlatformError::Kind::Network) << true;
        QTest::newRow("hanging") << "delay" << int(PlatformError::Kind::Timeout) << true;
        QTest::newRow("down") << "down" << int(PlatformError::Kind::Network) << false;
    }
    void aMisbehavingPlatform()
    {
        QFETCH(QString, fault);
        QFETCH(int, kind);
        QFETCH(bool, applied);
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        PlatformEndpoint endpoint = sim.endpoint();
        endpoint.timeoutMs = 400;
        auto client = clientFor(endpoint, m_clock);
        FaultPlan plan;
        if (fault == QLatin1String("fail"))
            plan.failRate = 1;
        else if (fault == QLatin1String("garbage"))
            plan.garbageRate = 1;
        else if (fault == QLatin1String("drop"))
            plan.dropRate = 1;
        else if (fault == QLatin1String("delay"))
            plan.delayMs = 60000;
        else
            sim.server.close();
        sim.server.setFaults(plan);
        const OutboxEvent e = outboxEvent(QStringLiteral("help_requested"), {{QStringLiteral("terminal"), QStringLiteral("T01")}});
        auto reply = await<EventBatchReply>([&](auto done) { client->sendEvents({e}, done); });
        QVERIFY(!reply);
        QCOMPARE(int(reply.error().kind), kind);
        QCOMPARE(sim.platform.store().hasEvent(e.id), applied);
        // Back to health: the same event again is accepted, or reported a duplicate — never twice.
        sim.server.setFaults({});
        if (!sim.server.isListening())
            QVERIFY(sim.start());
        client = clientFor(sim.endpoint(), m_clock);
        auto retried = await<EventBatchReply>([&](auto done) { client->sendEvents({e}, done); });
        QVERIFY2(retried, qPrintable(retried ? QString() : describe(retried.error())));
        QCOMPARE(retried->accepted.size() + retried->duplicates.size(), 1);
        QCOMPARE(retried->duplicates.size(), applied ? 1 : 0);
        QCOMPARE(sim.platform.store().eventCount(), 1);
    }

    // A booking's 201 whose connection closes part-way through its declared body is no answer
    // (Network), never a "bad" one: the caller asks again with the same request_id and gets the
    // booking the platform made, once (DESIGN §6). Several rounds: how Qt sees the close varies.
    void aBookingAnswerCutShortIsAskedAgain()
    {
        SimPlatform sim(m_clock);
        QVERIFY(sim.start());
        auto client = clientFor(sim.endpoint(), m_clock);
        const int hours[] = {9, 10, 11, 13, 14, 15}; // the next day's slots
        for (quint32 round = 0; round < 6; ++round) {
            BookingOrder order{QStringLiteral("SB-001"), centerTime(3, hours[round]), applicant(round + 1),
                               QUuid::createUuid().toString(QUuid::WithoutBraces)};
            FaultPlan plan;
            plan.dropRate = 1;
            sim.server.setFaults(plan);
            auto lost = await<PlacedBooking>([&](auto done) { client->createBooking(order, done); });
            QVERIFY(!lost);
            QVERIFY2(lost.error().kind == PlatformError::Kind::Network, qPrintable(describe(lost.error())));
            sim.server.setFaults({});
            auto again = await<PlacedBooking>([&](auto done) { client->createBooking(order, done); });
            QVERIFY2(again, qPrintable(again ? QString() : describe(again.error())));
            QCOMPARE(sim.platform.store().bookingCount(), int(round) + 1);
        }
    }

    void basePathIsSignedAsSent()
    {
        SimPlatform sim(m_clock);
        sim.server.setBasePath(QStringLiteral("/gw/hall"));
        QVERIFY(sim.start());
        for (const QString &suffix : {QString(), QStringLiteral("/")}) {
            PlatformEndpoint e = sim.endpoint();
            QString base = sim.server.baseUrl();
            base.chop(1);
            e.baseUrl = QUrl(base + suffix);
            auto client = clientFor(e, m_clock);
            auto pulled = await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); });
            QVERIFY2(pulled, qPrintable(pulled ? QString() : describe(pulled.error())));
        }
    }

    void httpsWithTheConfiguredCaBundle()
    {
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QFAIL("openssl is needed to make the test certificate and is not installed (scripts/setup-debian.sh installs it)");
        QTemporaryDir dir;
        QProcess make;
        make.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                             QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                             QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                             QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                             dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY(make.waitForFinished(60000));
        QCOMPARE(make.exitCode(), 0);
        QFile certFile(dir.filePath(QStringLiteral("cert.pem"))), keyFile(dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate cert(&certFile, QSsl::Pem);
        const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        QVERIFY(!cert.isNull() && !key.isNull());

        // The real clock: certificate validity is checked against it.
        SystemClock realClock;
        SimPlatform sim(realClock);
        sim.server.setTls(cert, key);
        QVERIFY(sim.start());
        QVERIFY(sim.server.baseUrl().startsWith(QStringLiteral("https://127.0.0.1:")));
        PlatformEndpoint trusted = sim.endpoint();
        trusted.caCertificates = {cert};
        auto client = clientFor(trusted, realClock);
        auto pulled = await<PulledCatalog>([&](auto done) { client->fetchCatalog(done); });
        QVERIFY2(pulled, qPrintable(pulled ? QString() : describe(pulled.error())));

        auto untrusting = clientFor(sim.endpoint(), realClock); // the system's bundle does not know this certificate
        auto refused = await<PulledCatalog>([&](auto done) { untrusting->fetchCatalog(done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, PlatformError::Kind::Network);
    }
};

QTEST_GUILESS_MAIN(TestPlatformClient)
#include "tst_platform_client.moc"

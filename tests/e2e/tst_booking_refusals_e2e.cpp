// The platform's refusals of a booking (DESIGN §6, §14) as a citizen meets them, on the built
// programs: hallkiosk against hallkiosk-platform-sim with the reader, the scanner and the printer on
// pseudo-terminals (the rig of tst_booking_binary_e2e). Each refusal comes from the platform at the
// confirm tap, after the citizen has chosen on lists that still offered the choice:
//  - slot_full: another terminal books the slot's last place through the platform's API;
//  - credit_restricted: the citizen missed three bookings this month (another terminal reported
//    each no-show), so the platform refuses every new one;
//  - lead_time: the platform's clock passes the slot's 3 h deadline meanwhile (it restarts on a
//    clock a few minutes on, `--clock-offset-ms`);
//  - closed: the platform puts the chosen day on its holiday list (a new catalog version).
// And the platform hung (SIGSTOP) at the confirm tap: a clear message, and once it runs again one
// whole booking at most — 再试一次 gets that one and never a second.
// Each ends with the words on the kiosk's screen (the notice's title, which the terminal logs as
// `booking flow: book-failed - <title>`), no booking made for the citizen and no slip printed.
// Screens go to test-artifacts/booking-refusals/<case>.

#include "tests/e2e/booking_rig.h"

#include "platform/http_platform_client.h"

#include <QUuid>

using namespace hk;
using namespace hk::test;

namespace {

// Another terminal of the hall (T02) as the platform knows it: it books and reports through the
// same signed API as the terminal under test.
class OtherTerminal {
public:
    OtherTerminal(Rig &rig, qint64 clockOffsetMs) : m_clock(clockOffsetMs)
    {
        QFile secret(QDir(rig.dir.filePath(QStringLiteral("platform"))).filePath(QStringLiteral("terminals/T02.secret")));
        if (!secret.open(QIODevice::ReadOnly)) {
            m_problem = QStringLiteral("no T02 secret: %1").arg(secret.fileName());
            return;
        }
        PlatformEndpoint endpoint;
        endpoint.baseUrl = QUrl(rig.sim.url());
        endpoint.terminalId = QStringLiteral("T02");
        endpoint.centerId = QStringLiteral("SQ-001");
        endpoint.secret = secret.readAll().trimmed();
        endpoint.timeoutMs = 10000;
        auto client = HttpPlatformClient::create(endpoint, m_clock);
        if (!client)
            m_problem = client.error();
        else
            m_client = std::move(client).value();
    }
    QString problem() const { return m_problem; }

    // Books `slot` for an applicant of `n` (made-up ID numbers of the right form); the booking's id, or why not.
    Result<QString, QString> book(const QDateTime &slot, int n, const QString &idNumber = {})
    {
        BookingOrder order;
        order.matterCode = QStringLiteral("SB-001");
        order.slotStart = slot;
        order.applicant = {idNumber.isEmpty() ? QStringLiteral("3301021980010%1").arg(n, 5, 10, QLatin1Char('0')) : idNumber,
                           QStringLiteral("李四"), QStringLiteral("13900139000")};
        order.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        std::optional<Result<PlacedBooking, PlatformError>> answer;
        m_client->createBooking(order, [&answer](Result<PlacedBooking, PlatformError> r) { answer = std::move(r); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, kWaitMs))
            return fail(QStringLiteral("no answer"));
        if (!*answer)
            return fail(describe(answer->error()));
        return answer->value().booking.id;
    }
    // The hall reports that the booking lapsed (B5): a no-show, 爽约.
    bool reportNoShow(const QString &bookingId)
    {
        OutboxEvent e{QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("booking_no_show"), m_clock.now(),
                      QJsonObject{{QStringLiteral("booking_id"), bookingId}}};
        std::optional<Result<EventBatchReply, PlatformError>> answer;
        m_client->sendEvents({e}, [&answer](Result<EventBatchReply, PlatformError> r) { answer = std::move(r); });
        return QTest::qWaitFor([&] { return answer.has_value(); }, kWaitMs) && *answer && answer->value().accepted == QStringList{e.id};
    }

private:
    SystemClock m_clock;
    std::unique_ptr<HttpPlatformClient> m_client;
    QString m_problem;
};

QString shotsOf(const char *name)
{
    return QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/booking-refusals/") + QLatin1String(name);
}

const QStringList kOtherTerminal{QStringLiteral("--terminal"), QStringLiteral("T02")};

} // namespace

class TestBookingRefusalsE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Another terminal takes the last place between the slot list and the confirm tap.
    void theSlotFillsMeanwhile()
    {
        Rig rig(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"), shotsOf("slot-full"));
        QVERIFY2(rig.startSim(0, kOtherTerminal), "hallkiosk-platform-sim did not start");
        QVERIFY2(rig.startTerminal(), qPrintable(rig.log.right(3000)));
        OtherTerminal other(rig, 0);
        QVERIFY2(other.problem().isEmpty(), qPrintable(other.problem()));
        const QDateTime slot = tomorrowAtTen();
        const int capacity = 6; // SB's slot_capacity in the demo catalog
        for (int n = 1; n < capacity; ++n) {
            const auto booked = other.book(slot, n);
            QVERIFY2(booked, qPrintable(booked ? QString() : booked.error()));
        }
        QVERIFY2(rig.chooseUpToConfirm(slot, 1), qPrintable(rig.log.right(2000))); // one place left: offered
        const auto last = other.book(slot, capacity);
        QVERIFY2(last, qPrintable(last ? QString() : last.error()));
        QCOMPARE(rig.bookings(), capacity);

        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY2(rig.reached("book-failed - 这个时段已约满"), qPrintable(rig.log.right(2000)));
        QCOMPARE(rig.bookings(), capacity); // none for the citizen
        QCOMPARE(rig.printer->tickets().size(), 0);
        // 选其他时段: the slots again, the full one no longer offered.
        QVERIFY(rig.tap(QStringLiteral("noticeAction")));
        QVERIFY(rig.reached("slot", 2));
        QVERIFY(!rig.tapOption(isoSlot(slot))); // every page looked through
    }

    // Three bookings this month missed: the platform refuses the citizen until the 1st (B6).
    void aRestrictedCitizen()
    {
        // The 1st of next month, 08:00 in the hall: three missed bookings fit in the month whatever today is.
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(hallZone()).date();
        const QDate first = QDate(today.year(), today.month(), 1).addMonths(1);
        const qint64 dayOne = QDateTime::currentDateTimeUtc().msecsTo(QDateTime(first, QTime(8, 0), hallZone()));
        Rig rig(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"), shotsOf("credit-restricted"));
        QVERIFY2(rig.startSim(dayOne, kOtherTerminal), "hallkiosk-platform-sim did not start");
        QStringList missed;
        {
            OtherTerminal app(rig, dayOne); // the citizen books three times at another terminal
            QVERIFY2(app.problem().isEmpty(), qPrintable(app.problem()));
            for (const QDateTime &slot : {QDateTime(first, QTime(12, 0), hallZone()), QDateTime(first, QTime(13, 0), hallZone()),
                                          QDateTime(first.addDays(1), QTime(10, 0), hallZone())}) {
                const auto booked = app.book(slot, 0, kResident);
                QVERIFY2(booked, qPrintable(booked ? QString() : booked.error()));
                missed << booked.value();
            }
        }
        // The next day at 14:00: all three lapsed, and the hall reported each no-show.
        const qint64 dayTwo = dayOne + (24 + 6) * 3600 * 1000LL;
        rig.sim.stop(SIGTERM);
        QVERIFY2(rig.startSim(dayTwo, kOtherTerminal), "the platform did not come back");
        {
            OtherTerminal hall(rig, dayTwo);
            QVERIFY2(hall.problem().isEmpty(), qPrintable(hall.problem()));
            for (const QString &id : std::as_const(missed))
                QVERIFY(hall.reportNoShow(id));
        }
        QCOMPARE(rig.bookings("no_show"), 3);
        QCOMPARE(rig.bookings(), 0);

        QVERIFY2(rig.startTerminal(dayTwo), qPrintable(rig.log.right(3000)));
        QVERIFY2(rig.chooseUpToConfirm(QDateTime(first.addDays(2), QTime(10, 0), hallZone()), 1), qPrintable(rig.log.right(2000)));
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY2(rig.reached("book-failed - 本月暂时不能预约"), qPrintable(rig.log.right(2000)));
        QCOMPARE(rig.bookings(), 0);
        QCOMPARE(rig.printer->tickets().size(), 0);
        // No way round it on this screen: the only way on is home.
        QVERIFY(!rig.tap(QStringLiteral("noticeAction")));
        QVERIFY(rig.tap(QStringLiteral("homeButton")));
    }

    // The slot's 3 h deadline passes on the platform's clock while the citizen types the phone number.
    void theSlotBecomesTooNear()
    {
        const QDateTime slot = tomorrowAtTen();
        // The hall's clock at 06:57:30 of that day: the 10:00 slot is still offered (3 h 2½ min ahead).
        const qint64 before = QDateTime::currentDateTimeUtc().msecsTo(slot.addSecs(-3 * 3600 - 150));
        Rig rig(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"), shotsOf("lead-time"));
        QVERIFY2(rig.startSim(before), "hallkiosk-platform-sim did not start");
        QVERIFY2(rig.startTerminal(before), qPrintable(rig.log.right(3000)));
        QVERIFY2(rig.chooseUpToConfirm(slot, 1), qPrintable(rig.log.right(2000)));
        // The platform 4 minutes on (within its 300 s clock-skew allowance): now past 07:00.
        rig.sim.stop(SIGTERM);
        QVERIFY2(rig.startSim(before + 240 * 1000), "the platform did not come back on its port");

        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY2(rig.reached("book-failed - 这个时段太近了"), qPrintable(rig.log.right(2000)));
        QCOMPARE(rig.bookings(), 0);
        QCOMPARE(rig.printer->tickets().size(), 0);
        QVERIFY(rig.tap(QStringLiteral("noticeAction"))); // 选其他时段
        QVERIFY(rig.reached("slot", 2));
    }

    // The platform closes the chosen day (a new catalog version with it on the holiday list).
    void theDayCloses()
    {
        Rig rig(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"), shotsOf("closed"));
        QVERIFY2(rig.startSim(), "hallkiosk-platform-sim did not start");
        QVERIFY2(rig.startTerminal(), qPrintable(rig.log.right(3000)));
        const QDateTime slot = tomorrowAtTen();
        QVERIFY2(rig.chooseUpToConfirm(slot, 1), qPrintable(rig.log.right(2000)));

        QFile f(rig.catalog);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject catalog = QJsonDocument::fromJson(f.readAll()).object();
        catalog.insert(QStringLiteral("version"), catalog.value(QStringLiteral("version")).toInt() + 1);
        catalog.insert(QStringLiteral("calendar"), QJsonObject{{QStringLiteral("holidays"), QJsonArray{slot.date().toString(Qt::ISODate)}},
                                                               {QStringLiteral("workdays"), QJsonArray{}}});
        const Reply put = fetch(QUrl(rig.sim.url() + QStringLiteral("sim/v1/catalog")), "PUT", QJsonDocument(catalog).toJson());
        QCOMPARE(put.status, 200);

        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY2(rig.reached("book-failed - 这一天不办公"), qPrintable(rig.log.right(2000)));
        QCOMPARE(rig.bookings(), 0);
        QCOMPARE(rig.printer->tickets().size(), 0);
        // 选其他日期: the days again, the closed one (no slots on the platform now) not among them.
        QVERIFY(rig.tap(QStringLiteral("noticeAction")));
        QVERIFY(rig.reached("day", 2));
        QVERIFY(!rig.tapOption(slot.date().toString(Qt::ISODate)));
    }

    // The platform hangs (SIGSTOP) as the citizen confirms: a clear message; when it runs again it
    // holds one whole booking at most, and 再试一次 (the same request_id) gets that one, never a second.
    void thePlatformHangsAtConfirm()
    {
        Rig rig(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"), shotsOf("platform-hung"));
        QVERIFY2(rig.startSim(), "hallkiosk-platform-sim did not start");
        QVERIFY2(rig.startTerminal(), qPrintable(rig.log.right(3000)));
        const QDateTime slot = tomorrowAtTen();
        QVERIFY2(rig.chooseUpToConfirm(slot, 1), qPrintable(rig.log.right(2000)));
        rig.sim.signal(SIGSTOP);
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY2(rig.reached("book-failed - 没有收到预约平台的答复"), qPrintable(rig.log.right(2000)));
        QCOMPARE(rig.printer->tickets().size(), 0);
        rig.sim.signal(SIGCONT);
        // Back: whatever it did with the request it read late is whole (booking and request id in
        // one transaction): one booking or none, never a booking without its request.
        const int afterHang = rig.bookings();
        qInfo("bookings on the platform once it runs again: %d", afterHang);
        QVERIFY(afterHang == 0 || afterHang == 1);
        QVERIFY(rig.tap(QStringLiteral("noticeAction"))); // 再试一次
        QVERIFY2(rig.reached("booked"), qPrintable(rig.log.right(2000)));
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 1, kWaitMs);
        QVERIFY(Rig::tokenOf(rig.printer->tickets().at(0)).startsWith(QStringLiteral("YY1.SQ-001.")));
        QCOMPARE(rig.bookings(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBookingRefusalsE2e)
#include "tst_booking_refusals_e2e.moc"

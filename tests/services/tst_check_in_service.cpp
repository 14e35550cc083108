// app/services/check_in_service: booking check-in over the real SQLite store, a scripted printer,
// a fixed clock and an Ed25519 key pair made for this run — codes verified offline, cards matched
// by digest, C1–C4 with each refusal, the forfeit of B5, one reprint (C2), several bookings on one
// card, citizens back to back, and nothing personal kept or logged.

#include "app/domain/booking/booking_token.h"
#include "app/services/checkin/applicant_identity.h"
#include "app/services/checkin/check_in_service.h"
#include "platform/ed25519_key.h"
#include "tests/support/callback_answer.h"
#include "tests/support/hall_time.h"
#include "tests/support/issuing_hall.h"
#include "tests/support/qtest_strings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace hk;
using namespace hk::test;

namespace {

using R = CheckInProblem::Reason;

const QByteArray kMatchKey = "test-match-key-0123456789";
const QString kCitizen = QStringLiteral("11010519491231002X");

QString logLines; // everything logged during a test, to prove nothing personal is
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    logLines += message + QLatin1Char('\n');
}

struct Rig : IssuingHall {
    Ed25519PrivateKey key = Ed25519PrivateKey::generate().value();
    Ed25519PublicKey publicKey = key.publicKey();
    CheckInService checkIn;
    QSignalSpy issued{&issue, &IssueTicketService::ticketIssued};
    QSignalSpy issueRefused{&issue, &IssueTicketService::issueRefused};
    QSignalSpy refused{&checkIn, &CheckInService::checkInRefused};
    QSignalSpy existing{&checkIn, &CheckInService::alreadyCheckedIn};
    QSignalSpy choices{&checkIn, &CheckInService::choiceNeeded};

    explicit Rig(CheckInService::Keys keys = {nullptr, kMatchKey}, bool withVerifier = true)
        : IssuingHall(hall(10, 0).toUTC())
        , checkIn(bookings, store, issue, catalog, composer, clock, QStringLiteral("SQ-001"),
                  withVerifier ? CheckInService::Keys{&publicKey, keys.matchKey} : keys)
    {
    }

    QString code(const QString &bookingId, const QDateTime &slot, const char *matter = "SB-001", const char *center = "SQ-001",
                 std::optional<QDateTime> expires = std::nullopt, const Ed25519PrivateKey *signer = nullptr)
    {
        BookingToken t;
        t.center = center;
        t.bookingId = bookingId.toStdString();
        t.matter = matter;
        t.slotStartUnix = slot.toSecsSinceEpoch();
        t.expiresUnix = expires.value_or(slot.addSecs(30 * 60)).toSecsSinceEpoch();
        t.signature = (signer ? *signer : key).sign(QByteArray::fromStdString(t.signedText())).toStdString();
        return QString::fromStdString(t.format());
    }

    void cache(const QString &id, const QDateTime &slot, BookingState state = BookingState::Booked, const QString &idNumber = kCitizen,
               const char *matter = "SB-001", bool emergency = false)
    {
        BookingRecord b;
        b.id = id;
        b.version = 1;
        b.status = state;
        b.matterCode = QString::fromLatin1(matter);
        b.groupCode = QString::fromStdString(catalog.catalog().findMatter(matter)->group);
        b.slotStart = slot;
        b.slotEnd = slot.addSecs(3600);
        b.channel = QStringLiteral("online");
        b.nameMasked = QStringLiteral("张*");
        b.idDigest = identity::idDigest(kMatchKey, idNumber);
        b.idMasked = identity::maskIdNumber(idNumber);
        b.emergency = emergency;
        QVERIFY(bookings.upsert(b).value());
    }

    CheckInProblem lastProblem() const { return refused.last().first().value<CheckInProblem>(); }
    TicketSlip lastSlip() const { return issued.last().first().value<TicketSlip>(); }
    QString printedText(int index) const
    {
        QString all;
        for (const PrintBlock &b : printer.printed.at(index).blocks)
            all += b.text + QString::fromUtf8(b.qrData) + QLatin1Char('\n');
        return all;
    }
};

IdentityDocument card(const QString &number = kCitizen, const QString &name = QStringLiteral("张三"))
{
    return {IdentityDocument::Kind::ResidentCard, number, name};
}

} // namespace

class TestCheckInService : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { logLines.clear(); }

    void aCachedBookingsCodeGivesAPriorityTicket()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-1"), hall(10, 0));
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-1"), hall(10, 0)) + QStringLiteral("\r"));
        QTRY_COMPARE(rig.issued.size(), 1);
        const TicketSlip slip = rig.lastSlip();
        QCOMPARE(slip.number, QStringLiteral("Y001"));
        QCOMPARE(slip.kind, TicketKind::Booked);
        QCOMPARE(slip.groupName, QStringLiteral("社保医保"));
        QCOMPARE(slip.matterName, QStringLiteral("城乡居民养老保险参保登记"));
        QCOMPARE(slip.slotText, QStringLiteral("10:00–11:00"));
        QCOMPARE(slip.materials, (QStringList{QStringLiteral("居民身份证原件"), QStringLiteral("户口簿")}));
        // Status first, then the number, then the print (DESIGN §10).
        QCOMPARE(rig.printer.statusChecks, 1);
        const QString printed = rig.printedText(0);
        for (const QString &expected : {QStringLiteral("预约优先"), QStringLiteral("Y001"), QStringLiteral("城乡居民养老保险参保登记"),
                                        QStringLiteral("预约时段 10:00–11:00"), QStringLiteral("居民身份证原件、户口簿")})
            QVERIFY2(printed.contains(expected), qPrintable(expected));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-1'")), QStringLiteral("checked_in"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT ticket_id FROM bookings WHERE id = 'bk-1'")), slip.ticketId);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_checked_in'")), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_issued' AND data LIKE '%booked%'")), 1);
        // C4: priority from max(check-in 10:00, slot − 15 min) = 10:00.
        QCOMPARE(rig.count(QStringLiteral("SELECT priority_key FROM tickets")), int(hall(10, 0).toSecsSinceEpoch()));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT print_state FROM tickets")), QStringLiteral("printed"));
    }

    void aBookingMadeMinutesAgoChecksInFromItsCode()
    {
        Rig rig;
        rig.clock.set(hall(9, 0).toUTC()); // an hour early: priority from 09:45 (C4)
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-new"), hall(10, 0), "BDC-001"));
        QTRY_COMPARE(rig.issued.size(), 1);
        QCOMPARE(rig.lastSlip().number, QStringLiteral("Y001"));
        QCOMPARE(rig.lastSlip().groupName, QStringLiteral("不动产登记"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-new'")), QStringLiteral("checked_in"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT group_code FROM tickets")), QStringLiteral("BDC"));
        QCOMPARE(rig.count(QStringLiteral("SELECT priority_key FROM tickets")), int(hall(9, 45).toSecsSinceEpoch()));
    }

    void badCodesAreRefusedAndLogged_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("reason");
        QTest::newRow("forged") << "forged" << int(R::InvalidCode);
        QTest::newRow("signed by another key") << "other key" << int(R::InvalidCode);
        QTest::newRow("truncated") << "truncated" << int(R::InvalidCode);
        QTest::newRow("altered slot") << "altered" << int(R::InvalidCode);
        QTest::newRow("other center") << "center" << int(R::WrongCenter);
        QTest::newRow("expired") << "expired" << int(R::CodeExpired);
        QTest::newRow("a ticket's code") << "ticket" << int(R::NotABookingCode);
        QTest::newRow("noise") << "noise" << int(R::NotABookingCode);
    }
    void badCodesAreRefusedAndLogged()
    {
        QFETCH(QString, kind);
        QFETCH(int, reason);
        Rig rig;
        qInstallMessageHandler(captureLog);
        const QString good = rig.code(QStringLiteral("bk-2"), hall(10, 0));
        QString code;
        if (kind == QLatin1String("forged")) {
            code = good;
            const qsizetype at = code.lastIndexOf(QLatin1Char('.')) + 5;
            code[at] = code[at] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        } else if (kind == QLatin1String("other key")) {
            const Ed25519PrivateKey stranger = Ed25519PrivateKey::generate().value();
            code = rig.code(QStringLiteral("bk-2"), hall(10, 0), "SB-001", "SQ-001", std::nullopt, &stranger);
        } else if (kind == QLatin1String("truncated")) {
            code = good.left(good.size() - 10);
        } else if (kind == QLatin1String("altered")) {
            code = good;
            code.replace(QString::number(hall(10, 0).toSecsSinceEpoch()), QString::number(hall(10, 0).toSecsSinceEpoch() + 3600));
        } else if (kind == QLatin1String("center")) {
            code = rig.code(QStringLiteral("bk-2"), hall(10, 0), "SB-001", "XX-999");
        } else if (kind == QLatin1String("expired")) {
            code = rig.code(QStringLiteral("bk-2"), hall(10, 0), "SB-001", "SQ-001", hall(9, 50)); // cut short by the platform
        } else if (kind == QLatin1String("ticket")) {
            code = QStringLiteral("HK1:SQ-001:d134cc76-157d-41c8-b969-3d1ec94e9166");
        } else {
            code = QStringLiteral("\x01\x02 YY1");
        }
        rig.checkIn.presentCode(code);
        qInstallMessageHandler(nullptr);
        QCOMPARE(rig.refused.size(), 1);
        QCOMPARE(int(rig.lastProblem().reason), reason);
        QCOMPARE(rig.printer.statusChecks, 0);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
        QVERIFY2(logLines.contains(QStringLiteral("check-in refused: ")), qPrintable(logLines));
    }

    void tooEarlySaysWhenToComeBack()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-3"), hall(13, 0));
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-3"), hall(13, 0)));
        QCOMPARE(rig.refused.size(), 1);
        const CheckInProblem p = rig.lastProblem();
        QCOMPARE(int(p.reason), int(R::TooEarly));
        QCOMPARE(p.comeBackAt->time(), QTime(11, 0)); // C1: 120 minutes before
        QCOMPARE(p.comeBackAt->date(), QDate(2026, 11, 24));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-3'")), QStringLiteral("booked"));
    }

    void tooEarlyNamesTheStartOfTheIssuingHours()
    {
        // C2: slot 10:00 − 120 min is 08:00, but the hall issues from 08:30 (30 min before 09:00).
        Rig rig;
        rig.clock.set(hall(7, 0).toUTC());
        rig.cache(QStringLiteral("bk-3a"), hall(10, 0));
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-3a"), hall(10, 0)));
        QCOMPARE(rig.refused.size(), 1);
        const CheckInProblem p = rig.lastProblem();
        QCOMPARE(int(p.reason), int(R::TooEarly));
        QCOMPARE(p.comeBackAt->time(), QTime(8, 30));
        QCOMPARE(p.comeBackAt->date(), QDate(2026, 11, 24));
    }

    void lateForfeitsOnceAndOffersAWalkIn()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-4"), hall(9, 15)); // 45 minutes late at 10:00
        const QString code = rig.code(QStringLiteral("bk-4"), hall(9, 15), "SB-001", "SQ-001", hall(11, 0));
        rig.checkIn.presentCode(code);
        const CheckInProblem p = rig.lastProblem();
        QCOMPARE(int(p.reason), int(R::Late));
        QVERIFY(p.forfeited);
        QCOMPARE(p.walkInGroup, QStringLiteral("SB"));
        QCOMPARE(p.walkInGroupName, QStringLiteral("社保医保"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-4'")), QStringLiteral("forfeited"));
        // Again: still late, but the forfeit is counted once (B5).
        rig.checkIn.presentCode(code);
        QCOMPARE(int(rig.lastProblem().reason), int(R::Late));
        QVERIFY(!rig.lastProblem().forfeited);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_forfeited'")), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
    }

    void aLateCodeNeverCachedIsForfeitedToo()
    {
        Rig rig;
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-5"), hall(9, 0), "HJ-001", "SQ-001", hall(11, 0)));
        QCOMPARE(int(rig.lastProblem().reason), int(R::Late));
        QVERIFY(rig.lastProblem().forfeited);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-5'")), QStringLiteral("forfeited"));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_forfeited'")), 1);
    }

    void aSecondScanShowsTheTicketAndReprintsItOnce()
    {
        Rig rig;
        const QString code = rig.code(QStringLiteral("bk-6"), hall(10, 0));
        rig.checkIn.presentCode(code);
        QTRY_COMPARE(rig.issued.size(), 1);
        const TicketSlip first = rig.lastSlip();

        rig.checkIn.presentCode(code);
        QCOMPARE(rig.existing.size(), 1);
        const auto shown = rig.existing.last().first().value<TicketSlip>();
        QCOMPARE(shown.number, first.number);
        QCOMPARE(shown.qrPayload, first.qrPayload);
        QVERIFY(rig.existing.last().at(1).toBool()); // a reprint is offered
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 1);

        std::optional<Result<TicketSlip, ReprintError>> reprinted;
        rig.checkIn.reprint(shown.ticketId, [&reprinted](Result<TicketSlip, ReprintError> r) { reprinted = std::move(r); });
        QTRY_VERIFY(reprinted.has_value());
        QVERIFY(reprinted->ok());
        QVERIFY(reprinted->value().reprint);
        QCOMPARE(reprinted->value().number, QStringLiteral("Y001"));
        QVERIFY(rig.printedText(1).contains(QStringLiteral("（补打）")));
        QVERIFY(rig.printedText(1).contains(QStringLiteral("预约优先")));
        QVERIFY(!rig.printedText(1).contains(QStringLiteral("前面还有")));
        QCOMPARE(rig.count(QStringLiteral("SELECT citizen_reprints FROM tickets")), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'ticket_reprinted'")), 1);

        // The third time: shown, but no second reprint (C2).
        rig.checkIn.presentCode(code);
        QCOMPARE(rig.existing.size(), 2);
        QVERIFY(!rig.existing.last().at(1).toBool());
        reprinted.reset();
        rig.checkIn.reprint(shown.ticketId, [&reprinted](Result<TicketSlip, ReprintError> r) { reprinted = std::move(r); });
        QTRY_VERIFY(reprinted.has_value());
        QVERIFY(!reprinted->ok());
        QCOMPARE(rig.printer.printed.size(), 2);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'booking_checked_in'")), 1);
    }

    void theCitizenReprintsOnceAndStaffAnyTime()
    {
        Rig rig;
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-7"), hall(10, 0)));
        QTRY_COMPARE(rig.issued.size(), 1);
        const QString id = rig.lastSlip().ticketId;
        using Reprinter = IssueTicketService::Reprinter;
        const auto reprint = [&rig, &id](const Reprinter &by) {
            return answerOf<Result<TicketSlip, ReprintError>>([&](auto done) { rig.issue.reprint(id, by, done); });
        };
        const char *noAnswer = "the reprint did not answer within 5 s";
        // It printed, so the print-failed screen's 补打 does not apply to it …
        const auto atTerminal = reprint(Reprinter::atTerminal());
        QVERIFY2(atTerminal, noAnswer);
        QCOMPARE(atTerminal->error().reason, ReprintError::Reason::NotFailed);
        // … but a booking presented again may have one (C2), once.
        const auto again = reprint(Reprinter::checkedInAgain());
        QVERIFY2(again, noAnswer);
        QVERIFY(again->ok());
        const auto thirdTime = reprint(Reprinter::checkedInAgain());
        QVERIFY2(thirdTime, noAnswer);
        QCOMPARE(thirdTime->error().reason, ReprintError::Reason::CitizenLimit);
        const auto byStaff = reprint(Reprinter::staff(QStringLiteral("S01")));
        QVERIFY2(byStaff, noAnswer);
        QVERIFY(byStaff->ok());
        QCOMPARE(rig.count(QStringLiteral("SELECT reprints FROM tickets")), 2);
        QCOMPARE(rig.count(QStringLiteral("SELECT citizen_reprints FROM tickets")), 1);
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM audit_log")), 2);
    }

    void wrongDayAndCancelled()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-8"), hall(10, 0).addDays(1));
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-8"), hall(10, 0).addDays(1)));
        QCOMPARE(int(rig.lastProblem().reason), int(R::WrongDay));
        QCOMPARE(*rig.lastProblem().bookedFor, QDate(2026, 11, 25));
        rig.cache(QStringLiteral("bk-9"), hall(10, 0), BookingState::Cancelled);
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-9"), hall(10, 0)));
        QCOMPARE(int(rig.lastProblem().reason), int(R::Cancelled));
        QCOMPARE(rig.printer.statusChecks, 0);
    }

    void aCodeForAnotherDaySaysWrongDayWhateverItsState_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("days");
        QTest::newRow("yesterday's, lapsed") << int(BookingState::NoShow) << -1;
        QTest::newRow("yesterday's, forfeited") << int(BookingState::Forfeited) << -1;
        QTest::newRow("yesterday's, checked in") << int(BookingState::CheckedIn) << -1;
        QTest::newRow("yesterday's, served") << int(BookingState::Served) << -1;
        QTest::newRow("tomorrow's, cancelled") << int(BookingState::Cancelled) << 1;
        QTest::newRow("yesterday's, still booked") << int(BookingState::Booked) << -1;
    }
    void aCodeForAnotherDaySaysWrongDayWhateverItsState()
    {
        // C2/C3: not "late, take a walk-in ticket" for yesterday's lapsed booking, but "wrong day".
        QFETCH(int, state);
        QFETCH(int, days);
        Rig rig;
        const QDateTime slot = hall(10, 0).addDays(days);
        rig.cache(QStringLiteral("bk-8x"), slot, BookingState(state));
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-8x"), slot, "SB-001", "SQ-001", hall(23, 0).addDays(1)));
        QCOMPARE(rig.refused.size(), 1);
        QCOMPARE(codeOf(rig.lastProblem().reason), QStringLiteral("wrong_day"));
        QCOMPARE(*rig.lastProblem().bookedFor, slot.date());
        QVERIFY(rig.lastProblem().walkInGroup.isEmpty());
        QCOMPARE(rig.existing.size(), 0);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-8x'")),
                 QString::fromLatin1(nameOf(BookingState(state)).data()));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM outbox")), 0);
    }

    void anUnknownMatterIsNotGuessed()
    {
        Rig rig;
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-10"), hall(10, 0), "NO-SUCH"));
        QCOMPARE(int(rig.lastProblem().reason), int(R::UnknownMatter));
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
    }

    void aCardFindsTodaysBooking()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-11"), hall(10, 30));
        rig.cache(QStringLiteral("bk-12"), hall(10, 0).addDays(1)); // tomorrow's does not count
        qInstallMessageHandler(captureLog);
        rig.checkIn.presentCard(card());
        qInstallMessageHandler(nullptr);
        QTRY_COMPARE(rig.issued.size(), 1);
        QCOMPARE(rig.lastSlip().slotText, QStringLiteral("10:30–11:30"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-11'")), QStringLiteral("checked_in"));
        QVERIFY(!logLines.contains(kCitizen));
        QVERIFY(!logLines.contains(QStringLiteral("张三")));
    }

    void aCardWithNoBookingToday()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-13"), hall(10, 0), BookingState::Booked, QStringLiteral("440524188001010014"));
        rig.checkIn.presentCard(card());
        QCOMPARE(int(rig.lastProblem().reason), int(R::NoBookingToday));
    }

    void aCardWithSeveralBookingsLetsTheCitizenChoose()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-14"), hall(10, 0));
        rig.cache(QStringLiteral("bk-15"), hall(11, 0), BookingState::Booked, kCitizen, "HJ-001");
        rig.cache(QStringLiteral("bk-16"), hall(9, 0), BookingState::Cancelled, kCitizen, "SW-001");
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 1);
        const auto choice = rig.choices.first().first().value<BookingChoice>();
        QCOMPARE(choice.holderMasked, QStringLiteral("张*"));
        QCOMPARE(choice.options.size(), 2);
        QCOMPARE(choice.options.at(0).bookingId, QStringLiteral("bk-14"));
        QCOMPARE(choice.options.at(1).matterName, QStringLiteral("居民身份证换领"));
        QCOMPARE(choice.options.at(1).slotText, QStringLiteral("11:00–12:00"));
        QCOMPARE(rig.printer.statusChecks, 0);
        rig.checkIn.chooseBooking(QStringLiteral("bk-16")); // not offered: nothing
        QCOMPARE(rig.printer.statusChecks, 0);
        rig.checkIn.chooseBooking(QStringLiteral("bk-15"));
        QTRY_COMPARE(rig.issued.size(), 1);
        QCOMPARE(rig.lastSlip().groupName, QStringLiteral("户籍与出入境"));
        // The other one is still there for the next presentation, when the citizen picks it (C2).
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 2);
        QCOMPARE(rig.issued.size(), 1);
        rig.checkIn.chooseBooking(QStringLiteral("bk-14"));
        QTRY_COMPARE(rig.issued.size(), 2);
        QCOMPARE(rig.lastSlip().slotText, QStringLiteral("10:00–11:00"));
        // And after both: the choice of their two tickets.
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 3);
        rig.checkIn.chooseBooking(QStringLiteral("bk-15"));
        QCOMPARE(rig.existing.size(), 1);
    }

    void aCardWithOneBookingCheckedInAsksBeforeCheckingInTheOther()
    {
        // C2: the first ticket stays reachable by card; the other is never checked in unasked.
        Rig rig;
        rig.cache(QStringLiteral("bk-20"), hall(10, 0));
        rig.cache(QStringLiteral("bk-21"), hall(11, 0), BookingState::Booked, kCitizen, "HJ-001");
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 1);
        rig.checkIn.chooseBooking(QStringLiteral("bk-20"));
        QTRY_COMPARE(rig.issued.size(), 1);
        const TicketSlip first = rig.lastSlip();

        // The second tap: the choice again, the checked-in one offered as its ticket.
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 2);
        QCOMPARE(rig.issued.size(), 1);
        QCOMPARE(rig.printer.statusChecks, 1);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-21'")), QStringLiteral("booked"));
        const auto choice = rig.choices.last().first().value<BookingChoice>();
        QCOMPARE(choice.options.size(), 2);
        QCOMPARE(choice.options.at(0).bookingId, QStringLiteral("bk-20"));
        QVERIFY(choice.options.at(0).checkedIn); // checked in: shows its ticket
        QCOMPARE(choice.options.at(0).ticketNumber, first.number);
        QCOMPARE(choice.options.at(1).bookingId, QStringLiteral("bk-21"));
        QVERIFY(!choice.options.at(1).checkedIn); // to check in
        QVERIFY(choice.options.at(1).ticketNumber.isEmpty());

        // The existing ticket: shown, and reprinted once.
        rig.checkIn.chooseBooking(QStringLiteral("bk-20"));
        QCOMPARE(rig.existing.size(), 1);
        const auto shown = rig.existing.last().first().value<TicketSlip>();
        QCOMPARE(shown.number, first.number);
        QVERIFY(rig.existing.last().at(1).toBool());
        std::optional<Result<TicketSlip, ReprintError>> reprinted;
        rig.checkIn.reprint(shown.ticketId, [&reprinted](Result<TicketSlip, ReprintError> r) { reprinted = std::move(r); });
        QTRY_VERIFY(reprinted.has_value());
        QVERIFY(reprinted->ok());
        QCOMPARE(rig.issued.size(), 1);

        // The other one, when the citizen asks for it.
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 3);
        rig.checkIn.chooseBooking(QStringLiteral("bk-21"));
        QTRY_COMPARE(rig.issued.size(), 2);
        QCOMPARE(rig.lastSlip().groupName, QStringLiteral("户籍与出入境"));
        // Both checked in: still the choice, now of two tickets; the reprint was used.
        rig.checkIn.presentCard(card());
        QCOMPARE(rig.choices.size(), 4);
        rig.checkIn.chooseBooking(QStringLiteral("bk-20"));
        QCOMPARE(rig.existing.size(), 2);
        QVERIFY(!rig.existing.last().at(1).toBool());
        QCOMPARE(rig.issued.size(), 2);
    }

    void withoutKeysNothingIsGuessed()
    {
        Rig rig({nullptr, QByteArray()}, false);
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-17"), hall(10, 0)));
        QCOMPARE(int(rig.lastProblem().reason), int(R::CannotVerify));
        rig.checkIn.presentCard(card());
        QCOMPARE(int(rig.lastProblem().reason), int(R::CannotMatchCards));
        QCOMPARE(rig.printer.statusChecks, 0);
    }

    void deviceFailuresReachTheCitizen()
    {
        Rig rig;
        rig.checkIn.reportCardFailure({CardReadFailure::Kind::Unreadable, QStringLiteral("SW3 41")});
        QCOMPARE(int(rig.lastProblem().reason), int(R::CardUnreadable));
        rig.checkIn.reportCardFailure({CardReadFailure::Kind::InvalidNumber, {}});
        QCOMPARE(int(rig.lastProblem().reason), int(R::InvalidCard));
        rig.checkIn.reportCardFailure({CardReadFailure::Kind::UnknownCard, {}});
        QCOMPARE(int(rig.lastProblem().reason), int(R::UnknownCard));
        rig.checkIn.reportCardFailure({CardReadFailure::Kind::ReaderFault, {}});
        QCOMPARE(int(rig.lastProblem().reason), int(R::ReaderFault));
        rig.checkIn.reportScanFailure({ScanFailure::Kind::Undecodable, {}});
        QCOMPARE(int(rig.lastProblem().reason), int(R::ScanUnreadable));
    }

    void citizensBackToBack()
    {
        Rig rig;
        // Three scans arrive while the first ticket prints: each waits its turn, in order.
        for (int i = 1; i <= 3; ++i)
            rig.checkIn.presentCode(rig.code(QStringLiteral("bk-b%1").arg(i), hall(10, 0)));
        QCOMPARE(rig.issue.waiting(), 2);
        QTRY_COMPARE(rig.issued.size(), 3);
        QCOMPARE(rig.issued.at(0).first().value<TicketSlip>().number, QStringLiteral("Y001"));
        QCOMPARE(rig.issued.at(2).first().value<TicketSlip>().number, QStringLiteral("Y003"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT booking_id FROM tickets WHERE number = 'Y003'")), QStringLiteral("bk-b3"));
        QCOMPARE(rig.printer.statusChecks, 3);
        QCOMPARE(rig.issue.waiting(), 0);
    }

    void outsideTheIssuingHoursTheHallSaysWhenItOpens()
    {
        Rig rig;
        rig.clock.set(hall(8, 0).toUTC()); // C1 would allow a 09:00 slot; the hall issues from 08:30
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-18"), hall(9, 0)));
        QCOMPARE(rig.issueRefused.size(), 1);
        const auto refusal = rig.issueRefused.first().first().value<IssueRefusal>();
        QCOMPARE(refusal.reason, IssueRefusal::Reason::Closed);
        QCOMPARE(*refusal.opensAt, hall(8, 30).toUTC());
        QCOMPARE(rig.count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);
    }

    // B7: a staff-flagged emergency booking checks in whenever the terminal runs, even outside the
    // issuing hours (08:30–17:00); an ordinary one at the same time is told when the hall opens.
    void anEmergencyBookingChecksInOutsideTheIssuingHours()
    {
        Rig rig;
        rig.clock.set(hall(19, 10).toUTC());
        rig.cache(QStringLiteral("bk-urgent"), hall(19, 30), BookingState::Booked, kCitizen, "SB-001", true);
        rig.checkIn.presentCard(card());
        QTRY_COMPARE(rig.issued.size(), 1);
        QCOMPARE(rig.lastSlip().number, QStringLiteral("Y001"));
        QCOMPARE(rig.issueRefused.size(), 0);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-urgent'")), QStringLiteral("checked_in"));

        rig.cache(QStringLiteral("bk-plain"), hall(19, 30), BookingState::Booked, QStringLiteral("110105194912310038"));
        rig.checkIn.presentCard(card(QStringLiteral("110105194912310038")));
        QTRY_COMPARE(rig.issueRefused.size(), 1);
        QCOMPARE(rig.issueRefused.first().first().value<IssueRefusal>().reason, IssueRefusal::Reason::Closed);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-plain'")), QStringLiteral("booked"));
    }

    void aPrinterThatCannotPrintIssuesNothing()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-19"), hall(10, 0));
        rig.printer.status = fail(DeviceError::PaperOut);
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-19"), hall(10, 0)));
        QTRY_COMPARE(rig.issueRefused.size(), 1);
        QCOMPARE(rig.issueRefused.first().first().value<IssueRefusal>().deviceError, std::optional(DeviceError::PaperOut));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-19'")), QStringLiteral("booked"));
        // The paper back in, the same code: the ticket.
        rig.printer.status = PrinterReadiness{};
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-19"), hall(10, 0)));
        QTRY_COMPARE(rig.issued.size(), 1);
    }

    void aFailedPrintLeavesTheTicketForTheScreen()
    {
        Rig rig;
        rig.printer.printResult = fail(DeviceError::WriteFailed);
        QSignalSpy failed(&rig.issue, &IssueTicketService::ticketPrintFailed);
        rig.checkIn.presentCode(rig.code(QStringLiteral("bk-20"), hall(10, 0)));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<TicketSlip>().kind, TicketKind::Booked);
        QCOMPARE(rig.scalar(QStringLiteral("SELECT print_state FROM tickets")), QStringLiteral("print_failed"));
        QCOMPARE(rig.scalar(QStringLiteral("SELECT status FROM bookings WHERE id = 'bk-20'")), QStringLiteral("checked_in"));
    }

    void noIdNumberOrNameIsStored()
    {
        Rig rig;
        rig.cache(QStringLiteral("bk-21"), hall(10, 0));
        rig.checkIn.presentCard(card());
        QTRY_COMPARE(rig.issued.size(), 1);
        rig.db.reset(); // everything on disk
        for (const QString &file : QDir(rig.dir.path()).entryList(QDir::Files)) {
            QFile f(rig.dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(kCitizen.toLatin1()), qPrintable(file));
            QVERIFY2(!bytes.contains(QStringLiteral("张三").toUtf8()), qPrintable(file));
        }
    }
};

QTEST_GUILESS_MAIN(TestCheckInService)
#include "tst_check_in_service.moc"

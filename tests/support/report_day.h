#pragma once

// The supervisors' hand-made day (DESIGN §13): twelve tickets written through the real stores on a
// day of the demo hall (open 09:00–12:00 and 13:00–17:00, Asia/Shanghai), every figure of whose
// report is worked out by hand in tests/services/tst_report_service.cpp. Header-only; users link
// hallkiosk::db.
//
//   walk-in (no complexity: walk-in tickets carry none)
//   A001 SB  issued 08:45, called 09:05 w1, finished 09:17           wait 300   handling 720   rated 5
//   A002 SB  issued 09:10, called 09:30 w2, finished 09:55           wait 1200  handling 1500  rated 4
//   B001 BDC issued 10:00, called 10:20 w3, passed 10:22 → expired   wait 1200
//   A003 SB  issued 11:40, called 13:10 w1 (across lunch), fin 13:30 wait 1800  handling 1200  rated 2 (差评)
//   A004 SB  issued 14:00, called 14:05 w2, finished 14:15           wait 300   handling 600   rated 3
//   B002 BDC issued 16:30, never called → expired at day close
//   booked (wait from the later of check-in and slot start)
//   Y001 general SB-001  slot 09:00, in 08:50, called 09:08 w8, fin 09:20   wait 480  (≤600)  handling 720   rated 5
//   Y002 complex SB-002  slot 10:00, in 10:10, called 10:50 w8, fin 11:10   wait 2400 (>1800) handling 1200  rated 1 (差评)
//   Y003 special BDC-002 slot 11:30, in 11:20, called 13:15 w4, fin 14:00   wait 2700 (≤3600) handling 2700  rated 4
//   Y004 general HJ-001  slot 14:00, in 13:30, called 14:12 w8, fin 14:20   wait 720  (>600)  handling 480
//   Y005 complex BDC-001 slot 15:00, in 15:05, called 15:25 w3, fin 16:05   wait 1200 (≤1800) handling 2400  rated 5
//   Y006 general SB-001  slot 16:00, in 15:50, called 16:05 w8, finished by day close at 17:00
//                                                                           wait 300  (≤600)  handling 3300
//   bookings: BK-7 (slot 10:00) never checked in → no-show at day close; BK-8 (slot 11:00) forfeited at 11:45.
//   Day close at 18:00 (service end 17:00).

#include "app/domain/complaint/complaint_case.h"
#include "app/domain/queue/calling_policy.h"
#include "app/domain/time/working_calendar.h"
#include "db/database.h"
#include "db/stores/sql_booking_store.h"
#include "db/stores/sql_queue_store.h"
#include "db/stores/sql_rating_store.h"
#include "tests/support/demo_catalog.h"

#include <QDateTime>
#include <QMap>
#include <QTimeZone>

namespace hk::test {

class ReportDay {
public:
    // The day `date` of the demo hall; `error()` says what failed, empty when all was written.
    ReportDay(Database &db, const CivilDate &date)
        : m_queue(db)
        , m_bookings(db)
        , m_ratings(db)
        , m_date(date)
    {
        write();
    }

    QString error() const { return m_error; }

    static QDateTime at(const CivilDate &date, int hour, int minute)
    {
        static const QTimeZone kZone(QByteArrayLiteral("Asia/Shanghai"));
        return QDateTime(QDate(date.year(), date.month(), date.day()), QTime(hour, minute), kZone);
    }

private:
    QDateTime at(int hour, int minute) const { return at(m_date, hour, minute); }
    // Booking ids are the platform's, unique across days: "BK-1" of the 24th is "BK-1@2026-11-24".
    QString bookingId(const char *key) const { return QStringLiteral("%1@%2").arg(QLatin1String(key), QString::fromStdString(m_date.toString())); }

    void walkIn(const char *key, const char *group, char prefix, int h, int m)
    {
        auto t = m_queue.issueWalkIn(WalkInRequest{QString::fromLatin1(group), prefix, m_date, at(h, m), QStringLiteral("T01")});
        if (!t)
            return note(QStringLiteral("issue %1: %2").arg(QLatin1String(key), t.error().detail));
        m_ids[QLatin1String(key)] = t->id;
    }

    void booked(const char *key, const char *booking, const char *group, const char *matter, Complexity c, int slotH, int slotM,
                int h, int m)
    {
        BookedRequest r;
        r.bookingId = bookingId(booking);
        r.groupCode = QString::fromLatin1(group);
        r.matterCode = QString::fromLatin1(matter);
        r.serviceDate = m_date;
        r.at = at(h, m);
        r.slotStart = at(slotH, slotM);
        r.priorityAt = std::max(r.at, r.slotStart.addSecs(-15 * 60)); // C4
        r.complexity = c;
        r.terminalId = QStringLiteral("T01");
        auto t = m_queue.issueBooked(r);
        if (!t)
            return note(QStringLiteral("check in %1: %2").arg(QLatin1String(key), t.error().detail));
        m_ids[QLatin1String(key)] = t->id;
    }

    WindowContext window(int number, int h, int m, const QString &callId = {}) const
    {
        WindowContext c;
        c.window = number;
        c.groups = {"*"};
        c.serviceDate = m_date;
        c.at = at(h, m);
        const std::string id = callId.toStdString();
        // The test says which ticket each call takes; the store offers it among those it reads.
        c.choose = [id](const WindowCallState &, const std::vector<QueuedTicket> &waiting) -> std::optional<CallChoice> {
            for (const QueuedTicket &t : waiting) {
                if (t.id == id)
                    return CallChoice{id, t.kind == TicketKind::Booked};
            }
            return std::nullopt;
        };
        return c;
    }

    void call(int w, const char *key, int h, int m)
    {
        auto state = m_queue.callNext(window(w, h, m, m_ids.value(QLatin1String(key))));
        if (!state || !state->current || state->current->id != m_ids.value(QLatin1String(key)))
            note(QStringLiteral("call %1 at window %2").arg(QLatin1String(key)).arg(w));
    }

    void finish(int w, int h, int m)
    {
        if (!m_queue.finish(window(w, h, m)))
            note(QStringLiteral("finish at window %1").arg(w));
    }

    void pass(int w, int h, int m)
    {
        if (!m_queue.pass(window(w, h, m)))
            note(QStringLiteral("pass at window %1").arg(w));
    }

    void rate(const char *key, int w, int level, int h, int m)
    {
        RatingRequest r;
        r.ticket = m_ids.value(QLatin1String(key));
        r.serviceDate = m_date;
        r.window = w;
        r.level = level;
        r.reason = level <= 2 ? QStringLiteral("等候时间太长") : QString();
        r.channel = RatingChannel::Console;
        r.at = at(h, m);
        if (level <= 2) // a 差评 opens its case with the rating, as RatingService does
            r.complaint = ComplaintOpening{m_date, ComplaintDue::after(m_date, WorkingCalendar(demoCatalog()))};
        if (auto rated = m_ratings.record(r); !rated)
            note(QStringLiteral("rate %1: %2").arg(QLatin1String(key), rated.error().detail));
    }

    void booking(const char *id, int slotH, int slotM)
    {
        BookingRecord b;
        b.id = bookingId(id);
        b.version = 1;
        b.status = BookingState::Booked;
        b.matterCode = QStringLiteral("SB-001");
        b.groupCode = QStringLiteral("SB");
        b.slotStart = at(slotH, slotM);
        b.slotEnd = b.slotStart.addSecs(3600);
        b.channel = QStringLiteral("online");
        b.idDigest = QStringLiteral("digest-%1").arg(QLatin1String(id));
        if (auto stored = m_bookings.upsert(b); !stored)
            note(QStringLiteral("booking %1: %2").arg(QLatin1String(id), stored.error().detail));
    }

    void write()
    {
        booking("BK-7", 10, 0);
        booking("BK-8", 11, 0);
        walkIn("A001", "SB", 'A', 8, 45);
        booked("Y001", "BK-1", "SB", "SB-001", Complexity::General, 9, 0, 8, 50);
        call(1, "A001", 9, 5);
        call(8, "Y001", 9, 8);
        walkIn("A002", "SB", 'A', 9, 10);
        finish(1, 9, 17);
        rate("A001", 1, 5, 9, 18);
        finish(8, 9, 20);
        rate("Y001", 8, 5, 9, 21);
        call(2, "A002", 9, 30);
        finish(2, 9, 55);
        rate("A002", 2, 4, 9, 56);
        walkIn("B001", "BDC", 'B', 10, 0);
        booked("Y002", "BK-2", "SB", "SB-002", Complexity::Complex, 10, 0, 10, 10);
        call(3, "B001", 10, 20);
        pass(3, 10, 22);
        call(8, "Y002", 10, 50);
        finish(8, 11, 10);
        rate("Y002", 8, 1, 11, 11);
        booked("Y003", "BK-3", "BDC", "BDC-002", Complexity::Special, 11, 30, 11, 20);
        walkIn("A003", "SB", 'A', 11, 40);
        if (auto forfeited = m_bookings.forfeit(bookingId("BK-8"), at(11, 45)); !forfeited || !forfeited.value())
            note(QStringLiteral("forfeit BK-8"));
        call(1, "A003", 13, 10);
        call(4, "Y003", 13, 15);
        finish(1, 13, 30);
        rate("A003", 1, 2, 13, 31);
        booked("Y004", "BK-4", "HJ", "HJ-001", Complexity::General, 14, 0, 13, 30);
        finish(4, 14, 0);
        rate("Y003", 4, 4, 14, 1);
        walkIn("A004", "SB", 'A', 14, 0);
        call(2, "A004", 14, 5);
        call(8, "Y004", 14, 12);
        finish(2, 14, 15);
        rate("A004", 2, 3, 14, 16);
        finish(8, 14, 20);
        booked("Y005", "BK-5", "BDC", "BDC-001", Complexity::Complex, 15, 0, 15, 5);
        call(3, "Y005", 15, 25);
        booked("Y006", "BK-6", "SB", "SB-001", Complexity::General, 16, 0, 15, 50);
        finish(3, 16, 5);
        rate("Y005", 3, 5, 16, 6);
        call(8, "Y006", 16, 5);
        walkIn("B002", "BDC", 'B', 16, 30);
        auto closed = m_queue.closeDay(DayClose{m_date, at(18, 0), at(17, 0), at(17, 30)});
        if (!closed)
            note(QStringLiteral("close: %1").arg(closed.error().detail));
    }

    void note(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = what;
    }

    SqlQueueStore m_queue;
    SqlBookingStore m_bookings;
    SqlRatingStore m_ratings;
    CivilDate m_date;
    QMap<QString, QString> m_ids;
    QString m_error;
};

} // namespace hk::test

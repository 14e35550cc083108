#include "app/services/booking/citizen_booking_service.h"

#include "app/services/checkin/applicant_identity.h"
#include "app/services/logging.h"
#include "app/services/sync/remote_booking_service.h"
#include "app/services/sync/sync_service.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

#include <memory>
#include <optional>

namespace hk {

// The translation context of the slips' rules and dates (resources/translations, DESIGN §14): the citizen's
// language at the moment it is composed.
struct SlipText {
    Q_DECLARE_TR_FUNCTIONS(SlipText)
};

namespace {

// "2026年12月3日 星期四", "Thu 3 Dec 2026": the translation picks the locale and the QDate format.
QString dateText(const QDate &date)
{
    const QLocale locale(SlipText::tr("zh_CN", "the locale whose month and weekday names dates use"));
    return locale.toString(date, SlipText::tr("yyyy年M月d日 dddd", "QDate format: a date with its year and weekday"));
}

QString slotText(const QDateTime &start, const QDateTime &end)
{
    return QStringLiteral("%1–%2").arg(start.toString(QStringLiteral("HH:mm")), end.toString(QStringLiteral("HH:mm")));
}

// What is worth asking again with the same request_id: the answer may have been lost.
bool answerLost(const PlatformError &e)
{
    using K = PlatformError::Kind;
    return e.kind == K::Network || e.kind == K::Timeout || e.kind == K::Server;
}

PlatformError offline()
{
    return PlatformError{PlatformError::Kind::Network, 0, {}, QStringLiteral("no platform configured"), std::nullopt};
}

} // namespace

CitizenBookingService::CitizenBookingService(BookingStore &bookings, CatalogService &catalog, TicketPrinter &printer,
                                             const Clock &clock, Settings settings, QObject *parent)
    : QObject(parent)
    , m_bookings(bookings)
    , m_catalog(catalog)
    , m_printer(printer)
    , m_clock(clock)
    , m_settings(std::move(settings))
{
}

void CitizenBookingService::setPlatform(RemoteBookingService *remote, SyncService *sync)
{
    m_remote = remote;
    m_sync = sync;
}

BookingOrder CitizenBookingService::newOrder(const QString &matterCode, const QDateTime &slotStart, const IdentityDocument &card,
                                             const QString &phone)
{
    BookingOrder order;
    order.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    order.matterCode = matterCode;
    order.slotStart = slotStart;
    order.applicant = Applicant{card.number, card.name, phone};
    return order;
}

bool CitizenBookingService::isMobileNumber(const QString &digits)
{
    static const QRegularExpression kMobile(QStringLiteral("^1[3-9][0-9]{9}$"));
    return kMobile.match(digits).hasMatch();
}

QString CitizenBookingService::digestOf(const IdentityDocument &card) const
{
    return identity::idDigest(m_settings.matchKey, card.number);
}

void CitizenBookingService::openDays(const QString &matterCode, Callback<std::vector<DayOffer>> done)
{
    if (!m_remote)
        return QTimer::singleShot(0, this, [done] { done(fail(offline())); });
    const CivilDate today = m_catalog.centerTime().dateOf(m_clock.now());
    scanDays(std::make_shared<std::vector<DayOffer>>(), today, m_settings.scanDays, matterCode, std::move(done));
}

// The next open days still wanted are asked for at once (one round trip, not seven in a row: a
// city platform 30–80 ms away), then taken in date order; a further batch only when too few of them
// had free slots. An unanswered day ends the list there: with nothing found before it, the
// platform is not there.
void CitizenBookingService::scanDays(std::shared_ptr<std::vector<DayOffer>> found, CivilDate date, int left, QString matter,
                                     Callback<std::vector<DayOffer>> done)
{
    const int wanted = m_settings.offeredDays - int(found->size());
    std::vector<CivilDate> batch;
    while (left > 0 && int(batch.size()) < wanted) {
        if (m_catalog.calendar().isOpenDay(date))
            batch.push_back(date);
        date = date.addDays(1);
        --left;
    }
    if (batch.empty() || !m_remote)
        return done(std::move(*found));
    using Answer = Result<std::vector<SlotAvailability>, PlatformError>;
    auto answers = std::make_shared<std::vector<std::optional<Answer>>>(batch.size());
    auto pending = std::make_shared<int>(int(batch.size()));
    QPointer<CitizenBookingService> self(this);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        m_remote->slots(batch[i], matter, [self, found, batch, answers, pending, i, date, left, matter, done](Answer slots) {
            if (!self)
                return;
            (*answers)[i] = std::move(slots);
            if (--*pending > 0)
                return;
            for (std::size_t k = 0; k < batch.size(); ++k) {
                const Answer &answer = *(*answers)[k];
                if (!answer) {
                    if (found->empty())
                        return done(fail(answer.error()));
                    return done(std::move(*found));
                }
                const int open = int(self->bookable(answer.value()).size());
                if (open > 0)
                    found->push_back({batch[k], open});
            }
            self->scanDays(found, date, left, matter, done);
        });
    }
}

std::vector<SlotOffer> CitizenBookingService::bookable(const std::vector<SlotAvailability> &slots) const
{
    // B2 for this channel: at least online_lead_minutes ahead. The platform would refuse the rest.
    const QDateTime earliest = m_clock.now().addSecs(qint64(m_catalog.catalog().rules.onlineLeadMinutes) * 60);
    std::vector<SlotOffer> offers;
    for (const SlotAvailability &s : slots) {
        if (s.capacity - s.booked <= 0 || s.start < earliest)
            continue;
        const QDateTime start = m_catalog.centerTime().toLocal(s.start);
        const QDateTime end = s.end.isValid() ? m_catalog.centerTime().toLocal(s.end)
                                              : start.addSecs(qint64(m_catalog.catalog().rules.slotMinutes) * 60);
        offers.push_back({start, end, s.capacity - s.booked});
    }
    return offers;
}

void CitizenBookingService::openSlots(const CivilDate &date, const QString &matterCode, Callback<std::vector<SlotOffer>> done)
{
    if (!m_remote)
        return QTimer::singleShot(0, this, [done] { done(fail(offline())); });
    QPointer<CitizenBookingService> self(this);
    m_remote->slots(date, matterCode, [self, done](Result<std::vector<SlotAvailability>, PlatformError> slots) {
        if (!self)
            return;
        if (!slots)
            return done(fail(slots.error()));
        done(self->bookable(slots.value()));
    });
}

void CitizenBookingService::book(const BookingOrder &order, Callback<SlipOutcome> done)
{
    if (!m_remote)
        return QTimer::singleShot(0, this, [done] { done(fail(offline())); });
    attempt(order, 1, std::move(done));
}

void CitizenBookingService::attempt(BookingOrder order, int attempt, Callback<SlipOutcome> done)
{
    QPointer<CitizenBookingService> self(this);
    m_remote->book(order, [self, order, attempt, done](Result<PlacedBooking, PlatformError> placed) {
        if (!self)
            return;
        if (!placed) {
            if (answerLost(placed.error()) && attempt < self->m_settings.attempts && self->m_remote) {
                // Same request_id: if the first request did book, the platform answers with that booking.
                qCInfo(lcSync).noquote() << "booking request" << order.requestId << "unanswered (" << describe(placed.error())
                                         << "), asking again";
                QTimer::singleShot(self->m_settings.retryDelayMs, self, [self, order, attempt, done] {
                    if (self && self->m_remote)
                        self->attempt(order, attempt + 1, done);
                    else if (self)
                        done(fail(offline()));
                });
                return;
            }
            qCInfo(lcSync).noquote() << "booking request" << order.requestId << "not made:" << describe(placed.error());
            return done(fail(placed.error()));
        }
        self->print(self->slipOf(placed->booking, placed->qrToken), done);
    });
}

BookingSlip CitizenBookingService::slipOf(const BookingRecord &booking, const QString &qrToken) const
{
    const Catalog &catalog = m_catalog.catalog();
    BookingSlip slip;
    slip.bookingId = booking.id;
    slip.centerName = QString::fromStdString(catalog.center.name);
    const Matter *matter = catalog.findMatter(booking.matterCode.toStdString());
    slip.matterName = matter ? QString::fromStdString(matter->name) : booking.matterCode;
    const QString group = m_catalog.groupOfMatter(booking.matterCode).value_or(booking.groupCode);
    slip.groupName = m_catalog.groupName(group);
    if (matter) {
        for (const std::string &m : matter->materials)
            slip.materials << QString::fromStdString(m);
    }
    const QDateTime start = m_catalog.centerTime().toLocal(booking.slotStart);
    const QDateTime end = booking.slotEnd.isValid() ? m_catalog.centerTime().toLocal(booking.slotEnd)
                                                    : start.addSecs(qint64(catalog.rules.slotMinutes) * 60);
    slip.dateText = dateText(start.date());
    slip.slotText = slotText(start, end);
    slip.hallAddress = hallAddress();
    slip.qrToken = qrToken;
    slip.phoneMasked = booking.phoneMasked;
    slip.checkInRule = SlipText::tr("时段开始前%1分钟至开始后%2分钟内可签到")
                           .arg(catalog.rules.checkinEarlyMinutes)
                           .arg(catalog.rules.lateForfeitMinutes);
    slip.cancelRule = cancelRule();
    return slip;
}

QString CitizenBookingService::hallAddress() const
{
    const std::string &address = m_catalog.catalog().center.address;
    return address.empty() ? m_settings.hallAddress : QString::fromStdString(address);
}

QString CitizenBookingService::cancelRule() const
{
    const int minutes = m_catalog.catalog().rules.cancelLeadMinutes;
    const QString lead = minutes % 60 == 0 ? SlipText::tr("%n小时", nullptr, minutes / 60) : SlipText::tr("%n分钟", nullptr, minutes);
    return SlipText::tr("如不能前来，请在时段开始%1前取消（本机“取消预约”、网上或电话均可）；"
                          "未取消又未签到算爽约，一个月爽约%2次当月不能再预约。")
        .arg(lead)
        .arg(m_catalog.catalog().rules.noshowLimit);
}

void CitizenBookingService::print(BookingSlip slip, Callback<SlipOutcome> done)
{
    QPointer<CitizenBookingService> self(this);
    const PrintDocument document = m_composer.compose(slip);
    m_printer.print(document, [self, slip, done](Result<void, DeviceError> printed) {
        if (!self)
            return;
        SlipOutcome outcome{slip, std::nullopt};
        if (!printed) {
            outcome.printError = printed.error();
            qCWarning(lcSync).noquote() << "slip of booking" << slip.bookingId << "not printed";
        }
        done(outcome);
    });
}

std::vector<CitizenBooking> CitizenBookingService::bookingsOf(const QString &idDigest)
{
    const QDateTime now = m_clock.now();
    const CivilDate today = m_catalog.centerTime().dateOf(now);
    const qint64 lead = qint64(m_catalog.catalog().rules.cancelLeadMinutes) * 60;
    std::vector<CitizenBooking> list;
    for (int d = 0; d < m_settings.scanDays; ++d) {
        auto found = m_bookings.findByDigest(idDigest, today.addDays(d));
        if (!found) {
            qCWarning(lcSync).noquote() << "bookings cache:" << found.error().detail;
            continue;
        }
        for (const BookingRecord &b : found.value()) {
            if (b.status != BookingState::Booked || b.slotStart <= now)
                continue;
            const Matter *matter = m_catalog.catalog().findMatter(b.matterCode.toStdString());
            const QDateTime start = m_catalog.centerTime().toLocal(b.slotStart);
            const QDateTime end = b.slotEnd.isValid() ? m_catalog.centerTime().toLocal(b.slotEnd)
                                                      : start.addSecs(qint64(m_catalog.catalog().rules.slotMinutes) * 60);
            list.push_back({b.id, matter ? QString::fromStdString(matter->name) : b.matterCode, dateText(start.date()),
                            slotText(start, end), start, now.secsTo(b.slotStart) >= lead});
        }
    }
    std::sort(list.begin(), list.end(), [](const CitizenBooking &a, const CitizenBooking &b) { return a.slotStart < b.slotStart; });
    return list;
}

void CitizenBookingService::refreshBookings(std::function<void()> done)
{
    if (!m_sync)
        return QTimer::singleShot(0, this, [done] { done(); });
    // The cache answers after the pull, or after refreshWaitMs without one: a citizen never waits
    // on a platform that does not answer.
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto finished = std::make_shared<bool>(false);
    auto finish = [connection, finished, done] {
        if (std::exchange(*finished, true))
            return;
        QObject::disconnect(*connection);
        done();
    };
    *connection = connect(m_sync.data(), &SyncService::pullFinished, this, [finish](bool) { finish(); });
    QTimer::singleShot(m_settings.refreshWaitMs, this, finish);
    m_sync->pullNow();
}

void CitizenBookingService::cancel(const QString &bookingId, Callback<SlipOutcome> done)
{
    if (!m_remote)
        return QTimer::singleShot(0, this, [done] { done(fail(offline())); });
    QPointer<CitizenBookingService> self(this);
    m_remote->cancel(bookingId, [self, done](Result<BookingRecord, PlatformError> cancelled) {
        if (!self)
            return;
        if (!cancelled)
            return done(fail(cancelled.error()));
        BookingSlip slip = self->slipOf(cancelled.value(), {});
        slip.cancelled = true;
        self->print(slip, done);
    });
}

} // namespace hk

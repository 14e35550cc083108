#include "platform/sim/demo_data.h"

#include "app/services/checkin/applicant_identity.h"

#include <QJsonObject>

#include <random>

namespace hk {
namespace {

const char16_t *const kFamilyNames[] = {u"王", u"李", u"张", u"刘", u"陈", u"杨", u"黄", u"赵", u"周", u"吴",
                                        u"徐", u"孙", u"马", u"朱", u"胡", u"郭", u"何", u"高", u"林", u"欧阳"};
const char16_t *const kGivenNames[] = {u"伟", u"芳", u"娜", u"秀英", u"敏", u"静", u"丽", u"强", u"磊", u"军",
                                       u"洋", u"勇", u"艳", u"杰", u"娟", u"涛", u"明", u"超", u"秀兰", u"霞"};

QString nameOf(std::mt19937 &random)
{
    std::uniform_int_distribution<int> family(0, int(std::size(kFamilyNames)) - 1);
    std::uniform_int_distribution<int> given(0, int(std::size(kGivenNames)) - 1);
    return QString::fromUtf16(kFamilyNames[family(random)]) + QString::fromUtf16(kGivenNames[given(random)]);
}

QString phoneOf(std::mt19937 &random)
{
    std::uniform_int_distribution<int> digit(0, 9);
    QString phone = QStringLiteral("13");
    for (int i = 0; i < 9; ++i)
        phone += QChar(u'0' + digit(random));
    return phone;
}

} // namespace

QString DemoData::syntheticIdNumber(quint32 n)
{
    // 411623: a county code of the kind the seeds' halls serve; birth dates from 1950 on.
    const CivilDate birth = CivilDate(1950, 1, 1).addDays(long(n * 7919u % 18000u));
    QString body = QStringLiteral("411623%1%2%3%4")
                       .arg(birth.year(), 4, 10, QLatin1Char('0'))
                       .arg(birth.month(), 2, 10, QLatin1Char('0'))
                       .arg(birth.day(), 2, 10, QLatin1Char('0'))
                       .arg(n % 1000, 3, 10, QLatin1Char('0'));
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char kCheck[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += body.at(i).digitValue() * kWeights[i];
    return body + QLatin1Char(kCheck[sum % 11]);
}

DemoSummary DemoData::generate(ReferencePlatform &platform, const DemoPlan &plan)
{
    DemoSummary summary;
    std::mt19937 random(plan.seed);
    const Catalog &catalog = platform.catalog();
    std::vector<const Matter *> matters;
    for (const Matter &m : catalog.matters) {
        if (m.bookable)
            matters.push_back(&m);
    }
    if (matters.empty())
        return summary;
    const CenterTime &time = platform.centerTime();
    std::uniform_int_distribution<size_t> pickMatter(0, matters.size() - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    quint32 applicantNumber = plan.seed * 100000u;
    for (int d = 0; d < plan.days; ++d) {
        const CivilDate day = plan.firstDay.addDays(d);
        const std::vector<Slot> slots = platform.calendar().slots(day);
        if (slots.empty())
            continue;
        if (platform.store().bookingCount(QString::fromStdString(day.toString())) > 0) {
            ++summary.daysSkipped;
            continue;
        }
        ++summary.daysFilled;
        std::uniform_int_distribution<size_t> pickSlot(0, slots.size() - 1);
        // Booked a week ahead, so the lead times (B2) hold for every channel and every slot.
        const QDateTime madeAt = time.instantOf(day.addDays(-7), 10 * 60);
        (void)platform.store().begin();
        int made = 0;
        for (int attempt = 0; made < plan.perDay && attempt < plan.perDay * 4; ++attempt) {
            NewBookingRequest request;
            const Matter *matter = matters[pickMatter(random)];
            request.matterCode = QString::fromStdString(matter->code);
            request.slotStart = time.instantOf(day, slots[pickSlot(random)].start);
            const double channel = unit(random);
            request.channel = channel < 0.55 ? QStringLiteral("app") : channel < 0.7 ? QStringLiteral("web")
                              : channel < 0.85 ? QStringLiteral("phone") : QStringLiteral("onsite");
            // One in ten applicants books twice on a day (B3 allows two).
            const quint32 n = unit(random) < 0.1 && applicantNumber > plan.seed * 100000u ? applicantNumber - 1 : applicantNumber++;
            std::mt19937 person(n);
            request.applicant = {syntheticIdNumber(n), nameOf(person), phoneOf(person)};
            auto placed = platform.place(request, madeAt);
            if (!placed) {
                ++summary.refused;
                continue;
            }
            ++made;
            ++summary.booked;
            if (unit(random) < plan.cancelShare) {
                if (platform.cancel(placed->booking.id, madeAt.addSecs(3600)))
                    ++summary.cancelled;
            } else if (d == 0 && summary.applicants.size() < 20) {
                summary.applicants.append(QJsonObject{
                    {QStringLiteral("booking_id"), placed->booking.id},
                    {QStringLiteral("matter"), placed->booking.matterCode},
                    {QStringLiteral("slot_start"), time.toLocal(placed->booking.slotStart).toString(Qt::ISODate)},
                    {QStringLiteral("id_number"), request.applicant.idNumber},
                    {QStringLiteral("name"), request.applicant.name},
                    {QStringLiteral("qr_token"), placed->qrToken},
                });
            }
        }
        (void)platform.store().commit();
    }
    return summary;
}

int DemoData::bulk(ReferencePlatform &platform, int count, const CivilDate &firstDay, int days, quint32 seed)
{
    std::mt19937 random(seed);
    const Catalog &catalog = platform.catalog();
    if (catalog.matters.empty() || days < 1)
        return 0;
    const CenterTime &time = platform.centerTime();
    std::uniform_int_distribution<size_t> pickMatter(0, catalog.matters.size() - 1);
    std::uniform_int_distribution<int> pickDay(0, days - 1);
    std::uniform_int_distribution<int> pickHour(9, 16);
    const QByteArray &matchKey = platform.keys().matchKey();
    if (!platform.store().begin())
        return 0;
    int stored = 0;
    for (int i = 0; i < count; ++i) {
        const Matter &matter = catalog.matters[pickMatter(random)];
        const int hour = pickHour(random);
        BookingRecord b;
        b.id = QStringLiteral("BULK%1").arg(i, 8, 10, QLatin1Char('0'));
        b.version = 1;
        b.status = BookingState::Booked;
        b.matterCode = QString::fromStdString(matter.code);
        b.groupCode = QString::fromStdString(matter.group);
        b.slotStart = time.toLocal(time.instantOf(firstDay.addDays(pickDay(random)), (hour == 12 ? 13 : hour) * 60));
        b.slotEnd = b.slotStart.addSecs(3600);
        b.channel = QStringLiteral("app");
        const QString idNumber = syntheticIdNumber(quint32(i) + seed);
        b.nameMasked = identity::maskName(QStringLiteral("测试") + QString::number(i % 10));
        b.idDigest = identity::idDigest(matchKey, idNumber);
        b.idMasked = identity::maskIdNumber(idNumber);
        b.phoneMasked = QStringLiteral("138****%1").arg(i % 10000, 4, 10, QLatin1Char('0'));
        if (platform.store().insertBooking(b))
            ++stored;
    }
    (void)platform.store().commit();
    return stored;
}

} // namespace hk

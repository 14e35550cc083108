#include "app/services/report/report_json.h"

#include <QJsonArray>

#include <cstdio>
#include <cstdlib>

namespace hk {

namespace {

QJsonValue orNull(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QString dateText(const CivilDate &date)
{
    return QString::fromStdString(date.toString());
}

QJsonObject figuresJson(const ReportFigures &f)
{
    QJsonObject out;
    out.insert(QStringLiteral("walkin"), QJsonObject{{QStringLiteral("issued"), f.walkIn.issued},
                                                     {QStringLiteral("served"), f.walkIn.served},
                                                     {QStringLiteral("passed"), f.walkIn.passed},
                                                     {QStringLiteral("expired"), f.walkIn.expired},
                                                     {QStringLiteral("wait_avg_s"), orNull(f.walkIn.waitAvgS)},
                                                     {QStringLiteral("wait_p50_s"), orNull(f.walkIn.waitP50S)},
                                                     {QStringLiteral("wait_p90_s"), orNull(f.walkIn.waitP90S)}});
    QJsonObject byComplexity;
    for (const auto &[complexity, t] : f.booked.byComplexity)
        byComplexity.insert(QString::fromLatin1(nameOf(complexity)),
                            QJsonObject{{QStringLiteral("count"), t.count}, {QStringLiteral("within_target_share"), orNull(t.withinTargetShare)}});
    out.insert(QStringLiteral("booked"), QJsonObject{{QStringLiteral("issued"), f.booked.issued},
                                                     {QStringLiteral("served"), f.booked.served},
                                                     {QStringLiteral("passed"), f.booked.passed},
                                                     {QStringLiteral("expired"), f.booked.expired},
                                                     {QStringLiteral("wait_avg_s"), orNull(f.booked.waitAvgS)},
                                                     {QStringLiteral("wait_p90_s"), orNull(f.booked.waitP90S)},
                                                     {QStringLiteral("within_target_share"), orNull(f.booked.withinTargetShare)},
                                                     {QStringLiteral("by_complexity"), byComplexity}});
    out.insert(QStringLiteral("handling"), QJsonObject{{QStringLiteral("served"), f.handling.served},
                                                       {QStringLiteral("avg_s"), orNull(f.handling.avgS)},
                                                       {QStringLiteral("p90_s"), orNull(f.handling.p90S)},
                                                       {QStringLiteral("over_20min_share"), orNull(f.handling.over20minShare)}});
    QJsonArray windows;
    for (const WindowFigures &w : f.windows)
        windows.append(QJsonObject{{QStringLiteral("number"), w.number},
                                   {QStringLiteral("served"), w.served},
                                   {QStringLiteral("avg_handling_s"), orNull(w.avgHandlingS)},
                                   {QStringLiteral("rating_avg"), orNull(w.ratingAvg)}});
    out.insert(QStringLiteral("windows"), windows);
    out.insert(QStringLiteral("bookings"), QJsonObject{{QStringLiteral("checked_in"), f.bookings.checkedIn},
                                                       {QStringLiteral("no_show"), f.bookings.noShow},
                                                       {QStringLiteral("forfeited"), f.bookings.forfeited}});
    QJsonObject byLevel;
    for (int level = 1; level <= 5; ++level)
        byLevel.insert(QString::number(level), f.ratings.byLevel[size_t(level - 1)]);
    out.insert(QStringLiteral("ratings"), QJsonObject{{QStringLiteral("count"), f.ratings.count},
                                                      {QStringLiteral("by_level"), byLevel},
                                                      {QStringLiteral("satisfied_share"), orNull(f.ratings.satisfiedShare)}});
    out.insert(QStringLiteral("complaints"), QJsonObject{{QStringLiteral("opened"), f.complaints.opened},
                                                         {QStringLiteral("open"), f.complaints.open},
                                                         {QStringLiteral("overdue"), f.complaints.overdue},
                                                         {QStringLiteral("closed"), f.complaints.closed}});
    QJsonArray hours;
    for (const HourFigures &h : f.hours)
        hours.append(QJsonObject{{QStringLiteral("hour"), h.hour},
                                 {QStringLiteral("issued"), h.issued},
                                 {QStringLiteral("called"), h.called},
                                 {QStringLiteral("max_waiting"), h.maxWaiting}});
    out.insert(QStringLiteral("hours"), hours);
    return out;
}

// ISO 8601 with the offset, "2026-11-24T09:05:00+08:00", written by hand: QDateTime::toString
// was a third of a month's CSV.
QByteArray csvTime(const std::optional<QDateTime> &t)
{
    if (!t || !t->isValid())
        return {};
    const QDate d = t->date();
    const QTime time = t->time();
    const int offset = t->offsetFromUtc();
    const int offsetMinutes = std::abs(offset) / 60;
    char text[40];
    const int n = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d.year(), d.month(), d.day(), time.hour(),
                                time.minute(), time.second(), offset < 0 ? '-' : '+', offsetMinutes / 60, offsetMinutes % 60);
    return QByteArray(text, n);
}

template <typename T>
QByteArray csvNumber(const std::optional<T> &v)
{
    return v ? QByteArray::number(qint64(*v)) : QByteArray();
}

// A field as CSV writes it (RFC 4180): quoted when it holds a comma, a quote or a line break.
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

} // namespace

QJsonObject dayReportJson(const ReportFigures &figures)
{
    QJsonObject out = figuresJson(figures);
    out.insert(QStringLiteral("date"), dateText(figures.from));
    return out;
}

QJsonObject rangeReportJson(const ReportFigures &total, const std::vector<ReportFigures> &days)
{
    QJsonObject out = figuresJson(total);
    out.insert(QStringLiteral("from"), dateText(total.from));
    out.insert(QStringLiteral("to"), dateText(total.to));
    QJsonArray list;
    for (const ReportFigures &d : days)
        list.append(dayReportJson(d));
    out.insert(QStringLiteral("days"), list);
    return out;
}

QByteArray reportCsv(const std::vector<ReportRow> &rows)
{
    QByteArray out("\xEF\xBB\xBF"
                   "number,kind,group,state,issued_at,called_at,finished_at,window,wait_s,handling_s,rating,rating_channel\r\n");
    out.reserve(out.size() + qsizetype(rows.size()) * 128);
    for (const ReportRow &r : rows) {
        out += csvField(r.number) + ',' + QByteArray(nameOf(r.kind).data(), qsizetype(nameOf(r.kind).size())) + ',' + csvField(r.groupCode) +
               ',' + QByteArray(nameOf(r.state).data(), qsizetype(nameOf(r.state).size())) + ',' + csvTime(r.issuedAt) + ',' +
               csvTime(r.calledAt) + ',' + csvTime(r.finishedAt) + ',' + csvNumber(r.window) + ',' + csvNumber(r.waitS) + ',' +
               csvNumber(r.handlingS) + ',' + csvNumber(r.rating) + ',' + csvField(r.ratingChannel) + "\r\n";
    }
    return out;
}

} // namespace hk

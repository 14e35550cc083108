#pragma once

#include "app/services/report/report_figures.h"

#include <QByteArray>
#include <QJsonObject>

#include <vector>

namespace hk {

// The reports of DESIGN §13 as the console API writes them. A day is `{date, walkin, booked,
// handling, windows, bookings, ratings, complaints, hours}`; a span the same with `from` and `to`
// in the place of `date`, plus `days` (toJson of each day).
QJsonObject dayReportJson(const ReportFigures &figures);
QJsonObject rangeReportJson(const ReportFigures &total, const std::vector<ReportFigures> &days);

// The CSV export: UTF-8 with a BOM, CRLF lines, the header
// `number,kind,group,state,issued_at,called_at,finished_at,window,wait_s,handling_s,rating,rating_channel`, one row
// a ticket, times ISO 8601 with the hall's offset, empty where there is nothing. No personal data.
QByteArray reportCsv(const std::vector<ReportRow> &rows);

} // namespace hk

#include "app/queuesim/trace.h"

#include <QFile>
#include <QList>

namespace hk {
namespace {

std::optional<int> parseTime(const QByteArray &text)
{
    const QList<QByteArray> parts = text.split(':');
    if (parts.size() != 3)
        return std::nullopt;
    bool okH = false, okM = false, okS = false;
    const int h = parts[0].toInt(&okH), m = parts[1].toInt(&okM), s = parts[2].toInt(&okS);
    if (!okH || !okM || !okS || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59)
        return std::nullopt;
    return h * 3600 + m * 60 + s;
}

} // namespace

QString formatSecondOfDay(int seconds)
{
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

Result<std::vector<TraceRow>, QString> Trace::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto rows = parse(file.readAll());
    if (!rows)
        return fail(QStringLiteral("%1: %2").arg(path, rows.error()));
    return rows;
}

Result<std::vector<TraceRow>, QString> Trace::parse(const QByteArray &csv)
{
    static const QByteArray kHeader = "arrival,kind,group,complexity,slot_start,service_min";
    QList<QByteArray> lines = csv.split('\n');
    if (lines.isEmpty() || lines.first().trimmed() != kHeader)
        return fail(QStringLiteral("line 1: the header must be %1").arg(QString::fromLatin1(kHeader)));
    std::vector<TraceRow> rows;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const auto where = [i](const QString &problem) { return QStringLiteral("line %1: %2").arg(i + 1).arg(problem); };
        const QList<QByteArray> f = line.split(',');
        if (f.size() != 6)
            return fail(where(QStringLiteral("expected 6 fields, found %1").arg(f.size())));
        TraceRow row;
        if (!f[0].isEmpty()) {
            row.arrival = parseTime(f[0]);
            if (!row.arrival)
                return fail(where(QStringLiteral("arrival must be HH:MM:SS")));
        }
        if (f[1] == "walkin")
            row.kind = TicketKind::WalkIn;
        else if (f[1] == "booked")
            row.kind = TicketKind::Booked;
        else
            return fail(where(QStringLiteral("kind must be walkin or booked")));
        row.group = QString::fromUtf8(f[2]);
        if (row.group.isEmpty())
            return fail(where(QStringLiteral("group is empty")));
        auto complexity = complexityFromString(f[3].toStdString());
        if (!complexity)
            return fail(where(QStringLiteral("complexity must be general, complex or special")));
        row.complexity = *complexity;
        if (row.kind == TicketKind::Booked) {
            row.slotStart = parseTime(f[4]);
            if (!row.slotStart)
                return fail(where(QStringLiteral("a booking needs slot_start HH:MM:SS")));
        } else if (!f[4].isEmpty()) {
            return fail(where(QStringLiteral("a walk-in has no slot_start")));
        } else if (!row.arrival) {
            return fail(where(QStringLiteral("a walk-in needs an arrival")));
        }
        bool ok = false;
        row.serviceMinutes = f[5].toDouble(&ok);
        if (!ok || row.serviceMinutes <= 0 || row.serviceMinutes > 480)
            return fail(where(QStringLiteral("service_min must be a number of minutes above 0")));
        rows.push_back(row);
    }
    return rows;
}

QByteArray Trace::write(const std::vector<TraceRow> &rows)
{
    QByteArray out = "arrival,kind,group,complexity,slot_start,service_min\n";
    for (const TraceRow &r : rows) {
        out += (r.arrival ? formatSecondOfDay(*r.arrival).toLatin1() : QByteArray()) + ',';
        out += (r.kind == TicketKind::Booked ? "booked" : "walkin") + QByteArray(",");
        out += r.group.toUtf8() + ',' + nameOf(r.complexity) + ',';
        out += (r.slotStart ? formatSecondOfDay(*r.slotStart).toLatin1() : QByteArray()) + ',';
        out += QByteArray::number(r.serviceMinutes, 'f', 1) + '\n';
    }
    return out;
}

} // namespace hk

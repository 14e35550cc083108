// hallkiosk-trace-gen: writes a plausible county hall day for hallkiosk-queue-sim.

#include "app/queuesim/trace_generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes a day's arrivals (the CSV of hallkiosk-queue-sim --trace) for a county hall: walk-ins\n"
        "with a morning peak and a lunchtime dip, bookings in one-hour slots (most a little early,\n"
        "some late, some never coming), service times by complexity; and the hall file of its eight\n"
        "windows. The same seed gives the same day."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out"), QStringLiteral("Write the trace CSV to FILE."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("hall"), QStringLiteral("Also write the hall JSON to FILE."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("date"), QStringLiteral("The hall file's date."), QStringLiteral("YYYY-MM-DD"), QStringLiteral("2026-11-24")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("N"), QStringLiteral("2026")});
    parser.addOption({QStringLiteral("walkins"), QStringLiteral("Walk-in citizens."), QStringLiteral("N"), QStringLiteral("600")});
    parser.addOption({QStringLiteral("bookings"), QStringLiteral("Bookings."), QStringLiteral("N"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("no-show-rate"), QStringLiteral("Share of bookings never coming."), QStringLiteral("R"), QStringLiteral("0.10")});
    if (!parser.parse(QCoreApplication::arguments()) || !parser.isSet(QStringLiteral("out"))) {
        std::fprintf(stderr, "hallkiosk-trace-gen: %s\n",
                     parser.errorText().isEmpty() ? "--out FILE is required (see --help)" : qPrintable(parser.errorText()));
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    }
    hk::TraceProfile profile;
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    profile.seed = parser.value(QStringLiteral("seed")).toUInt(&ok1);
    profile.walkIns = parser.value(QStringLiteral("walkins")).toInt(&ok2);
    profile.bookings = parser.value(QStringLiteral("bookings")).toInt(&ok3);
    profile.noShowRate = parser.value(QStringLiteral("no-show-rate")).toDouble(&ok4);
    const auto date = hk::CivilDate::parse(parser.value(QStringLiteral("date")).toStdString());
    if (!ok1 || !ok2 || !ok3 || !ok4 || !date || profile.walkIns < 0 || profile.bookings < 0 || profile.noShowRate < 0 ||
        profile.noShowRate > 1) {
        std::fprintf(stderr, "hallkiosk-trace-gen: numbers must be numbers, the rate 0-1, the date YYYY-MM-DD\n");
        return 2;
    }
    QFile out(parser.value(QStringLiteral("out")));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(hk::Trace::write(hk::TraceGenerator::generate(profile))) < 0) {
        std::fprintf(stderr, "hallkiosk-trace-gen: cannot write %s\n", qPrintable(out.fileName()));
        return 1;
    }
    if (parser.isSet(QStringLiteral("hall"))) {
        QFile hall(parser.value(QStringLiteral("hall")));
        if (!hall.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            hall.write(hk::TraceGenerator::hallJson(hk::TraceGenerator::countyHall(*date))) < 0) {
            std::fprintf(stderr, "hallkiosk-trace-gen: cannot write %s\n", qPrintable(hall.fileName()));
            return 1;
        }
    }
    return 0;
}

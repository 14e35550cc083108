#pragma once

#include "app/domain/time/civil_date.h"
#include "platform/sim/reference_platform.h"

#include <QJsonArray>

namespace hk {

struct DemoPlan {
    CivilDate firstDay;      // usually today in the center's time
    int days = 7;
    int perDay = 200;        // bookings asked for each open day (capacity permitting)
    double cancelShare = 0.08;
    quint32 seed = 1;
};

struct DemoSummary {
    int booked = 0;
    int cancelled = 0;
    int refused = 0;     // tries the rules turned down (full slots, per-applicant limits)
    int daysFilled = 0;
    int daysSkipped = 0; // already had bookings
    QJsonArray applicants; // synthetic applicants of the first day's bookings, with their QR codes
};

// A county center's booking book for the demo: about `perDay` bookings a day over the coming days,
// made through the platform's own rules (each as if booked a week ahead over a mix of channels),
// some already cancelled. The applicants are synthetic: ID numbers with a valid check digit,
// names from common family names. Days that already hold bookings are left as they are, so a
// second start keeps what the terminals reported.
class DemoData {
public:
    static DemoSummary generate(ReferencePlatform &platform, const DemoPlan &plan);
    // For benchmarks: `count` booked bookings spread over `days`, stored directly (no rules).
    static int bulk(ReferencePlatform &platform, int count, const CivilDate &firstDay, int days, quint32 seed);
    // A synthetic 18-character ID number (GB 11643 check digit) for the n-th applicant.
    static QString syntheticIdNumber(quint32 n);
};

} // namespace hk

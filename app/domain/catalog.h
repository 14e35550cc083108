#pragma once

#include "app/domain/complexity.h"
#include "app/domain/queue/wait_target.h"
#include "app/domain/time/civil_date.h"

#include <optional>
#include <string>
#include <vector>

namespace hk {

// The hall's catalog (DESIGN §3 and the catalog endpoint of §6): what the center offers and the
// numbers its rules run on. It arrives from the platform or from `catalog_file`.

struct Center {
    std::string id;
    std::string name;
    std::string timezone = "Asia/Shanghai"; // IANA name; governs whatever the system's zone is
    std::string address; // the hall's street address, printed on a materials list; may be empty
};

struct Group {
    std::string code;
    std::string name;
    char prefix = 'A';     // walk-in ticket series letter
    int slotCapacity = 0;  // bookings per (group, slot)
    int dailyCap = 0;      // tickets per day; 0 = no cap
};

struct Matter {
    std::string code;
    std::string name;
    std::string group;
    Complexity complexity = Complexity::General;
    std::vector<std::string> materials;
    bool bookable = true;
    bool weekend = false; // served by weekend service (seed 001 §三), walk-in and booked
};

struct HallWindow {
    int number = 0;
    std::string name; // "3号窗口" when the catalog gives none
    std::vector<std::string> groups; // {"*"} for a comprehensive window (综合窗口)

    bool serves(const std::string &groupCode) const;
};

struct Interval {
    MinuteOfDay start = 0;
    MinuteOfDay end = 0; // exclusive
    friend bool operator==(const Interval &, const Interval &) = default;
};

struct Hours {
    std::vector<Interval> workday{{9 * 60, 12 * 60}, {13 * 60, 17 * 60}};
    struct Extended {
        int earlyLateMinutes = 0; // 0 or 60 (seed 001 §三: 早晚弹性)
        bool lunch = false;       // 午间不打烊
        std::vector<Interval> weekend;
    } extended;
};

struct CalendarDays {
    std::vector<CivilDate> holidays; // every closed date of a holiday period, its weekend days included
    std::vector<CivilDate> workdays; // weekend days the hall works (调休)
};

struct Rules {
    int slotMinutes = 60;
    MinuteOfDay onsiteDeadline = 16 * 60 + 30; // of the previous working day
    int onlineLeadMinutes = 180;
    int cancelLeadMinutes = 180;
    int lateForfeitMinutes = 30;
    int checkinEarlyMinutes = 120;
    int priorityEarlyMinutes = 15;
    int maxPerDay = 2;
    int noshowLimit = 3;
    char bookedPrefix = 'Y';
    WaitTargets waitTargets; // Q5 10/30/60
};

struct Catalog {
    int version = 0;
    Center center;
    std::vector<Group> groups;
    std::vector<Matter> matters;
    std::vector<HallWindow> windows;
    Hours hours;
    CalendarDays calendar;
    Rules rules;

    const Group *findGroup(const std::string &code) const;
    const Matter *findMatter(const std::string &code) const;
    const HallWindow *findWindow(int number) const;
    // Whether weekend service takes the group's walk-ins: one of its matters is marked `weekend`.
    bool servesOnWeekend(const std::string &groupCode) const;
};

} // namespace hk

#pragma once

#include "app/domain/queue/calling_policy.h"
#include "app/domain/result.h"
#include "app/domain/time/civil_date.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace hk {

// The hall file of DESIGN §9: {"date", "windows": [{"number", "groups", "mode"}], "lunch"?}.
struct HallPlan {
    struct Window {
        int number = 0;
        QStringList groups; // group codes, or "*"
        WindowMode mode = WindowMode::Normal;
    };
    CivilDate date;
    std::vector<Window> windows;
    bool lunch = false; // windows stay open over lunch

    static Result<HallPlan, QString> parse(const QByteArray &json);
    static Result<HallPlan, QString> loadFile(const QString &path);
};

} // namespace hk

#include "app/domain/catalog.h"

#include <algorithm>

namespace hk {

bool HallWindow::serves(const std::string &groupCode) const
{
    return std::any_of(groups.begin(), groups.end(),
                       [&](const std::string &g) { return g == "*" || g == groupCode; });
}

const Group *Catalog::findGroup(const std::string &code) const
{
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) { return g.code == code; });
    return it == groups.end() ? nullptr : &*it;
}

const Matter *Catalog::findMatter(const std::string &code) const
{
    auto it =
        std::find_if(matters.begin(), matters.end(), [&](const Matter &m) { return m.code == code; });
    return it == matters.end() ? nullptr : &*it;
}

const HallWindow *Catalog::findWindow(int number) const
{
    auto it = std::find_if(windows.begin(), windows.end(),
                           [&](const HallWindow &w) { return w.number == number; });
    return it == windows.end() ? nullptr : &*it;
}

bool Catalog::servesOnWeekend(const std::string &groupCode) const
{
    return std::any_of(matters.begin(), matters.end(), [&](const Matter &m) { return m.group == groupCode && m.weekend; });
}

} // namespace hk

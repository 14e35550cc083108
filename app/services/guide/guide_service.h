#pragma once

#include "app/domain/catalog.h"
#include "app/ports/clock.h"
#include "app/ports/devices/device_error.h"
#include "app/ports/devices/print_document.h"
#include "app/services/catalog_service.h"
#include "app/services/ticket/issue_ticket_service.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace hk {

// One matter as 办事指南 tells it (一次性告知, DESIGN §14): what to bring, how involved it is, and
// whether and how it can be booked.
struct MatterGuide {
    QString code;
    QString name;
    QString groupCode;
    QString groupName;
    Complexity complexity = Complexity::General;
    QStringList materials;
    bool bookable = false;
    bool weekend = false;
};

// A group with its matters, in the catalog's order.
struct GuideGroup {
    QString code;
    QString name;
    QList<MatterGuide> matters;
};

// 办事指南: the catalog read as a citizen reads it — groups, their matters, each matter's
// materials — and its materials list printed on the ticket printer (title, matter, the materials
// numbered, the hall's address, the date). The printer's time is the issuing service's: a list
// waits for no ticket and no ticket waits for a list; a printer that cannot print says why and
// nothing is lost (the list is on the screen).
class GuideService {
public:
    GuideService(CatalogService &catalog, IssueTicketService &issue, const Clock &clock);

    QList<GuideGroup> groups() const;
    std::optional<MatterGuide> matter(const QString &code) const;
    // The list as it prints, for the center's date of now.
    PrintDocument materialsList(const MatterGuide &matter) const;
    // Prints the matter's list; `done` runs once, later: nothing, or why the printer could not.
    using PrintDone = std::function<void(std::optional<DeviceError>)>;
    void printMaterials(const QString &matterCode, PrintDone done);

private:
    MatterGuide guideOf(const Matter &matter) const;

    CatalogService &m_catalog;
    IssueTicketService &m_issue;
    const Clock &m_clock;
};

} // namespace hk

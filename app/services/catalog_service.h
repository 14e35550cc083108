#pragma once

#include "app/domain/catalog.h"
#include "app/domain/time/working_calendar.h"
#include "app/services/center_time.h"

#include <QObject>
#include <QString>

#include <optional>

namespace hk {

// Holds the catalog in force. It starts from `catalog_file` and is replaced when the platform
// sends a newer version; views and services read it from here.
class CatalogService : public QObject {
    Q_OBJECT
public:
    explicit CatalogService(Catalog catalog, QObject *parent = nullptr);

    const Catalog &catalog() const { return m_catalog; }
    const CenterTime &centerTime() const { return m_time; }
    const WorkingCalendar &calendar() const { return m_calendar; }
    void replace(Catalog catalog);

    // The group a matter is handled in; none for a matter the catalog does not know.
    std::optional<QString> groupOfMatter(const QString &matterCode) const;
    // A group's name, or its code when the catalog does not know it.
    QString groupName(const QString &groupCode) const;

Q_SIGNALS:
    void catalogChanged();

private:
    Catalog m_catalog;
    CenterTime m_time;
    WorkingCalendar m_calendar;
};

} // namespace hk

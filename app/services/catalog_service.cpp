#include "app/services/catalog_service.h"

namespace hk {

CatalogService::CatalogService(Catalog catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    , m_time(CenterTime::forCenter(m_catalog.center))
    , m_calendar(m_catalog)
{
}

void CatalogService::replace(Catalog catalog)
{
    m_catalog = std::move(catalog);
    m_time = CenterTime::forCenter(m_catalog.center);
    m_calendar = WorkingCalendar(m_catalog);
    Q_EMIT catalogChanged();
}

std::optional<QString> CatalogService::groupOfMatter(const QString &matterCode) const
{
    if (const Matter *matter = m_catalog.findMatter(matterCode.toStdString()))
        return QString::fromStdString(matter->group);
    return std::nullopt;
}

QString CatalogService::groupName(const QString &groupCode) const
{
    const Group *group = m_catalog.findGroup(groupCode.toStdString());
    return group ? QString::fromStdString(group->name) : groupCode;
}

} // namespace hk

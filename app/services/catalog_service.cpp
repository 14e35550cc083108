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

} // namespace hk

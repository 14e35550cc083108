#include "app/services/catalog_service.h"

namespace hk {

CatalogService::CatalogService(Catalog catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    , m_time(CenterTime::forCenter(m_catalog.center))
{
}

void CatalogService::replace(Catalog catalog)
{
    m_catalog = std::move(catalog);
    m_time = CenterTime::forCenter(m_catalog.center);
    Q_EMIT catalogChanged();
}

} // namespace hk

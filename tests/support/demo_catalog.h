#pragma once

// The demo center's catalog (resources/catalog/demo-catalog.json), as the services tests use it.
// Header-only; a test that includes it links hallkiosk::config.

#include "app/config/catalog_parser.h"

namespace hk::test {

inline Catalog demoCatalog()
{
    return CatalogParser::loadFile(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")).value().catalog;
}

} // namespace hk::test

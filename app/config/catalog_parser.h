#pragma once

#include "app/config/config_error.h"
#include "app/domain/catalog.h"
#include "app/domain/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace hk {

struct ParsedCatalog {
    Catalog catalog;
    ConfigErrors warnings; // keys this version does not know (the platform may be newer)
};

// Reads the catalog JSON of DESIGN §6 (the platform's catalog endpoint and `catalog_file`) and
// checks it holds together: unique codes and prefixes, known groups, ordered hours, real dates.
class CatalogParser {
public:
    static Result<ParsedCatalog, ConfigErrors> parse(const QJsonObject &json);
    static Result<ParsedCatalog, ConfigErrors> parse(const QByteArray &json);
    static Result<ParsedCatalog, ConfigErrors> loadFile(const QString &path);
};

} // namespace hk

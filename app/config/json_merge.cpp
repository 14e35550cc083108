#include "app/config/json_merge.h"

namespace hk {

QJsonObject mergeJson(const QJsonObject &base, const QJsonObject &over)
{
    QJsonObject merged = base;
    for (auto it = over.begin(); it != over.end(); ++it) {
        const QJsonValue mine = merged.value(it.key());
        if (it.value().isObject() && mine.isObject())
            merged.insert(it.key(), mergeJson(mine.toObject(), it.value().toObject()));
        else
            merged.insert(it.key(), it.value());
    }
    return merged;
}

} // namespace hk

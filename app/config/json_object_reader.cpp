#include "app/config/json_object_reader.h"

#include <cmath>

namespace hk {

QString describeJsonType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

JsonObjectReader::JsonObjectReader(QJsonObject object, QString path, ConfigErrors &errors)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_errors(&errors)
{
}

QString JsonObjectReader::path(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

bool JsonObjectReader::has(const QString &key) const
{
    return m_object.contains(key);
}

bool JsonObjectReader::isNull(const QString &key) const
{
    return m_object.value(key).isNull();
}

void JsonObjectReader::error(const QString &key, const QString &problem)
{
    m_errors->append({path(key), problem});
}

std::optional<QJsonValue> JsonObjectReader::take(const QString &key)
{
    m_known.insert(key);
    if (!m_object.contains(key))
        return std::nullopt;
    return m_object.value(key);
}

std::optional<QString> JsonObjectReader::requiredString(const QString &key)
{
    auto value = take(key);
    if (!value) {
        error(key, QStringLiteral("is required but missing"));
        return std::nullopt;
    }
    if (!value->isString()) {
        error(key, QStringLiteral("must be a string, not %1").arg(describeJsonType(*value)));
        return std::nullopt;
    }
    if (value->toString().trimmed().isEmpty()) {
        error(key, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return value->toString();
}

std::optional<QString> JsonObjectReader::optionalString(const QString &key,
                                                        std::optional<QString> fallback,
                                                        bool nullable)
{
    auto value = take(key);
    if (!value)
        return fallback;
    if (value->isNull() && nullable)
        return std::nullopt;
    if (!value->isString()) {
        error(key, QStringLiteral("must be a string%1, not %2")
                       .arg(nullable ? QStringLiteral(" or null") : QString(),
                            describeJsonType(*value)));
        return fallback;
    }
    return value->toString();
}

int JsonObjectReader::integer(const QString &key, int fallback, int min, int max)
{
    auto value = take(key);
    if (!value)
        return fallback;
    const double d = value->toDouble(std::nan(""));
    if (!value->isDouble() || std::floor(d) != d) {
        error(key, QStringLiteral("must be a whole number, not %1").arg(describeJsonType(*value)));
        return fallback;
    }
    if (d < min || d > max) {
        error(key, QStringLiteral("must be between %1 and %2, not %3").arg(min).arg(max).arg(d));
        return fallback;
    }
    return static_cast<int>(d);
}

std::optional<int> JsonObjectReader::requiredInteger(const QString &key, int min, int max)
{
    if (!has(key)) {
        take(key);
        error(key, QStringLiteral("is required but missing"));
        return std::nullopt;
    }
    const int before = int(m_errors->size());
    const int value = integer(key, 0, min, max);
    if (m_errors->size() != before)
        return std::nullopt;
    return value;
}

bool JsonObjectReader::boolean(const QString &key, bool fallback)
{
    auto value = take(key);
    if (!value)
        return fallback;
    if (!value->isBool()) {
        error(key, QStringLiteral("must be true or false, not %1").arg(describeJsonType(*value)));
        return fallback;
    }
    return value->toBool();
}

std::optional<JsonObjectReader> JsonObjectReader::object(const QString &key, bool required)
{
    auto value = take(key);
    if (!value) {
        if (required)
            error(key, QStringLiteral("is required but missing"));
        return std::nullopt;
    }
    if (!value->isObject()) {
        error(key, QStringLiteral("must be an object, not %1").arg(describeJsonType(*value)));
        return std::nullopt;
    }
    return JsonObjectReader(value->toObject(), path(key), *m_errors);
}

std::optional<QJsonArray> JsonObjectReader::array(const QString &key, bool required)
{
    auto value = take(key);
    if (!value) {
        if (required)
            error(key, QStringLiteral("is required but missing"));
        return std::nullopt;
    }
    if (!value->isArray()) {
        error(key, QStringLiteral("must be an array, not %1").arg(describeJsonType(*value)));
        return std::nullopt;
    }
    return value->toArray();
}

void JsonObjectReader::finish(ConfigErrors *warnings)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (m_known.contains(it.key()))
            continue;
        ConfigError unknown{path(it.key()), QStringLiteral("unknown key")};
        if (warnings)
            warnings->append(unknown);
        else
            m_errors->append(unknown);
    }
}

Result<QJsonDocument, ConfigErrors> parseJsonFile(const QByteArray &json)
{
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = int(json.left(parseError.offset).count('\n')) + 1;
        return fail(ConfigErrors{{QString(), QStringLiteral("not valid JSON at line %1: %2").arg(line).arg(parseError.errorString())}});
    }
    return doc;
}

} // namespace hk

#pragma once

#include "app/config/config_error.h"
#include "app/domain/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace hk {

// Reads one JSON object of a configuration file, key by key, and records every problem with the
// key's full path. finish() reports the keys nobody asked for, so a typo never passes silently.
class JsonObjectReader {
public:
    JsonObjectReader(QJsonObject object, QString path, ConfigErrors &errors);

    QString path(const QString &key) const;
    bool has(const QString &key) const;
    bool isNull(const QString &key) const;

    std::optional<QString> requiredString(const QString &key);
    // Absent → fallback; null is accepted only when `nullable` (then nullopt).
    std::optional<QString> optionalString(const QString &key, std::optional<QString> fallback,
                                          bool nullable = true);
    int integer(const QString &key, int fallback, int min, int max);
    std::optional<int> requiredInteger(const QString &key, int min, int max);
    bool boolean(const QString &key, bool fallback);
    std::optional<JsonObjectReader> object(const QString &key, bool required);
    std::optional<QJsonArray> array(const QString &key, bool required);

    void error(const QString &key, const QString &problem);
    // Reports unknown keys as errors (or, with `warnings`, adds them there instead).
    void finish(ConfigErrors *warnings = nullptr);

private:
    std::optional<QJsonValue> take(const QString &key);

    QJsonObject m_object;
    QString m_path;
    ConfigErrors *m_errors;
    QSet<QString> m_known;
};

QString describeJsonType(const QJsonValue &value);

// A configuration file's JSON, or the error that names the line of the mistake (what an editor
// shows), not just its byte offset.
Result<QJsonDocument, ConfigErrors> parseJsonFile(const QByteArray &json);

} // namespace hk

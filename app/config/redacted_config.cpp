#include "app/config/redacted_config.h"

#include "app/config/json_merge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace hk {
namespace {

const QString kRedacted = QStringLiteral("[redacted]");

bool isSecretKey(const QString &key)
{
    const QString lower = key.toLower();
    if (lower.endsWith(QLatin1String("_file")))
        return false; // a path: the file is never read here
    for (const char *word : {"secret", "password", "passwd", "token"}) {
        if (lower.contains(QLatin1String(word)))
            return true;
    }
    // As words only: "pin_hash" and "api_key", not "mapping" or "keyboard".
    const QStringList words = lower.split(QRegularExpression(QStringLiteral("[^a-z0-9]+")), Qt::SkipEmptyParts);
    return words.contains(QLatin1String("pin")) || words.contains(QLatin1String("key")) || words.contains(QLatin1String("pins"));
}

QString maskText(QString text)
{
    // scheme://user:password@host → scheme://user:***@host
    static const QRegularExpression kUriPassword(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]*):[^@/\\s]*@"));
    // libpq's keyword form and URI parameters: password=… up to a separator
    static const QRegularExpression kParameter(QStringLiteral("(password=)[^&\\s;]*"), QRegularExpression::CaseInsensitiveOption);
    text.replace(kUriPassword, QStringLiteral("\\1:***@"));
    text.replace(kParameter, QStringLiteral("\\1***"));
    return text;
}

QJsonValue redactValue(const QJsonValue &value);

QJsonArray redactArray(const QJsonArray &array)
{
    QJsonArray out;
    for (const QJsonValue &v : array)
        out.append(redactValue(v));
    return out;
}

QJsonValue redactValue(const QJsonValue &value)
{
    if (value.isObject())
        return redactedJson(value.toObject());
    if (value.isArray())
        return redactArray(value.toArray());
    if (value.isString())
        return maskText(value.toString());
    return value;
}

} // namespace

QJsonObject redactedJson(const QJsonObject &json)
{
    QJsonObject out;
    for (auto it = json.begin(); it != json.end(); ++it)
        out.insert(it.key(), isSecretKey(it.key()) && !it.value().isNull() ? QJsonValue(kRedacted) : redactValue(it.value()));
    return out;
}

QByteArray redactedConfigJson(const Config &config)
{
    return QJsonDocument(redactedJson(mergeJson(config.fileJson, config.local.overrides))).toJson(QJsonDocument::Indented);
}

} // namespace hk

#include "drivers/protocols/escpos/escpos_profile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace hk {
namespace {

const QStringList kKeys{QStringLiteral("name"),         QStringLiteral("description"),  QStringLiteral("paper_mm"),
                        QStringLiteral("dots_per_line"), QStringLiteral("qr"),           QStringLiteral("qr_module_dots"),
                        QStringLiteral("chinese_mode"), QStringLiteral("status"),       QStringLiteral("cut"),
                        QStringLiteral("cut_feed_dots")};

} // namespace

Result<EscPosProfile, QString> EscPosProfile::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kKeys.contains(it.key()))
            return fail(QStringLiteral("%1: unknown key (known: %2)").arg(it.key(), kKeys.join(QStringLiteral(", "))));
    }
    EscPosProfile p;
    const auto text = [&o](const QString &key, QString &out, bool required) -> std::optional<QString> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return required ? std::optional<QString>(QStringLiteral("%1: is required").arg(key)) : std::nullopt;
        if (!v.isString() || v.toString().isEmpty())
            return QStringLiteral("%1: must be a non-empty string").arg(key);
        out = v.toString();
        return std::nullopt;
    };
    const auto integer = [&o](const QString &key, int &out, int min, int max) -> std::optional<QString> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < min || v.toInt() > max)
            return QStringLiteral("%1: must be a whole number from %2 to %3").arg(key).arg(min).arg(max);
        out = v.toInt();
        return std::nullopt;
    };
    const auto boolean = [&o](const QString &key, bool &out) -> std::optional<QString> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isBool())
            return QStringLiteral("%1: must be true or false").arg(key);
        out = v.toBool();
        return std::nullopt;
    };
    QString qr = QStringLiteral("native");
    QString cut = QStringLiteral("partial");
    for (const auto &problem :
         {text(QStringLiteral("name"), p.name, true), text(QStringLiteral("description"), p.description, false),
          integer(QStringLiteral("paper_mm"), p.paperMm, 40, 120), integer(QStringLiteral("dots_per_line"), p.dotsPerLine, 128, 1024),
          text(QStringLiteral("qr"), qr, false), integer(QStringLiteral("qr_module_dots"), p.qrModuleDots, 1, 16),
          boolean(QStringLiteral("chinese_mode"), p.chineseMode), boolean(QStringLiteral("status"), p.status),
          text(QStringLiteral("cut"), cut, false), integer(QStringLiteral("cut_feed_dots"), p.cutFeedDots, 0, 255)}) {
        if (problem)
            return fail(*problem);
    }
    if (p.dotsPerLine % 8 != 0)
        return fail(QStringLiteral("dots_per_line: must be a multiple of 8"));
    if (qr == QLatin1String("native"))
        p.nativeQr = true;
    else if (qr == QLatin1String("raster"))
        p.nativeQr = false;
    else
        return fail(QStringLiteral("qr: must be \"native\" (GS ( k) or \"raster\" (GS v 0)"));
    if (cut == QLatin1String("partial"))
        p.cut = Cut::Partial;
    else if (cut == QLatin1String("full"))
        p.cut = Cut::Full;
    else
        return fail(QStringLiteral("cut: must be \"partial\" or \"full\""));
    return p;
}

Result<EscPosProfile, QString> EscPosProfile::load(const QString &nameOrPath, const QString &builtInDir)
{
    const bool isPath = nameOrPath.contains(QLatin1Char('/')) || nameOrPath.endsWith(QLatin1String(".json"));
    const QString path = isPath ? nameOrPath : QDir(builtInDir).filePath(nameOrPath + QStringLiteral(".json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (isPath)
            return fail(QStringLiteral("cannot read printer profile %1: %2").arg(path, file.errorString()));
        return fail(QStringLiteral("unknown printer profile \"%1\" (known: %2, or the path of a profile file)")
                        .arg(nameOrPath, namesIn(builtInDir).join(QStringLiteral(", "))));
    }
    auto profile = fromJson(file.readAll());
    if (!profile)
        return fail(QStringLiteral("printer profile %1: %2").arg(path, profile.error()));
    return profile;
}

QStringList EscPosProfile::namesIn(const QString &builtInDir)
{
    QStringList names;
    for (const QString &file : QDir(builtInDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        names << file.chopped(5);
    return names;
}

} // namespace hk

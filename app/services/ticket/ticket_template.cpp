#include "app/services/ticket/ticket_template.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hk {
namespace {

const QStringList kConditions{QStringLiteral("booked"), QStringLiteral("walkin"), QStringLiteral("matter"), QStringLiteral("slot"),
                              QStringLiteral("materials"), QStringLiteral("ahead"), QStringLiteral("reprint")};
const QStringList kFields{QStringLiteral("center"), QStringLiteral("number"), QStringLiteral("group"), QStringLiteral("matter"),
                          QStringLiteral("ahead"), QStringLiteral("slot"), QStringLiteral("time"), QStringLiteral("materials")};

} // namespace

Result<TicketTemplate, QString> TicketTemplate::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(QStringLiteral("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    for (const QString &key : root.keys()) {
        if (key != QLatin1String("blocks") && key != QLatin1String("description"))
            return fail(QStringLiteral("%1: unknown key (known: description, blocks)").arg(key));
    }
    if (!root.value(QStringLiteral("blocks")).isArray() || root.value(QStringLiteral("blocks")).toArray().isEmpty())
        return fail(QStringLiteral("blocks: must be a list of blocks"));
    TicketTemplate t;
    const QJsonArray blocks = root.value(QStringLiteral("blocks")).toArray();
    bool hasNumber = false;
    bool hasQr = false;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QString at = QStringLiteral("blocks[%1]").arg(i);
        if (!blocks.at(i).isObject())
            return fail(QStringLiteral("%1: must be an object").arg(at));
        const QJsonObject o = blocks.at(i).toObject();
        Block b;
        const QString type = o.value(QStringLiteral("type")).toString();
        QStringList known{QStringLiteral("type"), QStringLiteral("when")};
        if (type == QLatin1String("text")) {
            b.kind = Block::Kind::Text;
            known << QStringLiteral("text") << QStringLiteral("align") << QStringLiteral("size") << QStringLiteral("bold");
            if (!o.value(QStringLiteral("text")).isString())
                return fail(QStringLiteral("%1.text: must be a string").arg(at));
            b.text = o.value(QStringLiteral("text")).toString();
            for (qsizetype open = b.text.indexOf(QLatin1Char('{')); open >= 0; open = b.text.indexOf(QLatin1Char('{'), open + 1)) {
                const qsizetype close = b.text.indexOf(QLatin1Char('}'), open);
                const QString field = close < 0 ? QString() : b.text.mid(open + 1, close - open - 1);
                if (!kFields.contains(field))
                    return fail(QStringLiteral("%1.text: unknown field {%2} (known: %3)").arg(at, field, kFields.join(QStringLiteral(", "))));
            }
            hasNumber = hasNumber || b.text.contains(QLatin1String("{number}"));
        } else if (type == QLatin1String("qr")) {
            b.kind = Block::Kind::Qr;
            hasQr = true;
        } else if (type == QLatin1String("feed")) {
            b.kind = Block::Kind::Feed;
            known << QStringLiteral("lines");
            const QJsonValue lines = o.value(QStringLiteral("lines"));
            if (!lines.isUndefined() && (!lines.isDouble() || lines.toInt() < 1 || lines.toInt() > 10))
                return fail(QStringLiteral("%1.lines: must be a whole number from 1 to 10").arg(at));
            b.lines = lines.toInt(1);
        } else if (type == QLatin1String("logo")) {
            b.kind = Block::Kind::Logo;
            known << QStringLiteral("file") << QStringLiteral("align");
            if (!o.value(QStringLiteral("file")).isString() || o.value(QStringLiteral("file")).toString().isEmpty())
                return fail(QStringLiteral("%1.file: must name a picture (PNG), relative to the template").arg(at));
            if (!t.logoFile.isEmpty() && t.logoFile != o.value(QStringLiteral("file")).toString())
                return fail(QStringLiteral("%1.file: a ticket has one logo").arg(at));
            t.logoFile = o.value(QStringLiteral("file")).toString();
        } else {
            return fail(QStringLiteral("%1.type: must be text, qr, feed or logo").arg(at));
        }
        for (const QString &key : o.keys()) {
            if (!known.contains(key))
                return fail(QStringLiteral("%1.%2: unknown key for a %3 block (known: %4)").arg(at, key, type, known.join(QStringLiteral(", "))));
        }
        if (o.contains(QStringLiteral("align"))) {
            const QString align = o.value(QStringLiteral("align")).toString();
            if (align == QLatin1String("left"))
                b.align = PrintBlock::Align::Left;
            else if (align == QLatin1String("center"))
                b.align = PrintBlock::Align::Center;
            else if (align == QLatin1String("right"))
                b.align = PrintBlock::Align::Right;
            else
                return fail(QStringLiteral("%1.align: must be left, center or right").arg(at));
        }
        if (o.contains(QStringLiteral("size"))) {
            const QJsonValue size = o.value(QStringLiteral("size"));
            if (!size.isDouble() || size.toInt() < 1 || size.toInt() > 8 || size.toDouble() != size.toInt())
                return fail(QStringLiteral("%1.size: must be a whole number from 1 to 8").arg(at));
            b.size = size.toInt();
        }
        if (o.contains(QStringLiteral("bold"))) {
            if (!o.value(QStringLiteral("bold")).isBool())
                return fail(QStringLiteral("%1.bold: must be true or false").arg(at));
            b.bold = o.value(QStringLiteral("bold")).toBool();
        }
        if (o.contains(QStringLiteral("when"))) {
            b.when = o.value(QStringLiteral("when")).toString();
            if (!kConditions.contains(b.when))
                return fail(QStringLiteral("%1.when: must be one of %2").arg(at, kConditions.join(QStringLiteral(", "))));
        }
        t.blocks.append(b);
    }
    // The two things a citizen cannot do without (DESIGN §3, §10).
    if (!hasNumber)
        return fail(QStringLiteral("blocks: no block prints the ticket's {number}"));
    if (!hasQr)
        return fail(QStringLiteral("blocks: no block prints the ticket's QR code"));
    return t;
}

// The standard template's words are marked for lupdate (context TicketText); TicketComposer
// translates every text block of any template through that context, so a hall's own template that
// uses the same words prints in English too, and its own words print as written.
TicketTemplate TicketTemplate::standard()
{
    using A = PrintBlock::Align;
    using K = Block::Kind;
    TicketTemplate t;
    t.blocks = {
        {K::Text, QStringLiteral("{center}"), A::Center, 1, true, 1, {}},
        {K::Feed, {}, A::Center, 1, false, 1, {}},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "预约优先")), A::Center, 2, true, 1, QStringLiteral("booked")},
        {K::Text, QStringLiteral("{number}"), A::Center, 4, true, 1, {}},
        {K::Text, QStringLiteral("{group}"), A::Center, 2, false, 1, {}},
        {K::Text, QStringLiteral("{matter}"), A::Center, 1, false, 1, QStringLiteral("matter")},
        {K::Feed, {}, A::Center, 1, false, 1, {}},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "前面还有 {ahead} 人")), A::Center, 1, true, 1, QStringLiteral("ahead")},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "预约时段 {slot}")), A::Center, 1, false, 1, QStringLiteral("slot")},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "请备齐材料：{materials}")), A::Left, 1, false, 1, QStringLiteral("materials")},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "取号时间 {time}")), A::Center, 1, false, 1, {}},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "（补打）")), A::Center, 1, false, 1, QStringLiteral("reprint")},
        {K::Feed, {}, A::Center, 1, false, 1, {}},
        {K::Qr, {}, A::Center, 1, false, 1, {}},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "请留意叫号，过号后30分钟内可凭此码重新排队")), A::Center, 1, false, 1, {}},
        {K::Text, QString::fromUtf8(QT_TRANSLATE_NOOP("TicketText", "请妥善保管本票，凭票办理")), A::Center, 1, false, 1, {}},
    };
    return t;
}

} // namespace hk

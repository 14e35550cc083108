#include "db/hall/hall_notice_json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace hk {

namespace {

const QString kKind = QStringLiteral("kind");
const QString kWindow = QStringLiteral("window");
const QString kEffect = QStringLiteral("effect");
const QString kCalled = QStringLiteral("called");
const QString kServed = QStringLiteral("served");
const QString kHelpId = QStringLiteral("help_id");
const QString kHelpTerminal = QStringLiteral("help_terminal");
const QString kHelpAt = QStringLiteral("help_at");
const QString kOrigin = QStringLiteral("origin");

// An optional text field: absent is empty; present, it must be a string.
bool readText(const QJsonObject &o, const QString &key, QString *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString())
        return false;
    *out = v.toString();
    return true;
}

} // namespace

QByteArray hallNoticeJson(const HallNotice &n)
{
    QJsonObject o{{kKind, nameOf(n.kind)}, {kOrigin, n.origin}};
    if (n.kind == HallNotice::Kind::Window) {
        o.insert(kWindow, n.window);
        if (n.effect != HallNotice::Effect::Quiet)
            o.insert(kEffect, nameOf(n.effect));
    }
    if (!n.calledTicketId.isEmpty())
        o.insert(kCalled, n.calledTicketId);
    if (!n.servedTicketId.isEmpty())
        o.insert(kServed, n.servedTicketId);
    if (!n.helpId.isEmpty())
        o.insert(kHelpId, n.helpId);
    if (!n.helpTerminal.isEmpty())
        o.insert(kHelpTerminal, n.helpTerminal);
    if (n.helpAt)
        o.insert(kHelpAt, n.helpAt->toUTC().toString(Qt::ISODateWithMs));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<HallNotice, QString> parseHallNotice(const QByteArray &payload)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at %2)").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();

    HallNotice n;
    const auto kind = hallNoticeKindFromString(o.value(kKind).toString());
    if (!kind)
        return fail(QStringLiteral("no known kind"));
    n.kind = *kind;
    if (!readText(o, kOrigin, &n.origin) || n.origin.isEmpty())
        return fail(QStringLiteral("no origin"));
    if (!readText(o, kCalled, &n.calledTicketId) || !readText(o, kServed, &n.servedTicketId) ||
        !readText(o, kHelpId, &n.helpId) || !readText(o, kHelpTerminal, &n.helpTerminal))
        return fail(QStringLiteral("a ticket or help field is not text"));

    if (n.kind == HallNotice::Kind::Window) {
        const QJsonValue window = o.value(kWindow);
        // JSON numbers are doubles: a window is a whole, positive one.
        if (!window.isDouble() || window.toDouble() != double(window.toInt()) || window.toInt() < 1)
            return fail(QStringLiteral("a window notice without a window number"));
        n.window = window.toInt();
        if (o.contains(kEffect)) {
            const auto effect = hallNoticeEffectFromString(o.value(kEffect).toString());
            if (!effect)
                return fail(QStringLiteral("unknown effect"));
            n.effect = *effect;
        }
    }
    if ((n.kind == HallNotice::Kind::Help || n.kind == HallNotice::Kind::HelpTaken) && n.helpId.isEmpty())
        return fail(QStringLiteral("a help notice without its id"));
    if (o.contains(kHelpAt)) {
        QDateTime at = QDateTime::fromString(o.value(kHelpAt).toString(), Qt::ISODateWithMs);
        if (!at.isValid())
            return fail(QStringLiteral("help_at is not an ISO 8601 instant"));
        n.helpAt = at.toUTC();
    }
    return n;
}

} // namespace hk

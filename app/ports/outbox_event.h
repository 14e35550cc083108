#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace hk {

// A fact for the platform (DESIGN §6, events). Written in the same transaction as the state change
// it reports, sent later by the platform client, exactly once.
struct OutboxEvent {
    QString id; // UUID
    QString type;
    QDateTime at;
    QJsonObject data;
};

} // namespace hk

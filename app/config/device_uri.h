#pragma once

#include "app/domain/result.h"

#include <QMap>
#include <QString>

namespace hk {

// A device endpoint from the config (DESIGN §8): serial:PATH?baud=N, usblp:PATH, tcp:HOST:PORT,
// cups:QUEUE, evdev:PATH, sim:.
struct DeviceUri {
    enum class Scheme { Serial, UsbLp, Tcp, Cups, Evdev, Sim };

    Scheme scheme = Scheme::Sim;
    QString path;  // serial, usblp, evdev: device path; cups: queue name
    QString host;  // tcp
    quint16 port = 0;
    int baud = 0;  // serial; 0 = the device's default
    QMap<QString, QString> params; // every query parameter, validated
    QString text;  // as written in the config, for messages

    static Result<DeviceUri, QString> parse(const QString &text);
    QString param(const QString &name, const QString &fallback = {}) const
    {
        return params.value(name, fallback);
    }
};

QString schemeName(DeviceUri::Scheme scheme);

} // namespace hk

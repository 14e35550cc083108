#pragma once

#include "app/config/device_uri.h"
#include "app/config/hall_database_uri.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace hk {

// The terminal's configuration file (DESIGN §8), validated. Every key is known here from the
// start, even where the feature that reads it arrives later; unknown keys are refused.
struct Config {
    struct Terminal {
        QString id;
        QString center;
        QString name; // shown to staff with 帮办 requests; defaults to the id
    } terminal;

    QString database;

    struct Devices {
        std::optional<DeviceUri> printer;
        QString printerProfile = QStringLiteral("escpos-80mm");
        std::optional<DeviceUri> idcard;
        std::optional<DeviceUri> scanner;
        std::optional<DeviceUri> scannerKeyboard; // evdev: keyboard-wedge scanner
        std::optional<QString> camera;            // camera id, "default", or a folder of frames
        std::optional<DeviceUri> hallbus;
    } devices;

    struct HallbusWindow {
        int board = 0;
        int caller = 0;
        int evaluator = 0;
    };
    struct Hallbus {
        std::map<int, HallbusWindow> windows; // by window number
        int pollIntervalMs = 300;
    } hallbus;

    struct Platform {
        std::optional<QString> url;
        std::optional<QString> secretFile;
        std::optional<QString> publicKeyFile;
        std::optional<QString> matchKeyFile;
        std::optional<QString> ticketUrl; // "https://…/t/{center}/{ticket}"
        std::optional<QString> caFile;
        bool allowHttp = false; // plain HTTP beyond loopback
        int pullIntervalS = 30;
        int timeoutMs = 10000;
    } platform;

    struct Http {
        QString bind = QStringLiteral("127.0.0.1"); // DESIGN §16: a hall opens it to its LAN in config
        int port = 8080; // 0 = any free port (tests)
        std::optional<QString> tlsCertFile; // PEM; with tlsKeyFile: HTTPS only
        std::optional<QString> tlsKeyFile;
        int maxConnections = 256;
    } http;

    std::optional<QString> staffFile;
    std::optional<QString> catalogFile;
    std::optional<QString> ticketTemplate; // the ticket layout; the built-in one when not set

    struct Kiosk {
        bool fullscreen = true;
        int idleTimeoutS = 60;
        int ticketScreenS = 20; // the "请取票" screen; counts down in view
        bool elderMode = false; // 长辈版 at start-up
        int printerPollS = 5;   // printer status while idle
        // Printed on a booking slip (DESIGN §14) and said on the 需要联网 screen: where the hall is,
        // and the number to call for a booking when the terminal cannot reach the platform.
        QString hallAddress;
        QString bookingPhone;
    } kiosk;

    struct Voice {
        bool enabled = true;
        int volume = 100; // 0..200, espeak-ng amplitude
        QString voice = QStringLiteral("cmn-latn-pinyin");
        QString command = QStringLiteral("espeak-ng");
        QString player = QStringLiteral("aplay");
    } voice;

    struct Queue {
        QString policy = QStringLiteral("booked_first"); // booked_first | interleave:N | slack[:F] | fifo
        bool bookingFallback = true;
        int recallMax = 3;
    } queue;

    // The hall (DESIGN §11): set when `hall.database` is, and then the queue lives in the hall's
    // PostgreSQL; unset, the terminal runs alone on its SQLite `database`.
    struct Hall {
        HallDatabaseUri database;
        std::optional<QString> passwordFile;
        QString password; // read from passwordFile when the config is loaded; empty without one
        int index = 0;    // 1–9, unique in the hall: its offline series is A<index>-001 …
    };
    std::optional<Hall> hall;

    QString sourcePath; // the file it was read from; relative paths resolve against its folder

    // What it was read from, for the local override file (DESIGN §12) and the diagnostics bundle:
    // the config file's JSON as read, without the local overrides, and the folder its relative
    // paths resolve against.
    QJsonObject fileJson;
    QString baseDir;

    // The site file laid over the config file (`site.json` in the state directory; see
    // ConfigLoader::withSiteFile); empty when there is none. `fileJson` includes what it holds.
    QString sitePath;

    // The terminal's local override file (`local.json` in the state directory, the folder of
    // `database`), laid over the file's JSON at start-up by ConfigLoader (LocalOverrides::Apply).
    struct Local {
        QString path;          // the local file considered; empty when none was (not asked for)
        QString usedPath;      // the file laid over: `path`, `path.bak`, or empty (none)
        QJsonObject overrides; // what that file holds; empty when none was used
        QStringList warnings;  // why `path` was not used as it is (named file and key)
    } local;
};

} // namespace hk

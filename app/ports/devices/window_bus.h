#pragma once

#include "app/ports/devices/device_health.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace hk {

// The keys of a window's caller (呼叫器). The values are hallbus's key codes (DESIGN §4); a vendor
// codec maps its own codes to these.
enum class CallerKey : std::uint8_t {
    CallNext = 1,
    Recall = 2,
    Pass = 3,
    Finish = 4,
    Pause = 5,
    Resume = 6,
    BookingMode = 7,
    NormalMode = 8,
};

QString nameOf(CallerKey key); // "call_next", "recall", "pass", "finish", "pause", "resume", "booking", "normal"
std::optional<CallerKey> callerKeyFromString(const QString &name);

// What a window board (窗口屏) shows: two lines, the first blinking right after a call.
struct BoardContent {
    QString line1;
    QString line2;
    bool blink = false;
    friend bool operator==(const BoardContent &, const BoardContent &) = default;
};

// One board, caller or evaluator on the bus, as health and the console show it.
struct WindowDeviceState {
    enum class Role { Board, Caller, Evaluator };
    int window = 0;
    Role role = Role::Board;
    int address = 0;
    DeviceHealth::State state = DeviceHealth::State::Offline; // ok | offline
    QString detail;
    friend bool operator==(const WindowDeviceState &, const WindowDeviceState &) = default;
};

QString nameOf(WindowDeviceState::Role role); // "board" | "caller" | "evaluator"

// The devices at the windows — boards, callers, evaluators — whatever bus and protocol carry them.
// Commands state what should be shown; the bus delivers the latest state when it can (a board that
// was offline is brought up to date when it answers again). Key presses and ratings come up once
// each, however lossy the line.
class WindowBus : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void show(int window, const BoardContent &content) = 0;
    // Asks the window's evaluator to rate this ticket; its next rating belongs to it.
    virtual void requestRating(int window, const QString &ticketId, const QString &ticketNumber) = 0;
    virtual DeviceHealth health() const = 0;
    virtual QList<WindowDeviceState> devices() const = 0;

Q_SIGNALS:
    void keyPressed(int window, hk::CallerKey key);
    void ratingGiven(int window, const QString &ticketId, int level);
    void healthChanged(const hk::DeviceHealth &health);
    void devicesChanged();
};

} // namespace hk

Q_DECLARE_METATYPE(hk::CallerKey)

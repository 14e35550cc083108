#pragma once

#include "app/ports/clock.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace hk {

// The way into the maintenance menu (DESIGN §12): a finger (or the mouse) held in the top-left
// 200 × 200 px of the window for 5 s. Nothing is drawn there and nothing is an accessible control:
// it is an event filter on the application, watching the presses, moves and releases that land in
// `window`. A brief tap, a hold anywhere else, or a hold that slides out of the corner opens
// nothing. Time is the Clock's: the hold's start is an instant, and a timer only wakes the filter
// to compare the clock with it (with a test's clock, the next wake-up after the test moves it acts).
class CornerHold : public QObject {
    Q_OBJECT
public:
    static constexpr int kCornerPx = 200;
    static constexpr int kHoldS = 5;

    CornerHold(QWidget &window, const Clock &clock, int wakeMs = 100, QObject *parent = nullptr);
    ~CornerHold() override;

    // Off while the menu is open (a press in its corner is a press on the menu).
    void setEnabled(bool on);
    bool holding() const { return m_pressedAt.isValid(); }

Q_SIGNALS:
    void held(); // the 5 s have passed with the finger still in the corner

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Step { Press, Move, Release };
    void step(Step what, const QPointF &globalPos);
    void onWake();
    void cancel();

    QPointer<QWidget> m_window;
    const Clock &m_clock;
    QTimer m_wake;
    QDateTime m_pressedAt; // invalid: no hold in the corner
    bool m_enabled = true;
};

} // namespace hk

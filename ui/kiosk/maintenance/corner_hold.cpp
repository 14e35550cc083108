#include "ui/kiosk/maintenance/corner_hold.h"

#include <QApplication>
#include <QMouseEvent>
#include <QTouchEvent>
#include <QWidget>

namespace hk {

CornerHold::CornerHold(QWidget &window, const Clock &clock, int wakeMs, QObject *parent)
    : QObject(parent)
    , m_window(&window)
    , m_clock(clock)
{
    m_wake.setInterval(wakeMs);
    connect(&m_wake, &QTimer::timeout, this, &CornerHold::onWake);
    qApp->installEventFilter(this);
}

CornerHold::~CornerHold()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

void CornerHold::setEnabled(bool on)
{
    m_enabled = on;
    if (!on)
        cancel();
}

bool CornerHold::eventFilter(QObject *watched, QEvent *event)
{
    // Only what lands in the window; an event passed up from a child to its parent is seen again
    // here, and counts once (a second press of the same hold changes nothing).
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!m_enabled || !m_window || !widget || (widget != m_window && !m_window->isAncestorOf(widget)))
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
        step(Step::Press, static_cast<QMouseEvent *>(event)->globalPosition());
        break;
    case QEvent::MouseMove:
        if (static_cast<QMouseEvent *>(event)->buttons() != Qt::NoButton)
            step(Step::Move, static_cast<QMouseEvent *>(event)->globalPosition());
        break;
    case QEvent::MouseButtonRelease:
        step(Step::Release, static_cast<QMouseEvent *>(event)->globalPosition());
        break;
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TouchCancel: {
        auto *touch = static_cast<QTouchEvent *>(event);
        // One finger in the corner; a second finger anywhere, or a lift, ends the hold.
        if (event->type() == QEvent::TouchCancel || touch->points().size() != 1) {
            cancel();
            break;
        }
        const QEventPoint &point = touch->points().first();
        if (event->type() == QEvent::TouchEnd || point.state() == QEventPoint::Released)
            step(Step::Release, point.globalPosition());
        else
            step(event->type() == QEvent::TouchBegin ? Step::Press : Step::Move, point.globalPosition());
        break;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void CornerHold::step(Step what, const QPointF &globalPos)
{
    const QPoint at = m_window->mapFromGlobal(globalPos).toPoint();
    const bool inCorner = at.x() >= 0 && at.y() >= 0 && at.x() < kCornerPx && at.y() < kCornerPx;
    switch (what) {
    case Step::Press:
        if (!inCorner) {
            cancel();
        } else if (!m_pressedAt.isValid()) {
            m_pressedAt = m_clock.now();
            m_wake.start();
        }
        break;
    case Step::Move:
        if (!inCorner)
            cancel();
        break;
    case Step::Release:
        cancel();
        break;
    }
}

void CornerHold::onWake()
{
    if (!m_pressedAt.isValid()) {
        m_wake.stop();
        return;
    }
    if (m_pressedAt.msecsTo(m_clock.now()) >= qint64(kHoldS) * 1000) {
        cancel();
        Q_EMIT held();
    }
}

void CornerHold::cancel()
{
    m_pressedAt = {};
    m_wake.stop();
}

} // namespace hk

#pragma once

#include "app/ports/devices/code_scanner.h"
#include "drivers/devices/qr_frame_worker.h"

#include <QElapsedTimer>

#include <memory>

class QCamera;
class QMediaCaptureSession;
class QVideoFrame;
class QVideoSink;

namespace hk {

// A camera that reads QR codes (DESIGN §4, optional): Qt Multimedia captures, ZXing decodes on a
// worker thread. A phone held in front of it shows the same code for seconds, so one code is one
// scan until a different one is seen or the same one has been out of sight for a moment.
class CameraScanner final : public CodeScanner {
    Q_OBJECT
public:
    // `camera`: "default", or a camera's id or description as Qt Multimedia lists it.
    explicit CameraScanner(QString camera, QObject *parent = nullptr);
    ~CameraScanner() override;

    void start() override;
    DeviceHealth health() const override { return m_health; }
    QString name() const override { return QStringLiteral("camera"); }

private:
    void onFrame(const QVideoFrame &frame);
    void onDecoded(const QString &text);
    void setHealth(DeviceHealth health);

    QString m_cameraName;
    std::unique_ptr<QCamera> m_camera;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QVideoSink> m_sink;
    QrFrameWorker m_worker;
    QElapsedTimer m_sinceFrame;
    QString m_lastText;
    QElapsedTimer m_sinceLastText;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
};

} // namespace hk

#include "drivers/devices/camera_scanner.h"

#include "drivers/devices/logging.h"

#include <QCamera>
#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoSink>

namespace hk {
namespace {

constexpr int kFrameIntervalMs = 150;  // a few decodes a second are plenty for a held-up phone
constexpr int kSameCodeQuietMs = 3000; // the same code again after this long is a new scan

} // namespace

CameraScanner::CameraScanner(QString camera, QObject *parent)
    : CodeScanner(parent)
    , m_cameraName(std::move(camera))
{
    connect(&m_worker, &QrFrameWorker::decoded, this, &CameraScanner::onDecoded);
}

CameraScanner::~CameraScanner()
{
    if (m_camera)
        m_camera->stop();
}

void CameraScanner::start()
{
    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    QCameraDevice chosen;
    if (m_cameraName == QLatin1String("default")) {
        chosen = QMediaDevices::defaultVideoInput();
    } else {
        for (const QCameraDevice &c : cameras) {
            if (QString::fromUtf8(c.id()) == m_cameraName || c.description() == m_cameraName)
                chosen = c;
        }
    }
    if (chosen.isNull()) {
        QStringList known;
        for (const QCameraDevice &c : cameras)
            known << QStringLiteral("%1 (%2)").arg(c.description(), QString::fromUtf8(c.id()));
        const QString detail = QStringLiteral("no camera \"%1\" (found: %2)")
                                   .arg(m_cameraName, known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")));
        qCWarning(lcScanner).noquote() << "camera:" << detail;
        setHealth({DeviceHealth::State::Offline, detail, DeviceError::Offline});
        return;
    }
    m_camera = std::make_unique<QCamera>(chosen);
    m_session = std::make_unique<QMediaCaptureSession>();
    m_sink = std::make_unique<QVideoSink>();
    m_session->setCamera(m_camera.get());
    m_session->setVideoSink(m_sink.get());
    connect(m_sink.get(), &QVideoSink::videoFrameChanged, this, &CameraScanner::onFrame);
    connect(m_camera.get(), &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
        qCWarning(lcScanner).noquote() << "camera error:" << text;
        setHealth({DeviceHealth::State::Error, text, DeviceError::Offline});
    });
    connect(m_camera.get(), &QCamera::activeChanged, this, [this](bool active) {
        if (active)
            setHealth({DeviceHealth::State::Ok, QStringLiteral("capturing from %1").arg(m_camera->cameraDevice().description()), std::nullopt});
    });
    m_sinceFrame.start();
    m_camera->start();
}

void CameraScanner::onFrame(const QVideoFrame &frame)
{
    if (m_sinceFrame.elapsed() < kFrameIntervalMs || m_worker.isBusy())
        return;
    m_sinceFrame.restart();
    const QImage image = frame.toImage();
    if (!image.isNull())
        m_worker.submit(image);
}

void CameraScanner::onDecoded(const QString &text)
{
    const bool repeat = text == m_lastText && m_sinceLastText.isValid() && m_sinceLastText.elapsed() < kSameCodeQuietMs;
    m_lastText = text;
    m_sinceLastText.restart(); // seen again: the quiet time starts over
    if (repeat)
        return;
    qCDebug(lcScanner) << "camera: a code of" << text.size() << "characters";
    Q_EMIT scanned(text);
}

void CameraScanner::setHealth(DeviceHealth health)
{
    if (health == m_health)
        return;
    m_health = std::move(health);
    Q_EMIT healthChanged(m_health);
}

} // namespace hk

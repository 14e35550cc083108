#pragma once

#include "app/ports/devices/code_scanner.h"
#include "drivers/devices/qr_frame_worker.h"

#include <QHash>
#include <QStringList>
#include <QTimer>

namespace hk {

// Frames from image files instead of a camera (DESIGN §8, `devices.camera` set to a folder): each
// picture that appears in the folder (PNG, JPEG, BMP) is decoded once, as a camera frame would be.
// For test rigs and for a technician replaying what a camera saw.
class ImageFolderScanner final : public CodeScanner {
    Q_OBJECT
public:
    explicit ImageFolderScanner(QString folder, int pollMs = 200, QObject *parent = nullptr);

    void start() override;
    DeviceHealth health() const override { return m_health; }
    QString name() const override { return QStringLiteral("camera"); }

private:
    void look();
    void next();
    void setHealth(DeviceHealth health);

    QString m_folder;
    QrFrameWorker m_worker;
    QTimer m_poll;
    QHash<QString, qint64> m_seen; // file → its modification time when decoded
    QStringList m_queue;
    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
};

} // namespace hk

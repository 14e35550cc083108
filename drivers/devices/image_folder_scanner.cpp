#include "drivers/devices/image_folder_scanner.h"

#include "drivers/devices/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>

namespace hk {

ImageFolderScanner::ImageFolderScanner(QString folder, int pollMs, QObject *parent)
    : CodeScanner(parent)
    , m_folder(std::move(folder))
{
    m_poll.setInterval(pollMs);
    connect(&m_poll, &QTimer::timeout, this, &ImageFolderScanner::look);
    connect(&m_worker, &QrFrameWorker::decoded, this, [this](const QString &text) {
        Q_EMIT scanned(text);
        next();
    });
    connect(&m_worker, &QrFrameWorker::nothingFound, this, [this] {
        qCDebug(lcScanner) << "camera folder: no QR code in a picture";
        next();
    });
}

void ImageFolderScanner::start()
{
    look();
    m_poll.start();
}

void ImageFolderScanner::look()
{
    const QDir dir(m_folder);
    if (!dir.exists()) {
        setHealth({DeviceHealth::State::Offline, QStringLiteral("no folder %1").arg(m_folder), DeviceError::Offline});
        return;
    }
    setHealth({DeviceHealth::State::Ok, QStringLiteral("frames from %1").arg(m_folder), std::nullopt});
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"),
                                                   QStringLiteral("*.bmp")},
                                                  QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        const qint64 modified = file.lastModified().toMSecsSinceEpoch();
        const QString path = file.absoluteFilePath();
        if (m_seen.value(path, -1) == modified || m_queue.contains(path))
            continue;
        m_seen.insert(path, modified);
        m_queue.append(path);
    }
    if (!m_worker.isBusy())
        next();
}

void ImageFolderScanner::next()
{
    while (!m_queue.isEmpty() && !m_worker.isBusy()) {
        const QString path = m_queue.takeFirst();
        QImageReader reader(path);
        const QImage image = reader.read();
        if (image.isNull()) {
            // Perhaps still being written: look again on the next round.
            m_seen.remove(path);
            continue;
        }
        m_worker.submit(image);
    }
}

void ImageFolderScanner::setHealth(DeviceHealth health)
{
    if (health == m_health)
        return;
    m_health = std::move(health);
    Q_EMIT healthChanged(m_health);
}

} // namespace hk

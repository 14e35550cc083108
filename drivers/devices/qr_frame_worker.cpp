#include "drivers/devices/qr_frame_worker.h"

#include "drivers/protocols/qr_image/qr_image_decoder.h"

#include <QPointer>

namespace hk {

QrFrameWorker::QrFrameWorker(QObject *parent)
    : QObject(parent)
    , m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("qr-decoder"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

QrFrameWorker::~QrFrameWorker()
{
    m_thread.quit();
    m_thread.wait();
}

bool QrFrameWorker::submit(const QImage &image)
{
    if (m_busy.exchange(true))
        return false;
    QPointer<QrFrameWorker> self(this);
    QMetaObject::invokeMethod(
        m_context,
        [self, image] {
            const std::optional<QString> text = QrImageDecoder::decode(image);
            // Back to the owner's thread, if it is still there.
            QMetaObject::invokeMethod(
                self.data(),
                [self, text] {
                    if (!self)
                        return;
                    self->m_busy = false;
                    if (text)
                        Q_EMIT self->decoded(*text);
                    else
                        Q_EMIT self->nothingFound();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return true;
}

} // namespace hk

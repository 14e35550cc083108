#include "app/services/hall/announcement_service.h"

#include "app/services/logging.h"

namespace hk {

AnnouncementService::AnnouncementService(VoiceOutput &voice, AnnouncementSettings settings, QObject *parent)
    : QObject(parent)
    , m_voice(voice)
    , m_settings(settings)
{
}

QString AnnouncementService::textFor(const CallAnnouncement &call)
{
    // Spaces around the number keep the synthesiser from running it into the words beside it.
    return QStringLiteral("请 %1 号 到 %2 办理").arg(call.number, call.windowName);
}

void AnnouncementService::announce(const CallAnnouncement &call)
{
    if (!m_settings.enabled)
        return;
    const QString text = textFor(call);
    if (m_queue.size() >= m_settings.maxQueued) {
        qCWarning(lcVoice).noquote() << "announcements are falling behind; dropping" << m_queue.head();
        m_queue.dequeue();
    }
    m_queue.enqueue(text);
    Q_EMIT announcementQueued(text);
    speakNext();
}

void AnnouncementService::speakNext()
{
    if (m_speaking || m_queue.isEmpty())
        return;
    m_speaking = true;
    const QString text = m_queue.dequeue();
    m_voice.speak(text, [this, text](const Result<QString, DeviceError> &result) {
        m_speaking = false;
        if (result) {
            qCInfo(lcVoice).noquote() << "announced" << text;
            Q_EMIT announced(text, result.value());
        } else {
            qCWarning(lcVoice).noquote() << "could not announce" << text << ":" << nameOf(result.error());
            Q_EMIT announcementFailed(text, result.error());
        }
        speakNext();
    });
}

} // namespace hk

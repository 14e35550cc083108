#pragma once

#include "app/ports/devices/voice_output.h"
#include "app/services/queue_service.h"

#include <QObject>
#include <QQueue>

namespace hk {

struct AnnouncementSettings {
    bool enabled = true;
    int maxQueued = 20; // beyond that the oldest waiting announcement is dropped (the hall has moved on)
};

// The hall's voice (DESIGN §4, Voice): every call and recall said once, in order, one at a time —
// never two over each other — as "请 Y003 号 到 3号窗口 办理" with the window's catalog name.
class AnnouncementService : public QObject {
    Q_OBJECT
public:
    AnnouncementService(VoiceOutput &voice, AnnouncementSettings settings, QObject *parent = nullptr);

    static QString textFor(const CallAnnouncement &call);

    void announce(const CallAnnouncement &call);
    int queued() const { return int(m_queue.size()); }
    bool speaking() const { return m_speaking; }

Q_SIGNALS:
    void announcementQueued(const QString &text);
    void announced(const QString &text, const QString &wavPath);
    void announcementFailed(const QString &text, hk::DeviceError error);

private:
    void speakNext();

    VoiceOutput &m_voice;
    AnnouncementSettings m_settings;
    QQueue<QString> m_queue;
    bool m_speaking = false;
};

} // namespace hk

#pragma once

#include <QImage>
#include <QObject>
#include <QThread>

#include <atomic>

namespace hk {

// Decodes QR codes in pictures on a thread of its own, so a camera's frames never hold up the
// screen (STYLE.md: blocking work behind an async interface). One picture at a time: while one is
// being decoded, new ones are refused, which is what a camera's stream needs.
class QrFrameWorker : public QObject {
    Q_OBJECT
public:
    explicit QrFrameWorker(QObject *parent = nullptr);
    ~QrFrameWorker() override;

    // False when a picture is still being decoded; the picture is then dropped.
    bool submit(const QImage &image);
    bool isBusy() const { return m_busy.load(); }

Q_SIGNALS:
    void decoded(const QString &text); // on the thread that owns the worker
    void nothingFound();

private:
    QThread m_thread;
    QObject *m_context; // lives on m_thread
    std::atomic<bool> m_busy{false};
};

} // namespace hk

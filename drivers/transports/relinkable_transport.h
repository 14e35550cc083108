#pragma once

#include "app/domain/result.h"
#include "drivers/transports/byte_transport.h"

#include <QTimer>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace hk {

// A transport whose link can be swapped while the device behind it runs (DESIGN §12: a port is
// re-assigned without a restart). It forwards everything to its current link. relink() opens the
// next one beside it; once that reports opened, the old link is closed and dropped and the device
// sees lost() then opened(), so it asks the device how it is, as after a replug. A link that fails
// to open, or does not open in time, is closed (its own retries stopped) and dropped, and the old
// one runs on untouched. One relink at a time. A new link to the node the old one holds (the same
// port at another baud, or through another of its names) cannot open beside it: the old one lets go
// first, and is opened again if the new one fails.
class RelinkableTransport final : public ByteTransport {
    Q_OBJECT
public:
    using RelinkCallback = std::function<void(Result<void, QString>)>;

    explicit RelinkableTransport(std::unique_ptr<ByteTransport> link, QObject *parent = nullptr);
    ~RelinkableTransport() override;

    void open() override;
    void close() override;
    bool isOpen() const override { return m_link->isOpen(); }
    bool write(const QByteArray &bytes) override { return m_link->write(bytes); }
    qint64 bytesToWrite() const override { return m_link->bytesToWrite(); }
    void discardInput() override { m_link->discardInput(); }
    bool canRead() const override { return m_link->canRead(); }
    QString describe() const override { return m_link->describe(); }
    QString devicePath() const override { return m_link->devicePath(); }

    // `done` runs exactly once, from the event loop (never inside this call): Ok once `next`
    // carries the device, or the reason it does not (its describe() and what failed). A relink
    // asked for while one is under way fails at once, leaving that one be.
    void relink(std::unique_ptr<ByteTransport> next, int timeoutMs, RelinkCallback done);
    bool isRelinking() const { return m_next != nullptr; }
    const ByteTransport &link() const { return *m_link; }

private:
    void attach(ByteTransport &link);
    void onNextOpened();
    void giveUp(const QString &reason);
    void retire(std::unique_ptr<ByteTransport> link);
    void answer(RelinkCallback done, Result<void, QString> result);

    std::unique_ptr<ByteTransport> m_link;
    std::unique_ptr<ByteTransport> m_next; // being opened
    RelinkCallback m_done;
    QTimer m_timeout;
    int m_timeoutMs = 0;
    bool m_wanted = false; // open() was called and close() was not
    bool m_handedOver = false; // the old link let go of its node for the one being opened
    std::vector<std::pair<RelinkCallback, Result<void, QString>>> m_answers; // decided, not yet told
};

} // namespace hk

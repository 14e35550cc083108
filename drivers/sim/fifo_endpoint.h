#pragma once

#include "drivers/sim/sim_endpoint.h"

#include <QSocketNotifier>

#include <memory>

namespace hk {

// A FIFO at a path, standing in for a write-only /dev/usb/lp0: the host writes, nothing comes
// back. Unplugging removes the node and closes the reader, so the host's next write fails.
class FifoEndpoint final : public SimEndpoint {
    Q_OBJECT
public:
    static Result<std::unique_ptr<FifoEndpoint>, QString> create(const QString &path);
    ~FifoEndpoint() override;

    QString address() const override { return m_path; }
    bool send(const QByteArray &) override { return false; }
    void unplug() override;
    Result<void, QString> plug() override;
    bool isPlugged() const override { return m_reader >= 0; }

private:
    explicit FifoEndpoint(QString path) : m_path(std::move(path)) {}
    void onReadable();

    QString m_path;
    int m_reader = -1;
    int m_keepOpen = -1; // our own writer, so the host closing its end is not an end of file
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace hk

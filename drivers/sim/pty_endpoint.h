#pragma once

#include "drivers/sim/pseudo_terminal.h"
#include "drivers/sim/sim_endpoint.h"

#include <QSocketNotifier>

#include <memory>

namespace hk {

// A pseudo-terminal: the simulator holds the master, the host opens the slave (or the symlink
// `linkPath` to it, which stays the same across unplug and plug).
class PtyEndpoint final : public SimEndpoint {
    Q_OBJECT
public:
    static Result<std::unique_ptr<PtyEndpoint>, QString> open(const QString &linkPath = {});

    QString address() const override { return m_pty ? m_pty->hostPath() : m_linkPath; }
    bool send(const QByteArray &bytes) override;
    void unplug() override;
    Result<void, QString> plug() override;
    bool isPlugged() const override { return m_pty != nullptr; }

private:
    explicit PtyEndpoint(QString linkPath) : m_linkPath(std::move(linkPath)) {}
    void onReadable();

    QString m_linkPath;
    std::unique_ptr<PseudoTerminal> m_pty;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace hk

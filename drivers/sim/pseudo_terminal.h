#pragma once

#include "app/domain/result.h"

#include <QString>

#include <memory>

namespace hk {

// A pseudo-terminal pair for a simulated device: the simulator holds the master side and hands the
// slave's path to whoever plays the host (the real serial transport). The slave stays open here
// too, so the host can close and reopen it without the master seeing a hang-up.
class PseudoTerminal {
public:
    static Result<std::unique_ptr<PseudoTerminal>, QString> open(const QString &linkPath = {});
    ~PseudoTerminal();
    PseudoTerminal(const PseudoTerminal &) = delete;
    PseudoTerminal &operator=(const PseudoTerminal &) = delete;

    int masterFd() const { return m_master; }
    QString slavePath() const { return m_slavePath; } // /dev/pts/N
    QString linkPath() const { return m_linkPath; }   // a stable symlink, when asked for
    QString hostPath() const { return m_linkPath.isEmpty() ? m_slavePath : m_linkPath; }

private:
    PseudoTerminal() = default;

    int m_master = -1;
    int m_slave = -1;
    QString m_slavePath;
    QString m_linkPath;
};

} // namespace hk

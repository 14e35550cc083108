#pragma once

// A TcpProxy on a thread of its own, for a client under test that blocks the test's thread — the
// hall's main connection, whose queries (and reconnects) run on the thread that owns it: the proxy
// keeps forwarding while that thread waits. Each call is run on the proxy's thread and waited for.
// Header-only; users link hallkiosk_test_support.

#include "tests/support/tcp_proxy.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace hk::test {

class TcpProxyThread {
public:
    TcpProxyThread(const QString &targetHost, quint16 targetPort)
    {
        m_thread.setObjectName(QStringLiteral("tcp proxy"));
        m_context.moveToThread(&m_thread);
        m_thread.start();
        onThread([&] {
            m_proxy = std::make_unique<TcpProxy>(targetHost, targetPort); // its server lives on the thread
            m_error = m_proxy->listen();
            m_port = m_proxy->port();
        });
    }
    ~TcpProxyThread()
    {
        onThread([this] { m_proxy.reset(); });
        m_thread.quit();
        m_thread.wait();
    }
    TcpProxyThread(const TcpProxyThread &) = delete;
    TcpProxyThread &operator=(const TcpProxyThread &) = delete;

    // Empty when listening, otherwise why not.
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }

    void blackHole() { onThread([this] { m_proxy->blackHole(); }); }
    void refuse() { onThread([this] { m_proxy->refuse(); }); }
    void resume() { onThread([this] { m_proxy->resume(); }); }
    void closeAll() { onThread([this] { m_proxy->closeAll(); }); }
    int accepted()
    {
        int n = 0;
        onThread([&] { n = m_proxy->accepted(); });
        return n;
    }

private:
    void onThread(const std::function<void()> &fn) { QMetaObject::invokeMethod(&m_context, fn, Qt::BlockingQueuedConnection); }

    QThread m_thread;
    QObject m_context;
    std::unique_ptr<TcpProxy> m_proxy;
    QString m_error;
    quint16 m_port = 0;
};

} // namespace hk::test

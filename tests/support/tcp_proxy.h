#pragma once

#include <QString>
#include <QTcpServer>

#include <vector>

namespace hk::test {

// A loopback TCP proxy between a client under test and a server (a private PostgreSQL, the
// reference platform …), to play the network's failures on demand. It listens on 127.0.0.1 and
// an ephemeral port and, for each connection taken in, opens one to the target and copies bytes
// both ways. It works in the thread that made it and needs that thread's event loop turning
// (QTest::qWait, QTRY_*), so a client that blocks (a QSqlQuery) runs on a thread of its own.
class TcpProxy {
public:
    enum class Mode {
        Forward,
        // A pulled cable as the client sees it: connections stay open, what it sends is taken and
        // nothing comes back; new connections are taken in the same way. resume() delivers what
        // was held, as TCP does when the cable is back.
        BlackHole,
        // A server that is gone: each new connection is closed at once; open ones keep working.
        Refuse,
    };

    TcpProxy(QString targetHost, quint16 targetPort);
    ~TcpProxy();
    TcpProxy(const TcpProxy &) = delete;
    TcpProxy &operator=(const TcpProxy &) = delete;

    // Empty when listening, otherwise why not.
    QString listen();
    static QString host() { return QStringLiteral("127.0.0.1"); }
    quint16 port() const { return m_server.serverPort(); }

    void blackHole();
    void refuse();
    // Back to forwarding: held connections reach the target and held bytes are delivered.
    void resume();
    // Resets every connection now (a crashed server or middlebox); the mode stays.
    void closeAll();

    Mode mode() const { return m_mode; }
    int accepted() const { return m_accepted; } // connections taken in since the start, refused ones too
    int refused() const { return m_refused; }
    int open() const { return int(m_links.size()); }

private:
    class Link;
    void onNewConnection();
    void pump(Link *link);
    void drop(Link *link);
    void deleteDropped();

    QTcpServer m_server;
    QString m_targetHost;
    quint16 m_targetPort;
    Mode m_mode = Mode::Forward;
    std::vector<Link *> m_links;   // owned
    std::vector<Link *> m_dropped; // closed; deleted outside their own sockets' signals
    int m_accepted = 0;
    int m_refused = 0;
};

} // namespace hk::test

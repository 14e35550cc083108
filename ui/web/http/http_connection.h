#pragma once

#include "ui/web/http/limits.h"
#include "ui/web/http/request.h"
#include "ui/web/http/response.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class QTcpSocket;

namespace hk::http {

class Router;

// How a connection hands a protocol upgrade on (the server's WebSocket path): `check` refuses with
// a response or lets it through; `take` then gets the socket with the handshake bytes still unread.
struct UpgradeHandler {
    QString path;
    std::function<std::optional<Response>(const Request &)> check;
    std::function<void(QTcpSocket *, const Request &)> take;
};

// One client connection (DESIGN §16), on the event loop: reads a request head within the head
// timeout and at most Limits::maxHeadBytes, the body only when its Content-Length is within
// Limits::maxBodyBytes, hands each request to the router and writes the answers in order
// (pipelined requests wait their turn; nothing more is read meanwhile, so the socket's bounded
// read buffer pushes back on the client). Refusals (400, 411, 413, 431) are answered, then the
// connection closes gracefully: written out, the write side shut, what the client still sends
// discarded for Limits::lingerTimeout, then closed.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, QHostAddress peer, const Router &router, const Limits &limits,
                   const QList<Response::Header> &defaultHeaders, const UpgradeHandler *upgrade, QObject *parent = nullptr);
    ~HttpConnection() override;

    QHostAddress peer() const { return m_peer; }
    // No request being handled or answered: waiting for (the rest of) a request head. Such a
    // connection may be closed to make room for another client's (HttpServer).
    bool isWaitingForRequest() const { return m_state == State::Head; }
    // Closes the connection now (finished() follows).
    void drop() { close(); }
    // The answer to request `serial` (Responder); ignored if that request is no longer the one waiting.
    void respond(quint64 serial, Response response);

Q_SIGNALS:
    void finished(); // closed or handed on; deleted later

private:
    enum class State { Head, Body, Handling, Lingering, Closed };

    void onReadyRead();
    void readHead();
    void readBody();
    void dispatch();
    void refuse(StatusCode status, const QString &code, const QString &message);
    void write(const Response &response, bool close);
    void onBytesWritten();
    bool writtenOut() const;
    void shutDownWriteSide();
    void discardInput();
    void close();

    QTcpSocket *m_socket;
    QHostAddress m_peer;
    const Router &m_router;
    const Limits &m_limits;
    const QList<Response::Header> &m_defaultHeaders;
    const UpgradeHandler *m_upgrade;

    State m_state = State::Head;
    QTimer m_deadline; // the head, then the body
    QTimer m_idle;
    QTimer m_linger;
    QByteArray m_head;
    qsizetype m_scanned = 0;
    Request m_request;
    qint64 m_bodyLength = 0;
    bool m_closeAfterResponse = false;
    bool m_http10 = false;
    bool m_headOnly = false; // the request being answered is a HEAD: headers only
    bool m_writeShut = false;
    bool m_resumeQueued = false;
    quint64 m_serial = 0;
};

} // namespace hk::http

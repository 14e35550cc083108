#pragma once

#include "ui/web/http/response.h"

#include <QPointer>

namespace hk::http {

class HttpConnection;

// Answers one request, now or later (a handler that finishes on a worker thread answers from the
// server's thread when it is done). Move-only and one-shot. If the client has gone in the
// meantime, send() does nothing: the responder holds the connection by QPointer, never a socket.
// A responder dropped without an answer sends 500, so no request is left hanging. Use it on the
// server's thread only.
class Responder {
public:
    Responder(HttpConnection *connection, quint64 serial);
    Responder(Responder &&other) noexcept;
    Responder &operator=(Responder &&other) noexcept;
    Responder(const Responder &) = delete;
    Responder &operator=(const Responder &) = delete;
    ~Responder();

    void send(Response response);
    bool isConnected() const { return !m_connection.isNull(); }

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_serial = 0;
    bool m_sent = false;
};

} // namespace hk::http

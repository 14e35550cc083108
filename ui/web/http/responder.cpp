#include "ui/web/http/responder.h"

#include "ui/web/http/http_connection.h"

namespace hk::http {

Responder::Responder(HttpConnection *connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{
}

Responder::Responder(Responder &&other) noexcept
    : m_connection(std::move(other.m_connection))
    , m_serial(other.m_serial)
    , m_sent(other.m_sent)
{
    other.m_sent = true;
}

Responder &Responder::operator=(Responder &&other) noexcept
{
    if (this != &other) {
        if (!m_sent)
            send(Response::jsonError(StatusCode::InternalServerError, QStringLiteral("no_answer"), QStringLiteral("the handler gave no answer")));
        m_connection = std::move(other.m_connection);
        m_serial = other.m_serial;
        m_sent = other.m_sent;
        other.m_sent = true;
    }
    return *this;
}

Responder::~Responder()
{
    if (!m_sent)
        send(Response::jsonError(StatusCode::InternalServerError, QStringLiteral("no_answer"), QStringLiteral("the handler gave no answer")));
}

void Responder::send(Response response)
{
    if (m_sent)
        return;
    m_sent = true;
    if (HttpConnection *c = m_connection.data())
        c->respond(m_serial, std::move(response));
}

} // namespace hk::http

#include "ui/web/http/http_connection.h"

#include "ui/web/http/responder.h"
#include "ui/web/http/router.h"
#include "ui/web/http/http_logging.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace hk::http {

namespace {

// Connection: close (HTTP/1.1) or no Connection: keep-alive (HTTP/1.0).
bool wantsClose(const Request &request)
{
    const QList<QByteArray> tokens = request.value("connection").toLower().split(',');
    bool close = request.isHttp10();
    for (const QByteArray &t : tokens) {
        if (t.trimmed() == "close")
            close = true;
        else if (t.trimmed() == "keep-alive" && request.isHttp10())
            close = false;
    }
    return close;
}

std::optional<qint64> contentLength(const Request &request, bool *malformed)
{
    std::optional<qint64> length;
    for (const Request::Header &h : request.headers()) {
        if (h.first != "content-length")
            continue;
        bool ok = !h.second.isEmpty() && h.second.size() <= 18 &&
                  std::all_of(h.second.begin(), h.second.end(), [](char c) { return c >= '0' && c <= '9'; });
        const qint64 value = ok ? h.second.toLongLong(&ok) : -1;
        if (!ok || (length && *length != value)) {
            *malformed = true;
            return std::nullopt;
        }
        length = value;
    }
    return length;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, QHostAddress peer, const Router &router, const Limits &limits,
                               const QList<Response::Header> &defaultHeaders, const UpgradeHandler *upgrade, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_peer(std::move(peer))
    , m_router(router)
    , m_limits(limits)
    , m_defaultHeaders(defaultHeaders)
    , m_upgrade(upgrade)
{
    m_socket->setParent(this);
    // What one connection may hold unread: a whole request and a little more. Beyond it Qt stops
    // reading from the kernel and TCP pushes back on the client.
    m_socket->setReadBufferSize(m_limits.maxHeadBytes + m_limits.maxBodyBytes + 4096);
    m_deadline.setSingleShot(true);
    m_idle.setSingleShot(true);
    m_linger.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCDebug(lcHttp).noquote() << "closing" << m_peer.toString() << ": request not complete in time";
        close();
    });
    connect(&m_idle, &QTimer::timeout, this, [this] {
        qCDebug(lcHttp).noquote() << "closing" << m_peer.toString() << ": idle";
        close();
    });
    connect(&m_linger, &QTimer::timeout, this, &HttpConnection::close);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::close);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::close);
    m_deadline.start(m_limits.headTimeout);
    m_idle.start(m_limits.idleTimeout);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HttpConnection::onReadyRead()
{
    m_resumeQueued = false;
    if (m_state == State::Closed)
        return;
    if (m_socket->bytesAvailable() > 0 && m_state != State::Lingering)
        m_idle.start(m_limits.idleTimeout);
    switch (m_state) {
    case State::Head:
        readHead();
        break;
    case State::Body:
        readBody();
        break;
    case State::Lingering:
        discardInput();
        break;
    case State::Handling: // one request at a time: the next waits, unread
    case State::Closed:
        break;
    }
}

void HttpConnection::readHead()
{
    if (m_socket->bytesAvailable() <= 0)
        return;
    // On keep-alive the next head's time starts with its first byte (the idle timer ran until then).
    if (!m_deadline.isActive())
        m_deadline.start(m_limits.headTimeout);
    // A transaction keeps every byte read so far in the socket: the head is read here, then rolled
    // back, so a WebSocket upgrade can hand the handshake on untouched.
    if (!m_socket->isTransactionStarted()) {
        // Empty lines before a request line are ignored (RFC 9112 §2.2: some clients send a CRLF
        // after a body).
        char c = 0;
        while (m_socket->peek(&c, 1) == 1 && (c == '\r' || c == '\n'))
            m_socket->skip(1);
        if (m_socket->bytesAvailable() <= 0)
            return;
        m_socket->startTransaction();
        m_head.clear();
        m_scanned = 0;
    }
    m_head += m_socket->read(m_limits.maxHeadBytes - m_head.size());
    const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, m_scanned - 3));
    if (end < 0) {
        m_scanned = m_head.size();
        if (m_head.size() >= m_limits.maxHeadBytes) {
            m_socket->commitTransaction();
            refuse(StatusCode::RequestHeaderFieldsTooLarge, QStringLiteral("head_too_large"),
                   QStringLiteral("the request line and headers exceed %1 bytes").arg(m_limits.maxHeadBytes));
        }
        return;
    }
    const qsizetype headLength = end + 4;
    m_socket->rollbackTransaction();
    auto parsed = parseRequestHead(m_head.left(headLength), m_peer);
    m_head.clear();
    m_headOnly = parsed && parsed->method() == Method::Head;
    if (!parsed) {
        m_socket->skip(headLength);
        refuse(StatusCode::BadRequest, QStringLiteral("bad_request"), parsed.error());
        return;
    }
    m_request = std::move(parsed.value());
    m_http10 = m_request.isHttp10();

    if (m_upgrade && m_request.method() == Method::Get && m_request.url().path() == m_upgrade->path &&
        m_request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
        if (auto refusal = m_upgrade->check(m_request)) {
            m_socket->skip(headLength);
            m_closeAfterResponse = true;
            write(*refusal, true);
            return;
        }
        // Handed on with the handshake unread: this connection is done with the socket.
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->setParent(nullptr);
        socket->setReadBufferSize(0); // the WebSocket bounds its own frames
        m_state = State::Closed;
        m_deadline.stop();
        m_idle.stop();
        const UpgradeHandler *upgrade = m_upgrade;
        const Request request = m_request;
        Q_EMIT finished();
        deleteLater();
        upgrade->take(socket, request);
        return;
    }
    m_socket->skip(headLength);

    if (m_request.hasHeader("transfer-encoding")) {
        refuse(StatusCode::LengthRequired, QStringLiteral("length_required"),
               QStringLiteral("send the body with a Content-Length (chunked bodies are not accepted)"));
        return;
    }
    bool malformed = false;
    const auto length = contentLength(m_request, &malformed);
    if (malformed) {
        refuse(StatusCode::BadRequest, QStringLiteral("bad_request"), QStringLiteral("Content-Length is not one number"));
        return;
    }
    if (length && *length > m_limits.maxBodyBytes) {
        refuse(StatusCode::PayloadTooLarge, QStringLiteral("payload_too_large"),
               QStringLiteral("the body may be at most %1 bytes; this one says %2").arg(m_limits.maxBodyBytes).arg(*length));
        return;
    }
    m_closeAfterResponse = wantsClose(m_request);
    m_bodyLength = length.value_or(0);
    if (m_bodyLength == 0) {
        dispatch();
        return;
    }
    m_state = State::Body;
    m_deadline.start(m_limits.headTimeout); // the body gets as long again
    readBody();
}

void HttpConnection::readBody()
{
    QByteArray body = m_request.body();
    body += m_socket->read(m_bodyLength - body.size());
    m_request.setBody(body);
    if (body.size() == m_bodyLength)
        dispatch();
}

void HttpConnection::dispatch()
{
    m_state = State::Handling;
    m_deadline.stop();
    const quint64 serial = ++m_serial;
    Request request = std::move(m_request);
    m_request = Request();
    if (request.method() == Method::Head)
        request.answerAsGet();
    m_router.dispatch(request, Responder(this, serial));
}

void HttpConnection::respond(quint64 serial, Response response)
{
    if (m_state != State::Handling || serial != m_serial)
        return;
    write(response, m_closeAfterResponse);
    if (m_state == State::Lingering || m_state == State::Closed)
        return;
    m_state = State::Head;
    m_idle.start(m_limits.idleTimeout);
    // The next pipelined request, once the client has read most of what it was sent.
    if (m_socket->bytesAvailable() > 0 && m_socket->bytesToWrite() < m_limits.maxPendingWriteBytes && !m_resumeQueued) {
        m_resumeQueued = true;
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

void HttpConnection::refuse(StatusCode status, const QString &code, const QString &message)
{
    qCDebug(lcHttp).noquote() << "refusing" << m_peer.toString() << int(status) << code;
    m_request = Request();
    write(Response::jsonError(status, code, message), true);
}

void HttpConnection::write(const Response &response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(int(response.statusCode())) + ' ' + reasonPhrase(response.statusCode()) + "\r\n";
    for (const Response::Header &h : response.headers())
        out += h.first + ": " + h.second + "\r\n";
    for (const Response::Header &h : m_defaultHeaders) {
        if (!response.omits(h.first) && response.header(h.first).isNull())
            out += h.first + ": " + h.second + "\r\n";
    }
    if (response.statusCode() != StatusCode::NoContent)
        out += "Content-Length: " + QByteArray::number(response.body().size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    else if (m_http10)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    // A HEAD is told the length a GET's body would have, and sent none (RFC 9110 §9.3.2).
    if (response.statusCode() != StatusCode::NoContent && !m_headOnly)
        out += response.body();
    m_socket->write(out);
    if (!close)
        return;
    m_state = State::Lingering;
    m_deadline.stop();
    m_idle.stop();
    m_linger.start(m_limits.lingerTimeout + m_limits.idleTimeout); // written out and drained, or given up
    discardInput();
    onBytesWritten();
}

bool HttpConnection::writtenOut() const
{
    if (m_socket->bytesToWrite() > 0)
        return false;
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        return ssl->encryptedBytesToWrite() == 0;
    return true;
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Closed)
        return;
    if (m_state != State::Lingering) {
        m_idle.start(m_limits.idleTimeout);
        if (m_state == State::Head && m_socket->bytesAvailable() > 0 && m_socket->bytesToWrite() < m_limits.maxPendingWriteBytes &&
            !m_resumeQueued) {
            m_resumeQueued = true;
            QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
        }
        return;
    }
    if (!m_writeShut && writtenOut())
        shutDownWriteSide();
}

void HttpConnection::shutDownWriteSide()
{
    m_writeShut = true;
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS has its own close (close_notify); Qt sends it on disconnectFromHost.
        m_socket->disconnectFromHost();
        return;
    }
    // The client sees the answer and then the end of the stream; what it still sends is read and
    // dropped for a while, so its kernel gets no reset that would discard the answer unread.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_linger.start(m_limits.lingerTimeout);
}

void HttpConnection::discardInput()
{
    char sink[16384];
    while (m_socket->bytesAvailable() > 0 && m_socket->read(sink, sizeof sink) > 0) {
    }
}

void HttpConnection::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_deadline.stop();
    m_idle.stop();
    m_linger.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT finished();
    deleteLater();
}

} // namespace hk::http

#pragma once

#include "app/domain/result.h"
#include "ui/web/http/http_connection.h"
#include "ui/web/http/limits.h"
#include "ui/web/http/response.h"

#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>

#include <optional>

namespace hk::http {

class Router;

// A small HTTP/1.1 server (DESIGN §16) on the event loop: every connection the kernel has is
// accepted at once (one left in the backlog keeps the listening socket readable and Qt spinning),
// then closed at once when Limits::maxPerAddress are open from that client address, or when
// Limits::maxConnections are open and no other address holds two more places than this one (else
// that address's oldest connection waiting for a request is closed to make room: a flood from many
// addresses never locks a newcomer out). With a TLS configuration every connection is TLS (HTTPS only: a plain-HTTP client
// fails its handshake and gets no HTTP answer).
class HttpServer : public QTcpServer {
    Q_OBJECT
public:
    HttpServer(const Router &router, Limits limits, QObject *parent = nullptr);
    ~HttpServer() override;

    void setTls(const QSslConfiguration &tls) { m_tls = tls; }
    bool isTls() const { return m_tls.has_value(); }
    // Headers every response carries unless it sets or omits them itself.
    void setDefaultHeaders(QList<Response::Header> headers) { m_defaultHeaders = std::move(headers); }
    void setUpgradeHandler(UpgradeHandler handler) { m_upgrade = std::move(handler); }
    const Limits &limits() const { return m_limits; }

    int openConnections() const { return int(m_connections.size()); }
    int openConnectionsFrom(const QHostAddress &address) const { return m_perAddress.value(normalized(address)); }

    // IPv4 clients of a server bound to `::` come as ::ffff:a.b.c.d: counted as a.b.c.d.
    static QHostAddress normalized(const QHostAddress &address);

    // The PEM files of http.tls_cert_file (a certificate chain, the server's first) and
    // http.tls_key_file (an unencrypted EC or RSA key), or why they cannot be used.
    static Result<QList<QSslCertificate>, QString> loadCertificateChain(const QString &path);
    static Result<QSslKey, QString> loadPrivateKey(const QString &path);
    static QSslConfiguration serverTls(const QList<QSslCertificate> &chain, const QSslKey &key);

Q_SIGNALS:
    void connectionRefused(const QHostAddress &address); // over a limit; for tests and logs

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void makeRoomFor(const QHostAddress &peer);
    void forget(HttpConnection *connection);

    const Router &m_router;
    Limits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QList<Response::Header> m_defaultHeaders;
    std::optional<UpgradeHandler> m_upgrade;
    QList<HttpConnection *> m_connections;
    QHash<QHostAddress, int> m_perAddress;
    int m_refusedSinceLog = 0;
    int m_evictedSinceLog = 0;
};

} // namespace hk::http

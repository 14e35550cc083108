// ui/web/http on its own: the real HttpServer on a loopback port, spoken to byte by byte as a client
// would — keep-alive, Connection: close, pipelined requests answered in order one at a time, a
// request split at every byte, an answer given later, an answer whose client has gone, the
// router's 404 and 405, the per-address cap, and a WebSocket upgrade handed on untouched.

#include "ui/web/http/http_server.h"
#include "ui/web/http/router.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

using namespace hk;
using namespace hk::http;

namespace {

std::unique_ptr<QTcpSocket> connectTo(quint16 port)
{
    auto s = std::make_unique<QTcpSocket>();
    s->connectToHost(QHostAddress::LocalHost, port);
    return s;
}

int countOf(const QByteArray &text, const QByteArray &what)
{
    int n = 0;
    for (qsizetype at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1))
        ++n;
    return n;
}

} // namespace

class TestHttpServer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_router = std::make_unique<Router>();
        m_order.clear();
        m_router->route(QStringLiteral("/echo/<arg>"), Method::Post, [this](const QStringList &args, const Request &r) {
            m_order.append(args.at(0));
            return Response(QByteArrayLiteral("text/plain"), args.at(0).toUtf8() + ':' + r.body());
        });
        m_router->route(QStringLiteral("/echo/<arg>"), Method::Get, [this](const QStringList &args, const Request &) {
            m_order.append(args.at(0));
            return Response(QJsonObject{{QStringLiteral("arg"), args.at(0)}});
        });
        m_router->routeAsync(QStringLiteral("/later"), Method::Get, [this](const QStringList &, const Request &, Responder responder) {
            m_later = std::make_shared<Responder>(std::move(responder));
        });
        m_server = std::make_unique<HttpServer>(*m_router, Limits{});
        m_server->setDefaultHeaders({{QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")}});
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }
    void cleanup()
    {
        m_later.reset();
        m_server.reset();
    }

    void keepAliveThenClose()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write("GET /echo/one HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray in;
        QTRY_VERIFY((in += s->readAll()).contains("{\"arg\":\"one\"}"));
        QVERIFY(in.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(in.contains("X-Content-Type-Options: nosniff\r\n"));
        QVERIFY(!in.contains("Connection: close"));
        QCOMPARE(s->state(), QAbstractSocket::ConnectedState);
        s->write("GET /echo/two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTRY_COMPARE(s->state(), QAbstractSocket::UnconnectedState);
        in += s->readAll();
        QVERIFY(in.contains("{\"arg\":\"two\"}"));
        QVERIFY(in.contains("Connection: close\r\n"));
        QTRY_COMPARE(m_server->openConnections(), 0); // the server sees its socket close after the client does
    }

    void pipelinedRequestsAnsweredInOrder()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        QByteArray batch;
        for (int i = 1; i <= 20; ++i)
            batch += "POST /echo/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nbody" +
                     QByteArray::number(i % 10) + (i % 5 == 0 ? "\r\n" : ""); // a stray CRLF after some bodies is ignored
        s->write(batch);
        QByteArray in;
        QTRY_COMPARE((in += s->readAll(), countOf(in, "HTTP/1.1 200 OK")), 20);
        qsizetype at = 0;
        for (int i = 1; i <= 20; ++i) {
            const QByteArray expected = QByteArray::number(i) + ":body" + QByteArray::number(i % 10);
            const qsizetype found = in.indexOf(expected, at);
            QVERIFY2(found > at, expected.constData());
            at = found;
        }
        QCOMPARE(m_order.size(), 20);
        QCOMPARE(m_order.first(), QStringLiteral("1"));
        QCOMPARE(m_order.last(), QStringLiteral("20"));
    }

    void requestSplitAtEveryByte()
    {
        const QByteArray request = "POST /echo/split HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        for (char c : request) {
            s->write(&c, 1);
            QVERIFY(s->waitForBytesWritten(1000));
            QTest::qWait(1);
        }
        QByteArray in;
        QTRY_VERIFY((in += s->readAll()).contains("split:abc"));
    }

    void answerGivenLater()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/after HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(m_later);
        QTest::qWait(100);
        QVERIFY(s->readAll().isEmpty()); // the second waits for the first
        QVERIFY(m_order.isEmpty());
        m_later->send(Response(QJsonObject{{QStringLiteral("done"), true}}, StatusCode::Accepted));
        QByteArray in;
        QTRY_VERIFY((in += s->readAll()).contains("{\"arg\":\"after\"}"));
        QVERIFY(in.startsWith("HTTP/1.1 202 Accepted\r\n"));
        QVERIFY(in.indexOf("{\"done\":true}") < in.indexOf("{\"arg\":\"after\"}"));
    }

    void answerToAGoneClientIsDropped()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(m_later);
        s->abort();
        QTRY_COMPARE(m_server->openConnections(), 0);
        QTest::qWait(50); // the connection object deleted
        QVERIFY(!m_later->isConnected());
        m_later->send(Response(StatusCode::NoContent)); // nothing to write to, and no crash
    }

    void unknownPathAndWrongMethod()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write("GET /nothing/here HTTP/1.1\r\nHost: x\r\n\r\nDELETE /echo/x HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray in;
        QTRY_VERIFY((in += s->readAll()).contains("method_not_allowed"));
        QVERIFY(in.startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(in.contains("{\"error\":\"not_found\",\"message\":\"no route for /nothing/here\"}"));
        QVERIFY(in.contains("HTTP/1.1 405 Method Not Allowed\r\n"));
        QVERIFY(in.contains("Allow: POST, GET, HEAD\r\n")); // HEAD is answered wherever GET is
    }

    // HEAD is answered as GET with the same headers — the length a GET's body would have — and no
    // body (RFC 9110 §9.3.2), so the next request on the connection is read from the right byte;
    // a HEAD where only POST is allowed is a 405 without a body.
    void headIsAGetWithoutItsBody()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write("GET /echo/sized HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray get;
        QTRY_VERIFY((get += s->readAll()).contains("{\"arg\":\"sized\"}"));
        const qsizetype getHeadEnd = get.indexOf("\r\n\r\n");
        QVERIFY(getHeadEnd > 0);
        const QByteArray getHead = get.left(getHeadEnd + 4);
        QVERIFY(getHead.contains("Content-Length: 15\r\n"));

        s->write("HEAD /echo/sized HTTP/1.1\r\nHost: x\r\n\r\nHEAD /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                 "HEAD /echo/x HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/after HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray in;
        QTRY_VERIFY((in += s->readAll()).contains("{\"arg\":\"after\"}"));
        // Four answers: the HEAD's headers are the GET's (but the date), then a 404 and a 200 with
        // headers only — no body of theirs between — then the GET's body.
        QCOMPARE(countOf(in, "HTTP/1.1 "), 4);
        QVERIFY(in.startsWith("HTTP/1.1 200 OK\r\n"));
        const qsizetype headEnd = in.indexOf("\r\n\r\n");
        QVERIFY(in.left(headEnd + 4).contains("Content-Length: 15\r\n"));
        QVERIFY(in.mid(headEnd + 4).startsWith("HTTP/1.1 404 Not Found\r\n"));
        QVERIFY(!in.contains("not_found")); // the 404's body was not sent
        QCOMPARE(countOf(in, "{\"arg\":"), 1);  // nor the HEAD's
        QVERIFY(in.contains("HTTP/1.1 200 OK\r\nContent-Type: application/json"));
        QCOMPARE(m_order, (QStringList{QStringLiteral("sized"), QStringLiteral("sized"), QStringLiteral("x"), QStringLiteral("after")}));
        QCOMPARE(s->state(), QAbstractSocket::ConnectedState);

        // Only POST at this path: 405, no body, the connection still good.
        m_router->route(QStringLiteral("/post-only"), Method::Post, [](const QStringList &, const Request &) { return Response(StatusCode::NoContent); });
        s->write("HEAD /post-only HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/last HTTP/1.1\r\nHost: x\r\n\r\n");
        in.clear();
        QTRY_VERIFY((in += s->readAll()).contains("{\"arg\":\"last\"}"));
        QVERIFY(in.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"));
        QVERIFY(in.contains("Allow: POST\r\n"));
        QVERIFY(!in.contains("method_not_allowed"));
        QCOMPARE(countOf(in, "HTTP/1.1 "), 2);
    }

    void bodyOverTheLimitIsRefusedBeforeItIsRead()
    {
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write("POST /echo/big HTTP/1.1\r\nHost: x\r\nContent-Length: 65537\r\n\r\n");
        QByteArray in;
        QTRY_VERIFY((in += s->readAll()).contains("payload_too_large"));
        QVERIFY(in.startsWith("HTTP/1.1 413 Payload Too Large\r\n"));
        QVERIFY(m_order.isEmpty());
        // Exactly the limit is read and handled.
        auto t = connectTo(m_server->serverPort());
        QVERIFY(t->waitForConnected(5000));
        t->write("POST /echo/max HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n" + QByteArray(65536, 'b'));
        QByteArray ok;
        QTRY_VERIFY((ok += t->readAll()).contains("max:bbbb"));
    }

    void perAddressCap()
    {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 40; ++i)
            sockets.push_back(connectTo(m_server->serverPort()));
        QTRY_COMPARE(m_server->openConnectionsFrom(QHostAddress::LocalHost), 32);
        const auto open = [&sockets] {
            return std::count_if(sockets.begin(), sockets.end(), [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; });
        };
        QTRY_COMPARE(open(), 32);
    }

    void upgradeGetsTheHandshakeUntouched()
    {
        QByteArray handed;
        m_server->setUpgradeHandler(UpgradeHandler{
            QStringLiteral("/ws"),
            [](const Request &r) -> std::optional<Response> {
                if (r.value("origin") == "http://evil.example")
                    return Response::jsonError(StatusCode::Forbidden, QStringLiteral("forbidden_origin"), QStringLiteral("no"));
                return std::nullopt;
            },
            [&handed](QTcpSocket *socket, const Request &) {
                handed = socket->readAll();
                socket->write("taken");
                socket->disconnectFromHost();
                socket->deleteLater();
            }});
        const QByteArray handshake = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nframe";
        auto s = connectTo(m_server->serverPort());
        QVERIFY(s->waitForConnected(5000));
        s->write(handshake);
        QTRY_COMPARE(handed, handshake);
        QTRY_VERIFY(s->readAll() == "taken" || s->state() == QAbstractSocket::UnconnectedState);
        auto t = connectTo(m_server->serverPort());
        QVERIFY(t->waitForConnected(5000));
        t->write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nOrigin: http://evil.example\r\n\r\n");
        QByteArray in;
        QTRY_VERIFY((in += t->readAll()).contains("forbidden_origin"));
        QVERIFY(in.startsWith("HTTP/1.1 403 Forbidden\r\n"));
    }

private:
    std::unique_ptr<Router> m_router;
    std::unique_ptr<HttpServer> m_server;
    std::shared_ptr<Responder> m_later;
    QStringList m_order;
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"

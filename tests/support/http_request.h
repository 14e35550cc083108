#pragma once

// One HTTP request from a test, the event loop run until its answer comes (QTest::qWaitFor): to
// the terminal's interface on a loopback port as the console's browser makes it (JSON body, bearer
// token), or to any URL (the reference platform's sim/v1 routes). Header-only; Qt Network.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

namespace hk::test {

struct Reply {
    int status = 0; // 0: no answer in time
    QJsonDocument body;
};

inline Reply fetch(const QUrl &url, const QByteArray &method = "GET", const QByteArray &body = {}, const QString &token = {},
                   int timeoutMs = 10000)
{
    QNetworkAccessManager network;
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    const std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(r, method, body));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, timeoutMs)) {
        reply->abort();
        return {};
    }
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), QJsonDocument::fromJson(reply->readAll())};
}

inline Reply request(quint16 port, const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QString &token = {})
{
    return fetch(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)), method,
                 body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(), token);
}

// POST /api/v1/session as a well-behaved client does: on 429 (DESIGN §16: at most 5 sign-in tries a
// second from one address) it waits the `retry_after_s` it is told and tries again, three times at
// most. For tests that sign in often from loopback; a test of the limit itself uses request().
inline Reply signInRequest(quint16 port, const QJsonObject &body)
{
    for (int attempt = 0;; ++attempt) {
        Reply r = request(port, "POST", QStringLiteral("/api/v1/session"), body);
        if (r.status != 429 || attempt == 3)
            return r;
        QTest::qWait(r.body.object().value(QStringLiteral("retry_after_s")).toInt(1) * 1000 + 50);
    }
}

// The JSON object a GET answers with, e.g. the terminal's /api/v1/health; empty if none came.
inline QJsonObject getJson(quint16 port, const QString &path)
{
    return request(port, "GET", path).body.object();
}

} // namespace hk::test

#pragma once

// One request to the terminal's HTTP interface on a loopback port, as the console's browser makes
// it (JSON body, bearer token), waited for by running the event loop. Header-only; Qt Network.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

namespace hk::test {

struct Reply {
    int status = 0;
    QJsonDocument body;
};

inline Reply request(quint16 port, const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QString &token = {})
{
    QNetworkAccessManager network;
    QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = network.sendCustomRequest(r, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    for (int waited = 0; !reply->isFinished() && waited < 10000; waited += 5)
        QTest::qWait(5);
    Reply out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), QJsonDocument::fromJson(reply->readAll())};
    reply->deleteLater();
    return out;
}

} // namespace hk::test

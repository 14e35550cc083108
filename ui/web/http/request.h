#pragma once

#include "app/domain/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace hk::http {

enum class Method { Get, Head, Post, Put, Delete, Patch, Options, Other };

// One parsed HTTP/1.1 request: the request line, the headers (names lower-cased, in the order
// sent) and the whole body (at most the server's body limit). Made by HttpConnection only.
class Request {
public:
    using Header = QPair<QByteArray, QByteArray>;

    Request() = default;
    Request(QByteArray method, QByteArray target, QUrl url, QList<Header> headers, QHostAddress remote);

    Method method() const { return m_method; }
    QByteArray methodName() const { return m_methodName; }
    QByteArray target() const { return m_target; }
    // The target as a relative URL: path() and the query; what routes match against.
    QUrl url() const { return m_url; }
    QUrlQuery query() const { return QUrlQuery(m_url); }
    // The first header of that name (case-insensitive), or empty.
    QByteArray value(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    const QList<Header> &headers() const { return m_headers; }
    QByteArray body() const { return m_body; }
    QHostAddress remoteAddress() const { return m_remote; }
    bool isHttp10() const { return m_http10; }

    void setBody(QByteArray body) { m_body = std::move(body); }
    // HEAD is answered as GET, the body left out by the connection (RFC 9110 §9.3.2): a route sees
    // method() Get, methodName() still "HEAD".
    void answerAsGet() { m_method = Method::Get; }
    void setHttp10(bool http10) { m_http10 = http10; }

private:
    Method m_method = Method::Other;
    QByteArray m_methodName;
    QByteArray m_target;
    QUrl m_url;
    QList<Header> m_headers;
    QByteArray m_body;
    QHostAddress m_remote;
    bool m_http10 = false;
};

// Parses a request head (the request line and the headers, up to and including the empty line) as
// HTTP/1.1 asks (RFC 9112): `METHOD SP /target SP HTTP/1.x`, `name: value` lines with token names,
// no folded lines, no control characters, a Host header on HTTP/1.1. The error says what is wrong.
Result<Request, QString> parseRequestHead(const QByteArray &head, const QHostAddress &remote);

} // namespace hk::http

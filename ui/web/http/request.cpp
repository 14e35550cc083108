#include "ui/web/http/request.h"

#include <algorithm>

namespace hk::http {

namespace {

Method methodOf(const QByteArray &name)
{
    static const QList<QPair<QByteArray, Method>> kMethods{{"GET", Method::Get},       {"HEAD", Method::Head},
                                                           {"POST", Method::Post},     {"PUT", Method::Put},
                                                           {"DELETE", Method::Delete}, {"PATCH", Method::Patch},
                                                           {"OPTIONS", Method::Options}};
    for (const auto &m : kMethods) {
        if (m.first == name)
            return m.second;
    }
    return Method::Other;
}

bool isTokenChar(char c)
{
    static const QByteArray kSpecials("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || kSpecials.contains(c);
}

bool isToken(const QByteArray &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool hasControl(const QByteArray &text, bool allowTab)
{
    return std::any_of(text.begin(), text.end(), [allowTab](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && !(allowTab && c == '\t')) || u == 0x7f;
    });
}

constexpr int kMaxHeaders = 100;

} // namespace

Result<Request, QString> parseRequestHead(const QByteArray &head, const QHostAddress &remote)
{
    if (!head.endsWith("\r\n\r\n"))
        return fail(QStringLiteral("the head does not end with an empty line"));
    QList<QByteArray> lines = head.left(head.size() - 4).split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i].endsWith('\r'))
            return fail(QStringLiteral("a line ends with a bare LF"));
        lines[i].chop(1);
    }
    const QList<QByteArray> requestLine = lines.first().split(' ');
    if (requestLine.size() != 3)
        return fail(QStringLiteral("the request line is not METHOD SP TARGET SP VERSION"));
    const QByteArray &method = requestLine.at(0);
    const QByteArray &target = requestLine.at(1);
    const QByteArray &version = requestLine.at(2);
    if (!isToken(method) || method.size() > 16)
        return fail(QStringLiteral("the method is not a token"));
    if (!target.startsWith('/') || hasControl(target, false) || target.contains('#'))
        return fail(QStringLiteral("the target is not an absolute path"));
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(QStringLiteral("only HTTP/1.1 and HTTP/1.0 are spoken here"));
    const QUrl url = QUrl::fromEncoded(target, QUrl::StrictMode);
    if (!url.isValid() || !url.isRelative())
        return fail(QStringLiteral("the target is not a valid path"));

    QList<Request::Header> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(QStringLiteral("folded header lines are not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return fail(QStringLiteral("header line %1 is not NAME: VALUE").arg(i));
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (hasControl(value, true))
            return fail(QStringLiteral("header %1 holds a control character").arg(QString::fromLatin1(line.left(colon))));
        headers.append({line.left(colon).toLower(), value});
        if (headers.size() > kMaxHeaders)
            return fail(QStringLiteral("more than %1 headers").arg(kMaxHeaders));
    }
    Request request(method, target, url, headers, remote);
    request.setHttp10(version == "HTTP/1.0");
    if (!request.isHttp10() && !request.hasHeader("host"))
        return fail(QStringLiteral("an HTTP/1.1 request needs a Host header"));
    return request;
}

Request::Request(QByteArray method, QByteArray target, QUrl url, QList<Header> headers, QHostAddress remote)
    : m_method(methodOf(method))
    , m_methodName(std::move(method))
    , m_target(std::move(target))
    , m_url(std::move(url))
    , m_headers(std::move(headers))
    , m_remote(std::move(remote))
{
}

QByteArray Request::value(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const Header &h : m_headers) {
        if (h.first == lower)
            return h.second;
    }
    return {};
}

bool Request::hasHeader(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    return std::any_of(m_headers.begin(), m_headers.end(), [&lower](const Header &h) { return h.first == lower; });
}

} // namespace hk::http

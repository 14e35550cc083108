#include "app/process/tar_gz.h"

#include <zlib.h>

#include <cstring>

namespace hk {
namespace {

constexpr int kBlock = 512;

// Writes `value` as an octal number of `width - 1` digits and a NUL, as ustar's numeric fields are.
void octal(char *field, int width, quint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), static_cast<size_t>(width - 1));
    field[width - 1] = '\0';
}

void text(char *field, int width, const QByteArray &value)
{
    std::memcpy(field, value.constData(), static_cast<size_t>(qMin<qsizetype>(width, value.size())));
}

// ustar (POSIX.1-1988) header field offsets.
struct Header {
    char bytes[kBlock];
};

// Splits a UTF-8 name into ustar's prefix (155) and name (100) at a '/'.
std::pair<QByteArray, QByteArray> splitName(QByteArray name)
{
    if (name.size() <= 100)
        return {QByteArray(), name};
    for (qsizetype slash = name.lastIndexOf('/', 155); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
        if (name.size() - slash - 1 <= 100)
            return {name.left(slash), name.mid(slash + 1)};
    }
    return {QByteArray(), name.right(100)};
}

QByteArray header(const QString &name, qint64 size, qint64 mtime)
{
    Header h{};
    const auto [prefix, shortName] = splitName(name.toUtf8());
    text(h.bytes + 0, 100, shortName);
    octal(h.bytes + 100, 8, 0644);         // mode
    octal(h.bytes + 108, 8, 0);            // uid
    octal(h.bytes + 116, 8, 0);            // gid
    octal(h.bytes + 124, 12, static_cast<quint64>(size));
    octal(h.bytes + 136, 12, static_cast<quint64>(qMax<qint64>(mtime, 0)));
    std::memset(h.bytes + 148, ' ', 8);    // the checksum counts its own field as spaces
    h.bytes[156] = '0';                    // a regular file
    std::memcpy(h.bytes + 257, "ustar", 6); // magic "ustar\0"
    std::memcpy(h.bytes + 263, "00", 2);    // version
    text(h.bytes + 265, 32, "root");
    text(h.bytes + 297, 32, "root");
    text(h.bytes + 345, 155, prefix);
    unsigned sum = 0;
    for (const char c : h.bytes)
        sum += static_cast<unsigned char>(c);
    octal(h.bytes + 148, 7, sum); // six digits, NUL, and the space left there
    return QByteArray(h.bytes, kBlock);
}

QByteArray gzip(const QByteArray &raw)
{
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip header and trailer around the deflate stream.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(raw.size()))));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.constData()));
    stream.avail_in = static_cast<uInt>(raw.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return status == Z_STREAM_END ? out : QByteArray();
}

} // namespace

QByteArray tarGz(const std::vector<std::pair<QString, QByteArray>> &files, const QDateTime &mtime)
{
    QByteArray tar;
    const qint64 seconds = mtime.isValid() ? mtime.toSecsSinceEpoch() : 0;
    for (const auto &[name, bytes] : files) {
        tar += header(name, bytes.size(), seconds);
        tar += bytes;
        if (const qsizetype rest = bytes.size() % kBlock; rest != 0)
            tar += QByteArray(kBlock - rest, '\0');
    }
    tar += QByteArray(2 * kBlock, '\0'); // the end of the archive: two zero blocks
    return gzip(tar);
}

} // namespace hk

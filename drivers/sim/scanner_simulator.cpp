#include "drivers/sim/scanner_simulator.h"

#include "drivers/sim/logging.h"

#include <QStringEncoder>

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace hk {

Result<std::unique_ptr<ScannerSimulator>, QString> ScannerSimulator::create(const QString &linkPath, QObject *parent)
{
    auto pty = PseudoTerminal::open(linkPath);
    if (!pty)
        return fail(pty.error());
    return std::unique_ptr<ScannerSimulator>(new ScannerSimulator(std::move(pty).value(), parent));
}

ScannerSimulator::ScannerSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent)
    : QObject(parent)
    , m_pty(std::move(pty))
{
    qCInfo(lcSim).noquote() << "scanner simulator on" << devicePath();
}

ScannerSimulator::~ScannerSimulator() = default;

std::optional<ScannerLineDecoder::Suffix> ScannerSimulator::suffixFromString(const QString &name)
{
    if (name == QLatin1String("cr"))
        return ScannerLineDecoder::Suffix::Cr;
    if (name == QLatin1String("lf"))
        return ScannerLineDecoder::Suffix::Lf;
    if (name == QLatin1String("crlf"))
        return ScannerLineDecoder::Suffix::CrLf;
    return std::nullopt;
}

bool ScannerSimulator::sendRaw(const QByteArray &bytes)
{
    qsizetype done = 0;
    int waits = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_pty->masterFd(), bytes.constData() + done, size_t(bytes.size() - done));
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN && ++waits < 50) {
            // The pty's buffer is full: a real scanner's UART would wait for the host too.
            pollfd p{m_pty->masterFd(), POLLOUT, 0};
            ::poll(&p, 1, 20);
            continue;
        }
        qCWarning(lcSim) << "scanner simulator: the host does not take the bytes";
        return false;
    }
    return true;
}

bool ScannerSimulator::send(const QByteArray &content)
{
    QByteArray line = content;
    switch (m_suffix) {
    case ScannerLineDecoder::Suffix::Cr:
        line += '\r';
        break;
    case ScannerLineDecoder::Suffix::Lf:
        line += '\n';
        break;
    case ScannerLineDecoder::Suffix::CrLf:
        line += "\r\n";
        break;
    }
    if (!sendRaw(line))
        return false;
    ++m_sent;
    Q_EMIT scanSent(content);
    return true;
}

QString ScannerSimulator::command(const QString &line)
{
    const QString trimmed = line.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    const QString verb = space < 0 ? trimmed : trimmed.left(space);
    const QString rest = space < 0 ? QString() : trimmed.mid(space + 1);
    if (verb == QLatin1String("send") && !rest.isEmpty())
        return send(rest.toUtf8()) ? QStringLiteral("sent %1 bytes").arg(rest.toUtf8().size()) : QStringLiteral("not sent");
    if (verb == QLatin1String("gbk") && !rest.isEmpty()) {
        QStringEncoder gbk("GB18030");
        const QByteArray bytes = gbk(rest);
        return send(bytes) ? QStringLiteral("sent %1 bytes (GBK)").arg(bytes.size()) : QStringLiteral("not sent");
    }
    if (verb == QLatin1String("scan") && !rest.isEmpty()) {
        for (const auto &[name, code] : std::as_const(m_codes)) {
            if (name == rest)
                return send(code) ? QStringLiteral("scanned %1").arg(name) : QStringLiteral("not sent");
        }
        return QStringLiteral("no code \"%1\" (try codes)").arg(rest);
    }
    if (verb == QLatin1String("codes")) {
        QStringList names;
        for (const auto &entry : std::as_const(m_codes))
            names << entry.first;
        return names.isEmpty() ? QStringLiteral("no named codes") : names.join(QStringLiteral(", "));
    }
    if (verb == QLatin1String("help"))
        return QStringLiteral("send TEXT · gbk TEXT · scan NAME · codes · help");
    return QStringLiteral("unknown command \"%1\" (try help)").arg(verb);
}

} // namespace hk

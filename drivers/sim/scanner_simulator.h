#pragma once

#include "app/domain/result.h"
#include "drivers/protocols/scanner_line/scanner_line_decoder.h"
#include "drivers/sim/pseudo_terminal.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSocketNotifier>

#include <memory>

namespace hk {

// A line-mode QR scanner on a pseudo-terminal (reference §4): sends a scan, then the configured
// suffix, when told to. Named codes let a technician send a long booking code by name
// ("scan DEMO-B1"); "send TEXT" sends any text as UTF-8, "gbk TEXT" as GBK.
class ScannerSimulator : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ScannerSimulator>, QString> create(const QString &linkPath = {}, QObject *parent = nullptr);
    ~ScannerSimulator() override;

    QString devicePath() const { return m_pty->hostPath(); }
    void setSuffix(ScannerLineDecoder::Suffix suffix) { m_suffix = suffix; }
    // Sends one scan with the suffix; false if the host side does not take the bytes.
    bool send(const QByteArray &content);
    bool sendRaw(const QByteArray &bytes); // no suffix: a scanner that has none, or noise
    void setCodes(const QList<QPair<QString, QByteArray>> &codes) { m_codes = codes; }
    int scansSent() const { return m_sent; }

    QString command(const QString &line);
    static std::optional<ScannerLineDecoder::Suffix> suffixFromString(const QString &name);

Q_SIGNALS:
    void scanSent(const QByteArray &content);

private:
    explicit ScannerSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent);

    std::unique_ptr<PseudoTerminal> m_pty;
    ScannerLineDecoder::Suffix m_suffix = ScannerLineDecoder::Suffix::Cr;
    QList<QPair<QString, QByteArray>> m_codes;
    int m_sent = 0;
};

} // namespace hk

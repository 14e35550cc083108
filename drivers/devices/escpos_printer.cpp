#include "drivers/devices/escpos_printer.h"

#include "drivers/devices/logging.h"
#include "drivers/protocols/escpos/escpos_encoder.h"

namespace hk {

EscPosPrinter::EscPosPrinter(ByteTransport &transport, EscPosProfile profile, Timing timing, QObject *parent)
    : QueuedTicketPrinter(std::move(profile), parent)
    , m_transport(transport)
    , m_timing(timing)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &EscPosPrinter::onDeadline);
    connect(&m_transport, &ByteTransport::received, this, &EscPosPrinter::onReceived);
    connect(&m_transport, &ByteTransport::written, this, &EscPosPrinter::onWritten);
    connect(&m_transport, &ByteTransport::lost, this, &EscPosPrinter::onLost);
    connect(&m_transport, &ByteTransport::openFailed, this, [this](const QString &reason) {
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
    connect(&m_transport, &ByteTransport::opened, this, [this] {
        if (std::exchange(m_wasLost, false) && m_trace)
            m_trace->reconnected();
        // A printer that just appeared (start-up or replug) is asked at once how it is.
        checkStatus([](const Result<PrinterReadiness, DeviceError> &) {});
    });
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_transport.isOpen() && isIdle())
            checkStatus([](const Result<PrinterReadiness, DeviceError> &) {});
    });
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_transport.isOpen() && isIdle())
            checkStatus([](const Result<PrinterReadiness, DeviceError> &) {});
    });
}

void EscPosPrinter::start()
{
    m_transport.open();
    if (m_timing.idlePollMs > 0)
        m_poll.start(m_timing.idlePollMs);
}

void EscPosPrinter::run()
{
    if (!m_transport.isOpen()) {
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1 is not connected").arg(m_transport.describe()), DeviceError::Offline});
        finish(fail(DeviceError::Offline));
        return;
    }
    if (m_current->isPrint) {
        qCInfo(lcPrinter) << "printing" << m_current->bytes.size() << "bytes";
        m_phase = Phase::Writing;
        m_deadline.start(m_timing.writeTimeoutMs);
        if (m_trace)
            m_trace->sent(m_current->bytes);
        if (!m_transport.write(m_current->bytes)) {
            m_deadline.stop();
            finish(fail(DeviceError::WriteFailed));
        }
        return;
    }
    beginQueries();
}

void EscPosPrinter::beginQueries()
{
    if (!m_profile.status || !m_transport.canRead()) {
        // No status channel: an open transport is all we can know, and health says so.
        setHealth({DeviceHealth::State::Ok,
                   m_profile.status ? QStringLiteral("%1 is write-only: paper and cover are not reported").arg(m_transport.describe())
                                    : QStringLiteral("the %1 profile has no status: paper and cover are not reported").arg(m_profile.name),
                   std::nullopt});
        finish(PrinterReadiness{});
        return;
    }
    m_status = EscPosStatus{};
    m_transport.discardInput();
    sendQuery(1);
}

void EscPosPrinter::sendQuery(int n)
{
    m_phase = Phase::Querying;
    m_query = n;
    m_deadline.start(m_timing.replyTimeoutMs);
    m_asked.start();
    m_lateForgiven = false;
    const QByteArray request = EscPosEncoder::statusRequest(n);
    if (m_trace)
        m_trace->sent(request);
    if (!m_transport.write(request)) {
        m_deadline.stop();
        finish(fail(DeviceError::Offline));
    }
}

void EscPosPrinter::onReceived(const QByteArray &bytes)
{
    if (m_trace)
        m_trace->received(bytes);
    if (bytes.isEmpty())
        return;
    if (m_phase != Phase::Querying) {
        if (m_trace)
            m_trace->frameBad(); // unsolicited bytes: nothing is waiting for them
        return;
    }
    m_deadline.stop();
    const auto reply = static_cast<std::uint8_t>(bytes.at(0));
    const bool isStatus = applyEscPosStatus(m_status, m_query, reply);
    if (m_trace)
        isStatus ? m_trace->frameGood() : m_trace->frameBad();
    if (!isStatus) {
        qCWarning(lcPrinter) << "reply to DLE EOT" << m_query << "is not a status byte:" << Qt::hex << reply;
        reportStatus(fail(DeviceError::BadReply),
                     QStringLiteral("reply 0x%1 to DLE EOT %2 is not a status byte").arg(uint(reply), 2, 16, QLatin1Char('0')).arg(m_query));
        finish(fail(DeviceError::BadReply));
        return;
    }
    switch (m_query) {
    case 1:
        sendQuery(2);
        return;
    case 2:
        sendQuery(m_status.errorOccurred ? 3 : 4);
        return;
    case 3:
        sendQuery(4);
        return;
    default:
        break;
    }
    const auto result = evaluate(m_status);
    reportStatus(result, {});
    finish(result);
}

void EscPosPrinter::onWritten()
{
    if (m_phase != Phase::Writing)
        return;
    m_deadline.stop();
    // Every byte is out; the ticket counts as printed only if the printer is still well.
    beginQueries();
}

void EscPosPrinter::onDeadline()
{
    if (m_phase == Phase::Writing) {
        qCWarning(lcPrinter) << "write did not complete within" << m_timing.writeTimeoutMs << "ms";
        setHealth({DeviceHealth::State::Error, QStringLiteral("write timed out"), DeviceError::WriteFailed});
        finish(fail(DeviceError::WriteFailed));
        return;
    }
    if (m_phase == Phase::Querying) {
        // The deadline came late: this thread was held up elsewhere (a blocking call on the event
        // loop — a hall database that stopped answering takes up to 3 s) for longer than the
        // printer had, and its reply may be waiting unread, or a built-in simulator on this loop has
        // not had its turn. Once per query the printer gets its full time again.
        constexpr qint64 kLateMs = 250;
        if (!m_lateForgiven && m_asked.elapsed() > m_timing.replyTimeoutMs + kLateMs) {
            m_lateForgiven = true;
            m_deadline.start(m_timing.replyTimeoutMs);
            return;
        }
        const QString detail = QStringLiteral("no reply to DLE EOT %1 within %2 ms").arg(m_query).arg(m_timing.replyTimeoutMs);
        qCWarning(lcPrinter).noquote() << detail;
        if (m_trace)
            m_trace->frameBad();
        reportStatus(fail(DeviceError::Timeout), detail);
        finish(fail(DeviceError::Timeout));
    }
}

void EscPosPrinter::onLost(const QString &reason)
{
    m_wasLost = true;
    setHealth({DeviceHealth::State::Offline, QStringLiteral("%1 lost: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    if (!m_current)
        return;
    m_deadline.stop();
    // A ticket cut off mid-write may be partly on paper: it is failed, never resent by itself.
    finish(fail(m_phase == Phase::Writing ? DeviceError::WriteFailed : DeviceError::Offline));
}

Result<PrinterReadiness, DeviceError> EscPosPrinter::evaluate(const EscPosStatus &s)
{
    if (s.coverOpen)
        return fail(DeviceError::CoverOpen);
    if (s.paperEnd || s.paperEndStop)
        return fail(DeviceError::PaperOut);
    if (s.cutterError)
        return fail(DeviceError::CutterError);
    if (s.mechanicalError || s.unrecoverable || s.autoRecoverable)
        return fail(DeviceError::MechanicalError);
    if (s.offline || s.errorOccurred)
        return fail(DeviceError::Offline);
    return PrinterReadiness{s.paperNearEnd};
}

void EscPosPrinter::reportStatus(const Result<PrinterReadiness, DeviceError> &result, const QString &detail)
{
    if (!result && result.error() == DeviceError::Timeout && m_timing.idlePollMs > 0 && m_timing.retryAfterTimeoutMs > 0) {
        m_retryMs = m_retryMs == 0 ? m_timing.retryAfterTimeoutMs : std::min(2 * m_retryMs, m_timing.idlePollMs);
        m_retry.start(m_retryMs);
    } else if (result) {
        m_retryMs = 0;
    }
    if (result) {
        if (result->paperNearEnd)
            setHealth({DeviceHealth::State::Warning, QStringLiteral("paper near end"), std::nullopt});
        else
            setHealth({DeviceHealth::State::Ok, QStringLiteral("ready"), std::nullopt});
        return;
    }
    const DeviceError error = result.error();
    const QString text = detail.isEmpty() ? nameOf(error) : detail;
    if (error == DeviceError::Timeout || error == DeviceError::Offline)
        setHealth({DeviceHealth::State::Offline, text, error});
    else
        setHealth({DeviceHealth::State::Error, text, error});
}

} // namespace hk

#include "drivers/devices/sam_idcard_reader.h"

#include "drivers/devices/logging.h"
#include "drivers/protocols/sam_idcard/id_card_text_decoder.h"
#include "drivers/protocols/sam_idcard/sam_frame.h"

#include <QCryptographicHash>

#include <algorithm>

namespace hk {
namespace {

QString hexOf(const std::vector<std::uint8_t> &bytes, std::size_t limit)
{
    const QByteArray raw(reinterpret_cast<const char *>(bytes.data()), qsizetype(std::min(bytes.size(), limit)));
    return QString::fromLatin1(raw.toHex(' '));
}

QString statusText(SamStatus status, std::uint8_t sw3)
{
    return QStringLiteral("SW3 %1 %2 (%3)")
        .arg(uint(sw3), 2, 16, QLatin1Char('0'))
        .arg(QString::fromUtf8(samStatusText(status).data(), qsizetype(samStatusText(status).size())),
             QString::fromLatin1(samStatusName(status).data(), qsizetype(samStatusName(status).size())));
}

IdentityDocument::Kind documentKind(IdCardKind kind)
{
    switch (kind) {
    case IdCardKind::Resident:
        return IdentityDocument::Kind::ResidentCard;
    case IdCardKind::HkMacaoTaiwan:
        return IdentityDocument::Kind::ResidencePermit;
    case IdCardKind::Foreigner2017:
    case IdCardKind::Foreigner2023:
        return IdentityDocument::Kind::ForeignerPermanent;
    }
    return IdentityDocument::Kind::ResidentCard;
}

constexpr int kAbsentToForget = 2; // "no card" twice in a row: the card was taken away

// A select answers with at most this much data; anything longer is a card's text, photo or
// fingerprint (reference §1.4, §1.5).
constexpr std::size_t kMostDataWithoutCard = 8;
constexpr std::size_t kStatusBytes = 3; // SW1 SW2 SW3

} // namespace

SamIdCardReader::SamIdCardReader(ByteTransport &transport, Timing timing, QObject *parent)
    : IdentityReader(parent)
    , m_transport(transport)
    , m_timing(timing)
{
    m_deadline.setSingleShot(true);
    m_poll.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &SamIdCardReader::onDeadline);
    connect(&m_poll, &QTimer::timeout, this, &SamIdCardReader::onTick);
    connect(&m_transport, &ByteTransport::received, this, &SamIdCardReader::onReceived);
    connect(&m_transport, &ByteTransport::opened, this, [this] {
        if (std::exchange(m_wasLost, false) && m_trace)
            m_trace->reconnected();
        m_samReady = false;
        m_timeouts = 0;
        m_poll.start(0); // ask the SAM how it is at once
    });
    connect(&m_transport, &ByteTransport::lost, this, [this](const QString &reason) {
        m_wasLost = true;
        m_deadline.stop();
        m_poll.stop();
        m_step = Step::Idle;
        m_samReady = false;
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1 lost: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
    connect(&m_transport, &ByteTransport::openFailed, this, [this](const QString &reason) {
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1: %2").arg(m_transport.describe(), reason), DeviceError::Offline});
    });
}

void SamIdCardReader::start()
{
    m_transport.open();
}

void SamIdCardReader::onTick()
{
    if (m_step != Step::Idle || !m_transport.isOpen())
        return;
    if (!m_samReady)
        send(Step::Status, SamCommand::status(), m_timing.replyTimeoutMs);
    else
        send(Step::Find, SamCommand::findCard(), m_timing.replyTimeoutMs);
}

void SamIdCardReader::send(Step step, const SamCommand &command, int timeoutMs)
{
    // Whatever is still in flight belongs to a request that is over.
    m_transport.discardInput();
    if (m_trace && m_decoder.buffered() > 0)
        m_trace->received(QByteArray(qsizetype(m_decoder.buffered()), '\0')); // a reply cut short: masked
    m_decoder.reset();
    const std::vector<std::uint8_t> frame = command.encode();
    qCDebug(lcIdCard).noquote() << "tx" << hexOf(frame, frame.size());
    m_step = step;
    m_deadline.start(timeoutMs);
    const QByteArray bytes(reinterpret_cast<const char *>(frame.data()), qsizetype(frame.size()));
    if (m_trace)
        m_trace->sent(bytes);
    if (!m_transport.write(bytes)) {
        m_deadline.stop();
        m_step = Step::Idle;
        setHealth({DeviceHealth::State::Offline, QStringLiteral("%1: write failed").arg(m_transport.describe()), DeviceError::Offline});
        m_poll.start(m_timing.pollIntervalMs);
    }
}

void SamIdCardReader::onReceived(const QByteArray &bytes)
{
    const auto events = m_decoder.feed(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
    for (const SamFrameDecoder::Event &event : events) {
        traceReceived(event);
        switch (event.kind) {
        case SamFrameDecoder::Event::Kind::Frame:
            if (auto response = SamResponse::fromBody(event.body))
                onResponse(*response);
            else if (m_trace)
                m_trace->frameBad();
            break;
        case SamFrameDecoder::Event::Kind::BadChecksum:
            qCWarning(lcIdCard) << "a reply with a bad checksum was dropped";
            if (m_trace)
                m_trace->frameBad();
            break;
        case SamFrameDecoder::Event::Kind::BadLength:
            qCWarning(lcIdCard) << "a reply with an impossible length was dropped";
            if (m_trace)
                m_trace->frameBad();
            break;
        case SamFrameDecoder::Event::Kind::Skipped:
            qCDebug(lcIdCard) << "skipped" << event.skipped << "bytes of noise";
            break;
        }
    }
}

void SamIdCardReader::traceReceived(const SamFrameDecoder::Event &event)
{
    if (!m_trace)
        return;
    switch (event.kind) {
    case SamFrameDecoder::Event::Kind::Frame: {
        std::vector<std::uint8_t> frame = sam::encodeFrame(event.body); // the bytes as they came: the check held
        if (event.body.size() > kStatusBytes + kMostDataWithoutCard)
            std::fill(frame.begin() + std::ptrdiff_t(sam::kHeaderSize + kStatusBytes), frame.end(), std::uint8_t(0));
        m_trace->received(QByteArray(reinterpret_cast<const char *>(frame.data()), qsizetype(frame.size())));
        std::fill(frame.begin(), frame.end(), std::uint8_t(0));
        return;
    }
    case SamFrameDecoder::Event::Kind::Skipped:
        m_trace->received(QByteArray(qsizetype(event.skipped), '\0'));
        return;
    case SamFrameDecoder::Event::Kind::BadChecksum:
    case SamFrameDecoder::Event::Kind::BadLength:
        return; // their bytes follow as skipped ones
    }
}

bool SamIdCardReader::fits(Step step, const SamResponse &r) const
{
    // Success replies have their own shapes (reference §1.4); an error status fits any request.
    const SamStatus s = r.status();
    switch (step) {
    case Step::Idle:
        return false;
    case Step::Status:
        return s != SamStatus::CardFound && !(s == SamStatus::Ok && !r.data.empty());
    case Step::Find:
        return s != SamStatus::Ok;
    case Step::Select:
        return s != SamStatus::CardFound && !(s == SamStatus::Ok && r.data.size() > 8);
    case Step::Read:
        return s != SamStatus::CardFound && !(s == SamStatus::Ok && r.data.size() <= 8);
    }
    return false;
}

void SamIdCardReader::onResponse(const SamResponse &response)
{
    if (!fits(m_step, response)) {
        qCDebug(lcIdCard).noquote() << "ignored a reply that does not answer the request:" << statusText(response.status(), response.sw3);
        if (m_trace)
            m_trace->frameBad();
        return;
    }
    if (m_trace)
        m_trace->frameGood();
    m_deadline.stop();
    // The text block is the card holder's: only the header and the length go to the log.
    qCDebug(lcIdCard).noquote() << "rx SW" << hexOf({response.sw1, response.sw2, response.sw3}, 3) << "data"
                                << (m_step == Step::Read ? QStringLiteral("%1 bytes (not logged)").arg(response.data.size())
                                                         : hexOf(response.data, 32));
    m_timeouts = 0;
    const SamStatusClass cls = classOf(response.status());
    if (cls == SamStatusClass::ModuleFault) {
        moduleFault(response.status());
        return;
    }
    if (cls == SamStatusClass::HostError) {
        qCWarning(lcIdCard).noquote() << "the reader refused a request:" << statusText(response.status(), response.sw3);
        setHealth({DeviceHealth::State::Warning, statusText(response.status(), response.sw3), DeviceError::BadReply});
        idle(false);
        return;
    }
    switch (m_step) {
    case Step::Status:
        onStatus(response);
        return;
    case Step::Find:
        onFind(response);
        return;
    case Step::Select:
        onSelect(response);
        return;
    case Step::Read:
        onRead(response);
        return;
    case Step::Idle:
        return;
    }
}

void SamIdCardReader::onStatus(const SamResponse &response)
{
    if (response.status() == SamStatus::Ok) {
        if (!m_samReady)
            qCInfo(lcIdCard).noquote() << "ID-card reader ready on" << m_transport.describe();
        m_samReady = true;
    }
    idle();
}

void SamIdCardReader::onFind(const SamResponse &response)
{
    if (response.status() == SamStatus::CardFound) {
        m_absent = 0;
        send(Step::Select, SamCommand::selectCard(), m_timing.replyTimeoutMs);
        return;
    }
    if (response.status() == SamStatus::CardNotFound) {
        // A card that has been read may also answer "not found" while it lies there (§1.3); only
        // twice in a row counts as gone, so a flicker of the field does not read it twice.
        if (++m_absent >= kAbsentToForget) {
            if (m_reported)
                qCDebug(lcIdCard) << "card removed";
            m_reported.reset();
            m_cardFailures = 0;
            m_failureShown = false;
        }
        idle();
        return;
    }
    cardProblem(response.status());
}

void SamIdCardReader::onSelect(const SamResponse &response)
{
    if (response.status() == SamStatus::Ok) {
        send(Step::Read, SamCommand::readText(), m_timing.readTimeoutMs);
        return;
    }
    if (response.status() == SamStatus::SelectFailed && m_reported) {
        idle(); // the card we read is still selected: nothing new
        return;
    }
    cardProblem(response.status());
}

void SamIdCardReader::onRead(SamResponse response)
{
    if (response.status() != SamStatus::Ok) {
        cardProblem(response.status());
        return;
    }
    SamReadPayload::Error error{};
    auto payload = SamReadPayload::parse(response.data, false, &error);
    std::fill(response.data.begin(), response.data.end(), std::uint8_t(0)); // the photo goes no further
    if (!payload) {
        qCWarning(lcIdCard) << "a read reply whose lengths do not add up was dropped";
        cardProblem(SamStatus::InformationLengthError);
        return;
    }
    const QByteArray key = QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(payload->text.data()), qsizetype(payload->text.size())), QCryptographicHash::Sha256);
    if (m_reported && *m_reported == key) {
        idle(); // the same card, still there
        return;
    }
    m_reported = key;
    m_cardFailures = 0;
    m_failureShown = false;
    auto text = IdCardTextDecoder::decode(payload->text.data(), payload->text.size());
    std::fill(payload->text.begin(), payload->text.end(), std::uint8_t(0));
    if (!text) {
        switch (text.error()) {
        case IdCardTextDecoder::Error::UnknownCardType:
            reportFailure(CardReadFailure::Kind::UnknownCard, QStringLiteral("unknown card type in the text block"));
            break;
        case IdCardTextDecoder::Error::InvalidNumber:
            reportFailure(CardReadFailure::Kind::InvalidNumber, QStringLiteral("the card's number fails its check (GB 11643)"));
            break;
        case IdCardTextDecoder::Error::NoNumber:
        case IdCardTextDecoder::Error::BadEncoding:
        case IdCardTextDecoder::Error::WrongSize:
            reportFailure(CardReadFailure::Kind::Unreadable, QStringLiteral("the card's text block cannot be decoded"));
            break;
        }
        idle();
        return;
    }
    IdentityDocument document;
    document.kind = documentKind(text->kind);
    document.number = QString::fromStdString(text->idNumber);
    document.name = QString::fromStdString(text->displayName());
    qCInfo(lcIdCard) << "card read";
    idle();
    Q_EMIT cardRead(document);
}

void SamIdCardReader::cardProblem(SamStatus status)
{
    const QString detail = statusText(status, std::uint8_t(status));
    if (status == SamStatus::UnknownCardType) {
        if (!std::exchange(m_failureShown, true))
            reportFailure(CardReadFailure::Kind::UnknownCard, detail);
        idle();
        return;
    }
    // Tried again on the next poll; the citizen is told once, at once for a failed read (the card
    // moved, or was pulled away: "keep it still"), after a second try for a failed select, which
    // some readers answer for a card they have just read.
    ++m_cardFailures;
    qCInfo(lcIdCard).noquote() << "card not read:" << detail << "(attempt" << m_cardFailures << ")";
    const int tellAfter = status == SamStatus::SelectFailed ? 2 : 1;
    if (m_cardFailures >= tellAfter && !std::exchange(m_failureShown, true))
        reportFailure(CardReadFailure::Kind::Unreadable, detail);
    idle();
}

void SamIdCardReader::moduleFault(SamStatus status)
{
    const QString detail = statusText(status, std::uint8_t(status));
    const bool wasReady = m_samReady;
    m_samReady = false;
    qCWarning(lcIdCard).noquote() << "the reader's security module cannot work:" << detail;
    setHealth({DeviceHealth::State::Error, detail, DeviceError::MechanicalError});
    if (wasReady)
        reportFailure(CardReadFailure::Kind::ReaderFault, detail);
    m_step = Step::Idle;
    m_poll.start(std::max(m_timing.pollIntervalMs, 2000)); // ask again, less often
}

void SamIdCardReader::idle(bool answered)
{
    m_step = Step::Idle;
    // The reader answered as it should: whatever was wrong before is over.
    if (answered && m_samReady)
        setHealth({DeviceHealth::State::Ok, QStringLiteral("ready"), std::nullopt});
    m_poll.start(m_timing.pollIntervalMs);
}

void SamIdCardReader::onDeadline()
{
    const Step step = m_step;
    m_step = Step::Idle;
    if (step == Step::Idle)
        return;
    ++m_timeouts;
    qCInfo(lcIdCard) << "no reply within the deadline (" << m_timeouts << "in a row)";
    if (m_trace)
        m_trace->frameBad();
    if (m_timeouts >= m_timing.offlineAfterTimeouts) {
        m_samReady = false;
        setHealth({DeviceHealth::State::Offline, QStringLiteral("no reply from the reader on %1").arg(m_transport.describe()),
                   DeviceError::Timeout});
    }
    m_poll.start(m_timing.pollIntervalMs);
}

void SamIdCardReader::reportFailure(CardReadFailure::Kind kind, const QString &detail)
{
    qCWarning(lcIdCard).noquote() << "card could not be used:" << detail;
    if (m_trace)
        m_trace->error(QStringLiteral("card not read: %1").arg(detail)); // the reader's words, never the card's
    Q_EMIT cardFailed({kind, detail});
}

void SamIdCardReader::setHealth(DeviceHealth health)
{
    if (m_trace && health.error && health.state != DeviceHealth::State::Ok)
        m_trace->error(health.detail);
    if (health == m_health)
        return;
    m_health = std::move(health);
    Q_EMIT healthChanged(m_health);
}

} // namespace hk

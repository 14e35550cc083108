#include "drivers/sim/idcard_simulator.h"

#include "drivers/protocols/sam_idcard/id_card_text_encoder.h"
#include "drivers/sim/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <unistd.h>

namespace hk {
namespace {

std::optional<SimulatedCard> cardFrom(const QJsonObject &o, QString *error)
{
    SimulatedCard card;
    card.name = o.value(QStringLiteral("name")).toString();
    if (card.name.isEmpty()) {
        *error = QStringLiteral("a card without a \"name\"");
        return std::nullopt;
    }
    const QString type = o.value(QStringLiteral("type")).toString(QStringLiteral("resident"));
    if (type == QLatin1String("resident"))
        card.text.kind = IdCardKind::Resident;
    else if (type == QLatin1String("J"))
        card.text.kind = IdCardKind::HkMacaoTaiwan;
    else if (type == QLatin1String("I"))
        card.text.kind = IdCardKind::Foreigner2017;
    else if (type == QLatin1String("Y"))
        card.text.kind = IdCardKind::Foreigner2023;
    else {
        *error = QStringLiteral("card \"%1\": type must be resident, J, I or Y").arg(card.name);
        return std::nullopt;
    }
    const auto field = [&o](const char *key) { return o.value(QLatin1String(key)).toString().toStdString(); };
    IdCardText &t = card.text;
    t.name = field("holder");
    t.englishName = field("english_name");
    t.sex = field("sex");
    t.nation = field("nation");
    t.nationality = field("nationality");
    t.birthDate = field("birth");
    t.address = field("address");
    t.idNumber = field("id_number");
    t.issuer = field("issuer");
    t.validFrom = field("valid_from");
    t.validTo = field("valid_to");
    t.passNumber = field("pass_number");
    t.issueCount = field("issue_count");
    t.renewalCount = field("renewal_count");
    t.cardVersion = field("card_version");
    t.authorityCode = field("authority_code");
    const QString behaviour = o.value(QStringLiteral("behaviour")).toString(QStringLiteral("ok"));
    static const QMap<QString, SimulatedCard::Behaviour> kBehaviours{
        {QStringLiteral("ok"), SimulatedCard::Behaviour::Ok},
        {QStringLiteral("failing_read"), SimulatedCard::Behaviour::FailingRead},
        {QStringLiteral("failing_select"), SimulatedCard::Behaviour::FailingSelect},
        {QStringLiteral("removed"), SimulatedCard::Behaviour::Removed},
        {QStringLiteral("unknown_type"), SimulatedCard::Behaviour::UnknownType},
    };
    if (!kBehaviours.contains(behaviour)) {
        *error = QStringLiteral("card \"%1\": behaviour must be ok, failing_read, failing_select, removed or unknown_type").arg(card.name);
        return std::nullopt;
    }
    card.behaviour = kBehaviours.value(behaviour);
    if (!IdCardTextEncoder::encode(card.text)) {
        *error = QStringLiteral("card \"%1\": a field is longer than its place on the card").arg(card.name);
        return std::nullopt;
    }
    return card;
}

} // namespace

Result<std::unique_ptr<IdCardSimulator>, QString> IdCardSimulator::create(const QString &linkPath, QObject *parent)
{
    auto pty = PseudoTerminal::open(linkPath);
    if (!pty)
        return fail(pty.error());
    return std::unique_ptr<IdCardSimulator>(new IdCardSimulator(std::move(pty).value(), parent));
}

IdCardSimulator::IdCardSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent)
    : QObject(parent)
    , m_pty(std::move(pty))
{
    m_notifier = std::make_unique<QSocketNotifier>(m_pty->masterFd(), QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &IdCardSimulator::onReadable);
    qCInfo(lcSim).noquote() << "ID-card reader simulator on" << devicePath();
}

IdCardSimulator::~IdCardSimulator() = default;

Result<int, QString> IdCardSimulator::loadCards(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto loaded = loadCardsJson(file.readAll());
    if (!loaded)
        return fail(QStringLiteral("%1: %2").arg(path, loaded.error()));
    return loaded;
}

Result<int, QString> IdCardSimulator::loadCardsJson(const QByteArray &json)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isArray())
        return fail(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                 : QStringLiteral("expected an array of cards"));
    QList<SimulatedCard> cards;
    for (const QJsonValue &v : doc.array()) {
        QString error;
        auto card = cardFrom(v.toObject(), &error);
        if (!card)
            return fail(error);
        cards.append(*card);
    }
    for (const SimulatedCard &card : std::as_const(cards))
        addCard(card);
    return int(cards.size());
}

void IdCardSimulator::addCard(const SimulatedCard &card)
{
    for (SimulatedCard &existing : m_cards) {
        if (existing.name == card.name) {
            existing = card;
            return;
        }
    }
    m_cards.append(card);
}

QStringList IdCardSimulator::cardNames() const
{
    QStringList names;
    for (const SimulatedCard &c : m_cards)
        names << c.name;
    return names;
}

bool IdCardSimulator::placeCard(const QString &name)
{
    for (int i = 0; i < m_cards.size(); ++i) {
        if (m_cards.at(i).name == name) {
            m_onReader = i;
            m_readSincePlaced = false;
            qCInfo(lcSim).noquote() << "ID-card simulator: card" << name << "placed";
            return true;
        }
    }
    return false;
}

void IdCardSimulator::removeCard()
{
    if (m_onReader)
        qCInfo(lcSim).noquote() << "ID-card simulator: card" << m_cards.at(*m_onReader).name << "removed";
    m_onReader.reset();
    m_readSincePlaced = false;
}

std::optional<QString> IdCardSimulator::cardOnReader() const
{
    return m_onReader ? std::optional(m_cards.at(*m_onReader).name) : std::nullopt;
}

int IdCardSimulator::commandsReceived(const SamCommand &command) const
{
    return m_counts.value((int(command.cmd) << 8) | command.para);
}

void IdCardSimulator::onReadable()
{
    std::uint8_t buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_pty->masterFd(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // EAGAIN: drained
        for (const SamFrameDecoder::Event &event : m_decoder.feed(buffer, std::size_t(n))) {
            if (event.kind == SamFrameDecoder::Event::Kind::BadChecksum) {
                reply(SamResponse::withStatus(SamStatus::ChecksumError)); // 10, as a real SAM answers
                continue;
            }
            if (event.kind != SamFrameDecoder::Event::Kind::Frame)
                continue;
            const auto command = SamCommand::fromBody(event.body);
            if (!command) {
                reply(SamResponse::withStatus(SamStatus::LengthError));
                continue;
            }
            ++m_counts[(int(command->cmd) << 8) | command->para];
            Q_EMIT commandReceived(command->cmd, command->para);
            if (auto response = answer(*command))
                reply(*response);
        }
    }
}

std::optional<SamResponse> IdCardSimulator::answer(const SamCommand &c)
{
    if (m_sam == SamCondition::Silent)
        return std::nullopt;
    if (m_sam == SamCondition::SelfTestFailed)
        return SamResponse::withStatus(SamStatus::SelfTestFailed);
    if (m_sam == SamCondition::NotAuthorised)
        return SamResponse::withStatus(SamStatus::NotAuthorised);
    const SimulatedCard *card = m_onReader ? &m_cards.at(*m_onReader) : nullptr;
    const auto key = (int(c.cmd) << 8) | c.para;
    switch (key) {
    case 0x10FF: // reset
    case 0x11FF: // status
    case 0x61FF: // max RF frame bytes
        return SamResponse::withStatus(SamStatus::Ok);
    case 0x12FF: // SAM id: 16 bytes
        return SamResponse::withStatus(SamStatus::Ok, std::vector<std::uint8_t>{0x05, 0x01, 0x00, 0x00, 0x20, 0x26, 0x11, 0x24,
                                                                                0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x42});
    case 0x2001: // find: 9F and four 00 (reference §1.4)
        if (!card || (m_mode == Mode::StaysSelected && m_readSincePlaced))
            return SamResponse::withStatus(SamStatus::CardNotFound);
        return SamResponse::withStatus(SamStatus::CardFound, std::vector<std::uint8_t>(4, 0x00));
    case 0x2002: // select: 90 and eight 00
        if (!card || card->behaviour == SimulatedCard::Behaviour::FailingSelect ||
            (m_mode == Mode::StaysSelected && m_readSincePlaced))
            return SamResponse::withStatus(SamStatus::SelectFailed);
        return SamResponse::withStatus(SamStatus::Ok, std::vector<std::uint8_t>(8, 0x00));
    case 0x3001:
    case 0x3010:
        if (!card)
            return SamResponse::withStatus(SamStatus::ReadFailed);
        switch (card->behaviour) {
        case SimulatedCard::Behaviour::FailingRead:
            return SamResponse::withStatus(SamStatus::ReadFailed);
        case SimulatedCard::Behaviour::Removed:
            removeCard();
            return SamResponse::withStatus(SamStatus::ReadFailed);
        case SimulatedCard::Behaviour::UnknownType:
            return SamResponse::withStatus(SamStatus::UnknownCardType);
        case SimulatedCard::Behaviour::Ok:
        case SimulatedCard::Behaviour::FailingSelect:
            break;
        }
        return readResponse(c.para == 0x10);
    default:
        return SamResponse::withStatus(SamStatus::CommandError);
    }
}

SamResponse IdCardSimulator::readResponse(bool withFingerprint)
{
    const SimulatedCard &card = m_cards.at(*m_onReader);
    const auto text = IdCardTextEncoder::encode(card.text); // checked when the card was loaded
    // Lengths (reference §1.5): text 0x0100, photo 0x0400, for 30 10 fingerprint 0x0400.
    std::vector<std::uint8_t> data{0x01, 0x00, 0x04, 0x00};
    if (withFingerprint) {
        data.push_back(0x04);
        data.push_back(0x00);
    }
    data.insert(data.end(), text->begin(), text->end());
    // The photo is an encrypted WLT image no one can decode without the vendor's library (§1.7);
    // any 1024 bytes do. "WLT" and a counter make them easy to spot in a capture.
    for (int i = 0; i < 1024; ++i)
        data.push_back(i < 3 ? std::uint8_t("WLT"[i]) : std::uint8_t(i & 0xFF));
    if (withFingerprint)
        data.insert(data.end(), 1024, 0x00);
    m_readSincePlaced = true;
    ++m_readsOut;
    Q_EMIT cardReadOut(card.name);
    return SamResponse::withStatus(SamStatus::Ok, std::move(data));
}

void IdCardSimulator::reply(const SamResponse &response)
{
    std::vector<std::uint8_t> frame = response.encode();
    if (m_corrupt > 0 && !frame.empty()) {
        --m_corrupt;
        frame.back() ^= 0xFF;
    }
    std::size_t done = 0;
    while (done < frame.size()) {
        const ssize_t n = ::write(m_pty->masterFd(), frame.data() + done, frame.size() - done);
        if (n > 0) {
            done += std::size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        // A full pty buffer: the host is not reading. A real reader would not wait either.
        qCWarning(lcSim) << "ID-card simulator: the host does not read; reply cut short";
        return;
    }
}

QString IdCardSimulator::command(const QString &line)
{
    const QStringList words = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    const QString verb = words.first();
    if (verb == QLatin1String("card")) {
        if (words.size() < 2)
            return QStringLiteral("card NAME (one of: %1)").arg(cardNames().join(QStringLiteral(", ")));
        if (!placeCard(words.at(1)))
            return QStringLiteral("no card \"%1\" (known: %2)").arg(words.at(1), cardNames().join(QStringLiteral(", ")));
        return QStringLiteral("card %1 on the reader").arg(words.at(1));
    }
    if (verb == QLatin1String("remove")) {
        removeCard();
        return QStringLiteral("no card on the reader");
    }
    if (verb == QLatin1String("cards"))
        return cardNames().join(QStringLiteral(", "));
    if (verb == QLatin1String("sam") && words.size() == 2) {
        static const QMap<QString, SamCondition> kConditions{{QStringLiteral("ok"), SamCondition::Ok},
                                                             {QStringLiteral("self_test_failed"), SamCondition::SelfTestFailed},
                                                             {QStringLiteral("unauthorised"), SamCondition::NotAuthorised},
                                                             {QStringLiteral("silent"), SamCondition::Silent}};
        if (!kConditions.contains(words.at(1)))
            return QStringLiteral("sam ok|self_test_failed|unauthorised|silent");
        setSamCondition(kConditions.value(words.at(1)));
        return QStringLiteral("sam %1").arg(words.at(1));
    }
    if (verb == QLatin1String("mode") && words.size() == 2) {
        if (words.at(1) == QLatin1String("rereads"))
            setMode(Mode::Rereads);
        else if (words.at(1) == QLatin1String("stays_selected"))
            setMode(Mode::StaysSelected);
        else
            return QStringLiteral("mode rereads|stays_selected");
        return QStringLiteral("mode %1").arg(words.at(1));
    }
    if (verb == QLatin1String("corrupt") && words.size() == 2) {
        bool ok = false;
        const int count = words.at(1).toInt(&ok);
        if (!ok || count < 0)
            return QStringLiteral("corrupt COUNT");
        corruptReplies(count);
        return QStringLiteral("the next %1 replies fail their check").arg(count);
    }
    if (verb == QLatin1String("help"))
        return QStringLiteral("card NAME · remove · cards · sam ok|self_test_failed|unauthorised|silent · mode rereads|stays_selected · "
                              "corrupt COUNT · help");
    return QStringLiteral("unknown command \"%1\" (try help)").arg(verb);
}

} // namespace hk

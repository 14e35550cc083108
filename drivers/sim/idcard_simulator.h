#pragma once

#include "app/domain/result.h"
#include "drivers/protocols/sam_idcard/id_card_text.h"
#include "drivers/protocols/sam_idcard/sam_command.h"
#include "drivers/protocols/sam_idcard/sam_frame_decoder.h"
#include "drivers/protocols/sam_idcard/sam_response.h"
#include "drivers/sim/pseudo_terminal.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QSocketNotifier>

#include <algorithm>
#include <memory>
#include <optional>

namespace hk {

// A card the simulated reader can be given: its text and how it behaves on the reader.
struct SimulatedCard {
    enum class Behaviour {
        Ok,
        FailingRead,   // read answers 41 (读居民身份证操作失败) every time
        FailingSelect, // select answers 81
        Removed,       // found and selected, then taken away during the read (41, then "no card")
        UnknownType,   // read answers 40 (无法识别的居民身份证类型)
    };
    QString name; // what a technician types: card NAME
    IdCardText text;
    Behaviour behaviour = Behaviour::Ok;
};

// A GA 467 ID-card reader on a pseudo-terminal (reference §1): answers status, find, select and
// read (30 01 and 30 10) with the exact frames of a real reader, for the card placed on it. The
// cards come from a JSON file (tests/fixtures/idcard/cards.json shows the form); a card stays on
// the reader until it is removed, and by default answers every poll again, the hardest case for
// the terminal ("rereads"); "stays_selected" answers "no card" after a read, as many readers do.
class IdCardSimulator : public QObject {
    Q_OBJECT
public:
    enum class SamCondition { Ok, SelfTestFailed, NotAuthorised, Silent };
    enum class Mode { Rereads, StaysSelected };

    static Result<std::unique_ptr<IdCardSimulator>, QString> create(const QString &linkPath = {}, QObject *parent = nullptr);
    ~IdCardSimulator() override;

    QString devicePath() const { return m_pty->hostPath(); }
    // Cards as JSON: [{"name", "type": resident|J|I|Y, "holder", "id_number", …, "behaviour"}].
    Result<int, QString> loadCards(const QString &path);
    Result<int, QString> loadCardsJson(const QByteArray &json);
    void addCard(const SimulatedCard &card);
    QStringList cardNames() const;

    bool placeCard(const QString &name);
    void removeCard();
    std::optional<QString> cardOnReader() const;
    void setSamCondition(SamCondition condition) { m_sam = condition; }
    void setMode(Mode mode) { m_mode = mode; }
    // The next `count` replies leave with a wrong check byte, as on a noisy cable.
    void corruptReplies(int count) { m_corrupt = std::max(0, count); }

    int commandsReceived(const SamCommand &command) const;
    int cardsReadOut() const { return m_readsOut; }

    // A technician's or a test's control line ("card resident", "remove", "help"); returns the answer.
    QString command(const QString &line);

Q_SIGNALS:
    void commandReceived(std::uint8_t cmd, std::uint8_t para);
    void cardReadOut(const QString &name);

private:
    explicit IdCardSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent);
    void onReadable();
    std::optional<SamResponse> answer(const SamCommand &command);
    SamResponse readResponse(bool withFingerprint);
    void reply(const SamResponse &response);

    std::unique_ptr<PseudoTerminal> m_pty;
    std::unique_ptr<QSocketNotifier> m_notifier;
    SamFrameDecoder m_decoder;
    QList<SimulatedCard> m_cards;
    std::optional<int> m_onReader; // index into m_cards
    bool m_readSincePlaced = false;
    SamCondition m_sam = SamCondition::Ok;
    Mode m_mode = Mode::Rereads;
    QMap<int, int> m_counts; // cmd << 8 | para → count
    int m_readsOut = 0;
    int m_corrupt = 0;
};

} // namespace hk

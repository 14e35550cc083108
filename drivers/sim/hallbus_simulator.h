#pragma once

#include "app/domain/result.h"
#include "drivers/protocols/hallbus/hallbus_messages.h"
#include "drivers/protocols/hallbus/hallbus_stream_decoder.h"
#include "drivers/sim/pseudo_terminal.h"

#include <QObject>
#include <QRandomGenerator>
#include <QSocketNotifier>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>

namespace hk {

// Window boards, callers and evaluators sharing one simulated RS-485 bus on a pseudo-terminal,
// answering the hallbus master byte for byte (DESIGN §4). A caller or evaluator numbers its events
// 1–255, keeps each until a POLL acknowledges it, and after a (simulated) power-up answers status 10
// and ignores acks until the master has seen that. Faults for tests and technicians: a device that
// goes silent, restarts, or a lossy line that drops requests and replies.
class HallbusSimulator : public QObject {
    Q_OBJECT
public:
    enum class Kind { Board, Caller, Evaluator };

    static Result<std::unique_ptr<HallbusSimulator>, QString> create(const QString &linkPath = {}, QObject *parent = nullptr);
    ~HallbusSimulator() override;

    QString devicePath() const { return m_pty->hostPath(); }

    void addDevice(Kind kind, int address);
    void press(int address, CallerKey key); // a caller's key
    void rate(int address, int level);      // an evaluator's button
    void setSilent(int address, bool silent);
    void restart(int address); // power cycle: events not yet acknowledged are lost, numbering starts at 1
    // A lossy line: each request is lost before the device hears it, and each reply on its way
    // back, with these probabilities (0–1), from a seeded generator so a test is repeatable.
    void setLoss(double requestLoss, double replyLoss, quint32 seed = 1);
    // The next `count` replies leave with a wrong CRC, as on a noisy line.
    void corruptReplies(int count) { m_corrupt = std::max(0, count); }

    QString boardLine(int address, int line) const;
    QStringList boardHistory(int address) const; // every SHOW text, in order
    QString lastRate(int address) const;          // the ticket number of the last RATE received
    int pendingEvents(int address) const;
    int requestsHeard() const { return m_requestsHeard; }

    // A control line ("press 103 call_next", "rate 203 5", "silent 3 on", "restart 103",
    // "loss 20", "boards", "help"); returns the answer.
    QString command(const QString &line);
    static std::optional<Kind> kindFromString(const QString &name);

Q_SIGNALS:
    void boardChanged(int address, int line, const QString &text);
    void rateRequested(int address, const QString &ticketNumber);
    void eventAcknowledged(int address, int seq);

private:
    struct Device {
        Kind kind = Kind::Board;
        std::uint8_t address = 0;
        bool silent = false;
        QString lines[2];
        QStringList history;
        std::deque<HallbusEvent> pending;
        std::uint8_t nextSeq = 1;
        bool fresh = true;          // powered up and the master has not yet seen status 10
        bool freshReplySent = false;
        QString rateNumber;
    };

    explicit HallbusSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent);
    void onReadable();
    void handle(const HallbusDecoded &decoded);
    std::optional<HallbusFrame> answer(Device &device, const HallbusFrame &request);
    HallbusFrame answerPoll(Device &device, std::uint8_t ack);
    void queueEvent(int address, HallbusEvent::Type type, std::uint8_t value);
    void reply(const HallbusFrame &frame);
    bool lost(double probability);

    std::unique_ptr<PseudoTerminal> m_pty;
    std::unique_ptr<QSocketNotifier> m_notifier;
    HallbusStreamDecoder m_decoder;
    std::map<int, Device> m_devices;
    double m_requestLoss = 0;
    double m_replyLoss = 0;
    QRandomGenerator m_random{1};
    int m_requestsHeard = 0;
    int m_corrupt = 0;
};

} // namespace hk

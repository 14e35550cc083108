#pragma once

#include "app/domain/result.h"
#include "drivers/protocols/escpos/escpos_stream_decoder.h"
#include "drivers/sim/pseudo_terminal.h"
#include "drivers/sim/ticket_text_renderer.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSocketNotifier>

#include <memory>
#include <optional>

namespace hk {

struct SimulatedTicket {
    QByteArray bytes; // everything from the ticket's first byte to its cut, status requests left out
    QString text;     // as it would read on paper
};

// An ESC/POS ticket printer on a pseudo-terminal: answers DLE EOT with the condition set at run
// time, records every byte, and keeps each ticket it "prints" (a cut ends one) as bytes and as
// readable text. In any condition but ok or near-end it prints nothing, as a real printer would.
class PrinterSimulator : public QObject {
    Q_OBJECT
public:
    enum class Condition { Ok, PaperNearEnd, PaperOut, CoverOpen, CutterError, Silent };

    static Result<std::unique_ptr<PrinterSimulator>, QString> create(const QString &linkPath = {},
                                                                    QObject *parent = nullptr);
    ~PrinterSimulator() override;

    QString devicePath() const { return m_pty->hostPath(); }
    void setCondition(Condition condition);
    Condition condition() const { return m_condition; }
    // Each printed ticket is also written there as ticket-NNNN.txt and ticket-NNNN.bin.
    void setOutputDirectory(const QString &directory);
    QString outputDirectory() const { return m_outputDir; }

    QByteArray received() const { return m_received; }
    int statusRequests(int n) const;
    QList<SimulatedTicket> tickets() const { return m_tickets; }
    int discardedTickets() const { return m_discarded; }
    void clear();

    // A technician's or a test's control line ("status paper_out", "last", "help"); returns the answer.
    QString command(const QString &line);

    static std::optional<Condition> conditionFromString(const QString &name);
    static QString conditionName(Condition condition);
    static std::optional<std::uint8_t> replyFor(Condition condition, int n);

Q_SIGNALS:
    void statusRequested(int n);
    void ticketPrinted(const hk::SimulatedTicket &ticket);
    void ticketDiscarded(const QString &reason);

private:
    explicit PrinterSimulator(std::unique_ptr<PseudoTerminal> pty, QObject *parent);
    void onReadable();
    void handle(const QList<EscPosEvent> &events);

    std::unique_ptr<PseudoTerminal> m_pty;
    std::unique_ptr<QSocketNotifier> m_notifier;
    EscPosStreamDecoder m_decoder;
    TicketTextRenderer m_renderer;
    Condition m_condition = Condition::Ok;
    QByteArray m_received;
    QByteArray m_ticketBytes;
    QList<SimulatedTicket> m_tickets;
    int m_discarded = 0;
    int m_statusCounts[5] = {};
    QString m_outputDir;
};

} // namespace hk

#pragma once

#include "app/domain/result.h"
#include "drivers/protocols/escpos/escpos_stream_decoder.h"
#include "drivers/sim/sim_endpoint.h"
#include "drivers/sim/ticket_text_renderer.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>

namespace hk {

struct SimulatedTicket {
    QByteArray bytes; // everything from the ticket's first byte to its cut, status requests left out
    QString text;     // as it would read on paper
};

// An ESC/POS ticket printer behind a simulated link (a pseudo-terminal by default; a TCP port or a
// FIFO): answers DLE EOT with the condition set at run time, records every byte, and keeps each
// ticket it "prints" (a cut ends one) as bytes, as readable text and, with an output folder, as a
// PNG of the paper. In any condition but ok or near-end it prints nothing, as a real printer
// would. It can be unplugged and plugged back at the same address.
class PrinterSimulator : public QObject {
    Q_OBJECT
public:
    enum class Condition { Ok, PaperNearEnd, PaperOut, CoverOpen, CutterError, Silent };

    // On a pseudo-terminal; `linkPath`, when given, is a symlink to it that survives a replug.
    static Result<std::unique_ptr<PrinterSimulator>, QString> create(const QString &linkPath = {},
                                                                    QObject *parent = nullptr);
    // Listening on 127.0.0.1:port (0 = any free port): a network printer, or the far end of CUPS.
    static Result<std::unique_ptr<PrinterSimulator>, QString> createTcp(quint16 port = 0, QObject *parent = nullptr);
    // Reading a FIFO at `path`: a write-only USB printer.
    static Result<std::unique_ptr<PrinterSimulator>, QString> createFifo(const QString &path, QObject *parent = nullptr);
    ~PrinterSimulator() override;

    // What the host is pointed at: a device path, or 127.0.0.1:PORT.
    QString devicePath() const { return m_endpoint->address(); }
    SimEndpoint &endpoint() const { return *m_endpoint; }
    void unplug();
    Result<void, QString> plug();
    bool isPlugged() const { return m_endpoint->isPlugged(); }
    // The condition becomes `condition` as the next ticket starts to arrive (paper running out
    // mid-ticket): that ticket is lost and the status after it says why.
    void setConditionDuringNextTicket(Condition condition) { m_nextTicketCondition = condition; }
    void setCondition(Condition condition);
    Condition condition() const { return m_condition; }
    // Each printed ticket is also written there as ticket-NNNN.txt and ticket-NNNN.bin.
    void setOutputDirectory(const QString &directory);
    QString outputDirectory() const { return m_outputDir; }

    QByteArray received() const { return m_received; }
    int statusRequests(int n) const;
    QList<SimulatedTicket> tickets() const { return m_tickets; }
    int discardedTickets() const { return m_discarded; }
    int interruptedTickets() const { return m_interrupted; } // cut off by an unplug or a closed connection
    void clear();

    // A technician's or a test's control line ("status paper_out", "last", "help"); returns the answer.
    QString command(const QString &line);

    static std::optional<Condition> conditionFromString(const QString &name);
    static QString conditionName(Condition condition);
    static std::optional<std::uint8_t> replyFor(Condition condition, int n);

Q_SIGNALS:
    void statusRequested(int n);
    void ticketStarted(); // the first bytes of a ticket arrived
    void ticketPrinted(const hk::SimulatedTicket &ticket);
    void ticketDiscarded(const QString &reason);

private:
    PrinterSimulator(std::unique_ptr<SimEndpoint> endpoint, QObject *parent);
    void onReceived(const QByteArray &chunk);
    void handle(const QList<EscPosEvent> &events);
    void cutOff(); // a ticket in progress never reaches its cut
    void save(const SimulatedTicket &ticket);

    std::unique_ptr<SimEndpoint> m_endpoint;
    EscPosStreamDecoder m_decoder;
    TicketTextRenderer m_renderer;
    Condition m_condition = Condition::Ok;
    QByteArray m_received;
    QByteArray m_ticketBytes;
    QList<SimulatedTicket> m_tickets;
    int m_discarded = 0;
    int m_interrupted = 0;
    bool m_inTicket = false; // between a ticket's first byte and its cut
    std::optional<Condition> m_nextTicketCondition;
    int m_statusCounts[5] = {};
    QString m_outputDir;
};

} // namespace hk

#pragma once

#include "app/ports/devices/device_trace.h"
#include "app/ports/devices/ticket_printer.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/protocols/escpos/escpos_profile.h"

#include <QQueue>
#include <QTimer>

#include <optional>
#include <utility>

namespace hk {

// What the ticket printers share, whatever carries their ESC/POS bytes: a document is encoded for
// the printer's profile when it is asked for; requests wait in line and run one at a time, each
// answered exactly once and never inside the call that made it (DESIGN §4); health is kept and
// told only when it changes. A printer runs the request at the head of the line and finishes it.
class QueuedTicketPrinter : public TicketPrinter {
public:
    void checkStatus(StatusCallback done) final
    {
        m_requests.enqueue({false, {}, {}, std::move(done), {}});
        schedulePump();
    }
    void print(const PrintDocument &document, PrintCallback done) final
    {
        m_requests.enqueue({true, document, EscPosDocumentEncoder::encode(document, m_profile), {}, std::move(done)});
        schedulePump();
    }
    DeviceHealth health() const final { return m_health; }

    // Where the printer records what crosses its wire, its counters and errors (DESIGN §12);
    // nullable, not owned: nothing is recorded without one.
    void setTrace(DeviceTrace *trace) { m_trace = trace; }
    // Used for every document asked for from now on (a ticket already in line keeps the bytes it
    // was encoded to), and for the next status question (a profile may have no status channel).
    void setProfile(EscPosProfile profile) { m_profile = std::move(profile); }
    const EscPosProfile &profile() const { return m_profile; }

protected:
    struct Request {
        bool isPrint = false;
        PrintDocument document;
        QByteArray bytes; // the document, encoded
        StatusCallback onStatus;
        PrintCallback onPrint;
    };

    QueuedTicketPrinter(EscPosProfile profile, QObject *parent)
        : TicketPrinter(parent)
        , m_profile(std::move(profile))
    {
    }

    // Starts m_current, the request just taken from the line; finish() ends it.
    virtual void run() = 0;
    // Forgets what the printer kept about the request that ends, before it is answered.
    virtual void settle() {}

    // Answers m_current with `result` and takes the next request, if any.
    void finish(Result<PrinterReadiness, DeviceError> result)
    {
        std::optional<Request> request = std::move(m_current);
        m_current.reset();
        settle();
        if (request) {
            if (!request->isPrint) {
                if (request->onStatus)
                    request->onStatus(result);
            } else {
                if (m_trace && result)
                    m_trace->ticketPrinted();
                else if (m_trace)
                    m_trace->error(QStringLiteral("ticket not printed: %1").arg(nameOf(result.error())));
                if (request->onPrint)
                    request->onPrint(result ? Result<void, DeviceError>() : Result<void, DeviceError>(fail(result.error())));
            }
        }
        schedulePump();
    }

    void setHealth(DeviceHealth health)
    {
        // Every time a fault is found, not only when it is new: the trace dates the last one.
        if (m_trace && health.error && health.state != DeviceHealth::State::Ok)
            m_trace->error(health.detail);
        if (health == m_health)
            return;
        m_health = std::move(health);
        Q_EMIT healthChanged(m_health);
    }

    // Nothing runs and nothing waits: the time for a poll of the printer's own.
    bool isIdle() const { return !m_current && m_requests.isEmpty(); }

    EscPosProfile m_profile;
    std::optional<Request> m_current;
    DeviceTrace *m_trace = nullptr;

private:
    void schedulePump()
    {
        // Callbacks never run inside the call that made the request.
        if (std::exchange(m_pumpScheduled, true))
            return;
        QTimer::singleShot(0, this, [this] {
            m_pumpScheduled = false;
            pump();
        });
    }

    void pump()
    {
        if (m_current || m_requests.isEmpty())
            return;
        m_current = m_requests.dequeue();
        run();
    }

    DeviceHealth m_health{DeviceHealth::State::Offline, QStringLiteral("not started"), DeviceError::Offline};
    QQueue<Request> m_requests;
    bool m_pumpScheduled = false;
};

} // namespace hk

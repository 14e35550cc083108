#pragma once

#include "app/domain/result.h"
#include "app/ports/devices/device_error.h"
#include "app/ports/devices/device_health.h"
#include "app/ports/devices/print_document.h"

#include <QObject>

#include <functional>

namespace hk {

struct PrinterReadiness {
    bool paperNearEnd = false; // printing works, but the roll needs changing soon
};

// The ticket printer as the services see it. Requests are asynchronous: the callback runs exactly
// once, on the caller's thread, within the device's deadline.
class TicketPrinter : public QObject {
    Q_OBJECT
public:
    using StatusCallback = std::function<void(Result<PrinterReadiness, DeviceError>)>;
    using PrintCallback = std::function<void(Result<void, DeviceError>)>;

    using QObject::QObject;

    // Asks the printer whether a ticket can be printed now.
    virtual void checkStatus(StatusCallback done) = 0;
    // Prints the document. Success means every byte was written and the status afterwards is
    // good; a failure part-way may have left part of the ticket on paper (DESIGN §4).
    virtual void print(const PrintDocument &document, PrintCallback done) = 0;
    virtual DeviceHealth health() const = 0;

Q_SIGNALS:
    void healthChanged(const hk::DeviceHealth &health);
};

} // namespace hk

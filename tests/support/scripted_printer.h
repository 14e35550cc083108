#pragma once

#include "app/ports/devices/ticket_printer.h"

#include <QList>
#include <QTimer>

namespace hk::test {

// A TicketPrinter whose answers the test sets; it keeps every document it was asked to print.
class ScriptedPrinter final : public TicketPrinter {
    Q_OBJECT
public:
    Result<PrinterReadiness, DeviceError> status = PrinterReadiness{};
    Result<void, DeviceError> printResult = Ok{};
    QList<PrintDocument> printed;
    int statusChecks = 0;

    void checkStatus(StatusCallback done) override
    {
        ++statusChecks;
        QTimer::singleShot(0, this, [this, done = std::move(done)] { done(status); });
    }
    void print(const PrintDocument &document, PrintCallback done) override
    {
        printed.append(document);
        QTimer::singleShot(0, this, [this, done = std::move(done)] { done(printResult); });
    }
    DeviceHealth health() const override { return {DeviceHealth::State::Ok, QStringLiteral("scripted"), std::nullopt}; }
};

} // namespace hk::test

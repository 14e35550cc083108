#pragma once

#include "app/ports/devices/ticket_printer.h"

#include <QTimer>

namespace hk {

// The printer slot when the config names none (DESIGN §8: the terminal runs without it and says
// so). Every request is refused as offline, so no ticket is ever issued that cannot be printed.
class AbsentPrinter final : public TicketPrinter {
    Q_OBJECT
public:
    using TicketPrinter::TicketPrinter;

    void checkStatus(StatusCallback done) override
    {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(fail(DeviceError::Offline)); });
    }
    void print(const PrintDocument &, PrintCallback done) override
    {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(fail(DeviceError::Offline)); });
    }
    DeviceHealth health() const override { return {DeviceHealth::State::Absent, QStringLiteral("not configured"), std::nullopt}; }
};

} // namespace hk

#pragma once

#include "app/ports/devices/print_document.h"
#include "app/services/booking/citizen_booking.h"

namespace hk {

// Lays a booking slip (DESIGN §14: matter, date and slot, hall address, materials, the booking QR,
// the cancel rule) or a cancel confirmation out for the ticket printer.
class BookingSlipComposer {
public:
    PrintDocument compose(const BookingSlip &slip) const;
};

} // namespace hk

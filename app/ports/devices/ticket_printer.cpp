// Anchors the moc output of the TicketPrinter port in this library.
#include "app/ports/devices/ticket_printer.h"

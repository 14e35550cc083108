#pragma once

#include "app/ports/stores/report_reader.h"
#include "db/database.h"

namespace hk {

// The reports' read (DESIGN §13) on either engine: one statement for the span's tickets with their
// ratings, one for its bookings by day, in one read-only snapshot.
class SqlReportReader final : public ReportReader {
public:
    explicit SqlReportReader(Database &database);
    Result<ReportData, StoreError> read(const CivilDate &from, const CivilDate &to) override;

private:
    Database &m_database;
};

} // namespace hk

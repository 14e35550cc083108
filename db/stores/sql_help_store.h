#pragma once

#include "app/ports/stores/help_store.h"
#include "db/database.h"

namespace hk {

// Help requests in table help_requests: a request is pending while taken_at is NULL; taking it is
// one conditional UPDATE, so of two consoles taking it at once exactly one succeeds.
class SqlHelpStore final : public HelpStore {
public:
    explicit SqlHelpStore(Database &database);

    Result<void, StoreError> add(const HelpRequest &request) override;
    Result<std::vector<HelpRequest>, StoreError> pending() override;
    Result<bool, StoreError> take(const QString &id, const QString &by, const QDateTime &at) override;

private:
    Database &m_database;
};

} // namespace hk

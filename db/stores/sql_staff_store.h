#pragma once

#include "app/ports/stores/staff_store.h"
#include "db/database.h"

namespace hk {

class SqlStaffStore final : public StaffStore {
public:
    explicit SqlStaffStore(Database &database);

    Result<SignInFailures, StoreError> failures(const QString &staffId) override;
    Result<void, StoreError> setFailures(const QString &staffId, const SignInFailures &failures) override;
    Result<void, StoreError> saveSession(const StaffSessionRecord &session) override;
    Result<std::optional<StaffSessionRecord>, StoreError> session(const QByteArray &tokenDigest) override;
    Result<void, StoreError> deleteSession(const QByteArray &tokenDigest) override;
    Result<void, StoreError> deleteExpiredSessions(const QDateTime &now) override;

private:
    Database &m_database;
};

} // namespace hk

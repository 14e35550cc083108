#pragma once

#include "app/domain/result.h"
#include "app/ports/stores/store_error.h"

#include <QDateTime>
#include <QString>

#include <vector>

namespace hk {

// 帮办: a citizen at a terminal asked for a person.
struct HelpRequest {
    QString id;
    QString terminalId; // the terminal it was asked at
    QString terminal;   // that terminal's display name
    QDateTime at;
};

// The hall's help requests: pending on every console of the hall until a clerk at any of them
// takes one (DESIGN §11).
class HelpStore {
public:
    virtual ~HelpStore() = default;
    // The request and its `help_requested {terminal}` event for the platform, in one transaction.
    virtual Result<void, StoreError> add(const HelpRequest &request) = 0;
    // Every request not taken yet, oldest first.
    virtual Result<std::vector<HelpRequest>, StoreError> pending() = 0;
    // Takes a pending request for `by` (a staff id; empty: not known). False when there is no such
    // request or another console took it first.
    virtual Result<bool, StoreError> take(const QString &id, const QString &by, const QDateTime &at) = 0;
};

} // namespace hk

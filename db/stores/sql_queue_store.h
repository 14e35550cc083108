#pragma once

#include "app/domain/queue/ticket_lifecycle.h"
#include "app/ports/stores/queue_store.h"
#include "db/database.h"
#include "db/transaction.h"

#include <QSqlQuery>

namespace hk {

// The QueueStore, on either engine. Each operation is one transaction that writes the state change
// and the outbox events reporting it together (the transactional outbox, DESIGN §5), run again by
// Database::retry when another writer got there first.
//
// With an `offlineIndex` (1–9, the terminal's `hall.index`) it is a hall terminal's own file
// standing in for the hall while the hall database is out of reach: it numbers in the offline
// series ("A2-001", "Y2-001", counted under the series "A2-", "Y2-"; DESIGN §11), never repeated
// within the day, and HallQueueStore merges what it issued into the hall later.
class SqlQueueStore final : public QueueStore {
public:
    explicit SqlQueueStore(Database &database, int offlineIndex = 0);

    Database &database() { return m_database; }
    int offlineIndex() const { return m_offlineIndex; }

    Result<IssuedTicket, QueueError> issueWalkIn(const WalkInRequest &request) override;
    Result<IssuedTicket, QueueError> issueBooked(const BookedRequest &request) override;
    Result<void, StoreError> setPrintState(const QString &ticketId, PrintState state) override;
    Result<void, StoreError> recordReprint(const QString &ticketId, PrintState state, bool byCitizen,
                                           const AuditEntry &audit) override;
    Result<int, StoreError> waitingCount(const QString &groupCode, const CivilDate &serviceDate) override;

    Result<WindowState, QueueError> callNext(const WindowContext &context) override;
    Result<WindowState, QueueError> recall(const WindowContext &context, int recallMax) override;
    Result<WindowState, QueueError> startServing(const WindowContext &context) override;
    Result<WindowState, QueueError> pass(const WindowContext &context) override;
    Result<WindowState, QueueError> finish(const WindowContext &context) override;
    Result<WindowState, QueueError> setMode(const WindowContext &context, WindowMode mode) override;
    Result<WindowState, QueueError> resume(const WindowContext &context) override;
    Result<WindowState, QueueError> transfer(const WindowContext &context, const QString &toGroup) override;
    Result<WindowState, QueueError> windowState(int window) override;
    Result<TicketRecord, QueueError> requeue(const QString &ticketId, const QDateTime &at) override;

    Result<std::vector<TicketRecord>, StoreError> tickets(const CivilDate &serviceDate) override;
    Result<std::optional<TicketRecord>, StoreError> ticket(const QString &ticketId) override;

    Result<DayCloseSummary, StoreError> closeDay(const DayClose &close) override;
    Result<std::vector<CivilDate>, StoreError> unclosedDays() override;

private:
    struct WindowRow {
        int number = 0;
        WindowMode mode = WindowMode::Normal;
        std::optional<WindowMode> pending;
        std::optional<WindowMode> resume;
        QString current; // ticket id, empty when nobody is at the window
        int streak = 0;
    };
    using Body = std::function<Result<void, QueueError>(QSqlQuery &, WindowRow &, const Transaction &)>;

    // Loads the window (creating its row the first time) and locks it, runs `body`, saves the
    // window and commits — or changes nothing. On PostgreSQL it locks only what it touches (READ
    // COMMITTED, Transaction::Mode::RowLocks): the window's row, then the rows of the tickets it
    // acts on; operations at other windows run beside it.
    Result<WindowState, QueueError> windowOperation(const WindowContext &context, const Body &body);
    Result<WindowRow, QueueError> loadWindow(QSqlQuery &query, int number, const Transaction &tx);
    Result<void, QueueError> saveWindow(QSqlQuery &query, const WindowRow &row);
    Result<WindowState, QueueError> stateOf(QSqlQuery &query, const WindowRow &row);
    // The ticket at the window, if `action` may be taken on it.
    Result<TicketRecord, QueueError> requireCurrent(QSqlQuery &query, const WindowRow &row, TicketAction action);
    // `serviceEnd` (day close only): the service is counted up to then at most.
    Result<void, QueueError> finishCurrent(QSqlQuery &query, WindowRow &row, const QDateTime &at,
                                           std::optional<QDateTime> serviceEnd = std::nullopt);
    Result<void, QueueError> leaveWindow(QSqlQuery &query, WindowRow &row, const QDateTime &at);
    Result<int, QueueError> takeNumber(QSqlQuery &query, const CivilDate &date, const QString &series, int cap);
    // The series a prefix numbers in here ("A", or "A2-" offline) and a number of it.
    QString seriesOf(char prefix) const;
    QString numberOf(char prefix, int seq) const;
    // `lock`: a Transaction's locking clause, or nothing.
    Result<std::optional<TicketRecord>, QueueError> loadTicket(QSqlQuery &query, const QString &ticketId, const QString &lock = {});
    int peopleAhead(const IssuedTicket &ticket, std::optional<qint64> priorityKey);

    Database &m_database;
    int m_offlineIndex = 0;
};

} // namespace hk

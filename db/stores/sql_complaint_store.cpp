#include "db/stores/sql_complaint_store.h"

#include "db/sql_values.h"
#include "db/stores/sql_outbox_store.h"
#include "db/transaction.h"

#include <QJsonObject>
#include <QSqlError>

#include <map>

namespace hk {

using sql::newId;
using sql::run;
using sql::text;
using sql::utcText;

namespace {

QString dateText(const CivilDate &date)
{
    return QString::fromStdString(date.toString());
}

CivilDate dateFrom(const QVariant &value)
{
    return CivilDate::parse(value.toString().toStdString()).value_or(CivilDate());
}

// The event of DESIGN §6: `complaint_updated {id, ticket, step, at}`, `ticket` the ticket's uuid;
// beside them the printed number, and a close's outcome.
OutboxEvent complaintEvent(const QString &id, const QString &ticketId, const QString &number, ComplaintStep step, const QDateTime &at,
                           std::optional<ComplaintOutcome> outcome)
{
    QJsonObject data{{QStringLiteral("id"), id},
                     {QStringLiteral("ticket"), ticketId},
                     {QStringLiteral("number"), number},
                     {QStringLiteral("step"), text(nameOf(step))},
                     {QStringLiteral("at"), at.toString(Qt::ISODate)}};
    if (outcome)
        data.insert(QStringLiteral("outcome"), text(nameOf(*outcome)));
    return OutboxEvent{newId(), QStringLiteral("complaint_updated"), at, data};
}

const QString kSelectCases =
    QStringLiteral("SELECT c.id, c.ticket_id, t.number, r.window_number, r.level, r.matter_level, r.reason, r.follow_up, c.opened_at, "
                   "c.rated_on, c.due_contact, c.due_rectify, c.due_close FROM complaints c JOIN ratings r ON r.id = c.rating_id "
                   "JOIN tickets t ON t.id = c.ticket_id");

ComplaintRecord caseFrom(const QSqlQuery &q)
{
    ComplaintRecord c;
    c.id = q.value(0).toString();
    c.ticketId = q.value(1).toString();
    c.number = q.value(2).toString();
    c.window = q.value(3).toInt();
    c.level = q.value(4).toInt();
    if (!q.value(5).isNull())
        c.matterLevel = q.value(5).toInt();
    c.reason = q.value(6).toString();
    c.followUp = q.value(7).toInt() != 0;
    c.openedAt = sql::instantOrNull(q.value(8)).value_or(QDateTime());
    c.ratedOn = dateFrom(q.value(9));
    c.due = {dateFrom(q.value(10)), dateFrom(q.value(11)), dateFrom(q.value(12))};
    return c;
}

// The cases `where` selects (with `values`), oldest first, each with its steps.
Result<std::vector<ComplaintRecord>, StoreError> readCases(QSqlQuery &q, const QString &where, const QVariantList &values)
{
    if (!run(q, kSelectCases + where + QStringLiteral(" ORDER BY c.opened_at, c.id"), values))
        return fail(storeError(QStringLiteral("complaints"), q.lastError()));
    std::vector<ComplaintRecord> cases;
    std::map<QString, size_t> index;
    while (q.next()) {
        index.emplace(q.value(0).toString(), cases.size());
        cases.push_back(caseFrom(q));
    }
    if (cases.empty())
        return cases;
    if (!run(q, QStringLiteral("SELECT s.complaint_id, s.step, s.at, s.on_date, s.by_staff, s.note, s.outcome FROM complaint_steps s "
                               "JOIN complaints c ON c.id = s.complaint_id") +
                    where + QStringLiteral(" ORDER BY s.seq"),
             values))
        return fail(storeError(QStringLiteral("complaint steps"), q.lastError()));
    while (q.next()) {
        const auto found = index.find(q.value(0).toString());
        if (found == index.end())
            continue;
        ComplaintStepRecord s;
        s.step = complaintStepFromString(q.value(1).toString().toStdString()).value_or(ComplaintStep::Contacted);
        s.at = sql::instantOrNull(q.value(2)).value_or(QDateTime());
        s.on = dateFrom(q.value(3));
        s.by = q.value(4).toString();
        s.note = q.value(5).toString();
        if (!q.value(6).isNull())
            s.outcome = complaintOutcomeFromString(q.value(6).toString().toStdString());
        cases[found->second].steps.push_back(s);
    }
    return cases;
}

} // namespace

Result<QString, StoreError> insertComplaint(QSqlQuery &query, const QString &ratingId, const QString &ticketId, const QString &number,
                                            const QDateTime &openedAt, const ComplaintOpening &opening)
{
    const QString id = newId();
    if (!run(query,
             QStringLiteral("INSERT INTO complaints (id, rating_id, ticket_id, opened_at, rated_on, due_contact, due_rectify, due_close) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
             {id, ratingId, ticketId, utcText(openedAt), dateText(opening.ratedOn), dateText(opening.due.contact),
              dateText(opening.due.rectify), dateText(opening.due.close)}))
        return fail(storeError(QStringLiteral("open the complaint"), query.lastError()));
    if (auto e = insertOutboxEvent(query, complaintEvent(id, ticketId, number, ComplaintStep::Opened, openedAt, std::nullopt)); !e)
        return fail(e.error());
    return id;
}

SqlComplaintStore::SqlComplaintStore(Database &database)
    : m_database(database)
{
}

Result<std::vector<ComplaintRecord>, StoreError> SqlComplaintStore::cases(Which which)
{
    return m_database.retry([&]() -> Result<std::vector<ComplaintRecord>, StoreError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Read); // the cases and their steps as of one moment
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        const QString where = which == Which::Open     ? QStringLiteral(" WHERE c.closed_at IS NULL")
                              : which == Which::Closed ? QStringLiteral(" WHERE c.closed_at IS NOT NULL")
                                                       : QString();
        auto read = readCases(q, where, {});
        if (!read)
            return read;
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        return read;
    });
}

Result<std::optional<ComplaintRecord>, StoreError> SqlComplaintStore::find(const QString &id)
{
    return m_database.retry([&]() -> Result<std::optional<ComplaintRecord>, StoreError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Read);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        auto read = readCases(q, QStringLiteral(" WHERE c.id = ?"), {id});
        if (!read)
            return fail(read.error());
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        if (read->empty())
            return std::optional<ComplaintRecord>();
        return std::optional<ComplaintRecord>(read->front());
    });
}

Result<ComplaintRecord, ComplaintError> SqlComplaintStore::recordStep(const ComplaintStepRequest &request)
{
    return m_database.retry([&]() -> Result<ComplaintRecord, ComplaintError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db);
        if (auto begun = tx.begin(); !begun)
            return fail(sql::fromStoreError<ComplaintError>(begun.error()));
        auto read = readCases(q, QStringLiteral(" WHERE c.id = ?"), {request.id});
        if (!read)
            return fail(sql::fromStoreError<ComplaintError>(read.error()));
        if (read->empty())
            return fail(ComplaintError{ComplaintError::Kind::UnknownCase, QStringLiteral("no complaint %1").arg(request.id)});
        ComplaintRecord c = read->front();
        auto checked = c.domainCase().check(request.step, request.outcome, request.on);
        if (!checked) {
            const std::string_view why = describe(checked.error());
            return fail(ComplaintError{ComplaintError::Kind::WrongStep, QString::fromUtf8(why.data(), qsizetype(why.size()))});
        }
        ComplaintStepRecord s{request.step, request.at, request.on, request.by, request.note.trimmed(), checked->outcome};
        if (!run(q,
                 QStringLiteral("INSERT INTO complaint_steps (complaint_id, step, at, on_date, by_staff, note, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                 {c.id, text(nameOf(s.step)), utcText(s.at), dateText(s.on), s.by, s.note,
                  s.outcome ? QVariant(text(nameOf(*s.outcome))) : QVariant()}))
            return fail(sql::queryError<ComplaintError>(QStringLiteral("record the step"), q));
        if (s.step == ComplaintStep::Closed &&
            !run(q, QStringLiteral("UPDATE complaints SET closed_at = ? WHERE id = ?"), {utcText(s.at), c.id}))
            return fail(sql::queryError<ComplaintError>(QStringLiteral("close the complaint"), q));
        if (auto e = insertOutboxEvent(q, complaintEvent(c.id, c.ticketId, c.number, s.step, s.at, s.outcome)); !e)
            return fail(sql::fromStoreError<ComplaintError>(e.error()));
        if (auto committed = tx.commit(); !committed)
            return fail(sql::fromStoreError<ComplaintError>(committed.error()));
        c.steps.push_back(s);
        return c;
    });
}

Result<ComplaintCounts, StoreError> SqlComplaintStore::counts(const CivilDate &from, const CivilDate &to, const CivilDate &today)
{
    auto days = countsByDay(from, to, today);
    if (!days)
        return fail(days.error());
    ComplaintCounts sum;
    for (const ComplaintCounts &d : days.value()) {
        sum.opened += d.opened;
        sum.open += d.open;
        sum.overdue += d.overdue;
        sum.closed += d.closed;
    }
    return sum;
}

Result<std::vector<ComplaintCounts>, StoreError> SqlComplaintStore::countsByDay(const CivilDate &from, const CivilDate &to,
                                                                               const CivilDate &today)
{
    if (to < from)
        return std::vector<ComplaintCounts>{};
    return m_database.retry([&]() -> Result<std::vector<ComplaintCounts>, StoreError> {
        QSqlDatabase db = m_database.connection();
        QSqlQuery q(db);
        Transaction tx(db, Transaction::Mode::Read);
        if (auto begun = tx.begin(); !begun)
            return fail(begun.error());
        auto read = readCases(q, QStringLiteral(" WHERE c.rated_on >= ? AND c.rated_on <= ?"), {dateText(from), dateText(to)});
        if (!read)
            return fail(read.error());
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
        // Overdue is the domain's rule (ComplaintCase::isOverdue), not a second copy in SQL.
        std::vector<ComplaintCounts> days(size_t(to.dayNumber() - from.dayNumber() + 1));
        for (const ComplaintRecord &c : read.value()) {
            const long long offset = c.ratedOn.dayNumber() - from.dayNumber();
            if (offset < 0 || offset >= static_cast<long long>(days.size()))
                continue;
            ComplaintCounts &counts = days[size_t(offset)];
            const ComplaintCase domain = c.domainCase();
            ++counts.opened;
            if (domain.isOpen()) {
                ++counts.open;
                if (domain.isOverdue(today))
                    ++counts.overdue;
            } else {
                ++counts.closed;
            }
        }
        return days;
    });
}

} // namespace hk

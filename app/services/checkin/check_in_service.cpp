#include "app/services/checkin/check_in_service.h"

#include "app/domain/booking/booking_token.h"
#include "app/services/checkin/applicant_identity.h"
#include "app/services/logging.h"

#include <QTimer>

namespace hk {
namespace {

template <typename... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <typename... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

CheckInProblem problem(CheckInProblem::Reason reason, QString detail)
{
    CheckInProblem p;
    p.reason = reason;
    p.detail = std::move(detail);
    return p;
}

} // namespace

QString codeOf(CheckInProblem::Reason reason)
{
    using R = CheckInProblem::Reason;
    switch (reason) {
    case R::NotABookingCode:
        return QStringLiteral("not_a_booking_code");
    case R::InvalidCode:
        return QStringLiteral("invalid_code");
    case R::CannotVerify:
        return QStringLiteral("cannot_verify");
    case R::WrongCenter:
        return QStringLiteral("wrong_center");
    case R::Cancelled:
        return QStringLiteral("cancelled");
    case R::WrongDay:
        return QStringLiteral("wrong_day");
    case R::TooEarly:
        return QStringLiteral("too_early");
    case R::Late:
        return QStringLiteral("late");
    case R::CodeExpired:
        return QStringLiteral("code_expired");
    case R::AlreadyCheckedIn:
        return QStringLiteral("already_checked_in");
    case R::UnknownMatter:
        return QStringLiteral("unknown_matter");
    case R::NoBookingToday:
        return QStringLiteral("no_booking_today");
    case R::CannotMatchCards:
        return QStringLiteral("cannot_match_cards");
    case R::CardUnreadable:
        return QStringLiteral("card_unreadable");
    case R::UnknownCard:
        return QStringLiteral("unknown_card");
    case R::InvalidCard:
        return QStringLiteral("invalid_card");
    case R::ReaderFault:
        return QStringLiteral("reader_fault");
    case R::ScanUnreadable:
        return QStringLiteral("scan_unreadable");
    case R::StoreFailure:
        return QStringLiteral("store_failure");
    }
    return QStringLiteral("unknown");
}

CheckInService::CheckInService(BookingStore &bookings, QueueStore &queue, IssueTicketService &issue, CatalogService &catalog,
                               const TicketComposer &composer, const Clock &clock, QString centerId, Keys keys, QObject *parent)
    : QObject(parent)
    , m_bookings(bookings)
    , m_queue(queue)
    , m_issue(issue)
    , m_catalog(catalog)
    , m_composer(composer)
    , m_clock(clock)
    , m_centerId(std::move(centerId))
    , m_keys(std::move(keys))
{
}

void CheckInService::presentCode(const QString &text)
{
    enqueue({false, text, {}, {}});
}

void CheckInService::presentCard(const IdentityDocument &document)
{
    if (m_keys.matchKey.isEmpty()) {
        refuse(problem(CheckInProblem::Reason::CannotMatchCards, QStringLiteral("no platform.match_key_file: cards cannot be matched")));
        return;
    }
    // The number and the name go no further than this: only the digest and a mask remain.
    enqueue({true, {}, identity::idDigest(m_keys.matchKey, document.number), identity::maskName(document.name)});
}

void CheckInService::reportCardFailure(const CardReadFailure &failure)
{
    using K = CardReadFailure::Kind;
    using R = CheckInProblem::Reason;
    const R reason = failure.kind == K::UnknownCard     ? R::UnknownCard
                     : failure.kind == K::InvalidNumber ? R::InvalidCard
                     : failure.kind == K::ReaderFault   ? R::ReaderFault
                                                        : R::CardUnreadable;
    if (m_issue.isBusy()) {
        qCInfo(lcCheckIn).noquote() << "card failure while a ticket prints, not shown:" << failure.detail;
        return;
    }
    refuse(problem(reason, failure.detail));
}

void CheckInService::reportScanFailure(const ScanFailure &failure)
{
    if (m_issue.isBusy()) {
        qCInfo(lcCheckIn).noquote() << "scan failure while a ticket prints, not shown:" << failure.detail;
        return;
    }
    refuse(problem(CheckInProblem::Reason::ScanUnreadable, failure.detail));
}

void CheckInService::enqueue(Presentation presentation)
{
    if (!m_issue.whenFree(this, [this, presentation] { handle(presentation); }))
        qCWarning(lcCheckIn) << "dropping a presentation:" << m_issue.waiting() << "already wait for the printer";
}

void CheckInService::handle(const Presentation &presentation)
{
    // A new presentation ends whatever the previous citizen was offered (C5).
    forgetCitizen();
    if (presentation.card)
        handleCard(presentation.digest, presentation.holderMasked);
    else
        handleCode(presentation.code);
}

void CheckInService::forgetCitizen()
{
    m_choice.clear();
    m_reprintable.clear();
}

void CheckInService::handleCode(const QString &text)
{
    using R = CheckInProblem::Reason;
    const QByteArray utf8 = text.toUtf8();
    auto token = BookingToken::parse(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (!token) {
        if (token.error() == BookingToken::Error::NotABookingCode)
            refuse(problem(R::NotABookingCode, QStringLiteral("a scan of %1 bytes that is no booking code").arg(utf8.size())));
        else
            refuse(problem(R::InvalidCode, QStringLiteral("malformed booking code (%1 bytes)").arg(utf8.size())));
        return;
    }
    if (!m_keys.verifier) {
        refuse(problem(R::CannotVerify, QStringLiteral("no platform.public_key_file: booking codes cannot be verified")));
        return;
    }
    const QString bookingId = QString::fromStdString(token->bookingId);
    if (!m_keys.verifier->verify(token->signedText(), token->signature)) {
        refuse(problem(R::InvalidCode, QStringLiteral("signature does not verify (code claims booking %1 at %2)")
                                           .arg(bookingId, QString::fromStdString(token->center))));
        return;
    }
    Candidate c;
    c.bookingId = bookingId;
    c.center = QString::fromStdString(token->center);
    c.matterCode = QString::fromStdString(token->matter);
    c.slotStart = QDateTime::fromSecsSinceEpoch(token->slotStartUnix, Qt::UTC);
    c.expires = QDateTime::fromSecsSinceEpoch(token->expiresUnix, Qt::UTC);
    auto cached = m_bookings.find(bookingId);
    if (!cached) {
        refuse(problem(R::StoreFailure, cached.error().detail));
        return;
    }
    // The cache knows what happened since the code was made (cancelled, checked in); a booking
    // made minutes ago is not there yet and checks in from the code's own fields (DESIGN §6).
    if (const std::optional<BookingRecord> &record = cached.value()) {
        const Candidate known = candidateOf(*record);
        c.state = known.state;
        c.cached = true;
        c.ticketId = known.ticketId;
        c.groupCode = known.groupCode;
        if (known.slotStart.isValid())
            c.slotStart = known.slotStart;
        c.slotEnd = known.slotEnd;
        c.emergency = known.emergency;
        if (!known.matterCode.isEmpty())
            c.matterCode = known.matterCode;
    }
    evaluate(c);
}

void CheckInService::handleCard(const QString &digest, const QString &holderMasked)
{
    using R = CheckInProblem::Reason;
    const CivilDate today = m_catalog.centerTime().dateOf(m_clock.now());
    auto found = m_bookings.findByDigest(digest, today);
    if (!found) {
        refuse(problem(R::StoreFailure, found.error().detail));
        return;
    }
    const std::vector<BookingRecord> &all = found.value();
    if (all.empty()) {
        refuse(problem(R::NoBookingToday, QStringLiteral("a card with no booking today")));
        return;
    }
    // C2: what the citizen may pick — a booking still to check in, or one checked in (its ticket,
    // shown again and reprintable once). With more than one, the citizen chooses: a second tap
    // never checks the other booking in unasked, or the first ticket could not be reached by card.
    std::vector<const BookingRecord *> offered;
    for (const BookingRecord &b : all) {
        if (b.status == BookingState::Booked || b.status == BookingState::CheckedIn || b.status == BookingState::Served)
            offered.push_back(&b);
    }
    if (offered.size() == 1) {
        evaluate(candidateOf(*offered.front()));
        return;
    }
    if (offered.size() > 1) {
        BookingChoice choice;
        choice.holderMasked = holderMasked;
        for (const BookingRecord *b : offered) {
            const Candidate c = candidateOf(*b);
            const Matter *matter = m_catalog.catalog().findMatter(b->matterCode.toStdString());
            BookingOption option{b->id, matter ? QString::fromStdString(matter->name) : b->matterCode, m_catalog.groupName(c.groupCode),
                                 slotText(c), QString(), false};
            if (b->status != BookingState::Booked) {
                option.checkedIn = true;
                if (!b->ticketId.isEmpty()) {
                    if (auto ticket = m_queue.ticket(b->ticketId); ticket && ticket.value())
                        option.ticketNumber = ticket.value()->number;
                }
            }
            choice.options.append(option);
            m_choice.append(b->id);
        }
        qCInfo(lcCheckIn) << "a card matches" << offered.size() << "bookings today: the citizen chooses";
        Q_EMIT choiceNeeded(choice);
        return;
    }
    // Nothing to check in or show: say what became of them — lapsed first, then cancelled.
    const auto pick = [&all](std::initializer_list<BookingState> states) -> const BookingRecord * {
        for (const BookingRecord &b : all) {
            for (BookingState s : states) {
                if (b.status == s)
                    return &b;
            }
        }
        return nullptr;
    };
    const BookingRecord *shown = pick({BookingState::NoShow, BookingState::Forfeited});
    if (!shown)
        shown = &all.front();
    evaluate(candidateOf(*shown));
}

void CheckInService::chooseBooking(const QString &bookingId)
{
    if (!m_choice.contains(bookingId)) {
        qCWarning(lcCheckIn) << "booking" << bookingId << "was not offered; ignored";
        return;
    }
    m_choice.clear();
    auto found = m_bookings.find(bookingId);
    if (!found || !found.value()) {
        refuse(problem(CheckInProblem::Reason::StoreFailure, QStringLiteral("booking %1 vanished").arg(bookingId)));
        return;
    }
    evaluate(candidateOf(*found.value()));
}

void CheckInService::reprint(const QString &ticketId, IssueTicketService::ReprintCallback done)
{
    const auto it = m_reprintable.constFind(ticketId);
    if (it == m_reprintable.constEnd()) {
        qCWarning(lcCheckIn) << "ticket" << ticketId << "was not offered for a reprint; refused";
        const ReprintError notOffered{ReprintError::Reason::CitizenLimit, std::nullopt, QStringLiteral("not offered")};
        QTimer::singleShot(0, this, [done = std::move(done), notOffered] { done(fail(notOffered)); });
        return;
    }
    const TicketSlip slip = *it;
    m_reprintable.clear();
    m_issue.reprint(slip, IssueTicketService::Reprinter::checkedInAgain(), std::move(done));
}

CheckInService::Candidate CheckInService::candidateOf(const BookingRecord &record) const
{
    Candidate c;
    c.bookingId = record.id;
    c.center = m_centerId; // the cache holds this center's bookings only
    c.matterCode = record.matterCode;
    c.groupCode = record.groupCode;
    if (c.groupCode.isEmpty())
        c.groupCode = m_catalog.groupOfMatter(record.matterCode).value_or(QString());
    c.slotStart = record.slotStart.toUTC();
    c.slotEnd = record.slotEnd.isValid() ? record.slotEnd.toUTC() : QDateTime();
    c.state = record.status;
    c.cached = true;
    c.ticketId = record.ticketId;
    c.emergency = record.emergency;
    return c;
}

QString CheckInService::slotText(const Candidate &c) const
{
    const CenterTime &time = m_catalog.centerTime();
    const QDateTime end = c.slotEnd.isValid() ? c.slotEnd : c.slotStart.addSecs(qint64(m_catalog.catalog().rules.slotMinutes) * 60);
    return QStringLiteral("%1–%2").arg(time.toLocal(c.slotStart).toString(QStringLiteral("HH:mm")),
                                       time.toLocal(end).toString(QStringLiteral("HH:mm")));
}

TicketSlip CheckInService::draftFor(const Candidate &c) const
{
    TicketSlip slip;
    if (const Matter *matter = m_catalog.catalog().findMatter(c.matterCode.toStdString())) {
        slip.matterName = QString::fromStdString(matter->name);
        for (const std::string &m : matter->materials)
            slip.materials << QString::fromStdString(m);
    }
    slip.slotText = slotText(c);
    return slip;
}

void CheckInService::evaluate(const Candidate &c)
{
    const Catalog &catalog = m_catalog.catalog();
    const CenterTime &time = m_catalog.centerTime();
    const QDateTime now = m_clock.now();
    CheckInCandidate candidate;
    candidate.center = c.center.toStdString();
    candidate.slotStart = time.localOf(c.slotStart);
    candidate.state = c.state;
    if (c.expires)
        candidate.expires = time.localOf(*c.expires);
    auto decision = evaluateCheckIn(candidate, m_centerId.toStdString(), catalog.rules, m_catalog.calendar(), time.localOf(now));
    if (!decision) {
        onRuleRefused(c, decision.error());
        return;
    }
    const Matter *matter = catalog.findMatter(c.matterCode.toStdString());
    const Group *group = matter ? catalog.findGroup(matter->group) : nullptr;
    if (!matter || !group) {
        refuse(problem(CheckInProblem::Reason::UnknownMatter,
                       QStringLiteral("booking %1: matter %2 is not in the catalog").arg(c.bookingId, c.matterCode)));
        return;
    }
    BookedRequest request;
    request.bookingId = c.bookingId;
    request.groupCode = QString::fromStdString(group->code);
    request.matterCode = c.matterCode;
    request.prefix = catalog.rules.bookedPrefix;
    request.serviceDate = time.dateOf(now);
    request.at = time.toLocal(now);
    request.priorityAt = time.toLocal(time.instantOf(decision->priorityAt));
    request.slotStart = time.toLocal(c.slotStart);
    request.complexity = matter->complexity;
    request.emergency = c.emergency;
    qCInfo(lcCheckIn) << "booking" << c.bookingId << (c.cached ? "(cached)" : "(from its code)") << "checks in";
    m_issue.issueBooked(request, draftFor(c));
}

void CheckInService::onRuleRefused(const Candidate &c, const CheckInRefusal &refusal)
{
    using R = CheckInProblem::Reason;
    const CenterTime &time = m_catalog.centerTime();
    const QString what = QStringLiteral("booking %1: %2").arg(c.bookingId, QString::fromLatin1(codeOf(refusal).data(), qsizetype(codeOf(refusal).size())));
    std::visit(Overloaded{
                   [&](const refusal::WrongCenter &) { refuse(problem(R::WrongCenter, what + QStringLiteral(" (for %1)").arg(c.center))); },
                   [&](const refusal::Cancelled &) { refuse(problem(R::Cancelled, what)); },
                   [&](const refusal::AlreadyCheckedIn &) { showExisting(c); },
                   [&](const refusal::WrongDay &r) {
                       CheckInProblem p = problem(R::WrongDay, what);
                       p.bookedFor = toQDate(r.bookedFor);
                       refuse(p);
                   },
                   [&](const refusal::TooEarly &r) {
                       CheckInProblem p = problem(R::TooEarly, what);
                       p.comeBackAt = time.toLocal(time.instantOf(r.comeBackAt));
                       refuse(p);
                   },
                   [&](const refusal::Late &r) {
                       CheckInProblem p = problem(R::Late, what);
                       p.forfeited = r.forfeits && forfeit(c);
                       // One tap takes a walk-in ticket instead, when tickets are being issued.
                       const QString groupCode = m_catalog.groupOfMatter(c.matterCode).value_or(c.groupCode);
                       const Group *group = m_catalog.catalog().findGroup(groupCode.toStdString());
                       if (group && m_catalog.calendar().isIssuing(time.localOf(m_clock.now()))) {
                           p.walkInGroup = groupCode;
                           p.walkInGroupName = QString::fromStdString(group->name);
                       }
                       refuse(p);
                   },
                   [&](const refusal::CodeExpired &) { refuse(problem(R::CodeExpired, what)); },
               },
               refusal);
}

bool CheckInService::forfeit(const Candidate &c)
{
    const CenterTime &time = m_catalog.centerTime();
    const QDateTime at = time.toLocal(m_clock.now());
    if (!c.cached) {
        // A late code for a booking the cache never saw: record it, so the forfeit is reported.
        BookingRecord record;
        record.id = c.bookingId;
        record.version = 0;
        record.status = BookingState::Booked;
        record.matterCode = c.matterCode;
        record.groupCode = m_catalog.groupOfMatter(c.matterCode).value_or(c.groupCode);
        record.slotStart = time.toLocal(c.slotStart);
        record.channel = QStringLiteral("online");
        if (auto stored = m_bookings.upsert(record); !stored) {
            qCCritical(lcCheckIn) << "cannot record booking" << c.bookingId << stored.error().detail;
            return false;
        }
    }
    auto forfeited = m_bookings.forfeit(c.bookingId, at);
    if (!forfeited) {
        qCCritical(lcCheckIn) << "cannot forfeit booking" << c.bookingId << forfeited.error().detail;
        return false;
    }
    if (forfeited.value())
        qCInfo(lcCheckIn) << "booking" << c.bookingId << "forfeited (B5): presented after its slot's 30 minutes";
    return forfeited.value();
}

void CheckInService::showExisting(const Candidate &c)
{
    using R = CheckInProblem::Reason;
    std::optional<TicketRecord> ticket;
    if (!c.ticketId.isEmpty()) {
        auto found = m_queue.ticket(c.ticketId);
        if (!found) {
            refuse(problem(R::StoreFailure, found.error().detail));
            return;
        }
        ticket = found.value();
    }
    if (!ticket) {
        refuse(problem(R::AlreadyCheckedIn, QStringLiteral("booking %1 was checked in, its ticket is not here").arg(c.bookingId)));
        return;
    }
    const CenterTime &time = m_catalog.centerTime();
    const TicketSlip slip = m_composer.slip(*ticket, -1, m_catalog, draftFor(c));
    // One reprint (C2), of a ticket of today still waiting for its call.
    const bool live = ticket->state == TicketState::Waiting || ticket->state == TicketState::Called;
    const bool today = time.dateOf(ticket->issuedAt) == time.dateOf(m_clock.now());
    const bool allowed = live && today && ticket->citizenReprints < IssueTicketService::kCitizenReprints;
    if (allowed)
        m_reprintable.insert(ticket->id, slip);
    qCInfo(lcCheckIn) << "booking" << c.bookingId << "already checked in as" << slip.number << (allowed ? "(reprint offered)" : "");
    Q_EMIT alreadyCheckedIn(slip, allowed);
}

void CheckInService::refuse(CheckInProblem p)
{
    const bool suspicious = p.reason == CheckInProblem::Reason::InvalidCode;
    if (suspicious)
        qCWarning(lcCheckIn).noquote() << "check-in refused:" << codeOf(p.reason) << "-" << p.detail;
    else
        qCInfo(lcCheckIn).noquote() << "check-in refused:" << codeOf(p.reason) << "-" << p.detail;
    Q_EMIT checkInRefused(p);
}

} // namespace hk

#include "drivers/transports/relinkable_transport.h"

#include "drivers/transports/logging.h"

#include <QFileInfo>

namespace hk {
namespace {

bool sameNode(const ByteTransport &a, const ByteTransport &b)
{
    const auto node = [](const ByteTransport &t) {
        const QString path = t.devicePath();
        const QString canonical = QFileInfo(path).canonicalFilePath(); // through by-id and stable links
        return canonical.isEmpty() ? path : canonical;
    };
    const QString nodeA = node(a);
    return !nodeA.isEmpty() && nodeA == node(b);
}

} // namespace

RelinkableTransport::RelinkableTransport(std::unique_ptr<ByteTransport> link, QObject *parent)
    : ByteTransport(parent)
    , m_link(std::move(link))
{
    Q_ASSERT(m_link);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { giveUp(QStringLiteral("did not open within %1 ms").arg(m_timeoutMs)); });
    attach(*m_link);
}

RelinkableTransport::~RelinkableTransport()
{
    m_timeout.stop();
    if (m_next) {
        m_next->disconnect(this);
        m_next->close();
        m_handedOver = false;
        m_answers.push_back({std::exchange(m_done, {}),
                             fail(QStringLiteral("%1: the transport was closed before it opened").arg(m_next->describe()))});
    }
    // Exactly once, even when the loop that would have delivered them never turns again.
    for (auto &[done, result] : std::exchange(m_answers, {}))
        done(result);
}

void RelinkableTransport::attach(ByteTransport &link)
{
    connect(&link, &ByteTransport::opened, this, &ByteTransport::opened);
    connect(&link, &ByteTransport::lost, this, &ByteTransport::lost);
    connect(&link, &ByteTransport::openFailed, this, &ByteTransport::openFailed);
    connect(&link, &ByteTransport::received, this, &ByteTransport::received);
    connect(&link, &ByteTransport::written, this, &ByteTransport::written);
}

void RelinkableTransport::open()
{
    m_wanted = true;
    m_link->open();
}

void RelinkableTransport::close()
{
    m_wanted = false;
    m_link->close();
}

void RelinkableTransport::relink(std::unique_ptr<ByteTransport> next, int timeoutMs, RelinkCallback done)
{
    if (!next) {
        answer(std::move(done), fail(QStringLiteral("no link to relink to")));
        return;
    }
    if (m_next) {
        answer(std::move(done), fail(QStringLiteral("%1: a relink to %2 is under way").arg(next->describe(), m_next->describe())));
        return;
    }
    qCInfo(lcTransport).noquote() << describe() << "relinking to" << next->describe();
    m_next = std::move(next);
    m_done = std::move(done);
    m_timeoutMs = timeoutMs;
    connect(m_next.get(), &ByteTransport::opened, this, &RelinkableTransport::onNextOpened);
    connect(m_next.get(), &ByteTransport::openFailed, this, &RelinkableTransport::giveUp);
    m_handedOver = sameNode(*m_link, *m_next);
    if (m_handedOver) {
        // A serial port or an lp device opens once (TIOCEXCL, the usblp driver): the old link
        // lets go, quietly, so the device sees only the outcome.
        m_link->disconnect(this);
        m_link->close();
    }
    m_timeout.start(std::max(0, timeoutMs));
    // May answer at once (a serial port opens or fails inside open()): the handlers keep the
    // object alive until the loop turns, so open() returns into a live transport.
    m_next->open();
}

void RelinkableTransport::onNextOpened()
{
    if (!m_next)
        return;
    m_timeout.stop();
    m_next->disconnect(this);
    m_handedOver = false;
    // The old link goes, with its retries: it must not take the device back.
    m_link->disconnect(this);
    m_link->close();
    retire(std::move(m_link));
    m_link = std::move(m_next);
    attach(*m_link);
    qCInfo(lcTransport).noquote() << "relinked to" << m_link->describe();
    if (m_wanted) {
        // As after a replug: the device forgets what was in flight and asks how the device is.
        Q_EMIT lost(QStringLiteral("relinked to %1").arg(m_link->describe()));
        Q_EMIT opened();
    } else {
        m_link->close(); // nobody runs on it yet: it opens with open(), as the first one would have
    }
    answer(std::exchange(m_done, {}), Ok{});
}

void RelinkableTransport::giveUp(const QString &reason)
{
    if (!m_next)
        return;
    m_timeout.stop();
    const QString what = QStringLiteral("%1: %2").arg(m_next->describe(), reason);
    qCWarning(lcTransport).noquote() << "relink failed, staying on" << describe() << "-" << what;
    m_next->disconnect(this);
    m_next->close(); // stops its reopen timer: a link given up must not keep trying
    retire(std::move(m_next));
    if (std::exchange(m_handedOver, false)) {
        attach(*m_link);
        if (m_wanted)
            m_link->open(); // back as it was; the device hears it open and asks how it is
    }
    answer(std::exchange(m_done, {}), fail(what));
}

void RelinkableTransport::retire(std::unique_ptr<ByteTransport> link)
{
    // Not deleted here: this may run inside one of its own signals (a port that fails in open()).
    ByteTransport *retired = link.release();
    retired->setParent(this);
    retired->deleteLater();
}

void RelinkableTransport::answer(RelinkCallback done, Result<void, QString> result)
{
    if (!done)
        return;
    m_answers.push_back({std::move(done), std::move(result)});
    QTimer::singleShot(0, this, [this] {
        for (auto &[callback, outcome] : std::exchange(m_answers, {}))
            callback(outcome);
    });
}

} // namespace hk

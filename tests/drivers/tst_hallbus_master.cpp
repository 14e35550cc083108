// drivers/devices/hallbus_master against a fake transport that plays the devices: deadlines and
// retries, offline marking and recovery, exactly-once events (RFC 1982, acks, fresh start, a
// restart of the master), boards that get the latest text, and ratings tied to the last RATE.
// Where the schedule itself is the subject (offline probes, board refreshes) the master reads a
// fake clock that only the test moves; elsewhere it runs on the real one.

#include "app/services/system_clock.h"
#include "drivers/devices/hallbus_master.h"
#include "drivers/protocols/hallbus/hallbus_serial_number.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_transport.h"

#include <QSignalSpy>
#include <QTest>

#include <map>

using namespace hk;
using namespace hk::test;

namespace {

class MemoryBusStore final : public WindowBusStateStore {
public:
    Result<WindowBusDeviceRecord, StoreError> load(int address) override { return records[address]; }
    Result<void, StoreError> saveLastActed(int address, int seq) override
    {
        records[address].lastActed = seq;
        ++writes;
        return Ok{};
    }
    Result<void, StoreError> saveRateTicket(int address, const QString &ticketId) override
    {
        records[address].rateTicketId = ticketId;
        return Ok{};
    }
    std::map<int, WindowBusDeviceRecord> records;
    int writes = 0;
};

// Plays callers and boards: answers each request from a script the test sets per address.
struct Devices {
    std::map<int, std::vector<HallbusEvent>> events; // what each caller reports (until acked)
    std::map<int, bool> fresh;                       // answer status 10
    std::map<int, bool> silent;
    std::map<int, QStringList> shown;
    std::map<int, QString> rated;
    std::map<int, QList<int>> acks; // the ack byte of each POLL received
    bool dropAckHandling = false;   // keep events even when acked (a lost reply, seen again)

    QByteArray respond(const QByteArray &written)
    {
        HallbusStreamDecoder d;
        QByteArray out;
        for (const HallbusDecoded &item : d.feed(written)) {
            if (!item.frame || silent[item.address])
                continue;
            const HallbusFrame &f = *item.frame;
            const auto cmd = static_cast<hallbus::Command>(f.command);
            if (cmd == hallbus::Command::Poll) {
                const int ack = static_cast<std::uint8_t>(f.data.at(0));
                acks[f.address] << ack;
                auto &list = events[f.address];
                if (!dropAckHandling) {
                    auto it = std::find_if(list.begin(), list.end(), [ack](const HallbusEvent &e) { return e.seq == ack; });
                    if (it != list.end())
                        list.erase(list.begin(), it + 1);
                }
                const auto status = std::exchange(fresh[f.address], false) ? hallbus::Status::FreshStart : hallbus::Status::Ok;
                out += encodeHallbusFrame(HallbusMessages::pollReply(f.address, status, list));
            } else if (cmd == hallbus::Command::Show) {
                shown[f.address] << HallbusMessages::readShow(f.data)->text;
                out += encodeHallbusFrame(HallbusMessages::reply(f.address, cmd, hallbus::Status::Ok));
            } else if (cmd == hallbus::Command::Rate) {
                rated[f.address] = HallbusMessages::readRate(f.data);
                out += encodeHallbusFrame(HallbusMessages::reply(f.address, cmd, hallbus::Status::Ok));
            }
        }
        return out;
    }
};

HallbusTiming fastTiming()
{
    HallbusTiming t;
    t.pollIntervalMs = 20;
    t.offlineProbeMs = 200;
    t.baud = 115200;
    return t;
}

void advanceMs(FakeClock &clock, qint64 ms)
{
    clock.set(clock.now().addMSecs(ms));
}

int writesTo(const FakeTransport &transport, std::uint8_t address)
{
    int n = 0;
    for (const QByteArray &w : transport.writes)
        n += w.size() > 2 && static_cast<std::uint8_t>(w.at(1)) == address;
    return n;
}

QList<CallerKey> keysOf(const QSignalSpy &spy)
{
    QList<CallerKey> keys;
    for (const QList<QVariant> &args : spy)
        keys << args.at(1).value<CallerKey>();
    return keys;
}

} // namespace

class TestHallbusMaster : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keysActedOnOnceAndAcknowledged()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 0}}}, fastTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        devices.events[103] = {{1, HallbusEvent::Type::Key, 1}, {2, HallbusEvent::Type::Key, 2}};
        master.start();
        QTRY_COMPARE(keys.size(), 2);
        QCOMPARE(keysOf(keys), (QList<CallerKey>{CallerKey::CallNext, CallerKey::Recall}));
        QCOMPARE(keys.first().at(0).toInt(), 3);
        QTRY_VERIFY(devices.events[103].empty());          // the next POLL's ack (2) freed them
        QVERIFY(devices.acks[103].contains(2));
        QCOMPARE(devices.acks[103].first(), 0);             // never acted on anything before
        QCOMPARE(store.records[103].lastActed, 2);
        QTest::qWait(100);
        QCOMPARE(keys.size(), 2);
    }

    void lostAckMeansTheEventIsSeenAgainAndIgnored()
    {
        FakeTransport transport;
        Devices devices;
        devices.dropAckHandling = true; // as if every reply after the first were lost and resent
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 0}}}, fastTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        devices.events[103] = {{9, HallbusEvent::Type::Key, 3}};
        master.start();
        QTRY_VERIFY(master.stats().duplicateEvents >= 3);
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keysOf(keys).first(), CallerKey::Pass);
    }

    void persistedNumberSurvivesARestartOfTheMaster()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        store.records[103].lastActed = 5; // acted on 4 and 5 before the restart; their ack never went out
        devices.events[103] = {{4, HallbusEvent::Type::Key, 1}, {5, HallbusEvent::Type::Key, 4}, {6, HallbusEvent::Type::Key, 5}};
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 0}}}, fastTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        master.start();
        QTRY_COMPARE(keys.size(), 1);
        QCOMPARE(keysOf(keys).first(), CallerKey::Pause);
        QCOMPARE(devices.acks[103].first(), 5); // the first POLL already acknowledges what was done
        QTRY_VERIFY(devices.events[103].empty());
        QTest::qWait(60);
        QCOMPARE(keys.size(), 1);
    }

    void freshStartResetsTheStoredNumber()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        store.records[103].lastActed = 40;
        devices.fresh[103] = true;
        devices.events[103] = {{1, HallbusEvent::Type::Key, 7}}; // numbered from 1 again
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 0}}}, fastTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        master.start();
        QTRY_COMPARE(keys.size(), 1);
        QCOMPARE(keysOf(keys).first(), CallerKey::BookingMode);
        QCOMPARE(store.records[103].lastActed, 1);
        // Without the status 10, event 1 after 40 is old news (RFC 1982) and is ignored.
        devices.events[103] = {{2, HallbusEvent::Type::Key, 8}};
        QTRY_COMPARE(keys.size(), 2);
        store.records[104].lastActed = 40;
    }

    void serialArithmeticAcrossTheWrap()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        store.records[103].lastActed = 254;
        devices.events[103] = {{254, HallbusEvent::Type::Key, 1}, {255, HallbusEvent::Type::Key, 2},
                               {1, HallbusEvent::Type::Key, 3}, {2, HallbusEvent::Type::Key, 4}};
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 0}}}, fastTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        master.start();
        QTRY_COMPARE(keys.size(), 3);
        QCOMPARE(keysOf(keys), (QList<CallerKey>{CallerKey::Recall, CallerKey::Pass, CallerKey::Finish}));
        QCOMPARE(store.records[103].lastActed, 2);
    }

    void silentDeviceRetriedTwiceThenOfflineAndBack()
    {
        FakeTransport transport;
        Devices devices;
        devices.silent[103] = true;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        FakeClock clock;
        HallbusMaster master(transport, store, clock, {{3, {0, 103, 0}}}, fastTiming());
        QSignalSpy changed(&master, &WindowBus::devicesChanged);
        master.start();
        QTRY_COMPARE_WITH_TIMEOUT(master.devices().first().state, DeviceHealth::State::Offline, 2000);
        QCOMPARE(writesTo(transport, 103), 3); // the request and two retries
        QCOMPARE(master.stats().timeouts, 3);
        QCOMPARE(master.health().state, DeviceHealth::State::Warning);
        QVERIFY(master.health().detail.contains(QStringLiteral("caller 103")));
        // Offline devices are probed once per interval (200 ms here), not hammered.
        advanceMs(clock, 199);
        QTest::qWait(300); // the master wakes meanwhile, reads the clock, and waits on
        QCOMPARE(writesTo(transport, 103), 3);
        advanceMs(clock, 1);
        QTRY_COMPARE(writesTo(transport, 103), 4); // one probe, no retries: it is offline
        QTRY_COMPARE(master.stats().timeouts, 4);
        QTest::qWait(300);
        QCOMPARE(writesTo(transport, 103), 4);
        devices.silent[103] = false;
        advanceMs(clock, 200);
        QTRY_COMPARE_WITH_TIMEOUT(master.devices().first().state, DeviceHealth::State::Ok, 2000);
        QCOMPARE(writesTo(transport, 103), 5);
        QCOMPARE(master.health().state, DeviceHealth::State::Ok);
        QVERIFY(changed.size() >= 2);
    }

    void replyWithAGapOver20msIsRetried()
    {
        FakeTransport transport;
        MemoryBusStore store;
        const QByteArray reply = encodeHallbusFrame(HallbusMessages::pollReply(103, hallbus::Status::Ok, {}));
        int polls = 0;
        transport.responder = [&](const QByteArray &) {
            if (++polls == 1) {
                // Half now, the rest 60 ms later: too late, the frame is dropped and asked again.
                QTimer::singleShot(60, &transport, [&] { transport.feed(reply.mid(3)); });
                return reply.left(3);
            }
            return reply;
        };
        HallbusTiming timing = fastTiming();
        timing.pollIntervalMs = 5000;
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 0}}}, timing);
        master.start();
        QTRY_COMPARE(master.devices().first().state, DeviceHealth::State::Ok);
        QTRY_COMPARE(polls, 2);
        QCOMPARE(master.stats().retries, 1);
        QCOMPARE(master.stats().timeouts, 1);
    }

    void boardsGetTheLatestTextAndAreBroughtUpToDate()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        HallbusMaster master(transport, store, m_realTime, {{3, {3, 0, 0}}}, fastTiming());
        master.start();
        // Three changes before the bus is free: only the last is written.
        master.show(3, {QStringLiteral("A001 请到3号窗口"), QString(), true});
        master.show(3, {QStringLiteral("A002 请到3号窗口"), QString(), true});
        master.show(3, {QStringLiteral("A003 请到3号窗口"), QStringLiteral("预约办理"), true});
        QTRY_COMPARE(devices.shown[3].size(), 2);
        QCOMPARE(devices.shown[3], (QStringList{QStringLiteral("A003 请到3号窗口"), QStringLiteral("预约办理")}));
        QCOMPARE(transport.writes.first().at(5), char(hallbus::Effect::Blink));
        // Unplugged meanwhile: it is offline, and when back it is sent what it should show now.
        devices.silent[3] = true;
        master.show(3, {QStringLiteral("3号窗口"), QStringLiteral("暂停服务"), false});
        QTRY_COMPARE_WITH_TIMEOUT(master.devices().first().state, DeviceHealth::State::Offline, 2000);
        devices.silent[3] = false;
        QTRY_COMPARE_WITH_TIMEOUT(master.devices().first().state, DeviceHealth::State::Ok, 2000);
        QTRY_VERIFY(devices.shown[3].size() >= 4);
        QCOMPARE(devices.shown[3].mid(devices.shown[3].size() - 2), (QStringList{QStringLiteral("3号窗口"), QStringLiteral("暂停服务")}));
    }

    void boardsAreSentTheirTextAgainEveryMinute()
    {
        // A board that restarted blank answers all the same: only sending its text again now and
        // then (boardRefreshMs) puts it back. The caller beside it keeps the master awake.
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        FakeClock clock;
        HallbusMaster master(transport, store, clock, {{3, {3, 103, 0}}}, fastTiming());
        master.start();
        advanceMs(clock, 1000);
        master.show(3, {QStringLiteral("A001 请到3号窗口"), QStringLiteral("预约办理"), false});
        QTRY_COMPARE_WITH_TIMEOUT(devices.shown[3].size(), 2, 30000);
        // The second line's reply taken in before the clock moves: taken in after, it would date
        // the text's sending a minute later. With the clock standing still nothing more is due.
        QTRY_VERIFY_WITH_TIMEOUT(!master.busy(), 30000);
        advanceMs(clock, 59'999);
        const qsizetype polls = devices.acks[103].size();
        // The master has read the clock since (generous: under the sanitizers on a loaded machine a
        // poll round can take seconds).
        QTRY_VERIFY_WITH_TIMEOUT(devices.acks[103].size() > polls, 30000);
        QCOMPARE(devices.shown[3].size(), 2);
        advanceMs(clock, 1);
        QTRY_COMPARE_WITH_TIMEOUT(devices.shown[3].size(), 4, 30000);
        QCOMPARE(devices.shown[3].mid(2), (QStringList{QStringLiteral("A001 请到3号窗口"), QStringLiteral("预约办理")}));
    }

    void ratingBelongsToTheLastRateSent()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 0, 203}}}, fastTiming());
        QSignalSpy ratings(&master, &WindowBus::ratingGiven);
        master.start();
        master.requestRating(3, QStringLiteral("ticket-1"), QStringLiteral("Y001"));
        QTRY_COMPARE(devices.rated[203], QStringLiteral("Y001"));
        QCOMPARE(store.records[203].rateTicketId, QStringLiteral("ticket-1"));
        master.requestRating(3, QStringLiteral("ticket-2"), QStringLiteral("A007"));
        QTRY_COMPARE(devices.rated[203], QStringLiteral("A007"));
        devices.events[203] = {{1, HallbusEvent::Type::Rating, 2}};
        QTRY_COMPARE(ratings.size(), 1);
        QCOMPARE(ratings.first().at(0).toInt(), 3);
        QCOMPARE(ratings.first().at(1).toString(), QStringLiteral("ticket-2"));
        QCOMPARE(ratings.first().at(2).toInt(), 2);
        // A restarted master still knows which ticket the evaluator was showing.
        HallbusMaster again(transport, store, m_realTime, {{3, {0, 0, 203}}}, fastTiming());
        QSignalSpy later(&again, &WindowBus::ratingGiven);
        master.disconnect(&transport);
        again.start();
        devices.events[203].push_back({2, HallbusEvent::Type::Rating, 5});
        QTRY_COMPARE(later.size(), 1);
        QCOMPARE(later.first().at(1).toString(), QStringLiteral("ticket-2"));
    }

    void aRatingMadeBeforeTheNextRateBelongsToTheTicketShown()
    {
        // The citizen rates Y001 on the evaluator, and the clerk finishes the next ticket before the
        // master's next POLL: the evaluator still showed Y001 when it was rated, so the rating is
        // Y001's — not the next ticket's, whose RATE had not gone out.
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 0, 203}}}, fastTiming());
        QSignalSpy ratings(&master, &WindowBus::ratingGiven);
        master.start();
        master.requestRating(3, QStringLiteral("ticket-1"), QStringLiteral("Y001"));
        QTRY_COMPARE(devices.rated[203], QStringLiteral("Y001"));
        devices.events[203] = {{1, HallbusEvent::Type::Rating, 4}};
        master.requestRating(3, QStringLiteral("ticket-2"), QStringLiteral("A007"));
        QTRY_COMPARE(devices.rated[203], QStringLiteral("A007"));
        QTRY_COMPARE(ratings.size(), 1);
        QCOMPARE(ratings.first().at(1).toString(), QStringLiteral("ticket-1"));
        QCOMPARE(ratings.first().at(2).toInt(), 4);
        QCOMPARE(store.records[203].rateTicketId, QStringLiteral("ticket-2"));
        // Rated once A007 shows: A007's.
        devices.events[203].push_back({2, HallbusEvent::Type::Rating, 5});
        QTRY_COMPARE(ratings.size(), 2);
        QCOMPARE(ratings.at(1).at(1).toString(), QStringLiteral("ticket-2"));
        QCOMPARE(ratings.at(1).at(2).toInt(), 5);
    }

    void eventsOfTheWrongKindAreIgnored()
    {
        FakeTransport transport;
        Devices devices;
        transport.responder = [&](const QByteArray &w) { return devices.respond(w); };
        MemoryBusStore store;
        HallbusMaster master(transport, store, m_realTime, {{3, {0, 103, 203}}}, fastTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        QSignalSpy ratings(&master, &WindowBus::ratingGiven);
        devices.events[103] = {{1, HallbusEvent::Type::Rating, 5}};
        devices.events[203] = {{1, HallbusEvent::Type::Key, 1}};
        master.start();
        QTRY_VERIFY(devices.events[103].empty() && devices.events[203].empty()); // acknowledged all the same
        QCOMPARE(keys.size(), 0);
        QCOMPARE(ratings.size(), 0);
    }

private:
    SystemClock m_realTime;
};

QTEST_GUILESS_MAIN(TestHallbusMaster)
#include "tst_hallbus_master.moc"

// The hallbus master over the real serial transport on a pseudo-terminal, against the simulated
// bus of boards, callers and evaluators, with the bus state in a real SQLite file: a lossy line
// still delivers every key exactly once and in order; devices go silent, restart, come back; a
// restart of the master never acts twice.

#include "app/services/system_clock.h"
#include "db/database.h"
#include "db/stores/sql_window_bus_state_store.h"
#include "drivers/devices/hallbus_master.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/transports/serial_transport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

HallbusTiming ptyTiming()
{
    HallbusTiming t;
    t.pollIntervalMs = 30;
    t.offlineProbeMs = 300;
    return t; // the real 100 ms / 20 ms reply deadlines, at 9600 baud
}

struct Bus {
    Bus()
    {
        sim = HallbusSimulator::create().value();
        for (auto [kind, address] : {std::pair{HallbusSimulator::Kind::Board, 3}, {HallbusSimulator::Kind::Caller, 103},
                                     {HallbusSimulator::Kind::Evaluator, 203}, {HallbusSimulator::Kind::Board, 8},
                                     {HallbusSimulator::Kind::Caller, 108}})
            sim->addDevice(kind, address);
    }
    std::unique_ptr<HallbusMaster> master(WindowBusStateStore &busStore)
    {
        transport = std::make_unique<SerialTransport>(SerialSettings{sim->devicePath(), 9600, QSerialPort::NoParity, 100});
        return std::make_unique<HallbusMaster>(*transport, busStore, clock,
                                               std::map<int, HallbusAddresses>{{3, {3, 103, 203}}, {8, {8, 108, 0}}}, ptyTiming());
    }
    QTemporaryDir dir;
    std::unique_ptr<Database> db = Database::open(dir.filePath(QStringLiteral("bus.db"))).value();
    SqlWindowBusStateStore store{*db};
    std::unique_ptr<HallbusSimulator> sim;
    std::unique_ptr<SerialTransport> transport;
    SystemClock clock;
};

QList<int> keysOf(const QSignalSpy &spy, int window)
{
    QList<int> keys;
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toInt() == window)
            keys << int(args.at(1).value<CallerKey>());
    }
    return keys;
}

} // namespace

class TestHallbusPty : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cycleOnARealPty()
    {
        Bus bus;
        auto master = bus.master(bus.store);
        QSignalSpy keys(master.get(), &WindowBus::keyPressed);
        QSignalSpy ratings(master.get(), &WindowBus::ratingGiven);
        master->start();
        master->show(3, {QStringLiteral("Y003 请到3号窗口"), QStringLiteral("预约办理"), true});
        QTRY_COMPARE(bus.sim->boardLine(3, 0), QStringLiteral("Y003 请到3号窗口"));
        QTRY_COMPARE(bus.sim->boardLine(3, 1), QStringLiteral("预约办理"));
        bus.sim->press(103, CallerKey::CallNext);
        bus.sim->press(108, CallerKey::Pause);
        QTRY_COMPARE(keys.size(), 2);
        QCOMPARE(keysOf(keys, 3), QList<int>{int(CallerKey::CallNext)});
        QCOMPARE(keysOf(keys, 8), QList<int>{int(CallerKey::Pause)});
        master->requestRating(3, QStringLiteral("t-1"), QStringLiteral("Y003"));
        QTRY_COMPARE(bus.sim->lastRate(203), QStringLiteral("Y003"));
        bus.sim->rate(203, 5);
        QTRY_COMPARE(ratings.size(), 1);
        QCOMPARE(ratings.first().at(1).toString(), QStringLiteral("t-1"));
        QTRY_COMPARE(bus.sim->pendingEvents(103) + bus.sim->pendingEvents(203), 0);
        QCOMPARE(master->health().state, DeviceHealth::State::Ok);
        QCOMPARE(bus.store.load(103)->lastActed, 1);
    }

    void lossyBusDeliversEveryKeyExactlyOnce()
    {
        Bus bus;
        bus.sim->setLoss(0.25, 0.25, 20261201); // a quarter of requests and of replies lost
        auto master = bus.master(bus.store);
        QSignalSpy keys(master.get(), &WindowBus::keyPressed);
        master->start();
        QList<int> pressed;
        QRandomGenerator rng(7);
        // 300 presses: more than the 255 numbers, so the numbering wraps while acks go missing.
        for (int i = 0; i < 300; ++i) {
            const auto key = static_cast<CallerKey>(1 + rng.bounded(8));
            pressed << int(key);
            bus.sim->press(103, key);
            if (i % 5 == 0)
                QTest::qWait(int(rng.bounded(40)));
            // A clerk's pace: the device's memory (79 events) never fills while the line struggles.
            if (bus.sim->pendingEvents(103) > 20)
                QTRY_VERIFY_WITH_TIMEOUT(bus.sim->pendingEvents(103) < 5, 20000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(bus.sim->pendingEvents(103) == 0, 60000);
        QTest::qWait(200);
        QCOMPARE(keysOf(keys, 3), pressed);
        qInfo("lossy bus: %d requests, %d retries, %d timeouts, %d bad frames, %d duplicates ignored",
              master->stats().requests, master->stats().retries, master->stats().timeouts, master->stats().badFrames,
              master->stats().duplicateEvents);
        QVERIFY(master->stats().retries > 0);
    }

    void silentDeviceOfflineAndBackWithoutARestart()
    {
        Bus bus;
        auto master = bus.master(bus.store);
        master->start();
        master->show(8, {QStringLiteral("8号窗口"), QString(), false});
        QTRY_COMPARE(bus.sim->boardLine(8, 0), QStringLiteral("8号窗口"));
        bus.sim->setSilent(8, true);
        bus.sim->setSilent(108, true);
        master->show(8, {QStringLiteral("A005 请到综合窗口"), QString(), true});
        const auto stateOf = [&](int address) {
            for (const WindowDeviceState &d : master->devices()) {
                if (d.address == address)
                    return d.state;
            }
            return DeviceHealth::State::Absent;
        };
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(108), DeviceHealth::State::Offline, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(8), DeviceHealth::State::Offline, 5000);
        QCOMPARE(master->health().state, DeviceHealth::State::Warning);
        QCOMPARE(stateOf(103), DeviceHealth::State::Ok); // the others carry on
        bus.sim->setSilent(8, false);
        bus.sim->setSilent(108, false);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(8), DeviceHealth::State::Ok, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(108), DeviceHealth::State::Ok, 5000);
        QTRY_COMPARE(bus.sim->boardLine(8, 0), QStringLiteral("A005 请到综合窗口")); // brought up to date
        QCOMPARE(master->health().state, DeviceHealth::State::Ok);
    }

    void deviceRestartNumbersFromOneAgain()
    {
        Bus bus;
        auto master = bus.master(bus.store);
        QSignalSpy keys(master.get(), &WindowBus::keyPressed);
        master->start();
        for (int i = 0; i < 20; ++i)
            bus.sim->press(103, CallerKey::Recall);
        QTRY_COMPARE(keys.size(), 20);
        QTRY_COMPARE(bus.sim->pendingEvents(103), 0);
        QCOMPARE(bus.store.load(103)->lastActed, 20);
        bus.sim->restart(103); // its next events are 1, 2, …: older than 20 without the status 10
        bus.sim->press(103, CallerKey::Finish);
        bus.sim->press(103, CallerKey::CallNext);
        QTRY_COMPARE(keys.size(), 22);
        QCOMPARE(keysOf(keys, 3).mid(20), (QList<int>{int(CallerKey::Finish), int(CallerKey::CallNext)}));
        QTRY_COMPARE(bus.store.load(103)->lastActed, 2);
    }

    void masterRestartNeverActsTwice()
    {
        Bus bus;
        int total = 0;
        {
            auto master = bus.master(bus.store);
            // The master acts on five keys and dies before its POLL can acknowledge them.
            connect(master.get(), &WindowBus::keyPressed, this, [&] {
                if (++total == 5)
                    bus.sim->setSilent(103, true);
            });
            master->start();
            for (int i = 0; i < 5; ++i)
                bus.sim->press(103, CallerKey::CallNext);
            QTRY_COMPARE(total, 5);
            QTest::qWait(100);
        }
        QCOMPARE(bus.sim->pendingEvents(103), 5); // still unacknowledged on the device
        QCOMPARE(bus.store.load(103)->lastActed, 5);
        bus.sim->setSilent(103, false);
        auto restarted = bus.master(bus.store);
        connect(restarted.get(), &WindowBus::keyPressed, this, [&] { ++total; });
        restarted->start();
        QTRY_COMPARE(bus.sim->pendingEvents(103), 0); // its first POLL acknowledged them
        bus.sim->press(103, CallerKey::Pass);
        QTRY_COMPARE(total, 6);
        QTest::qWait(150);
        QCOMPARE(total, 6);
    }

    void simulatedDeviceFollowsTheAckRules()
    {
        // The device side of DESIGN §4, byte by byte over the pty: status 10 until the fresh start
        // is acknowledged, an ack removes that event and all before it, an ack for none is ignored.
        auto sim = HallbusSimulator::create().value();
        sim->addDevice(HallbusSimulator::Kind::Caller, 103);
        SerialTransport port(SerialSettings{sim->devicePath(), 9600, QSerialPort::NoParity, 100});
        HallbusStreamDecoder decoder;
        QList<HallbusFrame> replies;
        connect(&port, &ByteTransport::received, this, [&](const QByteArray &bytes) {
            for (const HallbusDecoded &d : decoder.feed(bytes)) {
                if (d.frame)
                    replies.append(*d.frame);
            }
        });
        port.open();
        QVERIFY(port.isOpen());
        const auto poll = [&](std::uint8_t ack) {
            replies.clear();
            port.write(encodeHallbusFrame(HallbusMessages::poll(103, ack)));
            if (!QTest::qWaitFor([&] { return !replies.isEmpty(); }, 2000))
                return HallbusPollReply{hallbus::Status::BadData, {}};
            return HallbusMessages::readPollReply(HallbusMessages::readReply(replies.first(), 103, hallbus::Command::Poll).value()).value();
        };
        const auto seqs = [](const HallbusPollReply &r) {
            QList<int> out;
            for (const HallbusEvent &e : r.events)
                out << e.seq;
            return out;
        };
        QCOMPARE(poll(77).status, hallbus::Status::FreshStart); // just powered up: the old ack is ignored
        sim->press(103, CallerKey::CallNext);
        sim->press(103, CallerKey::Recall);
        sim->press(103, CallerKey::Pass);
        HallbusPollReply r = poll(77);
        QCOMPARE(r.status, hallbus::Status::FreshStart); // still not acknowledged: 77 is not one of its numbers
        QCOMPARE(seqs(r), (QList<int>{1, 2, 3}));
        r = poll(2); // acted on 1 and 2
        QCOMPARE(r.status, hallbus::Status::Ok);
        QCOMPARE(seqs(r), QList<int>{3});
        QCOMPARE(seqs(poll(9)), QList<int>{3}); // an ack for no pending event is ignored
        QCOMPARE(seqs(poll(3)), QList<int>{});
        QCOMPARE(poll(3).status, hallbus::Status::Ok);
        sim->restart(103);
        QCOMPARE(poll(3).status, hallbus::Status::FreshStart);
        QCOMPARE(poll(0).status, hallbus::Status::Ok); // 0: the master has reset its number
        // A damaged request is answered with status 01.
        QByteArray damaged = encodeHallbusFrame(HallbusMessages::poll(103, 0));
        damaged[4] = char(damaged[4] ^ 0x40);
        replies.clear();
        port.write(damaged);
        QTRY_VERIFY(!replies.isEmpty());
        QCOMPARE(replies.first().data.at(0), char(hallbus::Status::BadCrc));
    }

    void devsimSpeaksOnItsOwn()
    {
        // The simulator program: devices from the command line, keys from its standard input.
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("bus"));
        QProcess devsim;
        devsim.start(QStringLiteral(HALLKIOSK_DEVSIM), {QStringLiteral("hallbus"), QStringLiteral("--link"), link,
                                                        QStringLiteral("--window"), QStringLiteral("3=3,103,203")});
        QVERIFY(devsim.waitForStarted());
        QTRY_VERIFY(QFile::exists(link));
        QDir().mkpath(dir.filePath(QStringLiteral("db")));
        auto db = Database::open(dir.filePath(QStringLiteral("db/bus.db"))).value();
        SqlWindowBusStateStore store(*db);
        SerialTransport transport(SerialSettings{link, 9600, QSerialPort::NoParity, 100});
        SystemClock clock;
        HallbusMaster master(transport, store, clock, {{3, {3, 103, 203}}}, ptyTiming());
        QSignalSpy keys(&master, &WindowBus::keyPressed);
        master.start();
        master.show(3, {QStringLiteral("A001 请到3号窗口"), QString(), false});
        devsim.write("press 103 call_next\n");
        QTRY_COMPARE(keys.size(), 1);
        QByteArray out;
        QTRY_VERIFY((out += devsim.readAllStandardOutput()).contains("board 3 line 1: A001 请到3号窗口"));
        devsim.write("quit\n");
        QVERIFY(devsim.waitForFinished(5000));
        QCOMPARE(devsim.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHallbusPty)
#include "tst_hallbus_pty.moc"

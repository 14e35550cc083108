// The technicians' maintenance menu (DESIGN §12) on a terminal in the test's process, built by its
// composition root as main() builds it, with the device simulators on pseudo-terminals: a printer,
// an ID-card reader, a scanner and window 3's board and evaluator on the window bus. A citizen takes a
// walk-in ticket and has a booking on her card; then a technician holds the corner, signs in and goes
// through every page: each shows the terminal's real data, each test button reaches its simulator
// (the sample ticket carries no queue number; the board shows the text; the card test shows only a
// masked number), a citizen's card and booking code while the menu is open check nothing in and
// issue nothing, day close expires the waiting ticket in the store, the audit check counts the
// rows, the bundle is exported to a folder as a mounted stick would look. On the sign-in, the PIN
// pad and every page the rules of DESIGN §1 as §12 relaxes them for technicians (text ≥ 24 px,
// targets ≥ 120 px 24 px apart, nothing clipped or off the panel) are measured on the laid-out
// widgets, and each is saved to test-artifacts (and, in 256 colours, to test-artifacts/docs for
// docs/images).

#include "app/root/terminal.h"
#include "app/services/catalog_service.h"
#include "app/services/maintenance/maintenance_service.h"
#include "app/services/staff/pin_hasher.h"
#include "db/database.h"
#include "db/stores/sql_booking_store.h"
#include "drivers/sim/hallbus_simulator.h"
#include "drivers/sim/idcard_simulator.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/shifting_clock.h"
#include "tests/support/sql_values.h"
#include "tests/support/test_platform.h"
#include "tests/support/window_three.h"
#include "ui/kiosk/kiosk_style.h"
#include "ui/kiosk/kiosk_window.h"
#include "ui/kiosk/maintenance/kiosk_maintenance.h"
#include "ui/kiosk/maintenance/maintenance_menu.h"
#include "ui/kiosk/maintenance/maintenance_pages.h"
#include "ui/kiosk/maintenance/maintenance_style.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

constexpr int kPanelWidth = 1080;
constexpr int kPanelHeight = 1920;
const QString kResident = QStringLiteral("11010519491231002X"); // the "resident" card of resources/sim/idcards.json

QString describe(const QWidget *w)
{
    if (auto *label = qobject_cast<const QLabel *>(w))
        return QStringLiteral("label %1 \"%2\"").arg(w->objectName(), label->text().left(30));
    if (auto *button = qobject_cast<const QPushButton *>(w))
        return QStringLiteral("button %1 \"%2\"").arg(w->objectName(), button->text().left(30));
    return w->objectName();
}

} // namespace

class TestMaintenanceMenu : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QString::fromLatin1(kiosk::kFontFamily)));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("by-id"))));
        QVERIFY(QDir().mkpath(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/docs")));
        auto printer = PrinterSimulator::create(link(QStringLiteral("printer")));
        QVERIFY2(printer, qPrintable(printer ? QString() : printer.error()));
        m_printer = std::move(printer).value();
        auto bus = HallbusSimulator::create(link(QStringLiteral("hallbus")));
        QVERIFY(bus);
        m_bus = std::move(bus).value();
        m_bus->addDevice(HallbusSimulator::Kind::Board, 3);
        m_bus->addDevice(HallbusSimulator::Kind::Caller, 103);
        m_bus->addDevice(HallbusSimulator::Kind::Evaluator, 203);
        auto card = IdCardSimulator::create(link(QStringLiteral("idcard")));
        QVERIFY(card);
        m_card = std::move(card).value();
        QVERIFY(m_card->loadCards(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json")));
        auto scanner = ScannerSimulator::create(link(QStringLiteral("scanner")));
        QVERIFY(scanner);
        m_scanner = std::move(scanner).value();

        // The resident card's holder booked this morning's 10:00 slot (the cache as the sync fills it).
        m_clock = std::make_unique<test::ShiftingClock>(test::workingMorningOffsetMs(test::demoCatalog()));
        const CatalogService catalog(test::demoCatalog());
        m_today = catalog.centerTime().dateOf(m_clock->now());
        m_slot = catalog.centerTime().instantOf(m_today, 10 * 60);
        {
            auto db = Database::open(databasePath());
            QVERIFY(db.ok());
            SqlBookingStore store(*db.value());
            QVERIFY(store.upsert(m_platform.booking(QStringLiteral("BK-1"), m_slot, kResident, "SB-001", "SB")).value());
        }

        const QString staffFile = test::writeWindowThreeClerk(m_dir.path(), PinHasher::hash(QStringLiteral("3690"), 1000));
        QVERIFY(!staffFile.isEmpty());
        QJsonObject json = test::simTerminalConfig(databasePath(), staffFile);
        json[QStringLiteral("devices")] = QJsonObject{
            {QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(link(QStringLiteral("printer")))},
            {QStringLiteral("idcard"), QStringLiteral("serial:%1?baud=115200").arg(link(QStringLiteral("idcard")))},
            {QStringLiteral("scanner"), QStringLiteral("serial:%1?suffix=cr").arg(link(QStringLiteral("scanner")))},
            {QStringLiteral("hallbus"), QStringLiteral("serial:%1").arg(link(QStringLiteral("hallbus")))}};
        json[QStringLiteral("hallbus")] = test::windowThreeBus();
        json[QStringLiteral("platform")] = QJsonObject{{QStringLiteral("public_key_file"), m_platform.publicKeyFile(m_dir.path())},
                                                       {QStringLiteral("match_key_file"), m_platform.matchKeyFile(m_dir.path())}};
        // The stick: a folder under the test's media root, as a mounted one looks under /media.
        QVERIFY(QDir().mkpath(m_stick));
        TerminalOptions options;
        options.mediaRoots = {m_dir.filePath(QStringLiteral("media"))};
        // …and the printer's stable name, as udev's 60-hallkiosk.rules gives /dev/hallkiosk/printer (DESIGN §15).
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("hallkiosk"))));
        QVERIFY(QFile::link(link(QStringLiteral("printer")), stableName(QStringLiteral("printer"))));
        options.serialLinkFolders = {m_dir.filePath(QStringLiteral("by-id")), m_dir.filePath(QStringLiteral("hallkiosk"))};
        auto terminal = test::startTerminal(json, m_dir.path(), *m_clock, options);
        QVERIFY2(terminal.ok(), qPrintable(terminal ? QString() : terminal.error()));
        m_terminal = std::move(terminal).value();
        KioskWindow &window = m_terminal->window();
        window.resize(kPanelWidth, kPanelHeight);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        m_maintenance = m_terminal->kioskMaintenance();
        QVERIFY(m_maintenance);
        for (const char *device : {"printer", "idcard", "scanner", "hallbus"})
            QTRY_VERIFY2_WITH_TIMEOUT(deviceState(QLatin1String(device)) == DeviceHealth::State::Ok, device, 20000);

        // A citizen's walk-in ticket: still waiting when the technician closes the day.
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_printer->tickets().size(), 1, 20000);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 1);

        // The way in: five seconds in the corner, the technician's name, the PIN.
        press(QPoint(40, 40));
        m_clock->moveTo(m_clock->now().addSecs(5));
        QTRY_VERIFY(window.maintenanceShown());
        release(QPoint(40, 40));
        QVERIFY(m_terminal->maintenance().menuOpen());
        keepsTheRules(QStringLiteral("signin"));
        tap("technician_T01");
        tap("pinKey3");
        tap("pinKey6");
        keepsTheRules(QStringLiteral("pin"));
        tap("pinKey9");
        tap("pinKey0");
        tap("pinOk");
        QTRY_VERIFY(m_maintenance->gate().session()); // the PIN is hashed on a worker thread
        QVERIFY(menu().isVisible());
        QCOMPARE(menu().currentPage(), MaintenanceMenu::Page::Devices);
    }

    void cleanupTestCase()
    {
        if (m_maintenance && m_maintenance->gate().isOpen()) {
            tap("maintenanceExit");
            QVERIFY(!m_terminal->window().maintenanceShown());
            QVERIFY(!m_terminal->maintenance().menuOpen());
        }
        m_terminal.reset();
    }

    void theDevicesPageShowsEachDeviceAndItsFrames()
    {
        tap("pageButton_devices");
        QCOMPARE(menu().findChildren<QPushButton *>(QRegularExpression(QStringLiteral("^device_"))).size(),
                 m_terminal->maintenance().devices().size());
        tap("device_printer");
        QTRY_VERIFY(text("deviceInfo").contains(QStringLiteral("地址：serial:%1?baud=115200").arg(link(QStringLiteral("printer")))));
        QVERIFY2(text("deviceInfo").contains(QStringLiteral("状态：正常 — ready")), qPrintable(text("deviceInfo")));
        QVERIFY(text("deviceInfo").contains(QStringLiteral("最近错误：无")));
        // The counters and the frame log are the drivers' own, as the service reads them: the page
        // shows them as they are (every second while it is shown) — the walk-in ticket among them,
        // and the printer's status requests (DLE EOT) with their replies.
        QVERIFY2(text("deviceInfo").contains(QStringLiteral("已打印：1 张")), qPrintable(text("deviceInfo")));
        QTRY_VERIFY2(text("deviceInfo").contains(countersLine(QStringLiteral("printer"))), qPrintable(text("deviceInfo")));
        QTRY_COMPARE(frameLog(), expectedFrameLog(QStringLiteral("printer")));
        QVERIFY2(frameLog().contains(QStringLiteral(" TX 10 04")), qPrintable(frameLog().left(600)));
        QVERIFY(frameLog().contains(QStringLiteral(" RX ")));
        tap("device_hallbus");
        QVERIFY(text("deviceInfo").startsWith(QStringLiteral("窗口总线（hallbus）")));
        QTRY_COMPARE(frameLog(), expectedFrameLog(QStringLiteral("hallbus")));
        tap("device_voice"); // no wire to trace
        QVERIFY(text("deviceInfo").startsWith(QStringLiteral("语音（voice）")));
        QCOMPARE(frameLog(), QStringLiteral("此设备没有收发记录。"));
    }

    void theSampleTicketReachesThePrinterWithoutAQueueNumber()
    {
        tap("pageButton_tests");
        QSignalSpy printed(m_printer.get(), &PrinterSimulator::ticketPrinted);
        tap("testPrinter");
        QTRY_COMPARE_WITH_TIMEOUT(printed.size(), 1, 15000);
        const auto ticket = printed.first().first().value<SimulatedTicket>();
        for (const QString &expected : {QStringLiteral("测试"), QStringLiteral("打印测试 · 非排队票"), QStringLiteral("终端 T01")})
            QVERIFY2(ticket.text.contains(expected), qPrintable(ticket.text));
        // No queue number: no group letter followed by three digits, as A012 or Y003 (the walk-in
        // ticket's own number reads so, which the pattern is checked on first).
        const QRegularExpression queueNumber(QStringLiteral("[A-Z][0-9]{3}"));
        QVERIFY2(m_printer->tickets().first().text.contains(queueNumber), qPrintable(m_printer->tickets().first().text));
        QVERIFY2(!ticket.text.contains(queueNumber), qPrintable(ticket.text));
        QVERIFY(!ticket.bytes.isEmpty());
        QTRY_VERIFY(outcome(MaintenanceMenu::Page::Tests).contains(QStringLiteral("测试票已打印")));
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets")), 1); // no ticket behind it
        // …and the 设备 page counts it.
        tap("pageButton_devices");
        tap("device_printer");
        QTRY_VERIFY2(text("deviceInfo").contains(QStringLiteral("已打印：2 张")), qPrintable(text("deviceInfo")));
    }

    void theBoardTestShowsItsTextOnWindowThree()
    {
        tap("pageButton_tests");
        for (int i = 0; i < 20 && text("testWindow") != QStringLiteral("3 号窗口"); ++i)
            tap("windowNext");
        QCOMPARE(text("testWindow"), QStringLiteral("3 号窗口"));
        tap("testBoard");
        QVERIFY2(outcome(MaintenanceMenu::Page::Tests).contains(QStringLiteral("已发送到 3 号窗口屏")),
                 qPrintable(outcome(MaintenanceMenu::Page::Tests)));
        QTRY_VERIFY2_WITH_TIMEOUT(m_bus->boardHistory(3).contains(QStringLiteral("测试3号窗口")), qPrintable(m_bus->boardHistory(3).join(QLatin1Char('|'))),
                                  5000);
        QSignalSpy rate(m_bus.get(), &HallbusSimulator::rateRequested);
        tap("testEvaluator");
        QVERIFY2(outcome(MaintenanceMenu::Page::Tests).contains(QStringLiteral("评价器")), qPrintable(outcome(MaintenanceMenu::Page::Tests)));
        QTRY_VERIFY_WITH_TIMEOUT(!rate.isEmpty(), 5000);
        QCOMPARE(rate.first().first().toInt(), 203);
    }

    void aCitizensCardDoesNothingAndTheCardTestShowsAMaskedNumberOnly()
    {
        tap("pageButton_tests");
        const int tickets = int(m_printer->tickets().size());
        // A citizen puts her card on the reader while the menu is open, no test armed: it is read…
        QSignalSpy readOut(m_card.get(), &IdCardSimulator::cardReadOut);
        QSignalSpy commands(m_card.get(), &IdCardSimulator::commandReceived);
        QVERIFY(!m_terminal->maintenance().cardTestArmed());
        QVERIFY(m_card->placeCard(QStringLiteral("resident")));
        QTRY_COMPARE_WITH_TIMEOUT(readOut.size(), 1, 10000);
        // …and taken off. The reader asks for a card again only once it has dealt with the read,
        // and forgets the card after two polls find none: from the third, the same card is new.
        m_card->removeCard();
        commands.clear();
        QTRY_VERIFY_WITH_TIMEOUT(findCommands(commands) >= 3, 10000);
        // Then the technician's card test reads the same card.
        tap("testCard");
        QVERIFY(m_terminal->maintenance().cardTestArmed());
        QVERIFY(m_card->placeCard(QStringLiteral("resident")));
        QTRY_VERIFY_WITH_TIMEOUT(text("testRead").startsWith(QStringLiteral("读卡成功")), 10000);
        m_card->removeCard();
        QCOMPARE(readOut.size(), 2);
        const QString read = text("testRead");
        QCOMPARE(read, QStringLiteral("读卡成功：张*　1101**********002X"));
        QVERIFY(!read.contains(kResident));
        QVERIFY(!read.contains(QStringLiteral("张三")));
        QVERIFY(!m_terminal->maintenance().cardTestArmed());
        // The citizen's read reached no check-in: no ticket, the booking still open, the menu on show.
        QCOMPARE(int(m_printer->tickets().size()), tickets);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets")), 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE id = 'BK-1' AND status = 'booked'")), 1);
        QVERIFY(m_terminal->window().maintenanceShown());
    }

    void aCitizensCodeDoesNothingAndTheScanTestShowsTheText()
    {
        tap("pageButton_tests");
        // The scan test takes one code: the booking's code right behind it, in the same burst,
        // finds the test disarmed and the menu open…
        tap("testScan");
        QVERIFY(m_terminal->maintenance().scanTestArmed());
        QVERIFY(m_scanner->sendRaw("HK-MAINTENANCE-TEST\r" + m_platform.code(QStringLiteral("BK-1"), m_slot) + "\r"));
        QTRY_COMPARE_WITH_TIMEOUT(text("testRead"), QStringLiteral("扫码内容：HK-MAINTENANCE-TEST"), 10000);
        QVERIFY(!m_terminal->maintenance().scanTestArmed());
        // …and is dropped: a second test reads the next code, not the booking's.
        tap("testScan");
        QVERIFY(m_scanner->send("HK-MAINTENANCE-TEST-2"));
        QTRY_COMPARE_WITH_TIMEOUT(text("testRead"), QStringLiteral("扫码内容：HK-MAINTENANCE-TEST-2"), 10000);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets")), 1);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM bookings WHERE id = 'BK-1' AND status = 'booked'")), 1);
    }

    void thePrinterPageShowsTheProfileAndThePreview()
    {
        tap("pageButton_printer");
        QVERIFY(text("printerProfile").startsWith(QStringLiteral("当前型号：")));
        QVERIFY(!text("printerProfile").contains(QStringLiteral("无打印机")));
        QVERIFY2(text("printerPaper").contains(QStringLiteral("正常")), qPrintable(text("printerPaper")));
        auto *preview = menu().findChild<QLabel *>(QStringLiteral("ticketPreview"));
        QVERIFY(!preview->pixmap().isNull());
        const QStringList shipped = m_terminal->maintenance().shippedPrinterProfiles();
        const QList<QPushButton *> buttons = menu().findChildren<QPushButton *>(QRegularExpression(QStringLiteral("^profile_")));
        QCOMPARE(buttons.size(), shipped.size());
        QVERIFY(!shipped.isEmpty());
        QCOMPARE(text("profileHint"), QStringLiteral("更换型号（立即生效，并写入本机设置）："));
        const QString current = m_terminal->maintenance().printerProfile();
        for (const QString &profile : shipped) {
            auto *b = menu().findChild<QPushButton *>(QStringLiteral("profile_%1").arg(profile));
            QVERIFY2(b && b->isVisible(), qPrintable(profile));
            QCOMPARE(b->isChecked(), profile == current);
        }
    }

    void thePortsPageListsTheSimulatorsLinks()
    {
        tap("pageButton_ports");
        MaintenancePage &ports = menu().page(MaintenanceMenu::Page::Ports);
        const QList<MaintenancePort> present = m_terminal->maintenance().ports();
        // Without a choice nothing is assigned, and the page says what is missing.
        ports.reset();
        tap("assignPort");
        QCOMPARE(ports.outcome(), QStringLiteral("请先选择端口、设备和波特率。"));
        QVERIFY(!present.isEmpty());
        QVERIFY2(text("portCount").endsWith(QStringLiteral("共 %1 个（点选一个）").arg(present.size())), qPrintable(text("portCount")));
        QString all;
        QString printerPort;
        int printerPage = -1;
        for (int page = 0;; ++page) {
            for (QPushButton *b : menu().findChildren<QPushButton *>(QRegularExpression(QStringLiteral("^port_")))) {
                all += b->text() + QLatin1Char('\n');
                if (b->text().contains(QStringLiteral("已分配：打印机"))) {
                    printerPort = b->objectName();
                    printerPage = page;
                }
            }
            if (!menu().findChild<QPushButton *>(QStringLiteral("portsNext"))->isEnabled() || page > 20)
                break;
            tap("portsNext");
        }
        QVERIFY2(all.contains(link(QStringLiteral("printer"))), qPrintable(all));
        // The stable name shown as such, on the printer's own button.
        QVERIFY2(all.contains(QStringLiteral("固定名称 %1").arg(stableName(QStringLiteral("printer")))), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("已分配：打印机，115200 波特")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("已分配：窗口总线，默认波特率")), qPrintable(all)); // its link names no baud
        // The printer's own port, chosen again: the page takes the device and baud it serves as the
        // first guess, applies it and says so; the printer runs on.
        while (menu().findChild<QPushButton *>(QStringLiteral("portsPrevious"))->isEnabled())
            tap("portsPrevious");
        for (int page = 0; page < printerPage; ++page)
            tap("portsNext");
        tap(qPrintable(printerPort));
        QVERIFY(menu().findChild<QPushButton *>(QStringLiteral("role_printer"))->isChecked());
        QVERIFY(menu().findChild<QPushButton *>(QStringLiteral("baud_115200"))->isChecked());
        tap("assignPort");
        QTRY_VERIFY_WITH_TIMEOUT(!ports.outcome().startsWith(QStringLiteral("正在")), 15000);
        const QString said = ports.outcome();
        QVERIFY2(said.startsWith(QStringLiteral("已分配：")) && said.endsWith(QStringLiteral("→ 打印机，115200 波特；已生效并写入本机设置。")),
                 qPrintable(said));
        // Assigned by its stable name, so the assignment survives another USB socket.
        QVERIFY2(said.contains(stableName(QStringLiteral("printer"))), qPrintable(said));
        QTRY_VERIFY_WITH_TIMEOUT(deviceState(QStringLiteral("printer")) == DeviceHealth::State::Ok, 15000);
    }

    void theSyncPageShowsThePlatform()
    {
        tap("pageButton_sync");
        QVERIFY2(text("syncState").contains(QStringLiteral("平台：未配置（本机单独运行）")), qPrintable(text("syncState")));
        // The outbox: the walk-in ticket's events and the day close's, not sent (no platform).
        const int pending = rows(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'"));
        QVERIFY(pending > 0);
        QVERIFY2(text("syncState").contains(QStringLiteral("待发送事件：%1 条").arg(pending)), qPrintable(text("syncState")));
        tap("syncPull"); // no platform here: the refusal is said, in Chinese and the service's words
        QVERIFY2(outcome(MaintenanceMenu::Page::Sync).startsWith(QStringLiteral("拉取失败：")), qPrintable(outcome(MaintenanceMenu::Page::Sync)));
    }

    void theDataPageClosesTheDayChecksAndExports()
    {
        tap("pageButton_data");
        tap("dayClose");
        const QString today = toQDate(m_today).toString(Qt::ISODate);
        QCOMPARE(menu().findChild<QPushButton *>(QStringLiteral("dayCloseConfirm"))->text(), QStringLiteral("确认日结 %1").arg(today));
        tap("dayCloseCancel");
        QCOMPARE(outcome(MaintenanceMenu::Page::Data), QStringLiteral("已取消日结。"));
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 1); // cancelled: nothing closed
        tap("dayClose");
        tap("dayCloseConfirm");
        QVERIFY2(outcome(MaintenanceMenu::Page::Data).startsWith(QStringLiteral("%1 已日结：过期 1 个号").arg(today)),
                 qPrintable(outcome(MaintenanceMenu::Page::Data)));
        // The citizen's walk-in ticket has expired in the store.
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")), 0);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE state = 'expired' AND service_date = '%1'").arg(today)), 1);
        QVERIFY(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'technician:T01'")) > 0);

        tap("integrityCheck");
        QCOMPARE(outcome(MaintenanceMenu::Page::Data), QStringLiteral("数据库检查通过（ok）。"));
        tap("auditCheck");
        const int auditRows = rows(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        QVERIFY(auditRows > 0);
        QCOMPARE(outcome(MaintenanceMenu::Page::Data), QStringLiteral("审计链完整：共 %1 行。").arg(auditRows));

        QPushButton *stick = nullptr;
        for (QPushButton *b : menu().findChildren<QPushButton *>(QRegularExpression(QStringLiteral("^medium_")))) {
            if (b->text() == m_stick)
                stick = b;
        }
        QVERIFY2(stick, "the stick's folder is not offered");
        QTest::mouseClick(stick, Qt::LeftButton);
        tap("exportBundle");
        const QString said = outcome(MaintenanceMenu::Page::Data);
        QVERIFY2(said.startsWith(QStringLiteral("已写入：") + m_stick + QStringLiteral("/hallkiosk-T01-")), qPrintable(said));
        const QString written = said.mid(4);
        QVERIFY2(written.endsWith(QStringLiteral(".tar.gz")), qPrintable(written));
        QCOMPARE(QDir(m_stick).entryList(QDir::Files), QStringList{QFileInfo(written).fileName()});
        // A real tar reads it.
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-tzf"), written});
        QVERIFY(tar.waitForFinished(30000));
        QCOMPARE(tar.exitCode(), 0);
        const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
        QVERIFY2(listing.contains(QStringLiteral("hallkiosk-diagnostics/health.json")), qPrintable(listing));
        QVERIFY2(listing.contains(QStringLiteral("hallkiosk-diagnostics/config.json")), qPrintable(listing));
    }

    void theSystemPageShowsTheTerminal()
    {
        tap("pageButton_system");
        QVERIFY2(text("systemFacts").contains(QStringLiteral("终端：T01")), qPrintable(text("systemFacts")));
        QVERIFY(text("systemFacts").contains(QStringLiteral("版本：")));
        QVERIFY(text("systemFacts").contains(QStringLiteral("数据目录：%1").arg(QFileInfo(databasePath()).absolutePath())));
        QVERIFY(text("systemFacts").contains(QStringLiteral("数据库：sqlite，结构版本 ")));
        tap("restart");
        QVERIFY(menu().findChild<QPushButton *>(QStringLiteral("restartConfirm"))->isVisible());
        tap("restartCancel"); // not here: the test's process would go
        QCOMPARE(outcome(MaintenanceMenu::Page::System), QStringLiteral("已取消重启。"));
    }

    // Last, so each page shows what the tests above left on it (counters, outcomes, the export).
    void everyPageKeepsTheRules_data()
    {
        QTest::addColumn<int>("page");
        for (MaintenanceMenu::Page p : MaintenanceMenu::pages())
            QTest::newRow(MaintenanceMenu::nameOf(p)) << int(p);
    }

    void everyPageKeepsTheRules()
    {
        QFETCH(int, page);
        const auto p = MaintenanceMenu::Page(page);
        tap(qPrintable(QStringLiteral("pageButton_%1").arg(QLatin1String(MaintenanceMenu::nameOf(p)))));
        QCOMPARE(menu().currentPage(), p);
        if (p == MaintenanceMenu::Page::Devices)
            tap("device_printer");
        keepsTheRules(QLatin1String(MaintenanceMenu::nameOf(p)));
    }

private:
    // The rules of DESIGN §1 as §12 relaxes them, measured on what the window shows now; then its
    // picture for the artifacts and for the guide.
    void keepsTheRules(const QString &name)
    {
        QTest::qWait(50);
        KioskWindow &window = m_terminal->window();
        QVERIFY2(window.minimumSizeHint().height() <= kPanelHeight,
                 qPrintable(QStringLiteral("needs %1 px of height").arg(window.minimumSizeHint().height())));
        QCOMPARE(window.size(), QSize(kPanelWidth, kPanelHeight));
        QList<QRect> targets;
        for (QWidget *w : window.findChildren<QWidget *>()) {
            if (!w->isVisibleTo(&window) || w->width() <= 0 || w->height() <= 0)
                continue;
            const QRect rect(w->mapTo(&window, QPoint(0, 0)), w->size());
            auto *label = qobject_cast<QLabel *>(w);
            auto *button = qobject_cast<QPushButton *>(w);
            const bool hasText = (label && !label->text().isEmpty()) || (button && !button->text().isEmpty());
            if (hasText || qobject_cast<QPlainTextEdit *>(w)) {
                QVERIFY2(window.rect().contains(rect), qPrintable(describe(w) + QStringLiteral(" is off the panel")));
                QVERIFY2(w->font().pixelSize() >= 24, qPrintable(QStringLiteral("%1 is %2 px").arg(describe(w)).arg(w->font().pixelSize())));
            }
            if (label && hasText) {
                const int needed = label->wordWrap() ? label->heightForWidth(label->width()) : label->sizeHint().height();
                QVERIFY2(needed <= label->height(),
                         qPrintable(QStringLiteral("%1 needs %2 px of height, has %3").arg(describe(w)).arg(needed).arg(label->height())));
                if (!label->wordWrap())
                    QVERIFY2(label->sizeHint().width() <= label->width(), qPrintable(describe(w) + QStringLiteral(" is cut off")));
            }
            if (button) {
                QVERIFY2(button->width() >= 120 && button->height() >= 120, qPrintable(describe(w) + QStringLiteral(" is too small to touch")));
                QVERIFY2(window.rect().contains(rect), qPrintable(describe(w) + QStringLiteral(" is off the panel")));
                if (hasText)
                    QVERIFY2(button->sizeHint().width() <= button->width() && button->sizeHint().height() <= button->height(),
                             qPrintable(describe(w) + QStringLiteral(" cuts its text")));
                for (const QRect &other : std::as_const(targets))
                    QVERIFY2(!rect.adjusted(-23, -23, 23, 23).intersects(other),
                             qPrintable(describe(w) + QStringLiteral(" is closer than 24 px to another button")));
                targets.append(rect);
            }
        }
        QVERIFY(targets.size() >= 2);
        const QPixmap picture = window.grab();
        QCOMPARE(picture.size(), QSize(kPanelWidth, kPanelHeight));
        QVERIFY(picture.save(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/maintenance-%1.png").arg(name)));
        // The guide's copy: the same picture in 256 colours, a fraction of the bytes.
        QVERIFY(picture.toImage()
                    .convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither)
                    .save(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/docs/maintenance-%1.png").arg(name)));
    }

    // A simulator's link, where the 端口 page looks for the ports' stable names.
    QString link(const QString &device) const { return m_dir.filePath(QStringLiteral("by-id/") + device); }
    QString stableName(const QString &device) const { return m_dir.filePath(QStringLiteral("hallkiosk/") + device); }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("hallkiosk.db")); }
    int rows(const QString &sql) const { return test::count(*Database::open(databasePath()).value(), sql); }
    MaintenanceMenu &menu() const { return m_maintenance->menu(); }
    // What the 设备 page should show of a device, from the service.
    QString countersLine(const QString &role) const
    {
        for (const MaintenanceDevice &d : m_terminal->maintenance().devices()) {
            if (d.role == role)
                return QStringLiteral("发送 %1 字节，接收 %2 字节；帧 正常 %3 / 异常 %4；重连 %5 次")
                    .arg(d.counters.bytesTx)
                    .arg(d.counters.bytesRx)
                    .arg(d.counters.framesGood)
                    .arg(d.counters.framesBad)
                    .arg(d.counters.reconnects);
        }
        return QStringLiteral("no device %1").arg(role);
    }
    QString expectedFrameLog(const QString &role) const
    {
        auto frames = m_terminal->maintenance().frames(role, DeviceTrace::kCapacity);
        if (!frames)
            return frames.error().message;
        const CatalogService catalog(test::demoCatalog());
        QStringList lines;
        for (const DeviceFrame &f : frames.value())
            lines << maintenanceText::frameLine(f, catalog.centerTime().toLocal(f.at).toString(QStringLiteral("HH:mm:ss.zzz")));
        return lines.isEmpty() ? QStringLiteral("（还没有收发）") : lines.join(QLatin1Char('\n'));
    }
    static int findCommands(const QSignalSpy &commands)
    {
        int n = 0;
        for (const QList<QVariant> &c : commands)
            n += c.at(0).toInt() == 0x20 && c.at(1).toInt() == 0x01;
        return n;
    }
    DeviceHealth::State deviceState(const QString &role) const
    {
        for (const MaintenanceDevice &d : m_terminal->maintenance().devices())
            if (d.role == role)
                return d.health.state;
        return DeviceHealth::State::Absent;
    }
    void mouse(QEvent::Type type, QPoint at, Qt::MouseButtons buttons)
    {
        KioskWindow &window = m_terminal->window();
        QWidget *target = window.childAt(at);
        if (!target)
            target = &window;
        QMouseEvent event(type, target->mapFrom(&window, QPointF(at)), window.mapToGlobal(QPointF(at)), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(target, &event);
    }
    void press(QPoint at) { mouse(QEvent::MouseButtonPress, at, Qt::LeftButton); }
    void release(QPoint at) { mouse(QEvent::MouseButtonRelease, at, Qt::NoButton); }
    void tap(const char *name)
    {
        // A button a page has just made is shown once the event loop has run (QLayout shows it queued).
        QPushButton *b = nullptr;
        QTRY_VERIFY2((b = m_terminal->window().findChild<QPushButton *>(QLatin1String(name))) && b->isVisible() && b->isEnabled(), name);
        QTest::mouseClick(b, Qt::LeftButton);
    }
    QString text(const char *name) const
    {
        auto *l = menu().findChild<QLabel *>(QLatin1String(name));
        return l ? kiosk::maintenance::unbreakable(l->text()) : QString();
    }
    QString frameLog() const { return menu().findChild<QPlainTextEdit *>(QStringLiteral("frameLog"))->toPlainText(); }
    QString outcome(MaintenanceMenu::Page page) const { return menu().page(page).outcome(); }

    QTemporaryDir m_dir;
    QString m_stick = m_dir.filePath(QStringLiteral("media/STICK"));
    test::TestPlatform m_platform;
    CivilDate m_today;
    QDateTime m_slot;
    std::unique_ptr<PrinterSimulator> m_printer;
    std::unique_ptr<HallbusSimulator> m_bus;
    std::unique_ptr<IdCardSimulator> m_card;
    std::unique_ptr<ScannerSimulator> m_scanner;
    std::unique_ptr<test::ShiftingClock> m_clock;
    std::unique_ptr<Terminal> m_terminal;
    KioskMaintenance *m_maintenance = nullptr;
};

QTEST_MAIN(TestMaintenanceMenu)
#include "tst_maintenance_menu.moc"

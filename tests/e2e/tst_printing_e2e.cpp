// End to end, in process, through the real application (the composition root, the screens pressed
// through QTest): what a citizen sees when the printer's cover is open, when the paper runs out in
// the middle of a ticket (and the 补打 that follows), and when the printer is unplugged while a
// ticket prints and plugged back. Then a ticket through each network and USB transport and a
// CUPS queue, chosen by the device URI alone.

#include "app/root/terminal.h"
#include "db/database.h"
#include "db/stores/sql_audit_log.h"
#include "drivers/sim/printer_simulator.h"
#include "tests/support/demo_catalog.h"
#include "tests/support/hall_clock.h"
#include "tests/support/http_request.h"
#include "tests/support/in_process_terminal.h"
#include "tests/support/private_cups.h"
#include "tests/support/sql_values.h"
#include "ui/kiosk/kiosk_window.h"

#include <ZXing/ReadBarcode.h>

#include <QApplication>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

QString artifact(const QString &name)
{
    return QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/") + name;
}

QString readQr(const QPixmap &pixmap)
{
    const QImage gray = pixmap.toImage().convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum, int(gray.bytesPerLine()));
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    return result.isValid() ? QString::fromStdString(result.text()) : QString();
}

QJsonObject printerHealth(quint16 port)
{
    return test::getJson(port, QStringLiteral("/api/v1/health")).value(QStringLiteral("devices")).toObject().value(QStringLiteral("printer")).toObject();
}

std::unique_ptr<Terminal> startTerminal(const QTemporaryDir &dir, const QString &printer)
{
    const QJsonObject json{
        {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
        {QStringLiteral("database"), dir.filePath(QStringLiteral("hallkiosk.db"))},
        {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), printer}}},
        {QStringLiteral("catalog_file"), QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/catalog/demo-catalog.json")},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
        {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}, {QStringLiteral("printer_poll_s"), 1}}},
    };
    // 10:00 of a working day in the hall, whatever the hour the suite runs at.
    static const std::unique_ptr<SystemClock> clock = test::workingMorningClock(test::demoCatalog());
    auto terminal = test::startTerminal(json, dir.path(), *clock);
    return terminal ? std::move(terminal).value() : nullptr;
}

} // namespace

class TestPrintingE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
        m_link = m_dir.filePath(QStringLiteral("ttyPrinter"));
        auto sim = PrinterSimulator::create(m_link);
        QVERIFY(sim.ok());
        m_sim = std::move(sim).value();
        m_terminal = startTerminal(m_dir, QStringLiteral("serial:%1?baud=115200").arg(m_link));
        QVERIFY(m_terminal);
        QTRY_COMPARE(printerHealth(m_terminal->httpPort()).value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
    }

    void coverOpenIsShownBeforeAnyoneChooses()
    {
        KioskWindow &window = m_terminal->window();
        m_sim->setCondition(PrinterSimulator::Condition::CoverOpen);
        // Noticed while idle: the home screen says so and the buttons wait.
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->isVisible(), 5000);
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->text(), QStringLiteral("打印机仓门未关好，暂时无法取号"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("unavailableText"))->text().contains(QStringLiteral("帮办")));
        auto *button = window.findChild<QPushButton *>(QStringLiteral("groupButton_SB"));
        QVERIFY(!button->isEnabled());
        const QJsonObject health = printerHealth(m_terminal->httpPort());
        QCOMPARE(health.value(QStringLiteral("state")).toString(), QStringLiteral("error"));
        QCOMPARE(health.value(QStringLiteral("detail")).toString(), QStringLiteral("cover open"));
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-cover-open.png"))));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(window.currentScreen(), KioskWindow::Screen::Home);
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM tickets")), 0);

        m_sim->setCondition(PrinterSimulator::Condition::Ok);
        QTRY_VERIFY_WITH_TIMEOUT(!window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->isVisible(), 5000);
        QVERIFY(button->isEnabled());
    }

    void paperRunsOutDuringATicketAndTheCitizenReprints()
    {
        KioskWindow &window = m_terminal->window();
        m_sim->setConditionDuringNextTicket(PrinterSimulator::Condition::PaperOut);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_SB")), Qt::LeftButton);
        QTRY_COMPARE(window.currentScreen(), KioskWindow::Screen::Ticket);
        QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text().contains(QStringLiteral("请拍照或记下号码")));
        const QString number = window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text();
        QCOMPARE(number, QStringLiteral("A001"));
        // The number holds: in large type, with its QR code, which reads back to the ticket.
        const QString qr = readQr(window.findChild<QLabel *>(QStringLiteral("ticketQr"))->pixmap());
        QVERIFY2(qr.startsWith(QStringLiteral("HK1:SQ-001:")), qPrintable(qr));
        const QString ticketId = qr.section(QLatin1Char(':'), 2);
        QCOMPARE(text(QStringLiteral("SELECT print_state FROM tickets WHERE id = '%1'").arg(ticketId)), QStringLiteral("print_failed"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("ticketHint"))->text().contains(QStringLiteral("缺纸")));
        auto *reprint = window.findChild<QPushButton *>(QStringLiteral("reprintButton"));
        QVERIFY(reprint->isVisible() && reprint->isEnabled());
        QVERIFY(reprint->width() >= 120 && reprint->height() >= 120);
        QCOMPARE(m_sim->tickets().size(), 0);
        QCOMPARE(m_sim->discardedTickets(), 1);
        QVERIFY2(window.height() <= 1920, qPrintable(QString::number(window.height()))); // fits the portrait panel
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-print-failed.png"))));

        // 补打 while the paper is still out: nothing prints, and the citizen keeps the reprint.
        QTest::mouseClick(reprint, Qt::LeftButton);
        QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("reprintNote"))->text().contains(QStringLiteral("缺纸")));
        QVERIFY(reprint->isEnabled());
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_log")), 0);
        QVERIFY2(window.height() <= 1920, qPrintable(QString::number(window.height())));
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-reprint-paper-out.png"))));

        // Paper in; 补打 again: the same number comes out, marked as a reprint, and it is audited.
        m_sim->setCondition(PrinterSimulator::Condition::Ok);
        QTRY_COMPARE_WITH_TIMEOUT(printerHealth(m_terminal->httpPort()).value(QStringLiteral("state")).toString(), QStringLiteral("ok"), 5000);
        QTest::mouseClick(reprint, Qt::LeftButton);
        QTRY_COMPARE(m_sim->tickets().size(), 1);
        const QString paper = m_sim->tickets().first().text;
        QVERIFY2(paper.contains(number) && paper.contains(QStringLiteral("（补打）")), qPrintable(paper));
        QVERIFY2(paper.contains(qr), qPrintable(paper));
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text(), QStringLiteral("已补打，请取票"));
        QVERIFY(!reprint->isVisible());
        QCOMPARE(text(QStringLiteral("SELECT print_state || ' ' || reprints || ' ' || citizen_reprints FROM tickets WHERE id = '%1'").arg(ticketId)),
                 QStringLiteral("printed 1 1"));
        QCOMPARE(text(QStringLiteral("SELECT actor || ' ' || action FROM audit_log")), QStringLiteral("citizen ticket_reprinted"));
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
    }

    void unplugInTheMiddleOfATicketAndPlugBack()
    {
        KioskWindow &window = m_terminal->window();
        m_sim->clear();
        PrinterSimulator *sim = m_sim.get();
        connect(sim, &PrinterSimulator::ticketStarted, sim, [sim] { sim->unplug(); }, Qt::SingleShotConnection);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_BDC")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text().contains(QStringLiteral("请拍照或记下号码")), 10000);
        const QString number = window.findChild<QLabel *>(QStringLiteral("ticketNumber"))->text();
        QVERIFY2(!number.isEmpty(), "the number is on screen");
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("ticketQr"))->pixmap().isNull());
        QCOMPARE(text(QStringLiteral("SELECT print_state FROM tickets WHERE number = '%1'").arg(number)), QStringLiteral("print_failed"));
        QCOMPARE(sim->interruptedTickets(), 1);
        QCOMPARE(printerHealth(m_terminal->httpPort()).value(QStringLiteral("state")).toString(), QStringLiteral("offline"));
        QVERIFY(window.grab().save(artifact(QStringLiteral("e2e-unplugged-mid-print.png"))));
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->text().contains(QStringLiteral("未连接")));

        // Back in: used again without a restart, and the cut-off ticket is not sent by itself.
        QVERIFY(sim->plug().ok());
        QTRY_COMPARE_WITH_TIMEOUT(printerHealth(m_terminal->httpPort()).value(QStringLiteral("state")).toString(), QStringLiteral("ok"), 5000);
        QTRY_VERIFY(!window.findChild<QLabel *>(QStringLiteral("unavailableTitle"))->isVisible());
        QTest::qWait(500);
        QCOMPARE(sim->tickets().size(), 0);
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_BDC")), Qt::LeftButton);
        QTRY_COMPARE(sim->tickets().size(), 1);
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text(), QStringLiteral("请取票"));
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("homeButton")), Qt::LeftButton);
    }

    void everyTransportFromItsUri_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"usblp", "tcp", "cups"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void everyTransportFromItsUri()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        std::unique_ptr<PrinterSimulator> sim;
        QString uri;
        hk::test::PrivateCups cups;
        if (kind == QLatin1String("usblp")) {
            const QString lp0 = dir.filePath(QStringLiteral("lp0"));
            sim = PrinterSimulator::create(lp0).value();
            uri = QStringLiteral("usblp:%1").arg(lp0);
        } else {
            sim = PrinterSimulator::createTcp().value();
            uri = QStringLiteral("tcp:%1").arg(sim->devicePath());
        }
        if (kind == QLatin1String("cups")) {
            if (const QString problem = cups.start(); !problem.isEmpty())
                QFAIL(qPrintable(QStringLiteral("a private cupsd is needed and did not start: ") + problem));
            QCOMPARE(cups.addRawQueue(QStringLiteral("Tickets"), QStringLiteral("socket://%1").arg(sim->devicePath())), QString());
            qputenv("CUPS_SERVER", cups.server().toUtf8()); // how libcups finds a scheduler
            uri = QStringLiteral("cups:Tickets");
        }
        auto terminal = startTerminal(dir, uri);
        QVERIFY(terminal);
        QTRY_COMPARE_WITH_TIMEOUT(printerHealth(terminal->httpPort()).value(QStringLiteral("state")).toString(), QStringLiteral("ok"), 10000);
        if (kind == QLatin1String("cups"))
            QVERIFY(printerHealth(terminal->httpPort()).value(QStringLiteral("detail")).toString().contains(QStringLiteral("not reported over CUPS")));
        KioskWindow &window = terminal->window();
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("groupButton_HJ")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(sim->tickets().size(), 1, 10000);
        QVERIFY2(sim->tickets().first().text.contains(QStringLiteral("户籍")), qPrintable(sim->tickets().first().text));
        QTRY_COMPARE_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("ticketTitle"))->text(), QStringLiteral("请取票"), 10000);
        terminal.reset();
        qunsetenv("CUPS_SERVER");
    }

    void cleanupTestCase()
    {
        m_terminal.reset();
        m_sim.reset();
    }

private:
    std::unique_ptr<Database> database() const { return Database::open(m_dir.filePath(QStringLiteral("hallkiosk.db"))).value(); }
    QString text(const QString &sql) const { return test::scalar(*database(), sql); }
    int rows(const QString &sql) const { return test::count(*database(), sql); }

    QTemporaryDir m_dir;
    QString m_link;
    std::unique_ptr<PrinterSimulator> m_sim;
    std::unique_ptr<Terminal> m_terminal;
};

QTEST_MAIN(TestPrintingE2e)
#include "tst_printing_e2e.moc"

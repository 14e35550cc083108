// A running printer's port re-assigned without a restart (DESIGN §12): RelinkableTransport over real
// serial transports on the printer simulator's pseudo-terminals — moved to another port, a port
// that does not exist (the old link prints on, and the failed one does not keep trying), a printer
// unplugged from one port and plugged into another.

#include "drivers/devices/escpos_printer.h"
#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/transports/relinkable_transport.h"
#include "drivers/transports/serial_transport.h"
#include "tests/support/callback_answer.h"

#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

PrintDocument ticket(const QString &number)
{
    PrintDocument doc;
    doc.title = QStringLiteral("ticket %1").arg(number);
    doc.blocks << PrintBlock::textLine(QStringLiteral("青山县政务服务中心"), PrintBlock::Align::Center, 1, true)
               << PrintBlock::textLine(number, PrintBlock::Align::Center, 4, true);
    return doc;
}

std::unique_ptr<SerialTransport> serialTo(const QString &path)
{
    return std::make_unique<SerialTransport>(SerialSettings{path, 115200, QSerialPort::NoParity, 50});
}

Result<void, DeviceError> printOn(TicketPrinter &printer, const PrintDocument &doc)
{
    auto printed = test::answerOf<Result<void, DeviceError>>([&](auto done) { printer.print(doc, done); }, 20000);
    return printed ? *printed : fail(DeviceError::Busy); // no answer in time: the caller's check fails
}

// A link that neither opens nor fails, as a network printer that never answers the connect; it
// counts how it is handled.
class Stalled final : public ByteTransport {
public:
    explicit Stalled(int *opens = nullptr, int *closes = nullptr, QString node = {})
        : m_opens(opens), m_closes(closes), m_node(std::move(node))
    {
    }
    void open() override
    {
        if (m_opens)
            ++*m_opens;
    }
    void close() override
    {
        if (m_closes)
            ++*m_closes;
    }
    bool isOpen() const override { return false; }
    bool write(const QByteArray &) override { return false; }
    qint64 bytesToWrite() const override { return 0; }
    void discardInput() override {}
    QString describe() const override { return QStringLiteral("tcp:192.0.2.10:9100"); }
    QString devicePath() const override { return m_node; }

private:
    int *m_opens;
    int *m_closes;
    QString m_node;
};

// Every answer a relink gives, to count them.
struct Answers {
    QList<Result<void, QString>> got;
    RelinkableTransport::RelinkCallback callback()
    {
        return [this](Result<void, QString> r) { got << r; };
    }
};

} // namespace

class TestRelinkableTransport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aPrinterMovesToAnotherPort()
    {
        auto a = PrinterSimulator::create(m_dir.filePath(QStringLiteral("a")));
        auto b = PrinterSimulator::create(m_dir.filePath(QStringLiteral("b")));
        QVERIFY(a.ok() && b.ok());
        RelinkableTransport transport(serialTo(a.value()->devicePath()));
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        QVERIFY(printOn(printer, ticket(QStringLiteral("A001"))).ok());
        QTRY_COMPARE(a.value()->tickets().size(), 1);

        QSignalSpy lost(&transport, &ByteTransport::lost);
        QSignalSpy opened(&transport, &ByteTransport::opened);
        Answers answers;
        transport.relink(serialTo(b.value()->devicePath()), 2000, answers.callback());
        QVERIFY(answers.got.isEmpty()); // never inside the call
        QTRY_COMPARE(answers.got.size(), 1);
        QVERIFY2(answers.got.first().ok(), answers.got.first().ok() ? "" : qPrintable(answers.got.first().error()));
        QCOMPARE(lost.count(), 1);
        QCOMPARE(opened.count(), 1);
        QVERIFY(transport.describe().contains(b.value()->devicePath()));
        // The printer asks the new one how it is, as after a replug, and prints there.
        QTRY_VERIFY(b.value()->statusRequests(1) >= 1);
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        a.value()->clear();
        const PrintDocument second = ticket(QStringLiteral("A002"));
        QVERIFY(printOn(printer, second).ok());
        QTRY_COMPARE(b.value()->tickets().size(), 1);
        QCOMPARE(b.value()->tickets().first().bytes, EscPosDocumentEncoder::encode(second, EscPosProfile{}));
        QTest::qWait(200);
        QCOMPARE(a.value()->received(), QByteArray()); // the old port hears nothing more
        QCOMPARE(answers.got.size(), 1);
    }

    void aPortThatDoesNotExistLeavesTheOldLinkRunning()
    {
        auto a = PrinterSimulator::create();
        QVERIFY(a.ok());
        RelinkableTransport transport(serialTo(a.value()->devicePath()));
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        QSignalSpy lost(&transport, &ByteTransport::lost);
        QSignalSpy opened(&transport, &ByteTransport::opened);

        const QString missing = m_dir.filePath(QStringLiteral("ttyMISSING"));
        Answers answers;
        transport.relink(serialTo(missing), 2000, answers.callback());
        QVERIFY(answers.got.isEmpty()); // never inside the call
        QTRY_COMPARE(answers.got.size(), 1);
        QVERIFY(!answers.got.first().ok());
        QVERIFY2(answers.got.first().error().contains(missing), qPrintable(answers.got.first().error()));
        QVERIFY(!transport.isRelinking());
        QCOMPARE(lost.count(), 0);
        QCOMPARE(opened.count(), 0);
        QVERIFY(transport.describe().contains(a.value()->devicePath()));
        const PrintDocument doc = ticket(QStringLiteral("A003"));
        QVERIFY(printOn(printer, doc).ok());
        QTRY_COMPARE(a.value()->tickets().size(), 1);
        QCOMPARE(a.value()->tickets().first().bytes, EscPosDocumentEncoder::encode(doc, EscPosProfile{}));

        // The link given up does not keep trying: a printer appearing there later is left alone.
        auto late = PrinterSimulator::create(missing);
        QVERIFY(late.ok());
        QTest::qWait(300); // six of its 50 ms retry intervals
        QCOMPARE(late.value()->received(), QByteArray());
        QCOMPARE(answers.got.size(), 1);
    }

    void aPrinterUnpluggedFromOnePortAndPluggedIntoAnother()
    {
        auto a = PrinterSimulator::create(m_dir.filePath(QStringLiteral("before")));
        QVERIFY(a.ok());
        RelinkableTransport transport(serialTo(a.value()->devicePath()));
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        a.value()->unplug();
        QTRY_VERIFY_WITH_TIMEOUT(!transport.isOpen(), 5000);
        QCOMPARE(printOn(printer, ticket(QStringLiteral("A004"))).error(), DeviceError::Offline);

        // The technician plugs it into another port and assigns that one.
        auto b = PrinterSimulator::create(m_dir.filePath(QStringLiteral("after")));
        QVERIFY(b.ok());
        Answers answers;
        transport.relink(serialTo(b.value()->devicePath()), 2000, answers.callback());
        QTRY_COMPARE(answers.got.size(), 1);
        QVERIFY2(answers.got.first().ok(), answers.got.first().ok() ? "" : qPrintable(answers.got.first().error()));
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        const PrintDocument doc = ticket(QStringLiteral("A005"));
        QVERIFY(printOn(printer, doc).ok());
        QTRY_COMPARE(b.value()->tickets().size(), 1);
        QCOMPARE(b.value()->tickets().first().bytes, EscPosDocumentEncoder::encode(doc, EscPosProfile{}));

        // The old link was retrying; it stopped with the relink, so the old port stays quiet.
        a.value()->clear();
        QVERIFY(a.value()->plug().ok());
        QTest::qWait(300);
        QCOMPARE(a.value()->received(), QByteArray());
    }

    void aLinkThatDoesNotOpenInTimeIsGivenUp()
    {
        auto a = PrinterSimulator::create();
        QVERIFY(a.ok());
        RelinkableTransport transport(serialTo(a.value()->devicePath()));
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        // A link that neither opens nor fails (a network printer that does not answer the connect).
        int opens = 0;
        int closes = 0;
        auto stalled = std::make_unique<Stalled>(&opens, &closes);
        QPointer<ByteTransport> stalledWatch(stalled.get());
        Answers answers;
        transport.relink(std::move(stalled), 150, answers.callback());
        QVERIFY(transport.isRelinking());
        // One relink at a time: a second fails at once and leaves the first be.
        Answers second;
        transport.relink(serialTo(a.value()->devicePath()), 1000, second.callback());
        QTRY_COMPARE(second.got.size(), 1);
        QVERIFY(second.got.first().error().contains(QStringLiteral("under way")));
        QVERIFY(transport.isRelinking());
        QCOMPARE(opens, 1);
        QTRY_COMPARE(answers.got.size(), 1);
        QVERIFY2(answers.got.first().error().contains(QStringLiteral("tcp:192.0.2.10:9100: did not open within 150 ms")),
                 qPrintable(answers.got.first().error()));
        QCOMPARE(closes, 1); // its own retries stopped
        QTRY_VERIFY(stalledWatch.isNull()); // and dropped
        QVERIFY(transport.isOpen());
        QVERIFY(printOn(printer, ticket(QStringLiteral("A006"))).ok());
        QTRY_COMPARE(a.value()->tickets().size(), 1);
        QCOMPARE(answers.got.size(), 1);
    }

    void aNewBaudOnTheSamePort()
    {
        // The same node through another of its names. QSerialPort takes a port with TIOCEXCL, so
        // for the kiosk's user a second open fails (root, which may run this test, is exempt): the
        // old link lets go first — aFailedRelinkOnTheSamePortTakesTheOldLinkBack sees it do so.
        const QString link = m_dir.filePath(QStringLiteral("same"));
        auto a = PrinterSimulator::create(link);
        QVERIFY(a.ok());
        const QString node = QFileInfo(link).canonicalFilePath();
        QVERIFY(!node.isEmpty());
        RelinkableTransport transport(serialTo(node));
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        Answers answers;
        transport.relink(std::make_unique<SerialTransport>(SerialSettings{link, 9600, QSerialPort::NoParity, 50}), 2000, answers.callback());
        QTRY_COMPARE(answers.got.size(), 1);
        QVERIFY2(answers.got.first().ok(), answers.got.first().ok() ? "" : qPrintable(answers.got.first().error()));
        QVERIFY2(transport.describe().endsWith(QStringLiteral("@9600")), qPrintable(transport.describe()));
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        const PrintDocument doc = ticket(QStringLiteral("A007"));
        QVERIFY(printOn(printer, doc).ok());
        QTRY_COMPARE(a.value()->tickets().size(), 1);
        QCOMPARE(a.value()->tickets().first().bytes, EscPosDocumentEncoder::encode(doc, EscPosProfile{}));
    }

    void aFailedRelinkOnTheSamePortTakesTheOldLinkBack()
    {
        auto a = PrinterSimulator::create();
        QVERIFY(a.ok());
        RelinkableTransport transport(serialTo(a.value()->devicePath()));
        EscPosPrinter printer(transport, EscPosProfile{}, {.idlePollMs = 0});
        printer.start();
        QTRY_COMPARE(printer.health().state, DeviceHealth::State::Ok);
        Answers answers;
        int opens = 0;
        transport.relink(std::make_unique<Stalled>(&opens, nullptr, a.value()->devicePath()), 150, answers.callback());
        QVERIFY(!transport.isOpen()); // it let go for the new one
        QTRY_COMPARE(answers.got.size(), 1);
        QVERIFY(!answers.got.first().ok());
        QVERIFY(transport.isOpen()); // and has it back
        QVERIFY(transport.describe().startsWith(QStringLiteral("serial:")));
        a.value()->clear();
        QVERIFY(printOn(printer, ticket(QStringLiteral("A008"))).ok());
        QTRY_COMPARE(a.value()->tickets().size(), 1);
        QVERIFY(a.value()->statusRequests(1) >= 1);
    }

    void anAnswerIsGivenEvenWhenTheTransportGoes()
    {
        auto a = PrinterSimulator::create();
        QVERIFY(a.ok());
        Answers answers;
        {
            RelinkableTransport transport(serialTo(a.value()->devicePath()));
            transport.open();
            transport.relink(std::make_unique<Stalled>(), 10000, answers.callback());
        }
        QCOMPARE(answers.got.size(), 1);
        QVERIFY(!answers.got.first().ok());
        QVERIFY2(answers.got.first().error().contains(QStringLiteral("tcp:192.0.2.10:9100")), qPrintable(answers.got.first().error()));
        QTest::qWait(50);
        QCOMPARE(answers.got.size(), 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRelinkableTransport)
#include "tst_relinkable_transport.moc"

// End to end with the built hallkiosk program, its printer and scanner on pseudo-terminals (the
// device simulators), a clerk on its console over loopback: a citizen reads 办事指南 and prints a
// materials list (the bytes checked at the simulated printer), takes a ticket, looks it up by its
// QR at the scanner (排队查询), is passed by the clerk and re-queues it from the screen; a forged
// ticket QR and another hall's are refused in words, nothing printed. Every screen is saved by
// --screenshot-dir; the guide's and the lookup's go to the artifacts. The hall is open around the
// clock in this test's catalog, so the real time is always inside the issuing hours.

#include "app/services/staff/pin_hasher.h"
#include "drivers/sim/printer_simulator.h"
#include "drivers/sim/scanner_simulator.h"
#include "tests/support/all_day_catalog.h"
#include "tests/support/http_request.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace hk;
using namespace hk::test;

namespace {

QString writeJson(const QString &path, const QJsonDocument &json)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(json.toJson());
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

} // namespace

class TestGuideBinaryE2e : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_terminal;
    QString m_log;
    int m_shots = 0;
    QString m_shotDir;

    bool logged(const QString &text)
    {
        m_log += QString::fromUtf8(m_terminal.readAllStandardError());
        return m_log.contains(text);
    }
    int logCount(const QString &text)
    {
        logged(text);
        return int(m_log.count(text));
    }
    // A line on the --test-control FIFO, as a citizen's tap.
    bool control(const QByteArray &line)
    {
        const int fd = ::open(QFile::encodeName(m_dir.filePath(QStringLiteral("control"))).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return false;
        const QByteArray l = line + '\n';
        const bool written = ::write(fd, l.constData(), size_t(l.size())) == l.size();
        ::close(fd);
        return written;
    }
    QStringList screens() const { return QDir(m_shotDir).entryList({QStringLiteral("screen-*.png")}, QDir::Files, QDir::Name); }
    // The newest screen picture, kept in the artifacts as `name` once the program has drawn it.
    bool keepScreen(const QString &name)
    {
        QStringList all;
        if (!QTest::qWaitFor([&] { return (all = screens()).size() > m_shots; }, 30000))
            return false;
        QTest::qWait(300); // the picture is written whole before the next is numbered
        all = screens();
        m_shots = int(all.size());
        const QString target = QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/guide-e2e-%1.png").arg(name);
        QFile::remove(target);
        return QFile::copy(QDir(m_shotDir).filePath(all.last()), target);
    }

    // Open around the clock, and today and tomorrow working days (a weekend takes no walk-in of a
    // group without a weekend matter).
    QString workingCatalog()
    {
        const QString path = writeAllDayCatalog(m_dir.filePath(QStringLiteral("catalog.json")));
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QJsonObject catalog = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Asia/Shanghai")).date();
        catalog.insert(QStringLiteral("calendar"), QJsonObject{{QStringLiteral("holidays"), QJsonArray{}},
                                                              {QStringLiteral("workdays"), QJsonArray{today.toString(Qt::ISODate), today.addDays(1).toString(Qt::ISODate)}}});
        return writeJson(path, QJsonDocument(catalog));
    }

private Q_SLOTS:
    // The program's log beside the pictures, for a look when something failed.
    void cleanup()
    {
        logged({});
        QFile file(QStringLiteral(HALLKIOSK_ARTIFACTS_DIR "/guide-e2e.log"));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(m_log.toUtf8());
    }

    void aCitizenReadsPrintsLooksUpAndReQueues()
    {
        auto printer = std::move(PrinterSimulator::create()).value();
        auto scanner = std::move(ScannerSimulator::create()).value();
        scanner->setSuffix(ScannerLineDecoder::Suffix::CrLf);
        const QString staffFile = writeJson(m_dir.filePath(QStringLiteral("staff.json")),
                                            QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("S05")},
                                                                                 {QStringLiteral("name"), QStringLiteral("李明")},
                                                                                 {QStringLiteral("windows"), QJsonArray{5}},
                                                                                 {QStringLiteral("pin_hash"), PinHasher::hash(QStringLiteral("5"), 1000)}}}));
        const QString dbPath = m_dir.filePath(QStringLiteral("hallkiosk.db"));
        const QJsonObject config{
            {QStringLiteral("terminal"), QJsonObject{{QStringLiteral("id"), QStringLiteral("T01")}, {QStringLiteral("center"), QStringLiteral("SQ-001")}}},
            {QStringLiteral("database"), dbPath},
            {QStringLiteral("devices"), QJsonObject{
                {QStringLiteral("printer"), QStringLiteral("serial:%1?baud=115200").arg(printer->devicePath())},
                {QStringLiteral("scanner"), QStringLiteral("serial:%1?baud=9600&suffix=crlf").arg(scanner->devicePath())}}},
            {QStringLiteral("staff_file"), staffFile},
            {QStringLiteral("catalog_file"), workingCatalog()},
            {QStringLiteral("http"), QJsonObject{{QStringLiteral("bind"), QStringLiteral("127.0.0.1")}, {QStringLiteral("port"), 0}}},
            {QStringLiteral("kiosk"), QJsonObject{{QStringLiteral("fullscreen"), false}}},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("player"), QString()}}},
        };
        m_shotDir = m_dir.filePath(QStringLiteral("shots"));
        m_terminal.setProcessChannelMode(QProcess::SeparateChannels);
        m_terminal.start(QStringLiteral(HALLKIOSK_BINARY),
                         {QStringLiteral("--config"), writeJson(m_dir.filePath(QStringLiteral("hallkiosk.json")), QJsonDocument(config)),
                          QStringLiteral("--screenshot-dir"), m_shotDir, QStringLiteral("--test-control"), m_dir.filePath(QStringLiteral("control"))});
        QVERIFY(m_terminal.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("test control on")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("printer ok")), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("scanner ok")), 30000);
        const QRegularExpressionMatch http = QRegularExpression(QStringLiteral("HTTP on http://127\\.0\\.0\\.1:(\\d+)/")).match(m_log);
        QVERIFY2(http.hasMatch(), qPrintable(m_log));
        const quint16 port = quint16(http.captured(1).toUInt());
        m_shots = int(screens().size());

        // 办事指南: groups → 户籍与出入境 → 居民身份证换领, and its list printed.
        QVERIFY(control("tap guideButton"));
        QVERIFY(keepScreen(QStringLiteral("groups")));
        QVERIFY(control("tap guideGroup_HJ"));
        QVERIFY(keepScreen(QStringLiteral("matters")));
        QVERIFY(control("tap guideMatter_HJ-001"));
        QVERIFY(keepScreen(QStringLiteral("matter")));
        QVERIFY(control("tap printMaterials"));
        QTRY_COMPARE_WITH_TIMEOUT(printer->tickets().size(), 1, 30000);
        const SimulatedTicket list = printer->tickets().at(0);
        for (const QString &line : {QStringLiteral("青山县政务服务中心"), QStringLiteral("办事材料清单"), QStringLiteral("事项：居民身份证换领"),
                                    QStringLiteral("1. 原居民身份证"), QStringLiteral("2. 户口簿"),
                                    QStringLiteral("地址：青山县人民路88号 政务服务中心一楼大厅")})
            QVERIFY2(list.text.contains(line), qPrintable(line + QStringLiteral(" not in:\n") + list.text));
        // The date of the hall's day (Asia/Shanghai), in the GB18030 bytes the printer got.
        const QString today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Asia/Shanghai")).date().toString(QStringLiteral("yyyy-MM-dd"));
        QVERIFY2(list.bytes.contains(today.toLatin1()), qPrintable(list.text));
        QVERIFY(list.bytes.contains(QByteArray("\x1D\x56", 2))); // cut (GS V): a slip of its own
        QVERIFY(keepScreen(QStringLiteral("matter-printed")));
        QVERIFY(logged(QStringLiteral("printed materials HJ-001")));

        // A walk-in ticket, then its own QR at the scanner: 排队查询 with its number.
        QVERIFY(control("walkin HJ"));
        QTRY_COMPARE_WITH_TIMEOUT(printer->tickets().size(), 2, 30000);
        const QRegularExpressionMatch qr =
            QRegularExpression(QStringLiteral("HK1:SQ-001:[0-9a-f-]{36}")).match(QString::fromLatin1(printer->tickets().at(1).bytes));
        QVERIFY2(qr.hasMatch(), "the ticket's QR (GS ( k) carries HK1:<center>:<uuid>");
        const QString code = qr.captured(0);
        m_shots = int(screens().size());
        QVERIFY(scanner->send(code.toUtf8()));
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("ticket looked up: C001")), 30000);
        QVERIFY(keepScreen(QStringLiteral("waiting")));

        // The clerk at window 5 calls it and marks it passed (过号); the citizen scans it again.
        const Reply signedIn = signInRequest(port, {{QStringLiteral("window"), 5}, {QStringLiteral("staff_id"), QStringLiteral("S05")},
                                                    {QStringLiteral("pin"), QStringLiteral("5")}});
        QCOMPARE(signedIn.status, 200);
        const QString token = signedIn.body.object().value(QStringLiteral("token")).toString();
        QCOMPARE(request(port, "POST", QStringLiteral("/api/v1/windows/5/call-next"), {}, token).status, 200);
        QCOMPARE(request(port, "POST", QStringLiteral("/api/v1/windows/5/pass"), {}, token).status, 200);
        m_shots = int(screens().size());
        QVERIFY(scanner->send(code.toUtf8()));
        QTRY_COMPARE_WITH_TIMEOUT(logCount(QStringLiteral("ticket looked up: C001")), 2, 30000);
        QVERIFY(keepScreen(QStringLiteral("passed")));
        QVERIFY(control("tap requeueButton"));
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("re-queued C001")), 30000);
        QVERIFY(keepScreen(QStringLiteral("requeued")));

        // A forged ticket QR (this hall's form, no such ticket) and another hall's: words, nothing printed.
        QVERIFY(scanner->send(QByteArrayLiteral("HK1:SQ-001:0b7c6c1e-5d0f-4c55-9f0e-7a3c2d1e9f80")));
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("ticket lookup refused: no ticket 0b7c6c1e")), 30000);
        QVERIFY(keepScreen(QStringLiteral("forged")));
        QVERIFY(scanner->send((QStringLiteral("HK1:XX-999:") + code.section(QLatin1Char(':'), 2)).toUtf8()));
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("ticket lookup refused: a ticket of center XX-999")), 30000);
        QCOMPARE(printer->tickets().size(), 2);

        ::kill(pid_t(m_terminal.processId()), SIGTERM);
        QVERIFY(m_terminal.waitForFinished(20000));
        QCOMPARE(m_terminal.exitCode(), 0);

        // The re-queue as the database has it: waiting again, its event in the outbox, the citizen in the audit log.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(dbPath);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT state FROM tickets WHERE number = 'C001'")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("waiting"));
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'ticket_requeued'")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            QVERIFY(q.exec(QStringLiteral("SELECT actor FROM audit_log WHERE action = 'ticket_requeued'")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("citizen"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
};

QTEST_GUILESS_MAIN(TestGuideBinaryE2e)
#include "tst_guide_binary_e2e.moc"

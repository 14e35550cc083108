// SystemSerialPortCatalog (DESIGN §12, 端口) on this machine: QSerialPortInfo's ports, and
// pseudo-terminals of simulated devices found through a folder of symlinks, as /dev/serial/by-id
// and /dev/hallkiosk hold them — one entry per node with its aliases; a dangling link and a link to
// a plain file left out.

#include "drivers/sim/pseudo_terminal.h"
#include "drivers/transports/system_serial_port_catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSerialPortInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

namespace {

const SerialPortEntry *entryFor(const QList<SerialPortEntry> &ports, const QString &node)
{
    for (const SerialPortEntry &e : ports) {
        if (e.path == node)
            return &e;
    }
    return nullptr;
}

} // namespace

class TestSerialPortCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreTheUdevAndStableNameFolders()
    {
        QCOMPARE(SystemSerialPortCatalog::defaultLinkFolders(),
                 (QStringList{QStringLiteral("/dev/serial/by-id"), QStringLiteral("/dev/hallkiosk")}));
    }

    void simulatorsAreFoundThroughTheirLinks()
    {
        auto printer = PseudoTerminal::open();
        auto scanner = PseudoTerminal::open();
        QVERIFY(printer.ok() && scanner.ok());
        const QString printerNode = QFileInfo(printer.value()->slavePath()).canonicalFilePath();
        const QString scannerNode = QFileInfo(scanner.value()->slavePath()).canonicalFilePath();
        QVERIFY(!printerNode.isEmpty() && !scannerNode.isEmpty());

        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("by-id")));
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("hallkiosk")));
        const QString byId = root.filePath(QStringLiteral("by-id"));
        const QString stable = root.filePath(QStringLiteral("hallkiosk"));
        const QString printerById = byId + QStringLiteral("/usb-Hallkiosk_Sim_Printer_0001-if00-port0");
        const QString scannerById = byId + QStringLiteral("/usb-Hallkiosk_Sim_Scanner_0002-if00");
        const QString printerStable = stable + QStringLiteral("/printer");
        QVERIFY(QFile::link(printer.value()->slavePath(), printerById));
        QVERIFY(QFile::link(scanner.value()->slavePath(), scannerById));
        QVERIFY(QFile::link(printerById, printerStable)); // a link to a link: the same node
        QVERIFY(QFile::link(root.filePath(QStringLiteral("gone")), byId + QStringLiteral("/usb-Unplugged-if00")));
        QFile plain(root.filePath(QStringLiteral("notes.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QVERIFY(QFile::link(plain.fileName(), stable + QStringLiteral("/idcard")));

        const SystemSerialPortCatalog catalog({byId, stable, root.filePath(QStringLiteral("absent"))});
        const QList<SerialPortEntry> ports = catalog.ports();

        const SerialPortEntry *p = entryFor(ports, printerNode);
        QVERIFY(p);
        QCOMPARE(p->aliases, (QStringList{printerById, printerStable}));
        const SerialPortEntry *s = entryFor(ports, scannerNode);
        QVERIFY(s);
        QCOMPARE(s->aliases, QStringList{scannerById});
        QVERIFY(!s->vendorId.has_value()); // a pty has no USB ids
        for (const SerialPortEntry &e : ports) {
            QVERIFY2(!e.aliases.contains(byId + QStringLiteral("/usb-Unplugged-if00")), qPrintable(e.path));
            QVERIFY2(!e.aliases.contains(stable + QStringLiteral("/idcard")), qPrintable(e.path));
            QVERIFY(e.path != plain.fileName());
        }
        // Every port QSerialPortInfo knows is listed once, by its node, with what it knows of it.
        for (const QSerialPortInfo &info : QSerialPortInfo::availablePorts()) {
            const QString node = QFileInfo(info.systemLocation()).canonicalFilePath();
            const SerialPortEntry *e = entryFor(ports, node.isEmpty() ? info.systemLocation() : node);
            QVERIFY2(e, qPrintable(info.systemLocation()));
            QCOMPARE(e->description, info.description());
            QCOMPARE(e->vendorId.has_value(), info.hasVendorIdentifier());
        }
        QSet<QString> nodes;
        for (const SerialPortEntry &e : ports)
            nodes.insert(e.path);
        QCOMPARE(nodes.size(), ports.size());

        // Unplugged: its links dangle, and it is gone from the list.
        printer.value().reset();
        const QList<SerialPortEntry> after = catalog.ports();
        for (const SerialPortEntry &e : after)
            QVERIFY(!e.aliases.contains(printerById));
        QVERIFY(entryFor(after, scannerNode));
    }
};

QTEST_GUILESS_MAIN(TestSerialPortCatalog)
#include "tst_serial_port_catalog.moc"

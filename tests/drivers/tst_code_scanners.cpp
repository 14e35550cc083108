// drivers/devices/serial_line_scanner and keyboard_wedge_scanner, and the evdev transport: scans
// as the services receive them — suffixes, GBK or UTF-8, the inter-byte timeout, damaged bytes;
// a keyboard wedge's input_event records through a fake transport, through a pseudo-terminal
// standing in for the event device, and through /dev/uinput where the machine has it.

#include "drivers/devices/keyboard_wedge_scanner.h"
#include "drivers/devices/serial_line_scanner.h"
#include "drivers/sim/pseudo_terminal.h"
#include "drivers/transports/evdev_transport.h"
#include "tests/support/fake_transport.h"
#include "tests/support/input_event_stream.h"
#include "tests/support/qtest_strings.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <linux/uinput.h>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace hk;
using hk::test::FakeTransport;

namespace {

const QByteArray kCode = "YY1.SQ-001.bk_20261201-42.SB-001.1764558000.1764559800.WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo";

SerialLineScanner::Settings settings(ScannerLineDecoder::Suffix suffix, int interByteMs = 100)
{
    SerialLineScanner::Settings s;
    s.suffix = suffix;
    s.interByteTimeoutMs = interByteMs;
    return s;
}

// A virtual keyboard made through /dev/uinput: the kernel's own input device, as a USB scanner is.
class VirtualKeyboard {
public:
    static std::unique_ptr<VirtualKeyboard> create()
    {
        const int fd = ::open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return nullptr;
        std::unique_ptr<VirtualKeyboard> k(new VirtualKeyboard(fd));
        ::ioctl(fd, UI_SET_EVBIT, EV_KEY);
        ::ioctl(fd, UI_SET_EVBIT, EV_SYN);
        for (int code = 1; code < 128; ++code)
            ::ioctl(fd, UI_SET_KEYBIT, code);
        uinput_setup setup{};
        setup.id.bustype = BUS_USB;
        setup.id.vendor = 0x0c2e; // a scanner maker's id, for the look of it
        setup.id.product = 0x0b61;
        std::strcpy(setup.name, "hallkiosk test scanner");
        if (::ioctl(fd, UI_DEV_SETUP, &setup) < 0 || ::ioctl(fd, UI_DEV_CREATE) < 0)
            return nullptr;
        char sysname[64] = {};
        if (::ioctl(fd, UI_GET_SYSNAME(sizeof sysname), sysname) < 0)
            return nullptr;
        const QDir dir(QStringLiteral("/sys/devices/virtual/input/%1").arg(QString::fromLatin1(sysname)));
        for (const QString &entry : dir.entryList({QStringLiteral("event*")}, QDir::Dirs))
            k->m_eventPath = QStringLiteral("/dev/input/") + entry;
        return k->m_eventPath.isEmpty() ? nullptr : std::move(k);
    }
    ~VirtualKeyboard()
    {
        ::ioctl(m_fd, UI_DEV_DESTROY);
        ::close(m_fd);
    }
    QString eventPath() const { return m_eventPath; }
    bool write(const QByteArray &records) { return ::write(m_fd, records.constData(), size_t(records.size())) == records.size(); }

private:
    explicit VirtualKeyboard(int fd) : m_fd(fd) {}
    int m_fd;
    QString m_eventPath;
};

} // namespace

class TestCodeScanners : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void serialLinesBecomeScans()
    {
        FakeTransport transport;
        SerialLineScanner scanner(transport, settings(ScannerLineDecoder::Suffix::CrLf));
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        QCOMPARE(scanner.health().state, DeviceHealth::State::Ok);
        QCOMPARE(scanner.name(), QStringLiteral("scanner"));
        const QByteArray stream = kCode + "\r\n" + QStringLiteral("请A001号到3号窗口").toUtf8() + "\r\n";
        for (char c : stream)
            transport.feed(QByteArray(1, c));
        QCOMPARE(scans.count(), 2);
        QCOMPARE(scans.at(0).first().toString(), QString::fromLatin1(kCode));
        QCOMPARE(scans.at(1).first().toString(), QStringLiteral("请A001号到3号窗口"));
    }

    void gbkContentIsRecognised()
    {
        FakeTransport transport;
        SerialLineScanner scanner(transport, settings(ScannerLineDecoder::Suffix::Cr));
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        transport.feed(QByteArray::fromHex("C7EB41303031BAC5B5BD33BAC5B4B0BFDA0D")); // reference §3.1's GBK bytes, CR
        QCOMPARE(scans.count(), 1);
        QCOMPARE(scans.first().first().toString(), QStringLiteral("请A001号到3号窗口"));
    }

    void damagedAndOverlongScansFail()
    {
        FakeTransport transport;
        SerialLineScanner scanner(transport, settings(ScannerLineDecoder::Suffix::Cr));
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        QSignalSpy failures(&scanner, &CodeScanner::scanFailed);
        scanner.start();
        transport.feed(QByteArray::fromHex("41C70D")); // a lone GBK lead byte
        transport.feed(QByteArray(5000, 'x') + '\r');
        QCOMPARE(scans.count(), 0);
        QCOMPARE(failures.count(), 2);
        QCOMPARE(int(failures.at(0).first().value<ScanFailure>().kind), int(ScanFailure::Kind::Undecodable));
        QCOMPARE(int(failures.at(1).first().value<ScanFailure>().kind), int(ScanFailure::Kind::TooLong));
        transport.feed("A001\r"); // and the next one is fine
        QCOMPARE(scans.count(), 1);
    }

    void aScannerWithoutSuffixIsReadByTheInterByteTimeout()
    {
        FakeTransport transport;
        SerialLineScanner scanner(transport, settings(ScannerLineDecoder::Suffix::Cr, 30));
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        transport.feed(kCode.left(40));
        transport.feed(kCode.mid(40));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 1, 20000); // whenever the line goes quiet
        QCOMPARE(scans.first().first().toString(), QString::fromLatin1(kCode));
    }

    void aLostPortIsOfflineAndComesBack()
    {
        FakeTransport transport;
        SerialLineScanner scanner(transport, settings(ScannerLineDecoder::Suffix::Cr));
        scanner.start();
        transport.feed("A00"); // half a scan, then the cable goes
        transport.drop();
        QCOMPARE(scanner.health().state, DeviceHealth::State::Offline);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        transport.open();
        QCOMPARE(scanner.health().state, DeviceHealth::State::Ok);
        transport.feed("B2\r");
        QCOMPARE(scans.count(), 1);
        QCOMPARE(scans.first().first().toString(), QStringLiteral("B2")); // the half before is gone
    }

    void keyboardWedgeFromARecordedStream()
    {
        FakeTransport transport;
        KeyboardWedgeScanner scanner(transport);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        QCOMPARE(scanner.name(), QStringLiteral("scanner_keyboard"));
        const QByteArray events = test::typedLine(kCode) + test::typedLine("HK1:SQ-001:d134cc76-157d-41c8-b969-3d1ec94e9166");
        // As read() hands them over: whatever chunks the kernel had ready.
        for (qsizetype at = 0; at < events.size(); at += 100)
            transport.feed(events.mid(at, 100));
        QCOMPARE(scans.count(), 2);
        QCOMPARE(scans.at(0).first().toString(), QString::fromLatin1(kCode));
        QCOMPARE(scans.at(1).first().toString(), QStringLiteral("HK1:SQ-001:d134cc76-157d-41c8-b969-3d1ec94e9166"));
    }

    void evdevTransportReadsRecordsAndSaysWhenItCannotGrab()
    {
        // A pseudo-terminal is no input device: EVIOCGRAB fails, the records still arrive.
        auto pty = PseudoTerminal::open();
        QVERIFY(pty.ok());
        EvdevTransport transport(EvdevSettings{pty.value()->slavePath(), true, 100});
        KeyboardWedgeScanner scanner(transport);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        scanner.start();
        QVERIFY(transport.isOpen());
        QVERIFY(!transport.isGrabbed());
        QCOMPARE(scanner.health().state, DeviceHealth::State::Warning);
        QVERIFY(scanner.health().detail.contains(QStringLiteral("not grabbed")));
        const QByteArray events = test::typedLine(kCode);
        // More than a pty's buffer holds: written as the reader makes room.
        qsizetype done = 0;
        QVERIFY2(QTest::qWaitFor([&] {
                     const ssize_t n = ::write(pty.value()->masterFd(), events.constData() + done, size_t(events.size() - done));
                     if (n > 0)
                         done += n;
                     return done == events.size();
                 }, 20000),
                 qPrintable(QStringLiteral("the reader took %1 of %2 bytes").arg(done).arg(events.size())));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 1, 20000);
        QCOMPARE(scans.first().first().toString(), QString::fromLatin1(kCode));
        QVERIFY(!transport.write("x"));
    }

    void evdevTransportRetriesAMissingDevice()
    {
        EvdevTransport transport(EvdevSettings{QStringLiteral("/nonexistent/input/event99"), true, 20});
        QSignalSpy failed(&transport, &ByteTransport::openFailed);
        transport.open();
        QCOMPARE(failed.count(), 1);
        QVERIFY(!transport.isOpen());
        QTest::qWait(100);
        QCOMPARE(failed.count(), 1); // the same failure is reported once, not per retry
    }

    void keyboardWedgeThroughUinput()
    {
        auto keyboard = VirtualKeyboard::create();
        if (!keyboard)
            QSKIP("no /dev/uinput here; the recorded input_event stream above covers the same decoding");
        EvdevTransport transport(EvdevSettings{keyboard->eventPath(), true, 100});
        KeyboardWedgeScanner scanner(transport);
        QSignalSpy scans(&scanner, &CodeScanner::scanned);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(keyboard->eventPath()), 5000); // udev may take a moment
        scanner.start();
        QTRY_VERIFY_WITH_TIMEOUT(transport.isOpen(), 5000);
        QVERIFY(transport.isGrabbed());
        QCOMPARE(scanner.health().state, DeviceHealth::State::Ok);
        // Grabbed: nobody else gets the keys (a second grab fails with EBUSY).
        const int other = ::open(QFile::encodeName(keyboard->eventPath()).constData(), O_RDONLY | O_NONBLOCK);
        QVERIFY(other >= 0);
        QCOMPARE(::ioctl(other, EVIOCGRAB, 1), -1);
        QCOMPARE(errno, EBUSY);
        ::close(other);
        QVERIFY(keyboard->write(test::typedLine(kCode)));
        QTRY_COMPARE_WITH_TIMEOUT(scans.count(), 1, 20000);
        QCOMPARE(scans.first().first().toString(), QString::fromLatin1(kCode));
    }
};

QTEST_MAIN(TestCodeScanners)
#include "tst_code_scanners.moc"

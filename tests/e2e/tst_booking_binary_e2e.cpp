// 预约 and 取消预约 end to end (DESIGN §14) with the built programs: hallkiosk against
// hallkiosk-platform-sim, a GA 467 reader, a line-mode scanner and an ESC/POS printer on
// pseudo-terminals, taps through `--test-control` (`tap BUTTON`). A card books a slot and its slip
// prints with the platform's QR token; a second booking is cancelled with its slip; the daily limit
// is refused in words; the platform's answer lost (it books, the connection breaks) and the platform
// killed mid-booking each end in a clear message, and 再试一次 books exactly once with the same
// request_id; later that day (the terminal restarted on a clock moved on) the slip's QR checks in at
// the scanner. The ID number is in no log and no file of the terminal's state. Every screen the
// terminal showed goes to test-artifacts/booking-binary.

#include "tests/e2e/booking_rig.h"

using namespace hk;
using namespace hk::test;

class TestBookingBinaryE2e : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aCitizenBooksCancelsAndChecksIn()
    {
        Rig rig;
        QVERIFY2(rig.startSim(), "hallkiosk-platform-sim did not start");
        QVERIFY2(rig.startTerminal(), qPrintable(rig.log.right(3000)));

        // 1. A slot booked by card, its slip printed with the platform's QR token.
        const QDateTime slot = tomorrowAtTen();
        QVERIFY2(rig.chooseUpToConfirm(slot, 1), qPrintable(rig.log.right(2000)));
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY(rig.reached("booked"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 1, kWaitMs);
        const SimulatedTicket slip = rig.printer->tickets().at(0);
        QVERIFY2(slip.text.contains(QStringLiteral("预约凭证")), qPrintable(slip.text));
        QVERIFY(slip.text.contains(QStringLiteral("城乡居民养老保险参保登记")));
        // The hall's one address: the catalog's center.address, not the config's kiosk.hall_address.
        QFile catalogFile(rig.catalog);
        QVERIFY(catalogFile.open(QIODevice::ReadOnly));
        const QString address = QJsonDocument::fromJson(catalogFile.readAll()).object().value(QStringLiteral("center")).toObject()
                                    .value(QStringLiteral("address")).toString();
        QVERIFY(!address.isEmpty());
        QVERIFY2(slip.text.contains(address), qPrintable(slip.text));
        QVERIFY(!slip.text.contains(QStringLiteral("青山县人民路100号")));
        QVERIFY(slip.text.contains(QStringLiteral("居民身份证原件")));
        QVERIFY(slip.text.contains(slot.toString(QStringLiteral("HH:mm"))));
        const QString token = Rig::tokenOf(slip);
        QVERIFY2(token.startsWith(QStringLiteral("YY1.SQ-001.")), qPrintable(QString::fromLatin1(slip.bytes.toHex())));
        QCOMPARE(rig.bookings(), 1);

        // 2. A second booking the same day (an hour later), then a third: the daily limit, in words.
        const QDateTime second = slot.addSecs(3600);
        QVERIFY2(rig.chooseUpToConfirm(second, 2), qPrintable(rig.log.right(2000)));
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY(rig.reached("booked", 2));
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 2, kWaitMs);
        const QString secondId = Rig::tokenOf(rig.printer->tickets().at(1)).split(QLatin1Char('.')).value(2);
        QVERIFY2(rig.chooseUpToConfirm(slot.addSecs(7200), 3), qPrintable(rig.log.right(2000)));
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY(rig.reached("book-failed - 这一天您已约满2次"));
        QCOMPARE(rig.bookings(), 2);

        // 3. The second booking cancelled by card, with its slip.
        QVERIFY(rig.tap(QStringLiteral("homeButton")));
        QVERIFY(rig.tap(QStringLiteral("cancelBookingButton")));
        QVERIFY(rig.reached("cancel-card"));
        rig.putCard();
        QVERIFY(rig.reached("cancel-list"));
        QVERIFY(rig.removeCard());
        QVERIFY(rig.tap(QStringLiteral("option_") + secondId));
        QVERIFY(rig.reached("cancel-confirm"));
        QVERIFY(rig.tap(QStringLiteral("option_cancel")));
        QVERIFY(rig.reached("cancel-done - 预约已取消，请取走取消凭证"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 3, kWaitMs);
        QVERIFY(rig.printer->tickets().at(2).text.contains(QStringLiteral("预约已取消")));
        QCOMPARE(rig.bookings("cancelled"), 1);
        QCOMPARE(rig.bookings(), 1);

        // 4. The answer lost: the platform books, the connection breaks, every attempt.
        const QDateTime third = second; // free again for this card
        QVERIFY2(rig.chooseUpToConfirm(third, 4), qPrintable(rig.log.right(2000)));
        rig.sim.setFaults(QJsonObject{{QStringLiteral("drop_rate"), 1.0}});
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY(rig.reached("book-failed - 没有收到预约平台的答复"));
        QCOMPARE(rig.bookings(), 2); // booked once, whatever the terminal heard
        QCOMPARE(rig.printer->tickets().size(), 3);
        rig.sim.setFaults(QJsonObject{{QStringLiteral("drop_rate"), 0.0}});
        QVERIFY(rig.tap(QStringLiteral("noticeAction"))); // 再试一次: the same request_id
        QVERIFY(rig.reached("booked", 3));
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 4, kWaitMs);
        QCOMPARE(rig.bookings(), 2);

        // 5. The platform killed mid-booking: a clear message, nothing half made; back, one booking.
        QVERIFY(rig.tap(QStringLiteral("homeButton")));
        QVERIFY(rig.tap(QStringLiteral("cancelBookingButton"))); // make room for one more this day
        QVERIFY(rig.reached("cancel-card", 2));
        rig.putCard();
        QVERIFY(rig.reached("cancel-list", 2));
        QVERIFY(rig.removeCard());
        QVERIFY(rig.tap(QStringLiteral("option_") + Rig::tokenOf(rig.printer->tickets().at(3)).split(QLatin1Char('.')).value(2)));
        QVERIFY(rig.reached("cancel-confirm", 2));
        QVERIFY(rig.tap(QStringLiteral("option_cancel")));
        QVERIFY(rig.reached("cancel-done", 2));
        QCOMPARE(rig.bookings(), 1);
        QVERIFY2(rig.chooseUpToConfirm(third, 5), qPrintable(rig.log.right(2000)));
        rig.sim.stop(SIGKILL);
        QVERIFY(rig.tap(QStringLiteral("option_confirm")));
        QVERIFY(rig.reached("book-failed - 没有收到预约平台的答复", 2));
        QVERIFY2(rig.startSim(), "the platform did not come back on its port");
        QCOMPARE(rig.bookings(), 1); // nothing half made
        QVERIFY(rig.tap(QStringLiteral("noticeAction")));
        QVERIFY(rig.reached("booked", 4));
        QCOMPARE(rig.bookings(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 6, kWaitMs);

        // 6. Later that day: the first slip's QR at the scanner gives a priority ticket.
        rig.stopTerminal(SIGTERM);
        QCOMPARE(rig.terminal.exitCode(), 0);
        const qint64 later = QDateTime::currentDateTimeUtc().msecsTo(slot.addSecs(-3600));
        rig.sim.stop(SIGTERM);
        QVERIFY(rig.startSim(later));
        QVERIFY2(rig.startTerminal(later), qPrintable(rig.log.right(3000)));
        QVERIFY(rig.scanner->send(token.toUtf8()));
        QTRY_COMPARE_WITH_TIMEOUT(rig.printer->tickets().size(), 7, kWaitMs);
        QVERIFY2(rig.printer->tickets().at(6).text.contains(QStringLiteral("预约优先")), qPrintable(rig.printer->tickets().at(6).text));
        rig.stopTerminal(SIGTERM);

        // The ID number and the name: in no log line and no file of the terminal's state.
        QVERIFY(!rig.allLogs.isEmpty());
        QVERIFY(!rig.allLogs.contains(kResident));
        QVERIFY(!rig.allLogs.contains(QStringLiteral("张三")));
        QDirIterator files(rig.dataDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int looked = 0;
        while (files.hasNext()) {
            QFile f(files.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(kResident.toUtf8()) && !bytes.contains(QStringLiteral("张三").toUtf8()), qPrintable(f.fileName()));
            ++looked;
        }
        QVERIFY(looked > 0);
        QVERIFY(QDir(rig.shots).entryList({QStringLiteral("screen-*.png")}, QDir::Files).size() > 10);
    }
};

QTEST_GUILESS_MAIN(TestBookingBinaryE2e)
#include "tst_booking_binary_e2e.moc"

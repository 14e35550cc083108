// app/process: LogRing — keeps the last N formatted lines, in order, and hands every message on to
// the handler that was installed before it.

#include "app/process/log_ring.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>
#include <QThread>

using namespace hk;

namespace {

Q_LOGGING_CATEGORY(lcTest, "hallkiosk.test.logring")

QStringList g_previous;
QMutex g_previousLock; // the lines come from several threads at once
void previousHandler(QtMsgType, const QMessageLogContext &, const QString &message)
{
    const QMutexLocker lock(&g_previousLock);
    g_previous << message;
}

} // namespace

class TestLogRing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        g_previous.clear();
        qSetMessagePattern(QStringLiteral("%{if-warning}W%{endif}%{if-info}I%{endif} %{category}: %{message}"));
    }

    void keepsTheLastLinesAndChains()
    {
        const QtMessageHandler before = qInstallMessageHandler(previousHandler);
        {
            LogRing ring(3);
            QVERIFY(ring.install());
            qCInfo(lcTest) << "one";
            qCWarning(lcTest) << "two";
            QCOMPARE(ring.lines(), (QStringList{QStringLiteral("I hallkiosk.test.logring: one"), QStringLiteral("W hallkiosk.test.logring: two")}));
            qCInfo(lcTest).noquote() << "three";
            qCInfo(lcTest).noquote() << "four";
            qCInfo(lcTest).noquote() << "five";
            QCOMPARE(ring.lines(), (QStringList{QStringLiteral("I hallkiosk.test.logring: three"), QStringLiteral("I hallkiosk.test.logring: four"),
                                                QStringLiteral("I hallkiosk.test.logring: five")}));
            QCOMPARE(ring.total(), 5);
            // The handler before it saw every message, unformatted as it always was.
            QCOMPARE(g_previous, (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"), QStringLiteral("four"), QStringLiteral("five")}));
        }
        // Gone with the ring: the previous handler is back alone.
        qCInfo(lcTest) << "after";
        QCOMPARE(g_previous.last(), QStringLiteral("after"));
        qInstallMessageHandler(before);
    }

    void filteredCategoriesAreNotKept()
    {
        const QtMessageHandler before = qInstallMessageHandler(previousHandler);
        LogRing ring;
        QCOMPARE(ring.capacity(), 5000);
        QVERIFY(ring.install());
        QLoggingCategory::setFilterRules(QStringLiteral("hallkiosk.test.logring.debug=false"));
        qCDebug(lcTest) << "hidden";
        qCInfo(lcTest) << "shown";
        QCOMPARE(ring.lines().size(), 1);
        ring.uninstall();
        qInstallMessageHandler(before);
    }

    void oneRingAtATime()
    {
        LogRing first;
        LogRing second;
        QVERIFY(first.install());
        QVERIFY(!second.install());
        first.uninstall();
        QVERIFY(second.install());
    }

    void linesFromOtherThreads()
    {
        const QtMessageHandler before = qInstallMessageHandler(previousHandler);
        LogRing ring(100000);
        QVERIFY(ring.install());
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back(QThread::create([t] {
                for (int i = 0; i < 1000; ++i)
                    qCInfo(lcTest).noquote() << t << i;
            }));
        for (auto &thread : threads)
            thread->start();
        for (auto &thread : threads)
            thread->wait();
        QCOMPARE(ring.lines().size(), 4000);
        ring.uninstall();
        qInstallMessageHandler(before);
    }
};

QTEST_GUILESS_MAIN(TestLogRing)
#include "tst_log_ring.moc"

// app/process: writeAtomically (DESIGN §12) — a process killed between the synced temporary file and
// the rename leaves the old file whole and the next write works and keeps it as .bak; a folder that
// cannot be written is an error naming the file and leaves the old one.

#include "app/process/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hk;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writePlain(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// A config-like JSON object of about `size` bytes: large enough that half of it would show.
QByteArray version(int number, int size)
{
    QJsonObject o{{QStringLiteral("version"), number}, {QStringLiteral("devices"), QJsonObject{{QStringLiteral("printer"), QStringLiteral("serial:/dev/ttyS%1").arg(number)}}}};
    o.insert(QStringLiteral("padding"), QString(size, QLatin1Char('a' + number % 26)));
    return QJsonDocument(o).toJson();
}

int runChild(const QStringList &args, QString *stderrText = nullptr, QProcess::ExitStatus *status = nullptr)
{
    QProcess child;
    child.start(QStringLiteral(HALLKIOSK_ATOMIC_WRITE_CHILD), args);
    if (!child.waitForFinished(30000))
        return -100;
    if (stderrText)
        *stderrText = QString::fromLocal8Bit(child.readAllStandardError());
    if (status)
        *status = child.exitStatus();
    return child.exitCode();
}

QStringList hiddenEntries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
}

mode_t modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 0777) : 0;
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesNewFileWithMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("local.json"));
        QVERIFY(writeAtomically(path, "{}\n").ok());
        QCOMPARE(readAll(path), QByteArray("{}\n"));
        QCOMPARE(modeOf(path), mode_t(0600));
        QVERIFY(!QFile::exists(atomicBackupPath(path))); // nothing before it to keep
        AtomicWriteOptions group;
        group.groupReadable = true;
        QVERIFY(writeAtomically(path, "{\"a\":1}\n", group).ok());
        QCOMPARE(modeOf(path), mode_t(0640));
        QCOMPARE(readAll(atomicBackupPath(path)), QByteArray("{}\n"));
        QCOMPARE(hiddenEntries(dir.path()), (QStringList{QStringLiteral("local.json"), QStringLiteral("local.json.bak")}));
    }

    void backupIsReplacedByEachWrite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("local.json"));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(writeAtomically(path, version(i, 10)).ok());
        QCOMPARE(readAll(path), version(3, 10));
        QCOMPARE(readAll(atomicBackupPath(path)), version(2, 10));
    }

    void killedBeforeRenameLeavesTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("local.json"));
        const QByteArray oldBytes = version(1, 1000);
        const QByteArray newBytes = version(2, 4 << 20); // 4 MiB: a half-written one would show
        QVERIFY(writePlain(path, oldBytes));
        const QString source = dir.filePath(QStringLiteral("new-version.src"));
        QVERIFY(writePlain(source, newBytes));

        QProcess::ExitStatus status = QProcess::NormalExit;
        runChild({source, path, QStringLiteral("--kill-before-rename")}, nullptr, &status);
        QCOMPARE(status, QProcess::CrashExit); // it really died in the hook

        // The old version, byte for byte, and still a parseable config.
        QCOMPARE(readAll(path), oldBytes);
        QJsonParseError error{};
        QCOMPARE(QJsonDocument::fromJson(readAll(path), &error).object().value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(error.error, QJsonParseError::NoError);
        // The new one never reached the name; what it left is a hidden temporary file only.
        const QStringList leftovers = hiddenEntries(dir.path()).filter(QStringLiteral(".local.json.tmp-"));
        QCOMPARE(leftovers.size(), 1);

        // The next write works, keeps the old version as .bak and clears the leftover.
        const QByteArray third = version(3, 2000);
        QVERIFY(writeAtomically(path, third).ok());
        QCOMPARE(readAll(path), third);
        QCOMPARE(readAll(atomicBackupPath(path)), oldBytes);
        QCOMPARE(hiddenEntries(dir.path()),
                 (QStringList{QStringLiteral("local.json"), QStringLiteral("local.json.bak"), QStringLiteral("new-version.src")}));
    }

    void childWritesWhenNotKilled()
    {
        // The same child without the hook writes: the crash above is the hook's, not the child's.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("local.json"));
        QVERIFY(writePlain(path, version(1, 10)));
        const QString source = dir.filePath(QStringLiteral("src"));
        QVERIFY(writePlain(source, version(2, 10)));
        QCOMPARE(runChild({source, path}), 0);
        QCOMPARE(readAll(path), version(2, 10));
        QCOMPARE(readAll(atomicBackupPath(path)), version(1, 10));
    }

    void readOnlyFolderIsAClearError()
    {
        QTemporaryDir dir;
        // Traversable by the unprivileged user the child becomes when the test runs as root.
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
        const QString folder = dir.filePath(QStringLiteral("state"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = QDir(folder).filePath(QStringLiteral("local.json"));
        const QByteArray oldBytes = version(1, 100);
        QVERIFY(writePlain(path, oldBytes));
        const QString source = dir.filePath(QStringLiteral("src"));
        QVERIFY(writePlain(source, version(2, 100)));
        QVERIFY(QFile::setPermissions(source, QFile::ReadOwner | QFile::ReadOther));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));

        QString error;
        const int code = runChild({source, path, QStringLiteral("--as-nobody")}, &error);
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(code, 1);
        QVERIFY2(error.contains(QStringLiteral("cannot write ") + path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Permission denied")), qPrintable(error));
        QCOMPARE(readAll(path), oldBytes);
        QVERIFY(!QFile::exists(atomicBackupPath(path)));
        QCOMPARE(hiddenEntries(folder), QStringList{QStringLiteral("local.json")});
    }

    void missingFolderIsAnError()
    {
        QTemporaryDir dir;
        auto written = writeAtomically(dir.filePath(QStringLiteral("no/such/local.json")), "{}");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(QStringLiteral("No such file or directory")), qPrintable(written.error()));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomic_file.moc"

// app/process: tarGz — what it builds, the real `tar -xzf` extracts file for file: names in
// sub-folders, a name longer than ustar's 100 bytes, an empty file, a 1 MiB one, mode and time.

#include "app/process/tar_gz.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace hk;

class TestTarGz : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void realTarExtractsEveryFile()
    {
        QByteArray big(1 << 20, Qt::Uninitialized);
        QRandomGenerator random(13);
        for (char &c : big)
            c = static_cast<char>(random.bounded(256));
        const QString longName = QStringLiteral("frames/") + QString(60, QLatin1Char('d')) + QLatin1Char('/') + QString(80, QLatin1Char('f')) + QStringLiteral(".txt");
        const std::vector<std::pair<QString, QByteArray>> files{
            {QStringLiteral("health.json"), QByteArrayLiteral("{\"printer\": \"online\"}\n")},
            {QStringLiteral("frames/printer.txt"), QByteArrayLiteral("12:00:00.000 tx 1B 40\n")},
            {QStringLiteral("logs/deep/er/hallkiosk.log"), QByteArray(513, 'x')}, // one byte past a block
            {QStringLiteral("empty.txt"), QByteArray()},
            {QStringLiteral("big.bin"), big},
            {longName, QByteArrayLiteral("long")},
            {QStringLiteral("配置.json"), QByteArrayLiteral("{}")},
        };
        const QDateTime mtime = QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC);
        const QByteArray archive = tarGz(files, mtime);
        QVERIFY(archive.startsWith("\x1f\x8b")); // gzip
        QVERIFY(archive.size() < (1 << 20) + 64 * 1024);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bundle.tar.gz"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(archive);
        }
        const QString out = dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(out));
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), path, QStringLiteral("-C"), out});
        QVERIFY(tar.waitForFinished(30000));
        QVERIFY2(tar.exitCode() == 0, tar.readAllStandardError().constData());
        QCOMPARE(tar.readAllStandardError(), QByteArray()); // no warnings (checksum, format)

        for (const auto &[name, bytes] : files) {
            QFile file(QDir(out).filePath(name));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
            QCOMPARE(file.readAll(), bytes);
            const QFileInfo info(file);
            QCOMPARE(info.lastModified().toSecsSinceEpoch(), mtime.toSecsSinceEpoch());
            QVERIFY(info.permissions().testFlag(QFile::ReadOwner));
            QVERIFY(info.permissions().testFlag(QFile::WriteOwner));
            QVERIFY(!info.permissions().testFlag(QFile::ExeOwner));
        }

        // The listing: the names in order, 0644, root's.
        QProcess list;
        list.start(QStringLiteral("tar"), {QStringLiteral("-tvzf"), path, QStringLiteral("--numeric-owner")});
        QVERIFY(list.waitForFinished(30000));
        const QStringList lines = QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), int(files.size()));
        for (const QString &line : lines) {
            QVERIFY2(line.startsWith(QStringLiteral("-rw-r--r-- 0/0 ")), qPrintable(line));
        }
        QVERIFY(lines.last().endsWith(QStringLiteral("配置.json")));
    }

    void emptyArchiveIsValid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.tar.gz"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(tarGz({}, QDateTime::currentDateTimeUtc()));
        file.close();
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-tzf"), path});
        QVERIFY(tar.waitForFinished(30000));
        QCOMPARE(tar.exitCode(), 0);
        QCOMPARE(tar.readAllStandardOutput(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestTarGz)
#include "tst_tar_gz.moc"

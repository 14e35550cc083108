// Secret files (DESIGN §16): born 0600 by open(O_CREAT|O_EXCL), whatever the umask, never written
// through an existing file or a planted symlink; the mode check start-up uses.

#include "app/process/secret_file_mode.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hk;

namespace {
unsigned modeOf(const QString &path)
{
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? unsigned(st.st_mode) & 07777u : 0xffffu;
}
} // namespace

class TestSecretFileMode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createdOwnerOnlyWhateverTheUmask()
    {
        QTemporaryDir dir;
        const mode_t previous = ::umask(0); // the most open umask: the file must still be 0600
        const QString path = dir.filePath(QStringLiteral("secret"));
        auto created = createSecretFile(path, "k3y\n");
        ::umask(previous);
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error()));
        QCOMPARE(modeOf(path), 0600u);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("k3y\n"));
        QVERIFY(!secretFileTooOpen(path));
    }

    void neverWritesThroughAnExistingFileOrALink()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secret"));
        QVERIFY(createSecretFile(path, "first\n").ok());
        auto again = createSecretFile(path, "second\n");
        QVERIFY(!again.ok());
        QVERIFY2(again.error().contains(path), qPrintable(again.error()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("first\n"));

        const QString target = dir.filePath(QStringLiteral("elsewhere"));
        const QString link = dir.filePath(QStringLiteral("planted"));
        QVERIFY(QFile::link(target, link));
        QVERIFY(!createSecretFile(link, "k\n").ok());
        QVERIFY(!QFile::exists(target));
    }

    void tooOpenMeansReadableByGroupOrOthers_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("tooOpen");
        QTest::newRow("0600") << 0600 << false;
        QTest::newRow("0400") << 0400 << false;
        QTest::newRow("0640") << 0640 << true;
        QTest::newRow("0604") << 0604 << true;
        QTest::newRow("0644") << 0644 << true;
    }
    void tooOpenMeansReadableByGroupOrOthers()
    {
        QFETCH(int, mode);
        QFETCH(bool, tooOpen);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secret"));
        QVERIFY(createSecretFile(path, "k\n").ok());
        QVERIFY(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
        const auto found = secretFileTooOpen(path);
        QCOMPARE(found.has_value(), tooOpen);
        if (found)
            QCOMPARE(*found, unsigned(mode));
        QVERIFY(!secretFileTooOpen(dir.filePath(QStringLiteral("missing"))));
    }
};

QTEST_GUILESS_MAIN(TestSecretFileMode)
#include "tst_secret_file_mode.moc"

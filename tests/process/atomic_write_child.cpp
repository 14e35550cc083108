// Test-only: writes a file through writeAtomically in a process of its own, so tst_atomic_file can
// kill it between the synced temporary file and the rename (SIGKILL, as a power cut would stop it).
//
//   hallkiosk_atomic_write_child SOURCE TARGET [--kill-before-rename] [--as-nobody]
//
// writes SOURCE's bytes to TARGET; --as-nobody drops root's rights first (a test run as root still
// meets a read-only folder). Exit 0 written, 1 with the error on stderr, 2 usage.

#include "app/process/atomic_file.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <csignal>
#include <cstdio>
#include <grp.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: %s SOURCE TARGET [--kill-before-rename] [--as-nobody]\n", argv[0]);
        return 2;
    }
    QFile source(args[0]);
    if (!source.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args[0]));
        return 2;
    }
    const QByteArray bytes = source.readAll();
    if (args.contains(QStringLiteral("--as-nobody")) && ::geteuid() == 0) {
        constexpr gid_t kNogroup = 65534;
        constexpr uid_t kNobody = 65534;
        if (::setgroups(0, nullptr) != 0 || ::setgid(kNogroup) != 0 || ::setuid(kNobody) != 0) {
            std::perror("drop privileges");
            return 2;
        }
    }
    hk::AtomicWriteOptions options;
    if (args.contains(QStringLiteral("--kill-before-rename")))
        options.beforeRename = [] { ::raise(SIGKILL); };
    auto written = hk::writeAtomically(args[1], bytes, options);
    if (!written) {
        std::fprintf(stderr, "%s\n", qPrintable(written.error()));
        return 1;
    }
    return 0;
}

#pragma once

// Runs a program of ours to its end, as a technician's shell or a package script would, and keeps
// what it said. A run that crashed or did not end in time has exitCode -1 (a killed run never passes
// for a refusal that exits 2), and `ended` says whether it ended by itself.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace hk::test {

struct ProgramRun {
    int exitCode = -1;
    bool ended = false; // ended by itself, not killed at the time limit
    QString out;
    QString err;
};

// `environment`: the program's; by default this process's own.
inline ProgramRun runProgram(const QString &program, const QStringList &arguments, int timeoutMs = 30000,
                             const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(program, arguments);
    ProgramRun run;
    run.ended = p.waitForFinished(timeoutMs);
    if (!run.ended) {
        p.kill();
        p.waitForFinished(5000);
    }
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    if (run.ended && p.exitStatus() == QProcess::NormalExit)
        run.exitCode = p.exitCode();
    if (!run.ended)
        run.err += QStringLiteral("\n[killed: no end within %1 ms]").arg(timeoutMs);
    return run;
}

} // namespace hk::test

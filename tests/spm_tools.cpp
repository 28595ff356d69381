#include "spm_tools.h"

#include <QProcess>
#include <QStandardPaths>

namespace spmtools {

QByteArray run(const QString& tool, const QStringList& args, const QByteArray& input) {
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty()) qFatal("%s is not installed (Debian package 'sentencepiece')", qPrintable(tool));
    QProcess p;
    p.start(exe, args);
    if (!p.waitForStarted()) qFatal("cannot start %s", qPrintable(exe));
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(tool), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

}  // namespace spmtools

#pragma once
// sentencepiece's command-line tools (Debian package 'sentencepiece') as the reference in tests.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace spmtools {

// Runs `tool` (spm_train, spm_encode, spm_normalize, …) with `args`, feeding `input` on stdin; its
// stdout. A missing tool or a non-zero exit ends the test run with the tool's message.
QByteArray run(const QString& tool, const QStringList& args, const QByteArray& input = {});

}  // namespace spmtools

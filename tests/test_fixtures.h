#pragma once
// Fixtures generated at test time: a tiny GPT-2 model folder and small labelled CSV files.

#include <QString>

namespace fixtures {

// Writes a tiny random GPT-2 (2 layers, hidden 32) into `folder`; QFAIL-style message on error.
QString makeTinyGpt2(const QString& folder, int seed = 1);

// An easy sentiment task: each text holds a word that decides its label; a `group` column splits
// rows into "a" and "b". `rows` rows, deterministic.
void writeEasyCsv(const QString& file, int rows);

QString readAll(const QString& file);

// Writes `bytes` to `file` (created or truncated); false when it cannot.
bool writeFile(const QString& file, const QByteArray& bytes);

}  // namespace fixtures

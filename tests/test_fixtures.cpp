#include "test_fixtures.h"

#include <QFile>
#include <QTextStream>

#include "core/api/tiny_model.h"

namespace fixtures {

QString makeTinyGpt2(const QString& folder, int seed) {
    ft::api::TinyModelSpec spec;
    spec.outputFolder = folder.toStdString();
    spec.layers = 2;
    spec.hidden = 32;
    spec.heads = 4;
    spec.vocabSize = 400;
    spec.maxPositions = 64;
    spec.seed = static_cast<uint64_t>(seed);
    ft::Status st = ft::api::makeTinyModel(spec);
    return st ? QString() : QString::fromStdString(st.error().describe());
}

void writeEasyCsv(const QString& file, int rows) {
    const char* good[] = {"great", "excellent", "lovely", "superb"};
    const char* bad[] = {"awful", "terrible", "broken", "horrible"};
    const char* things[] = {"phone", "lamp", "book", "chair", "kettle"};
    QFile f(file);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    QTextStream out(&f);
    out << "text,label,group\n";
    for (int i = 0; i < rows; ++i) {
        const bool positive = (i * 7 + 3) % 2 == 0;
        const QString word = QString::fromLatin1(positive ? good[i % 4] : bad[(i / 2) % 4]);
        out << "the " << things[i % 5] << " is " << word << ',' << (positive ? "pos" : "neg") << ','
            << ((i % 3) == 0 ? "b" : "a") << '\n';
    }
}

QString readAll(const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

bool writeFile(const QString& file, const QByteArray& bytes) {
    QFile f(file);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

}  // namespace fixtures

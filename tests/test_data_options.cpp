// A job's data options as the trainer sees them: few-shot keeps k examples per class of the training
// split, and augmentation changes training examples only — reproducibly from the seed, never the
// validation split.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

#include "core/api/engine.h"
#include "core/api/job_config.h"
#include "core/api/tiny_model.h"
#include "core/train/augmented_examples.h"
#include "core/train/prepared_data.h"
#include "core/train/token_cache.h"

using namespace ft;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

// `counts` rows per label; each text names its row so rows can be told apart.
QByteArray labelledCsv(const std::map<std::string, int>& counts) {
    QByteArray csv = "text,label\n";
    int row = 0;
    for (const auto& [label, n] : counts)
        for (int i = 0; i < n; ++i, ++row)
            csv += "row " + QByteArray::number(row) + " says the film was " + QByteArray::fromStdString(label) + " and long," +
                   QByteArray::fromStdString(label) + "\n";
    return csv;
}

std::map<int64_t, int> perClass(const std::vector<train::Example>& examples) {
    std::map<int64_t, int> counts;
    for (const auto& ex : examples) ++counts[ex.label];
    return counts;
}

std::vector<int64_t> rowsOf(const std::vector<train::Example>& examples) {
    std::vector<int64_t> rows;
    for (const auto& ex : examples) rows.push_back(ex.row);
    return rows;
}

std::vector<std::vector<int32_t>> idsOf(const std::vector<train::Example>& examples) {
    std::vector<std::vector<int32_t>> ids;
    for (const auto& ex : examples) ids.push_back(ex.ids);
    return ids;
}

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

class Observer : public api::EngineObserver {
public:
    void onEvent(const api::TrainEvent& e) override { events.push_back(e); }
    bool has(api::EventKind kind, const std::string& code = {}) const {
        for (const auto& e : events)
            if (e.kind == kind && (code.empty() || e.code == code)) return true;
        return false;
    }
    std::vector<api::TrainEvent> events;
};

}  // namespace

class TestDataOptions : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;
    std::optional<tok::Tokenizer> m_tokenizer;

    api::JobConfig job(const QString& train, const QString& validation = {}) const {
        api::JobConfig j;
        j.model.path = m_model.toStdString();
        j.data.train = train.toStdString();
        j.data.validation = validation.toStdString();
        j.data.maxLength = 64;
        return j;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("model"));
        api::TinyModelSpec spec;
        spec.outputFolder = m_model.toStdString();
        spec.layers = 1;
        spec.hidden = 32;
        Status st = api::makeTinyModel(spec);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        auto tokenizer = tok::Tokenizer::load(m_model.toStdString());
        QVERIFY(tokenizer.ok());
        m_tokenizer.emplace(std::move(*tokenizer));
    }

    void fewShotKeepsKPerClass() {
        const QString train = m_dir.filePath(QStringLiteral("fewshot-train.csv"));
        const QString validation = m_dir.filePath(QStringLiteral("fewshot-val.csv"));
        writeFile(train, labelledCsv({{"bad", 20}, {"good", 30}, {"odd", 3}}));
        writeFile(validation, labelledCsv({{"bad", 4}, {"good", 4}, {"odd", 4}}));
        api::JobConfig j = job(train, validation);
        j.data.fewShotPerClass = 5;
        auto data = train::prepareData(j, *m_tokenizer);
        QVERIFY2(data.ok(), data.ok() ? "" : data.error().describe().c_str());
        QCOMPARE(data->labels, (std::vector<std::string>{"bad", "good", "odd"}));
        QCOMPARE(perClass(data->train), (std::map<int64_t, int>{{0, 5}, {1, 5}, {2, 3}}));  // "odd" has only 3: all kept
        QCOMPARE(data->fewShotShortClasses, std::vector<std::string>{"odd"});
        QCOMPARE(data->validation.size(), size_t(12));  // validation is never thinned

        // Same seed: the same rows; another seed: other rows.
        auto again = train::prepareData(j, *m_tokenizer);
        QCOMPARE(rowsOf(again->train), rowsOf(data->train));
        j.training.seed = 7;
        auto other = train::prepareData(j, *m_tokenizer);
        QVERIFY(rowsOf(other->train) != rowsOf(data->train));
        QCOMPARE(perClass(other->train), perClass(data->train));

        // Off: every training row.
        j.data.fewShotPerClass = 0;
        auto all = train::prepareData(j, *m_tokenizer);
        QCOMPARE(all->train.size(), size_t(53));
        QVERIFY(all->fewShotShortClasses.empty());
    }

    void fewShotAfterTheSplit() {
        const QString train = m_dir.filePath(QStringLiteral("fewshot-split.csv"));
        writeFile(train, labelledCsv({{"bad", 40}, {"good", 40}}));
        api::JobConfig j = job(train);
        j.data.validationFraction = 0.25;
        j.data.fewShotPerClass = 4;
        auto data = train::prepareData(j, *m_tokenizer);
        QVERIFY(data.ok());
        QCOMPARE(perClass(data->train), (std::map<int64_t, int>{{0, 4}, {1, 4}}));
        QCOMPARE(data->validation.size(), size_t(20));
        for (int64_t trainRow : rowsOf(data->train))  // k-shot examples come from the training split only
            for (int64_t validationRow : rowsOf(data->validation)) QVERIFY(trainRow != validationRow);
    }

    // data.cleaning: each step's count, in order (trim first, so " x " and "x" are duplicates after it).
    void cleaningCountsWhatItTouched() {
        const QString train = m_dir.filePath(QStringLiteral("clean-train.csv"));
        writeFile(train, "text,label\n"
                         "a good film,pos\n"
                         "  a good film  ,pos\n"       // a duplicate once trimmed
                         "A GOOD film!,pos\n"          // a near duplicate
                         "   ,neg\n"                   // empty once trimmed
                         "a bad film,neg\n"
                         "another bad film,neg\n"
                         "another good one,pos\n"
                         "no label here,\n");
        api::JobConfig j = job(train);
        j.data.validationFraction = 0.25;
        auto plain = train::prepareData(j, *m_tokenizer);
        QVERIFY2(plain.ok(), plain.ok() ? "" : plain.error().describe().c_str());
        QVERIFY(plain->cleaningNotes.empty());
        QCOMPARE(plain->skippedMissingLabel + int64_t(plain->train.size() + plain->validation.size()), int64_t(8));

        j.data.cleaning.trim = true;
        j.data.cleaning.dropEmpty = true;
        j.data.cleaning.deduplicate = "exact";
        auto exact = train::prepareData(j, *m_tokenizer);
        QVERIFY2(exact.ok(), exact.ok() ? "" : exact.error().describe().c_str());
        QCOMPARE(exact->cleaningNotes, (std::vector<std::string>{"training file: whitespace trimmed in 2 cells",
                                                                 "training file: 1 rows with an empty text dropped",
                                                                 "training file: 1 duplicate rows dropped (exact)"}));
        QCOMPARE(int64_t(exact->train.size() + exact->validation.size()), int64_t(5));  // 8 - empty - duplicate - no label
        QCOMPARE(exact->skippedMissingLabel, int64_t(1));

        j.data.cleaning.deduplicate = "near";
        auto near = train::prepareData(j, *m_tokenizer);
        QVERIFY(near.ok());
        QCOMPARE(near->cleaningNotes.back(), std::string("training file: 2 duplicate rows dropped (near)"));

        // A missing label becomes an error at its line when rows without one must not be dropped.
        j.data.cleaning.dropMissingLabel = false;
        auto strict = train::prepareData(j, *m_tokenizer);
        QVERIFY(!strict.ok());
        QCOMPARE(QString::fromStdString(strict.error().code), QStringLiteral("data.missing_label"));
        QCOMPARE(strict.error().line, int64_t(9));
        QCOMPARE(strict.error().field, std::string("label"));
    }

    // stratify_by_group: every (label, group) cell keeps its share in validation, even a small one.
    void stratifyByGroupKeepsEachCellsShare() {
        const QString train = m_dir.filePath(QStringLiteral("strata.csv"));
        QByteArray csv = "text,label,group\n";
        // (pos, a) 40, (pos, b) 10, (neg, a) 40, (neg, b) 10.
        int row = 0;
        for (const char* label : {"pos", "neg"})
            for (const auto& [group, n] : std::vector<std::pair<const char*, int>>{{"a", 40}, {"b", 10}})
                for (int i = 0; i < n; ++i, ++row)
                    csv += "row " + QByteArray::number(row) + " " + label + "," + label + "," + group + "\n";
        writeFile(train, csv);
        api::JobConfig j = job(train);
        j.data.groupColumns = {"group"};
        j.data.validationFraction = 0.2;
        j.data.stratifyByGroup = true;
        auto data = train::prepareData(j, *m_tokenizer);
        QVERIFY2(data.ok(), data.ok() ? "" : data.error().describe().c_str());
        std::map<std::pair<int64_t, std::string>, int> cells;
        for (size_t i = 0; i < data->validation.size(); ++i) ++cells[{data->validation[i].label, data->validationGroups[i][0]}];
        QCOMPARE(cells.size(), size_t(4));
        for (const auto& [cell, n] : cells) QCOMPARE(n, cell.second == "a" ? 8 : 2);  // 20% of 40 and of 10
        auto again = train::prepareData(j, *m_tokenizer);
        QCOMPARE(rowsOf(again->validation), rowsOf(data->validation));
    }

    void augmentationTouchesTrainingOnlyAndRepeats() {
        const QString train = m_dir.filePath(QStringLiteral("augment.csv"));
        writeFile(train, labelledCsv({{"bad", 30}, {"good", 30}}));
        api::JobConfig plain = job(train);
        api::JobConfig j = plain;
        j.data.augmentation.enabled = true;
        j.data.augmentation.probability = 1.0;
        j.data.augmentation.synonymReplacement = 0;
        j.data.augmentation.randomSwap = 0.2;
        j.data.augmentation.randomDeletion = 0.2;
        auto base = train::prepareData(plain, *m_tokenizer);
        auto data = train::prepareData(j, *m_tokenizer);
        QVERIFY(base.ok() && data.ok());
        QCOMPARE(data->trainTexts.size(), data->train.size());
        QVERIFY(base->trainTexts.empty());  // kept only when augmentation is on
        // The prepared examples themselves are the same with augmentation on: it happens per epoch.
        QCOMPARE(rowsOf(data->train), rowsOf(base->train));
        QCOMPARE(data->validation.size(), base->validation.size());
        for (size_t i = 0; i < base->validation.size(); ++i) QCOMPARE(data->validation[i].ids, base->validation[i].ids);

        train::AugmentedExamples augmented(j, *m_tokenizer, *data, nullptr);
        int changed = 0, changedAcrossEpochs = 0;
        for (int64_t i = 0; i < int64_t(data->train.size()); ++i) {
            const train::Example e1 = augmented.example(i, 1);
            QCOMPARE(e1.ids, augmented.example(i, 1).ids);  // same seed, epoch and example: same ids
            QCOMPARE(e1.label, data->train[size_t(i)].label);
            QCOMPARE(e1.row, data->train[size_t(i)].row);
            QVERIFY(!e1.ids.empty());
            changed += e1.ids != data->train[size_t(i)].ids;
            changedAcrossEpochs += e1.ids != augmented.example(i, 2).ids;
        }
        QVERIFY2(changed > int(data->train.size()) * 3 / 4, qPrintable(QString::number(changed)));
        QVERIFY2(changedAcrossEpochs > int(data->train.size()) / 2, qPrintable(QString::number(changedAcrossEpochs)));

        // probability 0.5: about half the examples of an epoch stay as they were.
        j.data.augmentation.probability = 0.5;
        train::AugmentedExamples half(j, *m_tokenizer, *data, nullptr);
        int untouched = 0;
        for (int64_t i = 0; i < int64_t(data->train.size()); ++i) untouched += half.example(i, 0).ids == data->train[size_t(i)].ids;
        QVERIFY2(untouched > 10 && untouched < 38, qPrintable(QString::number(untouched)));
    }

    void tokenCacheHitMissAndInvalidation();
    void runWarnsAndReusesTheCache();

    void missingWordNetIsAWarningNotAnError() {
        api::AugmentationSection options;
        options.enabled = true;
        options.wordnetDir = m_dir.filePath(QStringLiteral("no-wordnet")).toStdString();
        std::string warning;
        QVERIFY(!train::AugmentedExamples::loadWordNet(options, warning));
        QVERIFY2(warning.find("wordnet-base") != std::string::npos, warning.c_str());
        options.synonymReplacement = 0;  // not asked for: nothing to load, nothing to warn about
        warning.clear();
        QVERIFY(!train::AugmentedExamples::loadWordNet(options, warning));
        QVERIFY(warning.empty());
    }
};

// The tokenized-data cache: a miss writes one file, the same inputs hit it, and a change of the data
// file, a tokenizer file or a data setting misses (another key); a damaged file is rebuilt.
void TestDataOptions::tokenCacheHitMissAndInvalidation() {
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("model"));
    QVERIFY(QDir().mkpath(model));
    for (const QString& name : QDir(m_model).entryList(QDir::Files))
        QVERIFY(QFile::copy(m_model + QLatin1Char('/') + name, model + QLatin1Char('/') + name));
    const QString train = dir.filePath(QStringLiteral("train.csv"));
    writeFile(train, labelledCsv({{"bad", 12}, {"good", 12}}));
    const QString cache = dir.filePath(QStringLiteral("cache"));
    api::JobConfig j = job(train);
    j.model.path = model.toStdString();
    j.data.tokenCacheDir = cache.toStdString();
    j.data.textPairColumn = "";
    auto tokenizer = tok::Tokenizer::load(model.toStdString());
    QVERIFY(tokenizer.ok());

    auto first = train::prepareDataCached(j, *tokenizer);
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().describe().c_str());
    QVERIFY(!first->hit);
    QVERIFY(first->writeWarning.empty());
    QCOMPARE(filesIn(cache).size(), 1);  // the cache file only: the atomic write left no temporary behind
    QVERIFY(filesIn(cache).front().endsWith(QStringLiteral(".ftok")));

    auto second = train::prepareDataCached(j, *tokenizer);
    QVERIFY(second.ok());
    QVERIFY(second->hit);
    QCOMPARE(second->file, first->file);
    QCOMPARE(idsOf(second->data.train), idsOf(first->data.train));
    QCOMPARE(idsOf(second->data.validation), idsOf(first->data.validation));
    QCOMPARE(rowsOf(second->data.train), rowsOf(first->data.train));
    QCOMPARE(perClass(second->data.train), perClass(first->data.train));
    QCOMPARE(second->data.labels, first->data.labels);
    QCOMPARE(second->data.validationTexts, first->data.validationTexts);
    QCOMPARE(second->data.validationLines, first->data.validationLines);

    // A data setting changes the key.
    api::JobConfig shorter = j;
    shorter.data.maxLength = 4;
    auto cut = train::prepareDataCached(shorter, *tokenizer);
    QVERIFY(cut.ok() && !cut->hit);
    QVERIFY(cut->file != first->file);
    QVERIFY(cut->data.truncated > 0);
    // So does the seed (it draws the split).
    api::JobConfig reseeded = j;
    reseeded.training.seed = 1234;
    QVERIFY(!train::prepareDataCached(reseeded, *tokenizer)->hit);

    // One changed byte of the data file: a miss, and the new data is what is read.
    writeFile(train, labelledCsv({{"bad", 12}, {"goof", 12}}));
    auto edited = train::prepareDataCached(j, *tokenizer);
    QVERIFY(edited.ok() && !edited->hit);
    QCOMPARE(edited->data.labels, (std::vector<std::string>{"bad", "goof"}));

    // A changed tokenizer file: a miss.
    auto before = train::prepareDataCached(j, *tokenizer);
    QVERIFY(before->hit);
    QFile config(model + QStringLiteral("/tokenizer_config.json"));
    QVERIFY(config.exists());
    QVERIFY(config.open(QIODevice::Append));
    config.write("\n");
    config.close();
    QVERIFY(!train::prepareDataCached(j, *tokenizer)->hit);
    QVERIFY(train::prepareDataCached(j, *tokenizer)->hit);

    // A damaged cache file reads as a miss and is written again.
    auto current = train::prepareDataCached(j, *tokenizer);
    QVERIFY(current->hit);
    QFile damaged(QString::fromStdString(current->file.string()));
    QVERIFY(damaged.resize(damaged.size() / 2));
    auto rebuilt = train::prepareDataCached(j, *tokenizer);
    QVERIFY(rebuilt.ok() && !rebuilt->hit);
    QCOMPARE(idsOf(rebuilt->data.train), idsOf(current->data.train));
    QVERIFY(train::prepareDataCached(j, *tokenizer)->hit);

    // Off: nothing is read or written.
    api::JobConfig off = j;
    off.data.tokenCache = false;
    off.data.tokenCacheDir = dir.filePath(QStringLiteral("unused")).toStdString();
    auto plain = train::prepareDataCached(off, *tokenizer);
    QVERIFY(plain.ok() && !plain->hit && plain->file.empty());
    QVERIFY(!QDir(QString::fromStdString(off.data.tokenCacheDir)).exists());
}

// End to end: few-shot with a short class and augmentation without WordNet each warn and the run
// finishes; the second run of the same job reads its tokenized data from the cache.
void TestDataOptions::runWarnsAndReusesTheCache() {
    QTemporaryDir dir;
    const QString train = dir.filePath(QStringLiteral("train.csv"));
    const QString validation = dir.filePath(QStringLiteral("val.csv"));
    writeFile(train, labelledCsv({{"bad", 12}, {"good", 12}, {"odd", 2}}));
    writeFile(validation, labelledCsv({{"bad", 3}, {"good", 3}, {"odd", 3}}));
    api::JobConfig j = job(train, validation);
    j.data.fewShotPerClass = 4;
    j.data.augmentation.enabled = true;
    j.data.augmentation.wordnetDir = dir.filePath(QStringLiteral("no-wordnet")).toStdString();
    j.training.maxSteps = 2;
    j.training.batchSize = 4;
    j.training.threads = 1;
    j.evaluation.counterfactual = false;
    j.evaluation.beforeTraining = false;
    j.output.runDir = dir.filePath(QStringLiteral("runs/one")).toStdString();
    QVERIFY(api::validateJobConfig(j).ok());
    {
        api::Engine engine;
        Observer observer;
        Status st = engine.run(j, observer);
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().describe().c_str());
        QVERIFY(observer.has(api::EventKind::Warning, "data.few_shot_short"));
        QVERIFY(observer.has(api::EventKind::Warning, "data.wordnet_missing"));
        QVERIFY(observer.has(api::EventKind::Finished));
        QVERIFY(observer.events.front().message.find("cache") == std::string::npos);
    }
    QCOMPARE(filesIn(dir.filePath(QStringLiteral("runs/.token-cache"))).size(), 1);
    j.output.runDir = dir.filePath(QStringLiteral("runs/two")).toStdString();
    api::Engine engine;
    Observer observer;
    QVERIFY(engine.run(j, observer).ok());
    QCOMPARE(observer.events.front().kind, api::EventKind::Started);
    QVERIFY2(observer.events.front().message.find("tokenized data reused from the cache") != std::string::npos,
             observer.events.front().message.c_str());
}

QTEST_GUILESS_MAIN(TestDataOptions)
#include "test_data_options.moc"

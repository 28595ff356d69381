#include "ui/playground_worker.h"

#include <QLocale>

#include "ui/error_text.h"
#include "ui/qt_convert.h"

namespace ft::ui {

PlaygroundWorker::PlaygroundWorker(const std::atomic<bool>& cancel) : m_cancel(cancel) {}
PlaygroundWorker::~PlaygroundWorker() = default;

ft::api::PlaygroundModel* PlaygroundWorker::open(int side, const QString& folder) {
    if (m_models[side] && m_openFolders[side] == folder) return m_models[side].get();
    m_models[side].reset();
    m_openFolders[side].clear();
    auto model = ft::api::PlaygroundModel::open(toStd(folder));
    if (!model) {
        Q_EMIT failed(side, errorText(model.error()));
        return nullptr;
    }
    m_models[side] = std::move(*model);
    m_openFolders[side] = folder;
    return m_models[side].get();
}

ft::api::Classifier* PlaygroundWorker::openClassifier(int side, const QString& folder) {
    if (m_classifiers[side] && m_classifierFolders[side] == folder) return m_classifiers[side].get();
    m_classifiers[side].reset();
    m_classifierFolders[side].clear();
    auto classifier = ft::api::Classifier::open(toStd(folder));
    if (!classifier) {
        Q_EMIT failed(side, errorText(classifier.error()));
        return nullptr;
    }
    m_classifiers[side] = std::move(*classifier);
    m_classifierFolders[side] = folder;
    return m_classifiers[side].get();
}

void PlaygroundWorker::explainSide(int side, const QString& text) {
    ft::api::Classifier* classifier = openClassifier(side, m_openFolders[side]);
    if (!classifier) return;
    const std::string utf8 = toStd(text);
    auto e = classifier->explain(utf8);
    if (!e) return Q_EMIT failed(side, errorText(e.error()));
    // Byte offsets → UTF-16 positions of the same text.
    auto position = [&utf8](int64_t byte) { return static_cast<int>(QString::fromUtf8(utf8.data(), static_cast<qsizetype>(byte)).size()); };
    QVector<int> begins, ends;
    QVector<double> scores;
    for (const auto& t : e->tokens) {
        if (t.special || t.begin < 0) continue;
        begins.append(position(t.begin));
        ends.append(position(t.end));
        scores.append(t.attribution);
    }
    const QString label = toQ(e->prediction.labels[static_cast<size_t>(e->targetClass)]);
    const QLocale locale;
    const QString summary = tr("Why \u201c%1\u201d: the words moved its probability from %2 (no words) to %3.")
                                .arg(label, locale.toString(e->baselineProbability, 'f', 3), locale.toString(e->targetProbability, 'f', 3));
    Q_EMIT explained(side, text, begins, ends, scores, summary);
}

void PlaygroundWorker::runSide(int side, const PlaygroundRequest& request) {
    Q_EMIT started(side);
    ft::api::PlaygroundModel* model = open(side, request.folders[side]);
    if (!model) return;
    const std::string text = toStd(request.text);
    if (request.kind == PlaygroundRequest::Kind::Explain) {
        if (!model->canClassify()) return Q_EMIT unavailable(side, tr("Explanations are for classifiers; this model continues text."));
        return explainSide(side, request.text);
    }
    if (request.kind == PlaygroundRequest::Kind::Classify) {
        if (!model->canClassify()) return Q_EMIT unavailable(side, tr("This model has no classification head (fine-tuning for classification adds one), so it cannot classify. "
                                        "Use Generate."));
        auto result = model->classify(text);
        if (!result) return Q_EMIT failed(side, errorText(result.error()));
        QStringList labels;
        QVector<double> probabilities;
        for (const auto& p : *result) labels.append(toQ(p.label)), probabilities.append(p.probability);
        return Q_EMIT classified(side, labels, probabilities);
    }
    if (!model->canGenerate()) return Q_EMIT unavailable(side, tr("This model is a classifier; it cannot continue text. Use Classify."));
    auto onText = [this, side](const std::string& piece) {
        Q_EMIT textGenerated(side, toQ(piece));
        return true;
    };
    auto result = model->generate(text, request.settings, onText, &m_cancel);
    if (!result) return Q_EMIT failed(side, errorText(result.error()));
    Q_EMIT generationFinished(side, toQ(result->text), toQ(result->stopReason), result->tokenCount, result->seconds);
}

void PlaygroundWorker::run(const PlaygroundRequest& request) {
    for (int side = 0; side < 2; ++side)
        if (!request.folders[side].isEmpty() && !m_cancel.load()) runSide(side, request);
    Q_EMIT finished();
}

}  // namespace ft::ui

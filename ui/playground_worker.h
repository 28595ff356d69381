#pragma once
// Lives on the Playground's thread: opens the two models (kept open until their folder changes),
// classifies or generates with each in turn and reports through queued signals.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>

#include "core/api/classifier.h"
#include "core/api/playground.h"

namespace ft::ui {

enum class PlaygroundSide { FineTuned = 0, Base = 1 };

struct PlaygroundRequest {
    enum class Kind { Classify, Generate, Explain };
    Kind kind = Kind::Generate;
    QString text;
    QString folders[2];                      // by PlaygroundSide; an empty folder is skipped
    ft::api::GenerationSettings settings;
};

class PlaygroundWorker : public QObject {
    Q_OBJECT
public:
    explicit PlaygroundWorker(const std::atomic<bool>& cancel);
    ~PlaygroundWorker() override;

    // Runs on the worker thread; blocks until both sides are done or stopped.
    void run(const PlaygroundRequest& request);

Q_SIGNALS:
    // `side` is a PlaygroundSide as int (queued connections carry plain types).
    void started(int side);
    void textGenerated(int side, const QString& piece);
    void generationFinished(int side, const QString& text, const QString& stopReason, qint64 tokens, double seconds);
    void classified(int side, const QStringList& labels, const QVector<double>& probabilities);
    // Integrated-gradients attributions of the predicted class: one span per placed token, in
    // QString (UTF-16) positions of `text`; `summary` names the class and the probability change.
    void explained(int side, const QString& text, const QVector<int>& begins, const QVector<int>& ends,
                   const QVector<double>& scores, const QString& summary);
    void failed(int side, const QString& message);
    // The model cannot do what was asked (a causal LM asked to classify, a classifier to generate).
    void unavailable(int side, const QString& message);
    void finished();

private:
    ft::api::PlaygroundModel* open(int side, const QString& folder);
    ft::api::Classifier* openClassifier(int side, const QString& folder);
    void explainSide(int side, const QString& text);
    void runSide(int side, const PlaygroundRequest& request);

    const std::atomic<bool>& m_cancel;
    std::unique_ptr<ft::api::PlaygroundModel> m_models[2];
    QString m_openFolders[2];
    std::unique_ptr<ft::api::Classifier> m_classifiers[2];   // opened on the first Explain
    QString m_classifierFolders[2];
};

}  // namespace ft::ui

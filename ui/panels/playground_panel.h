#pragma once
// Step 7: try the fine-tuned model beside its base model — classify a text (a probability bar per
// label) or let both continue it (text streams in, Stop ends it). The models run on the
// Playground's own thread; the panel never waits for them.

#include <QString>
#include <QTimer>

#include "core/api/playground.h"
#include "ui/panels/playground_column.h"
#include "ui/playground_worker.h"
#include "ui/step_panel.h"

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ft::ui {

class PlaygroundController;

class PlaygroundPanel : public StepPanel {
    Q_OBJECT
public:
    explicit PlaygroundPanel(QWidget* parent = nullptr);
    ~PlaygroundPanel() override;

    // The base model follows the job's model until one is chosen here.
    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override;

    // A run folder (its best or merged model) or a model folder. A run's base model becomes the
    // base side unless one was chosen.
    void setFineTunedModel(const QString& folder);
    void setBaseModel(const QString& folder);
    QString fineTunedModel() const { return m_folders[0]; }
    QString baseModel() const { return m_folders[1]; }

    void setInputText(const QString& text);
    void setGenerationSettings(const ft::api::GenerationSettings& settings);
    ft::api::GenerationSettings generationSettings() const;

    // Start in the background; false when busy or there is nothing to run.
    bool classify();
    bool generate();
    void stop();
    bool isBusy() const;

    PlaygroundColumn* column(PlaygroundSide side) const { return m_columns[int(side)]; }

    // Explain: integrated-gradients attributions of each classifier's prediction (core/api/classifier.h),
    // shown by shading the input text under the result.
    bool explain();

public Q_SLOTS:
    void showAttributions(ft::ui::PlaygroundSide side, const QString& text, const QVector<ft::ui::TokenAttribution>& spans);

Q_SIGNALS:
    void requestFinished();
    void statusMessage(const QString& text);

private:
    bool startRequest(PlaygroundRequest::Kind kind);
    void chooseModel(PlaygroundSide side);
    void flushPending();
    void onFinished();
    void updateWidgets();

    PlaygroundController* m_controller = nullptr;
    QLineEdit* m_modelEdits[2] = {};
    QPushButton* m_chooseButtons[2] = {};
    QPlainTextEdit* m_input = nullptr;
    QPushButton* m_classifyButton = nullptr;
    QPushButton* m_generateButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_explainButton = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_status = nullptr;
    QSpinBox* m_maxNewTokens = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QSpinBox* m_topK = nullptr;
    QDoubleSpinBox* m_topP = nullptr;
    QDoubleSpinBox* m_repetitionPenalty = nullptr;
    QSpinBox* m_seed = nullptr;
    QLineEdit* m_stopString = nullptr;
    PlaygroundColumn* m_columns[2] = {};

    QString m_folders[2];
    bool m_baseChosen = false;     // the user picked the base; it no longer follows the job or run
    QString m_pending[2];          // streamed text not yet shown (flushed every 40 ms)
    QTimer m_flushTimer;
    bool m_hadResult = false;
    bool m_hadProblem = false;
};

}  // namespace ft::ui

Q_DECLARE_METATYPE(ft::ui::TokenAttribution)

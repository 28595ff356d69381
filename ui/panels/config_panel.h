#pragma once
// Step 3: hyperparameters, LoRA, freezing, early stopping and the fairness checks of the final
// evaluation. Every field has a tooltip saying what it does.

#include "ui/step_panel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace ft::ui {

class LayerMapView;

class SciSpinBox;

class ConfigPanel : public StepPanel {
    Q_OBJECT
public:
    explicit ConfigPanel(QWidget* parent = nullptr);

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override { return m_visited ? StepState::Done : StepState::Pending; }

    // Bounds the "freeze lower blocks" slider; 0 = unknown model (a generous bound is used).
    void setModelLayers(int layers);
    int lowerBlocksMaximum() const;
    // config.json's model_type of the chosen model ("gpt2"; empty = unknown): the LoRA target
    // modules field shows that architecture's default as its placeholder.
    void setModelType(const QString& modelType);
    void markVisited();
    // The job file last saved or opened: the Run box shows `finetune train FILE` for it.
    void setJobFile(const QString& file);
    QComboBox* presetCombo() const { return m_preset; }
    QString commandLine() const;

private:
    void updateFreezingEnabled();
    void updateMemoryEstimate();
    void updateLayerMap(const ft::api::JobConfig& job);
    void onLoraToggled(bool on);
    void setFreezingWidgets(const ft::api::FreezingSection& f, bool fromScratch);
    void updateIntersectionsEnabled();
    // A file dialog that starts beside the file already in `edit` and writes the choice into it.
    void chooseFileInto(QLineEdit* edit, const QString& title, const QString& filter);

    void applyPreset(int index);
    void updatePresetChoice();   // shows the preset the fields match, or "Custom"

    QComboBox* m_preset = nullptr;
    QLineEdit* m_command = nullptr;       // the equivalent `finetune train` command
    QString m_jobFile;                    // where the job was last saved or opened from
    QLineEdit* m_name = nullptr;
    QCheckBox* m_fromScratch = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_maxSteps = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QSpinBox* m_gradAccum = nullptr;
    SciSpinBox* m_lr = nullptr;
    QDoubleSpinBox* m_weightDecay = nullptr;
    QDoubleSpinBox* m_warmupRatio = nullptr;
    QComboBox* m_schedule = nullptr;
    QDoubleSpinBox* m_clip = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_device = nullptr;
    QComboBox* m_precision = nullptr;
    QLabel* m_hardwareNote = nullptr;
    QLabel* m_memory = nullptr;          // the job's memory estimate against the free memory
    QTimer* m_memoryTimer = nullptr;     // recomputes it shortly after the settings change
    QSpinBox* m_evalEvery = nullptr;
    QSpinBox* m_patience = nullptr;
    QComboBox* m_stopMetric = nullptr;        // early_stopping_metric (also picks best/)
    QDoubleSpinBox* m_minDelta = nullptr;
    QDoubleSpinBox* m_labelSmoothing = nullptr;
    QDoubleSpinBox* m_dropout = nullptr;      // its minimum means "as the model's config.json"
    QDoubleSpinBox* m_l2sp = nullptr;
    QCheckBox* m_freezeEmbeddings = nullptr;
    QSlider* m_lowerBlocksSlider = nullptr;
    QSpinBox* m_lowerBlocks = nullptr;
    QCheckBox* m_headOnly = nullptr;
    QSpinBox* m_gradualUnfreeze = nullptr;
    QDoubleSpinBox* m_layerLrDecay = nullptr;
    QLabel* m_freezingNote = nullptr;
    LayerMapView* m_layerMap = nullptr;   // the model's layers, trainable or frozen
    QLabel* m_layerSummary = nullptr;
    QCheckBox* m_loraEnabled = nullptr;
    QSpinBox* m_loraRank = nullptr;
    QDoubleSpinBox* m_loraAlpha = nullptr;
    QDoubleSpinBox* m_loraDropout = nullptr;
    QLineEdit* m_loraTargets = nullptr;
    QCheckBox* m_rsLora = nullptr;
    QCheckBox* m_counterfactual = nullptr;
    QLineEdit* m_swapList = nullptr;
    QPushButton* m_swapListButton = nullptr;
    QCheckBox* m_intersections = nullptr;
    QCheckBox* m_beforeTraining = nullptr;
    QLineEdit* m_referenceText = nullptr;
    QPushButton* m_referenceTextButton = nullptr;

    // While LoRA is on the freezing widgets show "off"; what they held before comes back when it is
    // switched off again.
    ft::api::FreezingSection m_freezingBeforeLora;
    bool m_fromScratchBeforeLora = false;
    bool m_loading = false;

    // Everything loaded, so fields without a widget survive load → store unchanged.
    ft::api::JobConfig m_loaded;
    bool m_visited = false;
};

}  // namespace ft::ui

#pragma once
// Step 3: hyperparameters, freezing and early stopping. Every field has a tooltip saying what it does.

#include "ui/step_panel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSlider;
class QSpinBox;

namespace ft::ui {

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
    void markVisited();

private:
    void updateFreezingEnabled();

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
    QSpinBox* m_evalEvery = nullptr;
    QSpinBox* m_patience = nullptr;
    QCheckBox* m_freezeEmbeddings = nullptr;
    QSlider* m_lowerBlocksSlider = nullptr;
    QSpinBox* m_lowerBlocks = nullptr;
    QCheckBox* m_headOnly = nullptr;
    QSpinBox* m_gradualUnfreeze = nullptr;
    QDoubleSpinBox* m_layerLrDecay = nullptr;

    // Everything loaded, so fields without a widget survive load → store unchanged.
    ft::api::JobConfig m_loaded;
    bool m_visited = false;
};

}  // namespace ft::ui

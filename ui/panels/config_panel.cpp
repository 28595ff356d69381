#include "ui/panels/config_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

#include "ui/panels/panel_header.h"
#include "ui/qt_convert.h"
#include "ui/widgets/sci_spin_box.h"

namespace ft::ui {

namespace {
constexpr int kUnknownLayerBound = 48;

QSpinBox* spin(QWidget* parent, int min, int max, const QString& tip, const QString& special = {}) {
    auto* s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setToolTip(tip);
    if (!special.isEmpty()) s->setSpecialValueText(special);
    s->setAccelerated(true);
    return s;
}

QDoubleSpinBox* dspin(QWidget* parent, double min, double max, int decimals, double step, const QString& tip) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(min, max);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    s->setToolTip(tip);
    return s;
}

// The form's label carries the same tooltip as the field, so hovering either explains it.
void addRow(QFormLayout* form, const QString& label, QWidget* field) {
    form->addRow(label, field);
    if (QWidget* l = form->labelForField(field)) l->setToolTip(field->toolTip());
}
}  // namespace

ConfigPanel::ConfigPanel(QWidget* parent) : StepPanel(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->addWidget(makePanelHeader(tr("Configure training"),
                                     tr("Sensible defaults are filled in. Hover any field for what it does."), this));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* content = new QWidget(scroll);
    auto* columns = new QHBoxLayout(content);
    columns->setContentsMargins(0, 0, 0, 0);
    auto* leftCol = new QVBoxLayout;
    auto* rightCol = new QVBoxLayout;
    columns->addLayout(leftCol, 1);
    columns->addSpacing(12);
    columns->addLayout(rightCol, 1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    // --- Run -------------------------------------------------------------------------------------
    auto* runBox = new QGroupBox(tr("Run"), content);
    auto* runForm = new QFormLayout(runBox);
    m_name = new QLineEdit(runBox);
    m_name->setToolTip(tr("Name of the run; the run folder is named <date>-<name>."));
    m_fromScratch = new QCheckBox(tr("From scratch (random init) baseline"), runBox);
    m_fromScratch->setToolTip(tr("Train the same architecture from random weights, to measure what pre-training adds."));
    addRow(runForm, tr("Run name:"), m_name);
    runForm->addRow(QString(), m_fromScratch);
    leftCol->addWidget(runBox);

    // --- Optimization ----------------------------------------------------------------------------
    auto* optBox = new QGroupBox(tr("Optimization"), content);
    auto* opt = new QFormLayout(optBox);
    m_epochs = spin(optBox, 1, 1000, tr("Passes over the training data."));
    m_maxSteps = spin(optBox, -1, 100000000, tr("Stop after this many optimizer steps; overrides epochs when set."),
                      tr("off (use epochs)"));
    m_batchSize = spin(optBox, 1, 4096, tr("Examples per micro-batch. Larger needs more memory."));
    m_gradAccum = spin(optBox, 1, 1024,
                       tr("Micro-batches accumulated per optimizer step: effective batch = batch size \u00d7 this."));
    m_lr = new SciSpinBox(optBox);
    m_lr->setToolTip(tr("Peak learning rate after warm-up. 2e-5 to 5e-5 is typical for full fine-tuning."));
    m_weightDecay = dspin(optBox, 0.0, 1.0, 4, 0.01, tr("AdamW weight decay; never applied to biases and norms."));
    m_warmupRatio = dspin(optBox, 0.0, 0.5, 3, 0.01, tr("Share of the steps over which the learning rate ramps up from 0."));
    m_schedule = new QComboBox(optBox);
    m_schedule->addItem(tr("Linear decay"), static_cast<int>(ft::api::Schedule::Linear));
    m_schedule->addItem(tr("Cosine decay"), static_cast<int>(ft::api::Schedule::Cosine));
    m_schedule->addItem(tr("Constant"), static_cast<int>(ft::api::Schedule::Constant));
    m_schedule->setToolTip(tr("How the learning rate falls after warm-up."));
    m_clip = dspin(optBox, 0.0, 1000.0, 3, 0.1, tr("Clip the gradient norm to this value; 0 disables clipping."));
    m_clip->setSpecialValueText(tr("off"));
    addRow(opt, tr("Epochs:"), m_epochs);
    addRow(opt, tr("Max steps:"), m_maxSteps);
    addRow(opt, tr("Batch size:"), m_batchSize);
    addRow(opt, tr("Gradient accumulation:"), m_gradAccum);
    addRow(opt, tr("Learning rate:"), m_lr);
    addRow(opt, tr("Schedule:"), m_schedule);
    addRow(opt, tr("Warm-up ratio:"), m_warmupRatio);
    addRow(opt, tr("Weight decay:"), m_weightDecay);
    addRow(opt, tr("Gradient clipping:"), m_clip);
    leftCol->addWidget(optBox);
    leftCol->addStretch(1);

    // --- Freezing --------------------------------------------------------------------------------
    auto* freezeBox = new QGroupBox(tr("Freezing"), content);
    auto* fr = new QFormLayout(freezeBox);
    m_freezeEmbeddings = new QCheckBox(tr("Freeze embeddings"), freezeBox);
    m_freezeEmbeddings->setToolTip(tr("Keep token and position embeddings fixed; saves memory, often no loss in accuracy."));
    m_headOnly = new QCheckBox(tr("Train the head only"), freezeBox);
    m_headOnly->setToolTip(tr("Freeze the whole transformer and train only the task head (fast linear probe)."));
    auto* blocksRow = new QWidget(freezeBox);
    auto* blocksLayout = new QHBoxLayout(blocksRow);
    blocksLayout->setContentsMargins(0, 0, 0, 0);
    m_lowerBlocksSlider = new QSlider(Qt::Horizontal, blocksRow);
    m_lowerBlocks = spin(blocksRow, 0, kUnknownLayerBound, tr("Freeze the lowest N transformer blocks."), tr("none"));
    m_lowerBlocksSlider->setRange(0, kUnknownLayerBound);
    m_lowerBlocksSlider->setToolTip(m_lowerBlocks->toolTip());
    blocksRow->setToolTip(m_lowerBlocks->toolTip());
    blocksLayout->addWidget(m_lowerBlocksSlider, 1);
    blocksLayout->addWidget(m_lowerBlocks);
    m_gradualUnfreeze = spin(freezeBox, 0, 1000000,
                             tr("Start frozen and unfreeze one more block, top-down, every K steps."), tr("off"));
    m_layerLrDecay = dspin(freezeBox, 0.05, 1.0, 3, 0.05,
                           tr("Lower layers learn slower: lr \u00d7 decay^(distance from the top). 1 = same rate everywhere."));
    fr->addRow(QString(), m_freezeEmbeddings);
    fr->addRow(QString(), m_headOnly);
    addRow(fr, tr("Freeze lower blocks:"), blocksRow);
    addRow(fr, tr("Gradual unfreeze every:"), m_gradualUnfreeze);
    addRow(fr, tr("Layer-wise lr decay:"), m_layerLrDecay);
    m_gradualUnfreeze->setSuffix(tr(" steps"));
    rightCol->addWidget(freezeBox);

    // --- Evaluation and reproducibility ----------------------------------------------------------
    auto* evalBox = new QGroupBox(tr("Evaluation and stopping"), content);
    auto* ev = new QFormLayout(evalBox);
    m_evalEvery = spin(evalBox, 0, 100000000, tr("Evaluate on the validation split every N steps."),
                       tr("end of each epoch"));
    m_patience = spin(evalBox, 0, 1000, tr("Stop when validation loss has not improved for this many evaluations."),
                      tr("off"));
    m_seed = spin(evalBox, 0, std::numeric_limits<int>::max(), tr("Seed for shuffling and initialization: same seed, same run."));
    m_threads = spin(evalBox, 0, 256, tr("CPU threads for training."), tr("all cores"));
    addRow(ev, tr("Evaluate every:"), m_evalEvery);
    addRow(ev, tr("Early stopping patience:"), m_patience);
    addRow(ev, tr("Seed:"), m_seed);
    addRow(ev, tr("Threads:"), m_threads);
    rightCol->addWidget(evalBox);
    rightCol->addStretch(1);

    connect(m_lowerBlocksSlider, &QSlider::valueChanged, m_lowerBlocks, &QSpinBox::setValue);
    connect(m_lowerBlocks, &QSpinBox::valueChanged, m_lowerBlocksSlider, &QSlider::setValue);
    connect(m_headOnly, &QCheckBox::toggled, this, &ConfigPanel::updateFreezingEnabled);

    loadJob(ft::api::JobConfig{});
    m_visited = false;
}

void ConfigPanel::updateFreezingEnabled() {
    // Head-only freezes everything below the head; the finer controls would be ignored.
    const bool fine = !m_headOnly->isChecked();
    m_freezeEmbeddings->setEnabled(fine);
    m_lowerBlocksSlider->setEnabled(fine);
    m_lowerBlocks->setEnabled(fine);
    m_gradualUnfreeze->setEnabled(fine);
}

void ConfigPanel::setModelLayers(int layers) {
    const int bound = layers > 0 ? layers : kUnknownLayerBound;
    m_lowerBlocksSlider->setMaximum(bound);
    m_lowerBlocks->setMaximum(bound);
}

int ConfigPanel::lowerBlocksMaximum() const { return m_lowerBlocks->maximum(); }

void ConfigPanel::markVisited() {
    if (m_visited) return;
    m_visited = true;
    Q_EMIT stateChanged();
}

void ConfigPanel::loadJob(const ft::api::JobConfig& job) {
    m_loaded = job;
    const auto& t = job.training;
    const auto& f = job.freezing;
    m_name->setText(toQ(job.name));
    m_fromScratch->setChecked(job.model.fromScratch);
    m_epochs->setValue(static_cast<int>(t.epochs));
    m_maxSteps->setValue(static_cast<int>(t.maxSteps));
    m_batchSize->setValue(static_cast<int>(t.batchSize));
    m_gradAccum->setValue(static_cast<int>(t.gradAccumSteps));
    m_lr->setValue(t.learningRate);
    m_weightDecay->setValue(t.weightDecay);
    m_warmupRatio->setValue(t.warmupRatio);
    m_schedule->setCurrentIndex(m_schedule->findData(static_cast<int>(t.schedule)));
    m_clip->setValue(t.maxGradNorm);
    m_seed->setValue(static_cast<int>(std::min<uint64_t>(t.seed, std::numeric_limits<int>::max())));
    m_threads->setValue(t.threads);
    m_evalEvery->setValue(static_cast<int>(t.evalEverySteps));
    m_patience->setValue(static_cast<int>(t.earlyStoppingPatience));
    m_freezeEmbeddings->setChecked(f.embeddings);
    // A job may name more blocks than the bound known so far; widen rather than silently clamp.
    if (f.lowerBlocks > m_lowerBlocks->maximum()) setModelLayers(static_cast<int>(f.lowerBlocks));
    m_lowerBlocks->setValue(static_cast<int>(f.lowerBlocks));
    m_headOnly->setChecked(f.headOnly);
    m_gradualUnfreeze->setValue(static_cast<int>(f.gradualUnfreezeSteps));
    m_layerLrDecay->setValue(f.layerLrDecay);
    updateFreezingEnabled();
}

void ConfigPanel::storeJob(ft::api::JobConfig& job) const {
    auto& t = job.training;
    auto& f = job.freezing;
    t = m_loaded.training;  // fields without a widget (optimizer, betas, device, ...) as loaded
    f = m_loaded.freezing;
    job.name = toStd(m_name->text());
    job.model.fromScratch = m_fromScratch->isChecked();
    t.epochs = m_epochs->value();
    t.maxSteps = m_maxSteps->value();
    t.batchSize = m_batchSize->value();
    t.gradAccumSteps = m_gradAccum->value();
    t.learningRate = m_lr->value();
    t.weightDecay = m_weightDecay->value();
    t.warmupRatio = m_warmupRatio->value();
    t.schedule = static_cast<ft::api::Schedule>(m_schedule->currentData().toInt());
    // A negative norm also means "off"; keep it as loaded instead of rewriting it to 0.
    if (!(m_loaded.training.maxGradNorm < 0 && m_clip->value() == 0.0)) t.maxGradNorm = m_clip->value();
    if (m_seed->value() != static_cast<int>(std::min<uint64_t>(m_loaded.training.seed, std::numeric_limits<int>::max())))
        t.seed = static_cast<uint64_t>(m_seed->value());
    t.threads = m_threads->value();
    t.evalEverySteps = m_evalEvery->value();
    t.earlyStoppingPatience = m_patience->value();
    f.embeddings = m_freezeEmbeddings->isChecked();
    f.lowerBlocks = m_lowerBlocks->value();
    f.headOnly = m_headOnly->isChecked();
    f.gradualUnfreezeSteps = m_gradualUnfreeze->value();
    f.layerLrDecay = m_layerLrDecay->value();
}

}  // namespace ft::ui

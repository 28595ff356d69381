#include "ui/panels/config_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

#include "core/api/hardware.h"
#include "core/api/layer_map.h"
#include "core/api/memory_estimate.h"
#include "core/api/model_info.h"
#include "ui/error_text.h"
#include "ui/panels/panel_header.h"
#include "ui/panels/training_presets.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"
#include "ui/widgets/layer_map_view.h"
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

// "q_proj, v_proj" ↔ {"q_proj", "v_proj"}; blanks and empty entries are dropped.
std::vector<std::string> splitModules(const QString& text) {
    std::vector<std::string> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty()) out.push_back(toStd(part.trimmed()));
    return out;
}

// Every pair of the sensitive attributes, in the Data step's order.
std::vector<std::vector<std::string>> allPairs(const std::vector<std::string>& columns) {
    std::vector<std::vector<std::string>> out;
    for (size_t i = 0; i < columns.size(); ++i)
        for (size_t j = i + 1; j < columns.size(); ++j) out.push_back({columns[i], columns[j]});
    return out;
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
    m_preset = new QComboBox(runBox);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->addItem(tr("Custom"), QString());
    for (const TrainingPreset& p : TrainingPresets::all()) {
        m_preset->addItem(p.title, p.key);
        m_preset->setItemData(m_preset->count() - 1, p.description, Qt::ToolTipRole);
    }
    m_preset->setToolTip(tr("Quick, Balanced or Thorough set epochs, learning rate, warm-up, schedule, weight decay, "
                            "label smoothing and early stopping together; change any field afterwards."));
    connect(m_preset, &QComboBox::activated, this, &ConfigPanel::applyPreset);
    auto* commandRow = new QWidget(runBox);
    auto* commandLayout = new QHBoxLayout(commandRow);
    commandLayout->setContentsMargins(0, 0, 0, 0);
    m_command = new QLineEdit(commandRow);
    m_command->setObjectName(QStringLiteral("commandLine"));
    m_command->setReadOnly(true);
    m_command->setToolTip(tr("The same job without the app, e.g. on a server: save it (File \u25b8 Save job as\u2026) and run "
                             "this command. `finetune resume RUN_FOLDER` continues a stopped run."));
    auto* copy = new QPushButton(tr("Copy"), commandRow);
    copy->setToolTip(tr("Copy the command to the clipboard"));
    connect(copy, &QPushButton::clicked, this, [this]() { QApplication::clipboard()->setText(m_command->text()); });
    commandLayout->addWidget(m_command, 1);
    commandLayout->addWidget(copy);
    addRow(runForm, tr("Preset:"), m_preset);
    addRow(runForm, tr("Run name:"), m_name);
    runForm->addRow(QString(), m_fromScratch);
    addRow(runForm, tr("Command line:"), commandRow);
    setJobFile(QString());
    leftCol->addWidget(runBox);

    // --- Optimization ----------------------------------------------------------------------------
    auto* optBox = new QGroupBox(tr("Optimization"), content);
    auto* opt = new QFormLayout(optBox);
    m_epochs = spin(optBox, 1, 1000, tr("Passes over the training data."));
    m_epochs->setObjectName(QStringLiteral("epochs"));
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

    // --- LoRA ------------------------------------------------------------------------------------
    auto* loraBox = new QGroupBox(tr("LoRA (low-rank adapters)"), content);
    auto* lora = new QFormLayout(loraBox);
    m_loraEnabled = new QCheckBox(tr("Train LoRA adapters instead of all weights"), loraBox);
    m_loraEnabled->setObjectName(QStringLiteral("loraEnabled"));
    m_loraEnabled->setToolTip(tr("Keep the pretrained weights frozen and train small low-rank adapters (plus the "
                                 "classification head): far less memory, and the run also writes a PEFT adapter. "
                                 "Not with from-scratch runs. Default: off."));
    m_loraRank = spin(loraBox, 1, 1024, tr("Inner size of each adapter: higher ranks can learn more but train "
                                           "more parameters. Default: 8."));
    m_loraRank->setObjectName(QStringLiteral("loraRank"));
    m_loraAlpha = dspin(loraBox, 0.01, 100000.0, 2, 1.0,
                        tr("Scales the adapters' update by alpha / r (alpha / \u221ar with rsLoRA). Default: 16."));
    m_loraAlpha->setObjectName(QStringLiteral("loraAlpha"));
    m_loraDropout = dspin(loraBox, 0.0, 0.99, 3, 0.05, tr("Dropout on the adapters' input while training. Default: 0.05."));
    m_loraDropout->setObjectName(QStringLiteral("loraDropout"));
    m_loraTargets = new QLineEdit(loraBox);
    m_loraTargets->setObjectName(QStringLiteral("loraTargets"));
    m_loraTargets->setToolTip(tr("Names of the linear layers that get adapters, comma-separated (e.g. q_proj, v_proj). "
                                 "Default: empty, PEFT's choice for the architecture, shown in grey."));
    m_rsLora = new QCheckBox(tr("Rank-stabilized scaling (rsLoRA)"), loraBox);
    m_rsLora->setObjectName(QStringLiteral("rsLora"));
    m_rsLora->setToolTip(tr("Scale by alpha / \u221ar instead of alpha / r, so that high ranks keep learning. Default: off."));
    lora->addRow(QString(), m_loraEnabled);
    addRow(lora, tr("Rank (r):"), m_loraRank);
    addRow(lora, tr("Alpha:"), m_loraAlpha);
    addRow(lora, tr("Dropout:"), m_loraDropout);
    addRow(lora, tr("Target modules:"), m_loraTargets);
    lora->addRow(QString(), m_rsLora);
    rightCol->addWidget(loraBox);
    setModelType(QString());

    // --- Freezing --------------------------------------------------------------------------------
    auto* freezeBox = new QGroupBox(tr("Freezing"), content);
    auto* fr = new QFormLayout(freezeBox);
    m_freezeEmbeddings = new QCheckBox(tr("Freeze embeddings"), freezeBox);
    m_freezeEmbeddings->setObjectName(QStringLiteral("freezeEmbeddings"));
    m_freezeEmbeddings->setToolTip(tr("Keep token and position embeddings fixed; saves memory, often no loss in accuracy."));
    m_headOnly = new QCheckBox(tr("Train the head only"), freezeBox);
    m_headOnly->setObjectName(QStringLiteral("headOnly"));
    m_headOnly->setToolTip(tr("Freeze the whole transformer and train only the task head (fast linear probe)."));
    auto* blocksRow = new QWidget(freezeBox);
    auto* blocksLayout = new QHBoxLayout(blocksRow);
    blocksLayout->setContentsMargins(0, 0, 0, 0);
    m_lowerBlocksSlider = new QSlider(Qt::Horizontal, blocksRow);
    m_lowerBlocks = spin(blocksRow, 0, kUnknownLayerBound, tr("Freeze the lowest N transformer blocks."), tr("none"));
    m_lowerBlocks->setObjectName(QStringLiteral("lowerBlocks"));
    m_lowerBlocksSlider->setRange(0, kUnknownLayerBound);
    m_lowerBlocksSlider->setToolTip(m_lowerBlocks->toolTip());
    blocksRow->setToolTip(m_lowerBlocks->toolTip());
    blocksLayout->addWidget(m_lowerBlocksSlider, 1);
    blocksLayout->addWidget(m_lowerBlocks);
    m_gradualUnfreeze = spin(freezeBox, 0, 1000000,
                             tr("Start frozen and unfreeze one more block, top-down, every K steps."), tr("off"));
    m_layerLrDecay = dspin(freezeBox, 0.05, 1.0, 3, 0.05,
                           tr("Lower layers learn slower: lr \u00d7 decay^(distance from the top). 1 = same rate everywhere."));
    m_freezingNote = new QLabel(tr("With LoRA the base model stays frozen and only the adapters and the head train, "
                                   "so freezing is off. Layer-wise lr decay still applies."),
                                freezeBox);
    m_freezingNote->setWordWrap(true);
    m_freezingNote->setForegroundRole(QPalette::PlaceholderText);
    m_freezingNote->setObjectName(QStringLiteral("freezingNote"));
    fr->addRow(m_freezingNote);
    fr->addRow(QString(), m_freezeEmbeddings);
    fr->addRow(QString(), m_headOnly);
    addRow(fr, tr("Freeze lower blocks:"), blocksRow);
    addRow(fr, tr("Gradual unfreeze every:"), m_gradualUnfreeze);
    addRow(fr, tr("Layer-wise lr decay:"), m_layerLrDecay);
    m_gradualUnfreeze->setSuffix(tr(" steps"));
    m_layerMap = new LayerMapView(freezeBox);
    m_layerSummary = new QLabel(freezeBox);
    m_layerSummary->setObjectName(QStringLiteral("layerSummary"));
    m_layerSummary->setWordWrap(true);
    fr->addRow(m_layerMap);
    fr->addRow(m_layerSummary);
    connect(m_layerMap, &LayerMapView::lowerBlocksRequested, this, [this](int blocks) {
        m_headOnly->setChecked(false);  // a block chosen on the map: the finer control
        m_lowerBlocks->setValue(blocks);
    });
    connect(m_layerMap, &LayerMapView::embeddingsFreezeRequested, this, [this](bool frozen) {
        m_headOnly->setChecked(false);
        m_freezeEmbeddings->setChecked(frozen);
        if (!frozen) m_lowerBlocks->setValue(0);  // frozen lower blocks keep what feeds them frozen too
    });
    rightCol->addWidget(freezeBox);

    // --- Regularization --------------------------------------------------------------------------
    auto* regBox = new QGroupBox(tr("Regularization"), content);
    auto* reg = new QFormLayout(regBox);
    m_labelSmoothing = dspin(regBox, 0.0, 0.5, 2, 0.05,
                             tr("Label smoothing: the training target keeps 1 \u2212 \u03b5 on the true class and spreads \u03b5 over all "
                                "classes, so the model stays less over-confident. 0.1 is common; 0 turns it off."));
    m_labelSmoothing->setSpecialValueText(tr("off"));
    m_labelSmoothing->setObjectName(QStringLiteral("labelSmoothing"));
    m_dropout = dspin(regBox, -0.05, 0.9, 2, 0.05,
                      tr("Dropout probability for every dropout layer of the model (hidden, attention, classifier). "
                         "Higher fights overfitting on small data; the lowest setting keeps the model's own values."));
    m_dropout->setSpecialValueText(tr("as the model"));
    m_dropout->setObjectName(QStringLiteral("dropout"));
    m_l2sp = dspin(regBox, 0.0, 10.0, 4, 0.001,
                   tr("L2-SP: pulls the pretrained weights back towards their starting values with strength \u03b1 "
                      "(penalty \u03b1/2\u00b7\u2016w \u2212 w\u2080\u2016\u00b2), against forgetting what pre-training taught. "
                      "0.001 to 0.01 is a typical start; not used with LoRA."));
    m_l2sp->setSpecialValueText(tr("off"));
    m_l2sp->setObjectName(QStringLiteral("l2sp"));
    addRow(reg, tr("Label smoothing:"), m_labelSmoothing);
    addRow(reg, tr("Dropout:"), m_dropout);
    addRow(reg, tr("L2-SP strength:"), m_l2sp);
    rightCol->addWidget(regBox);

    // --- Evaluation and reproducibility ----------------------------------------------------------
    auto* evalBox = new QGroupBox(tr("Evaluation and stopping"), content);
    auto* ev = new QFormLayout(evalBox);
    m_evalEvery = spin(evalBox, 0, 100000000, tr("Evaluate on the validation split every N steps."),
                       tr("end of each epoch"));
    m_patience = spin(evalBox, 0, 1000, tr("Stop when the monitored validation metric has not improved for this many evaluations; "
                                           "the best model so far is what the run keeps."),
                      tr("off"));
    m_stopMetric = new QComboBox(evalBox);
    m_stopMetric->setObjectName(QStringLiteral("stopMetric"));
    m_stopMetric->addItem(tr("Automatic (accuracy, or loss for a language model)"), QStringLiteral("auto"));
    m_stopMetric->addItem(tr("Validation loss (lower is better)"), QStringLiteral("loss"));
    m_stopMetric->addItem(tr("Accuracy"), QStringLiteral("accuracy"));
    m_stopMetric->addItem(tr("Macro-F1"), QStringLiteral("f1_macro"));
    m_stopMetric->addItem(tr("Perplexity (lower is better)"), QStringLiteral("perplexity"));
    m_stopMetric->setToolTip(tr("The validation metric that decides which evaluation is the best (the model kept in best/) "
                                "and when to stop early. Macro-F1 suits imbalanced classes."));
    m_minDelta = dspin(evalBox, 0.0, 1.0, 4, 0.001,
                       tr("An evaluation counts as an improvement for early stopping only when it beats the best by more than this."));
    m_seed = spin(evalBox, 0, std::numeric_limits<int>::max(), tr("Seed for shuffling and initialization: same seed, same run."));
    addRow(ev, tr("Evaluate every:"), m_evalEvery);
    addRow(ev, tr("Best model by:"), m_stopMetric);
    addRow(ev, tr("Early stopping patience:"), m_patience);
    addRow(ev, tr("Minimum improvement:"), m_minDelta);
    addRow(ev, tr("Seed:"), m_seed);
    rightCol->addWidget(evalBox);  // below freezing; the left column keeps optimization and hardware in view

    // --- Hardware --------------------------------------------------------------------------------
    auto* hwBox = new QGroupBox(tr("Hardware"), content);
    auto* hw = new QFormLayout(hwBox);
    const ft::api::Hardware hardware = ft::api::detectHardware();
    m_device = new QComboBox(hwBox);
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(tr("Automatic (GPU if present)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    m_device->setToolTip(tr("Where training runs. Without a usable GPU the run trains on the CPU and says so."));
    m_precision = new QComboBox(hwBox);
    m_precision->setObjectName(QStringLiteral("precision"));
    m_precision->addItem(tr("fp32 (full precision)"), QStringLiteral("fp32"));
    m_precision->addItem(tr("bf16 mixed precision"), QStringLiteral("bf16"));
    m_precision->addItem(tr("fp16 mixed precision (GPU)"), QStringLiteral("fp16"));
    m_precision->addItem(tr("Automatic (bf16 on a GPU)"), QStringLiteral("auto"));
    m_precision->setToolTip(tr("Mixed precision computes the layers in 16-bit floats (faster on a GPU, less activation "
                               "memory) and keeps the weights and optimizer state in 32-bit. fp16 adds loss scaling; "
                               "bf16 needs none and also runs on the CPU."));
    m_threads = spin(hwBox, 0, 256, tr("CPU threads for training."), tr("all cores"));
    m_threads->setObjectName(QStringLiteral("threads"));
    m_hardwareNote = new QLabel(hwBox);
    m_hardwareNote->setObjectName(QStringLiteral("hardwareNote"));
    m_hardwareNote->setWordWrap(true);
    m_hardwareNote->setText(hardware.cudaDevices > 0
                                ? tr("%n CUDA GPU(s) found; %1 CPU cores.", nullptr, hardware.cudaDevices).arg(hardware.cpuCores)
                                : tr("No CUDA GPU found: training runs on the CPU (%1 cores).").arg(hardware.cpuCores));
    addRow(hw, tr("Device:"), m_device);
    addRow(hw, tr("Precision:"), m_precision);
    addRow(hw, tr("Threads:"), m_threads);
    m_memory = new QLabel(hwBox);
    m_memory->setObjectName(QStringLiteral("memoryEstimate"));
    m_memory->setWordWrap(true);
    m_memory->setTextFormat(Qt::RichText);
    addRow(hw, tr("Memory:"), m_memory);
    hw->addRow(m_hardwareNote);
    leftCol->addWidget(hwBox);
    leftCol->addStretch(1);

    // --- Fairness evaluation (after training) ----------------------------------------------------
    auto* fairBox = new QGroupBox(tr("Fairness evaluation"), content);
    auto* fair = new QFormLayout(fairBox);
    m_counterfactual = new QCheckBox(tr("Counterfactual swap test"), fairBox);
    m_counterfactual->setObjectName(QStringLiteral("counterfactual"));
    m_counterfactual->setToolTip(tr("After training, swap identity terms (he \u2194 she, \u2026) in the validation texts "
                                    "and report how often the prediction changes. Default: on."));
    auto* swapRow = new QWidget(fairBox);
    auto* swapLayout = new QHBoxLayout(swapRow);
    swapLayout->setContentsMargins(0, 0, 0, 0);
    m_swapList = new QLineEdit(swapRow);
    m_swapList->setObjectName(QStringLiteral("swapList"));
    m_swapList->setPlaceholderText(tr("built-in English gender terms"));
    m_swapList->setClearButtonEnabled(true);
    m_swapList->setToolTip(tr("A swap-list file: \"[set]\" headers, then lines such as \"he | she\" (interchangeable) "
                              "or \"him -> her\" (one way). Default: empty, the built-in English gender terms."));
    m_swapListButton = new QPushButton(tr("Choose\u2026"), swapRow);
    m_swapListButton->setToolTip(m_swapList->toolTip());
    swapLayout->addWidget(m_swapList, 1);
    swapLayout->addWidget(m_swapListButton);
    swapRow->setToolTip(m_swapList->toolTip());
    m_intersections = new QCheckBox(tr("Also slice by intersections of the sensitive attributes"), fairBox);
    m_intersections->setObjectName(QStringLiteral("intersections"));
    m_intersections->setToolTip(tr("Besides each sensitive attribute alone, report every pair of them "
                                   "(e.g. gender \u00d7 age group): failures can hide in combinations. Needs two or more "
                                   "sensitive attributes (Data step). Default: off."));
    // The checkboxes span the form: their labels are long (and longer translated).
    fair->addRow(m_counterfactual);
    addRow(fair, tr("Swap list:"), swapRow);
    fair->addRow(m_intersections);
    rightCol->addWidget(fairBox);

    // --- Base vs fine-tuned --------------------------------------------------------------------
    auto* compareBox = new QGroupBox(tr("Before and after"), content);
    auto* compare = new QFormLayout(compareBox);
    m_beforeTraining = new QCheckBox(tr("Also evaluate the model before training"), compareBox);
    m_beforeTraining->setObjectName(QStringLiteral("beforeTraining"));
    m_beforeTraining->setToolTip(tr("Measure the validation metrics once before the first step, so the Evaluate step "
                                    "shows what fine-tuning changed. Default: on."));
    auto* referenceRow = new QWidget(compareBox);
    auto* referenceLayout = new QHBoxLayout(referenceRow);
    referenceLayout->setContentsMargins(0, 0, 0, 0);
    m_referenceText = new QLineEdit(referenceRow);
    m_referenceText->setObjectName(QStringLiteral("referenceText"));
    m_referenceText->setPlaceholderText(tr("off"));
    m_referenceText->setClearButtonEnabled(true);
    m_referenceText->setToolTip(tr("A plain-text file of general text. Its perplexity is measured before and after "
                                   "fine-tuning; a rise means the model forgot some of what it knew. Decoder models only "
                                   "(GPT-2, Llama family): a classifier is scored through its tied input embeddings."));
    m_referenceTextButton = new QPushButton(tr("Choose\u2026"), referenceRow);
    m_referenceTextButton->setToolTip(m_referenceText->toolTip());
    referenceLayout->addWidget(m_referenceText, 1);
    referenceLayout->addWidget(m_referenceTextButton);
    referenceRow->setToolTip(m_referenceText->toolTip());
    compare->addRow(m_beforeTraining);
    addRow(compare, tr("Forgetting check:"), referenceRow);
    rightCol->addWidget(compareBox);
    rightCol->addStretch(1);

    connect(m_lowerBlocksSlider, &QSlider::valueChanged, m_lowerBlocks, &QSpinBox::setValue);
    connect(m_lowerBlocks, &QSpinBox::valueChanged, m_lowerBlocksSlider, &QSlider::setValue);
    connect(m_headOnly, &QCheckBox::toggled, this, &ConfigPanel::updateFreezingEnabled);
    connect(m_fromScratch, &QCheckBox::toggled, this, &ConfigPanel::updateFreezingEnabled);
    connect(m_loraEnabled, &QCheckBox::toggled, this, &ConfigPanel::onLoraToggled);
    connect(m_counterfactual, &QCheckBox::toggled, this, [this](bool on) {
        m_swapList->setEnabled(on);
        m_swapListButton->setEnabled(on);
    });
    connect(m_swapListButton, &QPushButton::clicked, this, [this]() {
        chooseFileInto(m_swapList, tr("Choose swap list"), tr("Swap lists (*.txt *.swap);;All files (*)"));
    });
    connect(m_referenceTextButton, &QPushButton::clicked, this, [this]() {
        chooseFileInto(m_referenceText, tr("Choose reference text"), tr("Text files (*.txt);;All files (*)"));
    });

    // The memory estimate follows every setting it depends on, a moment after the last change.
    m_memoryTimer = new QTimer(this);
    m_memoryTimer->setSingleShot(true);
    m_memoryTimer->setInterval(150);
    connect(m_memoryTimer, &QTimer::timeout, this, &ConfigPanel::updateMemoryEstimate);
    const auto later = [this]() {
        if (!m_loading) m_memoryTimer->start();
    };
    for (QSpinBox* box : {m_batchSize, m_lowerBlocks, m_loraRank}) connect(box, &QSpinBox::valueChanged, this, later);
    // The preset combo follows the fields it sets.
    for (QSpinBox* box : {m_epochs, m_patience}) connect(box, &QSpinBox::valueChanged, this, &ConfigPanel::updatePresetChoice);
    for (QDoubleSpinBox* box : {m_warmupRatio, m_weightDecay, m_labelSmoothing})
        connect(box, &QDoubleSpinBox::valueChanged, this, &ConfigPanel::updatePresetChoice);
    connect(m_lr, &SciSpinBox::valueChanged, this, &ConfigPanel::updatePresetChoice);
    connect(m_schedule, &QComboBox::currentIndexChanged, this, &ConfigPanel::updatePresetChoice);
    for (QComboBox* box : {m_device, m_precision}) connect(box, &QComboBox::currentIndexChanged, this, later);
    for (QCheckBox* box : {m_freezeEmbeddings, m_headOnly, m_loraEnabled, m_fromScratch}) connect(box, &QCheckBox::toggled, this, later);
    connect(m_gradualUnfreeze, &QSpinBox::valueChanged, this, later);

    loadJob(ft::api::JobConfig{});
    m_visited = false;
}

void ConfigPanel::updateMemoryEstimate() {
    ft::api::JobConfig job = m_loaded;
    storeJob(job);
    updateLayerMap(job);
    if (job.model.path.empty()) {
        m_memory->setText(tr("known once a model is chosen"));
        m_memory->setToolTip(QString());
        return;
    }
    const auto e = ft::api::estimateJobMemory(job);
    if (!e) {
        m_memory->setText(tr("unknown (%1)").arg(toQ(e.error().message).toHtmlEscaped()));
        m_memory->setToolTip(QString());
        return;
    }
    QString text;
    if (e->availableBytes < 0) {
        text = e->cuda ? tr("\u2248 %1 on the GPU").arg(formatBytes(e->totalBytes))
                       : tr("\u2248 %1 on this computer").arg(formatBytes(e->totalBytes));
    } else if (e->fits) {
        text = (e->cuda ? tr("\u2248 %1 of %2 free on the GPU \u2014 <b>fits</b>")
                        : tr("\u2248 %1 of %2 free on this computer \u2014 <b>fits</b>"))
                   .arg(formatBytes(e->totalBytes), formatBytes(e->availableBytes));
    } else {
        text = (e->cuda ? tr("\u2248 %1, but only %2 free on the GPU \u2014 <b style='color:#c0392b'>does not fit</b>")
                        : tr("\u2248 %1, but only %2 free on this computer \u2014 <b style='color:#c0392b'>does not fit</b>"))
                   .arg(formatBytes(e->totalBytes), formatBytes(e->availableBytes));
        if (!e->suggestions.empty()) text += QStringLiteral("<br>") + tr("Try: %1").arg(toQ(e->suggestions.front()).toHtmlEscaped());
    }
    m_memory->setText(text);
    QString parts = tr("Weights %1, gradients %2, optimizer state %3, activations %4")
                        .arg(formatBytes(e->weightBytes), formatBytes(e->gradientBytes), formatBytes(e->optimizerBytes),
                             formatBytes(e->activationBytes));
    if (e->castCacheBytes > 0) parts += tr(", 16-bit weights %1").arg(formatBytes(e->castCacheBytes));
    if (e->anchorBytes > 0) parts += tr(", L2-SP starting weights %1").arg(formatBytes(e->anchorBytes));
    parts += tr(", runtime %1.").arg(formatBytes(e->runtimeBytes));
    if (e->savedByFreezingBytes > 0) parts += QLatin1Char(' ') + tr("Freezing / LoRA saves %1.").arg(formatBytes(e->savedByFreezingBytes));
    m_memory->setToolTip(parts);
}

void ConfigPanel::applyPreset(int index) {
    const QString key = m_preset->itemData(index).toString();
    for (const TrainingPreset& p : TrainingPresets::all()) {
        if (p.key != key) continue;
        m_epochs->setValue(p.epochs);
        m_maxSteps->setValue(m_maxSteps->minimum());  // epochs decide the length
        m_lr->setValue(p.learningRate);
        m_warmupRatio->setValue(p.warmupRatio);
        m_weightDecay->setValue(p.weightDecay);
        m_schedule->setCurrentIndex(m_schedule->findData(static_cast<int>(p.schedule)));
        m_patience->setValue(p.patience);
        m_labelSmoothing->setValue(p.labelSmoothing);
    }
    updatePresetChoice();
}

void ConfigPanel::updatePresetChoice() {
    int match = 0;
    const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); };
    const auto presets = TrainingPresets::all();
    for (size_t i = 0; i < presets.size(); ++i) {
        const TrainingPreset& p = presets[i];
        if (m_epochs->value() == p.epochs && near(m_lr->value(), p.learningRate) && near(m_warmupRatio->value(), p.warmupRatio) &&
            near(m_weightDecay->value(), p.weightDecay) && m_schedule->currentData().toInt() == static_cast<int>(p.schedule) &&
            m_patience->value() == p.patience && near(m_labelSmoothing->value(), p.labelSmoothing))
            match = static_cast<int>(i) + 1;
    }
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(match);
}

void ConfigPanel::setJobFile(const QString& file) {
    m_jobFile = file;
    m_command->setText(commandLine());
    m_command->setCursorPosition(0);
}

QString ConfigPanel::commandLine() const {
    if (m_jobFile.isEmpty()) return QStringLiteral("finetune train job.json");
    QString quoted = m_jobFile;
    // POSIX shell quoting: only what needs it, and ' inside '…' as '\''.
    if (quoted.contains(QRegularExpression(QStringLiteral("[^A-Za-z0-9_./+:=@%-]"))))
        quoted = QLatin1Char('\'') + quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    return QStringLiteral("finetune train ") + quoted;
}

void ConfigPanel::updateLayerMap(const ft::api::JobConfig& job) {
    if (job.model.path.empty()) {
        m_layerMap->clear(tr("Choose a model to see its layers."));
        m_layerSummary->clear();
        return;
    }
    const auto map = ft::api::layerMap(job);
    if (!map) {
        m_layerMap->clear(tr("The layers cannot be read: %1").arg(toQ(map.error().message)));
        m_layerSummary->clear();
        return;
    }
    m_layerMap->setMap(*map);
    const QLocale locale;
    const double share = map->totalParams > 0 ? 100.0 * double(map->trainableParams) / double(map->totalParams) : 0;
    m_layerSummary->setText(map->lora ? tr("LoRA: the %1 base parameters stay frozen; small adapters and the head train.")
                                            .arg(locale.toString(static_cast<qlonglong>(map->totalParams)))
                                      : tr("Trains %1 of %2 parameters (%3 %), plus a new head where the model has none.")
                                            .arg(locale.toString(static_cast<qlonglong>(map->trainableParams)),
                                                 locale.toString(static_cast<qlonglong>(map->totalParams)),
                                                 locale.toString(share, 'f', 1)));
}

void ConfigPanel::updateFreezingEnabled() {
    // The job validator rejects LoRA together with freezing or a from-scratch baseline.
    const bool lora = m_loraEnabled->isChecked();
    m_headOnly->setEnabled(!lora);
    // Head-only freezes everything below the head; the finer controls would be ignored.
    const bool fine = !lora && !m_headOnly->isChecked();
    m_freezeEmbeddings->setEnabled(fine);
    m_lowerBlocksSlider->setEnabled(fine);
    m_lowerBlocks->setEnabled(fine);
    m_gradualUnfreeze->setEnabled(fine);
    m_freezingNote->setVisible(lora);
    // L2-SP pulls pretrained weights: LoRA freezes them, a from-scratch baseline has none.
    m_l2sp->setEnabled(!lora && !m_fromScratch->isChecked());
    m_fromScratch->setEnabled(!lora);
    m_loraEnabled->setEnabled(lora || !m_fromScratch->isChecked());
    for (QWidget* w : {static_cast<QWidget*>(m_loraRank), static_cast<QWidget*>(m_loraAlpha),
                       static_cast<QWidget*>(m_loraDropout), static_cast<QWidget*>(m_loraTargets),
                       static_cast<QWidget*>(m_rsLora)})
        w->setEnabled(lora);
}

void ConfigPanel::setFreezingWidgets(const ft::api::FreezingSection& f, bool fromScratch) {
    m_fromScratch->setChecked(fromScratch);
    m_freezeEmbeddings->setChecked(f.embeddings);
    // A job may name more blocks than the bound known so far; widen rather than silently clamp.
    if (f.lowerBlocks > m_lowerBlocks->maximum()) setModelLayers(static_cast<int>(f.lowerBlocks));
    m_lowerBlocks->setValue(static_cast<int>(f.lowerBlocks));
    m_headOnly->setChecked(f.headOnly);
    m_gradualUnfreeze->setValue(static_cast<int>(f.gradualUnfreezeSteps));
}

// Switching LoRA on shows the freezing options as off (what the job will hold); switching it off
// again brings back what they were.
void ConfigPanel::onLoraToggled(bool on) {
    if (!m_loading) {
        if (on) {
            m_freezingBeforeLora.embeddings = m_freezeEmbeddings->isChecked();
            m_freezingBeforeLora.lowerBlocks = m_lowerBlocks->value();
            m_freezingBeforeLora.headOnly = m_headOnly->isChecked();
            m_freezingBeforeLora.gradualUnfreezeSteps = m_gradualUnfreeze->value();
            m_fromScratchBeforeLora = m_fromScratch->isChecked();
            setFreezingWidgets(ft::api::FreezingSection{}, false);
        } else {
            setFreezingWidgets(m_freezingBeforeLora, m_fromScratchBeforeLora);
        }
    }
    updateFreezingEnabled();
}

void ConfigPanel::setModelType(const QString& modelType) {
    if (modelType.isEmpty()) {
        m_loraTargets->setPlaceholderText(tr("the architecture's default"));
        return;
    }
    const QStringList defaults = toQList(ft::api::defaultLoraTargetModules(toStd(modelType)));
    m_loraTargets->setPlaceholderText(tr("%1 (default for %2)").arg(defaults.join(QLatin1String(", ")), modelType));
}

void ConfigPanel::updateIntersectionsEnabled() {
    // Intersections need two attributes; the Data step chooses them.
    const bool possible = m_loaded.data.groupColumns.size() >= 2;
    m_intersections->setEnabled(possible || m_intersections->isChecked());
}

void ConfigPanel::chooseFileInto(QLineEdit* edit, const QString& title, const QString& filter) {
    const QString start = edit->text().isEmpty() ? Settings::lastDirectory().get() : QFileInfo(edit->text()).absolutePath();
    const QString file = QFileDialog::getOpenFileName(this, title, start, filter);
    if (file.isEmpty()) return;
    Settings::lastDirectory().set(QFileInfo(file).absolutePath());
    edit->setText(file);
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
    m_loading = true;
    const auto& t = job.training;
    const auto& f = job.freezing;
    m_name->setText(toQ(job.name));
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
    m_device->setCurrentIndex(std::max(0, m_device->findData(QString::fromStdString(t.device))));
    m_precision->setCurrentIndex(std::max(0, m_precision->findData(QString::fromStdString(t.precision))));
    m_evalEvery->setValue(static_cast<int>(t.evalEverySteps));
    m_patience->setValue(static_cast<int>(t.earlyStoppingPatience));
    m_stopMetric->setCurrentIndex(std::max(0, m_stopMetric->findData(QString::fromStdString(t.earlyStoppingMetric))));
    m_minDelta->setValue(t.earlyStoppingMinDelta);
    m_labelSmoothing->setValue(t.labelSmoothing);
    m_dropout->setValue(t.dropout < 0 ? m_dropout->minimum() : t.dropout);
    m_l2sp->setValue(t.l2sp);
    m_layerLrDecay->setValue(f.layerLrDecay);
    const auto& l = job.lora;
    m_loraEnabled->setChecked(l.enabled);
    m_loraRank->setValue(static_cast<int>(std::min<int64_t>(l.rank, m_loraRank->maximum())));
    m_loraAlpha->setValue(l.alpha);
    m_loraDropout->setValue(l.dropout);
    m_loraTargets->setText(toQList(l.targetModules).join(QLatin1String(", ")));
    m_rsLora->setChecked(l.rsLora);
    // A LoRA job with freezing set is invalid; show it as it will be stored (freezing off).
    m_freezingBeforeLora = f;
    m_fromScratchBeforeLora = job.model.fromScratch;
    if (l.enabled) setFreezingWidgets(ft::api::FreezingSection{}, false);
    else setFreezingWidgets(f, job.model.fromScratch);
    const auto& e = job.evaluation;
    m_counterfactual->setChecked(e.counterfactual);
    m_swapList->setText(toQ(e.swapList));
    m_swapList->setEnabled(e.counterfactual);
    m_swapListButton->setEnabled(e.counterfactual);
    m_intersections->setChecked(!e.intersections.empty());
    m_beforeTraining->setChecked(e.beforeTraining);
    m_referenceText->setText(toQ(e.referenceText));
    // Perplexity needs a language-model head: a causal LM, or a GPT-2 classifier (its LM head is
    // its tied input embeddings). Other classifiers wait for the Data step's "causal LM" task.
    bool languageModel = job.task == ft::api::Task::CausalLM;
    if (!languageModel && !job.model.path.empty()) {
        const auto summary = ft::api::inspectModel(job.model.path);
        languageModel = summary && summary->modelType == "gpt2";
    }
    m_referenceText->setEnabled(languageModel || !e.referenceText.empty());
    m_referenceTextButton->setEnabled(languageModel);
    m_loading = false;
    updatePresetChoice();
    updateFreezingEnabled();
    updateIntersectionsEnabled();
    updateMemoryEstimate();
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
    t.device = toStd(m_device->currentData().toString());
    t.precision = toStd(m_precision->currentData().toString());
    t.evalEverySteps = m_evalEvery->value();
    t.earlyStoppingPatience = m_patience->value();
    t.earlyStoppingMetric = toStd(m_stopMetric->currentData().toString());
    t.earlyStoppingMinDelta = m_minDelta->value();
    t.labelSmoothing = m_labelSmoothing->value();
    t.dropout = m_dropout->value() < 0 ? -1.0 : m_dropout->value();
    // LoRA leaves nothing for L2-SP to pull; the job would be refused.
    t.l2sp = m_loraEnabled->isChecked() || m_fromScratch->isChecked() ? 0.0 : m_l2sp->value();
    f.embeddings = m_freezeEmbeddings->isChecked();
    f.lowerBlocks = m_lowerBlocks->value();
    f.headOnly = m_headOnly->isChecked();
    f.gradualUnfreezeSteps = m_gradualUnfreeze->value();
    f.layerLrDecay = m_layerLrDecay->value();
    auto& l = job.lora;
    l = m_loaded.lora;
    l.enabled = m_loraEnabled->isChecked();
    if (m_loraRank->value() != std::min<int64_t>(m_loaded.lora.rank, m_loraRank->maximum())) l.rank = m_loraRank->value();
    l.alpha = m_loraAlpha->value();
    l.dropout = m_loraDropout->value();
    l.targetModules = splitModules(m_loraTargets->text());
    l.rsLora = m_rsLora->isChecked();
    auto& e = job.evaluation;
    e = m_loaded.evaluation;
    e.counterfactual = m_counterfactual->isChecked();
    e.swapList = toStd(m_swapList->text().trimmed());
    e.beforeTraining = m_beforeTraining->isChecked();
    e.referenceText = toStd(m_referenceText->text().trimmed());
    // job.data is the Data step's (stored before this panel): pair up the attributes chosen there.
    // A job's own combinations (triples, a subset) stay while the attributes are the loaded ones.
    const auto& columns = job.data.groupColumns;
    if (!m_intersections->isChecked()) e.intersections.clear();
    else if (e.intersections.empty() || columns != m_loaded.data.groupColumns) e.intersections = allPairs(columns);
}

}  // namespace ft::ui

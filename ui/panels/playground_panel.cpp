#include "ui/panels/playground_panel.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

#include "core/api/job_config.h"
#include "ui/error_text.h"
#include "ui/panels/panel_header.h"
#include "ui/playground_controller.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"

namespace ft::ui {

namespace {

constexpr int kFlushIntervalMs = 40;

QString absoluteClean(const QString& path) { return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

// "\n" and "\t" typed into the stop field mean a newline and a tab.
QString unescape(QString text) {
    text.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
    text.replace(QStringLiteral("\\t"), QStringLiteral("\t"));
    return text;
}

// A run folder's base model (job.json's model.path), else empty.
QString baseOfRun(const QString& folder) {
    const QDir dir(folder);
    if (!dir.exists(QStringLiteral("job.json"))) return {};
    const auto job = ft::api::readJobConfig(toStd(dir.filePath(QStringLiteral("job.json"))));
    return job.ok() ? absoluteClean(toQ(job.value().model.path)) : QString();
}

}  // namespace

PlaygroundPanel::PlaygroundPanel(QWidget* parent) : StepPanel(parent), m_controller(new PlaygroundController(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Playground"),
                                      tr("Try the fine-tuned model beside the base model: classify a text, or let both "
                                         "continue it and compare."),
                                      this));

    auto* modelsBox = new QGroupBox(tr("Models"), this);
    auto* models = new QFormLayout(modelsBox);
    models->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QString tips[2] = {tr("The fine-tuned model: a run folder (its best model, or the merged model of a LoRA run) or "
                                "a model folder. Default: the run shown in the Evaluate step."),
                             tr("The model to compare with, usually the one the run started from. Default: the job's "
                                "model. Leave empty to try one model only.")};
    const QString names[2] = {tr("Fine-tuned:"), tr("Base:")};
    for (int side = 0; side < 2; ++side) {
        auto* row = new QHBoxLayout;
        m_modelEdits[side] = new QLineEdit(modelsBox);
        m_modelEdits[side]->setObjectName(side == 0 ? QStringLiteral("fineTunedModel") : QStringLiteral("baseModel"));
        m_modelEdits[side]->setReadOnly(true);
        m_modelEdits[side]->setPlaceholderText(side == 0 ? tr("No run yet") : tr("None"));
        m_modelEdits[side]->setToolTip(tips[side]);
        m_chooseButtons[side] = new QPushButton(tr("Choose\u2026"), modelsBox);
        m_chooseButtons[side]->setToolTip(tips[side]);
        row->addWidget(m_modelEdits[side], 1);
        row->addWidget(m_chooseButtons[side]);
        models->addRow(names[side], row);
        connect(m_chooseButtons[side], &QPushButton::clicked, this, [this, side]() { chooseModel(PlaygroundSide(side)); });
    }
    layout->addWidget(modelsBox);

    m_input = new QPlainTextEdit(this);
    m_input->setObjectName(QStringLiteral("input"));
    m_input->setPlaceholderText(tr("Type a text to classify, or the start of a text to continue."));
    m_input->setMaximumHeight(64);
    layout->addWidget(m_input);

    auto* actions = new QHBoxLayout;
    m_classifyButton = new QPushButton(tr("Classify"), this);
    m_classifyButton->setToolTip(tr("The probability of each label, from both models."));
    m_generateButton = new QPushButton(tr("Generate"), this);
    m_generateButton->setToolTip(tr("Both models continue the text; the words appear as they are generated."));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setToolTip(tr("Stop generating; what was generated so far stays."));
    m_explainButton = new QPushButton(tr("Explain"), this);
    m_explainButton->setToolTip(tr("Shade the words of the text by how much each one moved the prediction."));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->setVisible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    actions->addWidget(m_classifyButton);
    actions->addWidget(m_generateButton);
    actions->addWidget(m_stopButton);
    actions->addWidget(m_explainButton);
    actions->addWidget(m_busy);
    actions->addWidget(m_status, 1);
    layout->addLayout(actions);

    auto* settingsBox = new QGroupBox(tr("Generation"), this);
    auto* grid = new QGridLayout(settingsBox);
    m_maxNewTokens = new QSpinBox(settingsBox);
    m_maxNewTokens->setRange(1, 4096);
    m_maxNewTokens->setValue(64);
    m_maxNewTokens->setToolTip(tr("At most this many new tokens. Default: 64."));
    m_temperature = new QDoubleSpinBox(settingsBox);
    m_temperature->setRange(0.0, 5.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setSpecialValueText(tr("greedy"));
    m_temperature->setToolTip(tr("0 always takes the most likely token (greedy). Above 0 samples: lower is more "
                                 "predictable, higher more varied. Default: greedy."));
    m_topK = new QSpinBox(settingsBox);
    m_topK->setRange(0, 100000);
    m_topK->setSpecialValueText(tr("off"));
    m_topK->setToolTip(tr("Sampling: choose among the k most likely tokens only. Default: off."));
    m_topP = new QDoubleSpinBox(settingsBox);
    m_topP->setRange(0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setValue(1.0);
    m_topP->setToolTip(tr("Sampling: choose among the fewest most likely tokens whose probabilities add up to p. "
                          "1 is off. Default: 1."));
    m_repetitionPenalty = new QDoubleSpinBox(settingsBox);
    m_repetitionPenalty->setRange(1.0, 3.0);
    m_repetitionPenalty->setSingleStep(0.05);
    m_repetitionPenalty->setSpecialValueText(tr("off"));
    m_repetitionPenalty->setToolTip(tr("Makes tokens already in the text less likely (1.1 to 1.3 is typical). Default: off."));
    m_seed = new QSpinBox(settingsBox);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Sampling: the same seed and settings give the same text. Default: 0."));
    m_stopString = new QLineEdit(settingsBox);
    m_stopString->setPlaceholderText(tr("e.g. \\n\\n"));
    m_stopString->setToolTip(tr("Stop when the generated text contains this; \\n is a line break. Default: none."));
    const std::pair<QString, QWidget*> fields[] = {{tr("Max new tokens:"), m_maxNewTokens}, {tr("Temperature:"), m_temperature},
                                                   {tr("Top-k:"), m_topK},                  {tr("Top-p:"), m_topP},
                                                   {tr("Repetition penalty:"), m_repetitionPenalty}, {tr("Seed:"), m_seed},
                                                   {tr("Stop at:"), m_stopString}};
    int index = 0;
    for (const auto& [name, widget] : fields) {
        const int row = index / 4, column = (index % 4) * 2;
        grid->addWidget(new QLabel(name, settingsBox), row, column, Qt::AlignRight);
        grid->addWidget(widget, row, column + 1);
        ++index;
    }
    for (int c = 1; c < 8; c += 2) grid->setColumnStretch(c, 1);
    layout->addWidget(settingsBox);

    auto* results = new QHBoxLayout;
    m_columns[0] = new PlaygroundColumn(tr("Fine-tuned model"), this);
    m_columns[1] = new PlaygroundColumn(tr("Base model"), this);
    results->addWidget(m_columns[0], 1);
    results->addWidget(m_columns[1], 1);
    layout->addLayout(results, 1);

    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &PlaygroundPanel::flushPending);
    connect(m_classifyButton, &QPushButton::clicked, this, &PlaygroundPanel::classify);
    connect(m_generateButton, &QPushButton::clicked, this, &PlaygroundPanel::generate);
    connect(m_stopButton, &QPushButton::clicked, this, &PlaygroundPanel::stop);
    connect(m_explainButton, &QPushButton::clicked, this, &PlaygroundPanel::explain);
    connect(m_input, &QPlainTextEdit::textChanged, this, &PlaygroundPanel::updateWidgets);
    connect(m_controller, &PlaygroundController::busyChanged, this, [this](bool busy) {
        if (!busy) onFinished();
        updateWidgets();
    });

    PlaygroundWorker* worker = m_controller->worker();
    connect(worker, &PlaygroundWorker::started, this, [this](int side) {
        m_columns[side]->setStatus(m_folders[side].isEmpty() ? QString() : tr("Working\u2026"));
    });
    connect(worker, &PlaygroundWorker::textGenerated, this, [this](int side, const QString& piece) { m_pending[side] += piece; });
    connect(worker, &PlaygroundWorker::explained, this,
            [this](int side, const QString& text, const QVector<int>& begins, const QVector<int>& ends, const QVector<double>& scores,
                   const QString& summary) {
                QVector<TokenAttribution> spans;
                for (int i = 0; i < begins.size() && i < ends.size() && i < scores.size(); ++i) spans.append({begins[i], ends[i], scores[i]});
                m_columns[side]->showAttributions(text, spans);
                m_columns[side]->setStatus(summary);
                m_hadResult = true;
            });
    connect(worker, &PlaygroundWorker::generationFinished, this,
            [this](int side, const QString& text, const QString& stopReason, qint64 tokens, double seconds) {
                flushPending();
                m_columns[side]->setText(text);
                const QLocale locale;
                QString why = tr("token limit reached");
                if (stopReason == QLatin1String("eos")) why = tr("end of text");
                else if (stopReason == QLatin1String("stop_string")) why = tr("stop text reached");
                else if (stopReason == QLatin1String("max_positions")) why = tr("the model's context is full");
                else if (stopReason == QLatin1String("cancelled")) why = tr("stopped");
                m_columns[side]->setStatus(tr("%n token(s) in %1 s (%2)", nullptr, int(tokens))
                                               .arg(locale.toString(seconds, 'f', 2), why));
                m_hadResult = true;
            });
    connect(worker, &PlaygroundWorker::classified, this,
            [this](int side, const QStringList& labels, const QVector<double>& probabilities) {
                m_columns[side]->setProbabilities(labels, probabilities);
                m_columns[side]->setStatus(QString());
                m_hadResult = true;
            });
    connect(worker, &PlaygroundWorker::unavailable, this,
            [this](int side, const QString& message) { m_columns[side]->setStatus(message); });
    connect(worker, &PlaygroundWorker::failed, this, [this](int side, const QString& message) {
        flushPending();
        m_columns[side]->setStatus(message, true);
        m_hadProblem = true;
    });
    updateWidgets();
}

PlaygroundPanel::~PlaygroundPanel() = default;

void PlaygroundPanel::loadJob(const ft::api::JobConfig& job) {
    if (!m_baseChosen && m_folders[0].isEmpty()) {
        m_folders[1] = absoluteClean(toQ(job.model.path));
        m_modelEdits[1]->setText(QDir::toNativeSeparators(m_folders[1]));
        m_columns[1]->setModelName(QFileInfo(m_folders[1]).fileName());
        updateWidgets();
    }
}

void PlaygroundPanel::storeJob(ft::api::JobConfig&) const {}

StepState PlaygroundPanel::state() const {
    if (m_hadProblem) return StepState::NeedsAttention;
    return m_hadResult ? StepState::Done : StepState::Pending;
}

void PlaygroundPanel::setFineTunedModel(const QString& folder) {
    m_folders[0] = absoluteClean(folder);
    m_modelEdits[0]->setText(QDir::toNativeSeparators(m_folders[0]));
    m_columns[0]->setModelName(QFileInfo(m_folders[0]).fileName());
    const QString base = baseOfRun(m_folders[0]);
    if (!m_baseChosen && !base.isEmpty()) {
        m_folders[1] = base;
        m_modelEdits[1]->setText(QDir::toNativeSeparators(base));
        m_columns[1]->setModelName(QFileInfo(base).fileName());
    }
    updateWidgets();
}

void PlaygroundPanel::setBaseModel(const QString& folder) {
    m_baseChosen = true;
    m_folders[1] = absoluteClean(folder);
    m_modelEdits[1]->setText(QDir::toNativeSeparators(m_folders[1]));
    m_columns[1]->setModelName(QFileInfo(m_folders[1]).fileName());
    updateWidgets();
}

void PlaygroundPanel::setInputText(const QString& text) { m_input->setPlainText(text); }

void PlaygroundPanel::setGenerationSettings(const ft::api::GenerationSettings& s) {
    m_maxNewTokens->setValue(int(s.maxNewTokens));
    m_temperature->setValue(s.temperature);
    m_topK->setValue(int(s.topK));
    m_topP->setValue(s.topP);
    m_repetitionPenalty->setValue(s.repetitionPenalty);
    m_seed->setValue(int(s.seed));
    m_stopString->setText(s.stopStrings.empty() ? QString() : toQ(s.stopStrings.front()));
}

ft::api::GenerationSettings PlaygroundPanel::generationSettings() const {
    ft::api::GenerationSettings s;
    s.maxNewTokens = m_maxNewTokens->value();
    s.temperature = m_temperature->value();
    s.topK = m_topK->value();
    s.topP = m_topP->value();
    s.repetitionPenalty = m_repetitionPenalty->value();
    s.seed = uint64_t(m_seed->value());
    if (const QString stop = unescape(m_stopString->text()); !stop.isEmpty()) s.stopStrings.push_back(toStd(stop));
    return s;
}

bool PlaygroundPanel::classify() { return startRequest(PlaygroundRequest::Kind::Classify); }
bool PlaygroundPanel::generate() { return startRequest(PlaygroundRequest::Kind::Generate); }
bool PlaygroundPanel::explain() { return startRequest(PlaygroundRequest::Kind::Explain); }
void PlaygroundPanel::stop() { m_controller->stop(); }
bool PlaygroundPanel::isBusy() const { return m_controller->isBusy(); }

bool PlaygroundPanel::startRequest(PlaygroundRequest::Kind kind) {
    if (isBusy() || (m_folders[0].isEmpty() && m_folders[1].isEmpty())) return false;
    PlaygroundRequest request;
    request.kind = kind;
    request.text = m_input->toPlainText();
    request.folders[0] = m_folders[0];
    request.folders[1] = m_folders[1];
    request.settings = generationSettings();
    for (int side = 0; side < 2; ++side) {
        m_columns[side]->clear();
        if (kind == PlaygroundRequest::Kind::Generate && !m_folders[side].isEmpty()) m_columns[side]->startText(request.text);
        m_pending[side].clear();
    }
    m_hadProblem = false;
    m_status->setText(kind == PlaygroundRequest::Kind::Classify  ? tr("Classifying\u2026")
                      : kind == PlaygroundRequest::Kind::Explain ? tr("Explaining\u2026")
                                                                 : tr("Generating\u2026"));
    m_flushTimer.start();
    return m_controller->start(request);
}

void PlaygroundPanel::chooseModel(PlaygroundSide side) {
    const QString current = m_folders[int(side)];
    const QString start = current.isEmpty() ? Settings::runsDir().get() : QFileInfo(current).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose run or model folder"), start);
    if (dir.isEmpty()) return;
    if (side == PlaygroundSide::FineTuned) setFineTunedModel(dir);
    else setBaseModel(dir);
}

void PlaygroundPanel::flushPending() {
    for (int side = 0; side < 2; ++side) {
        if (m_pending[side].isEmpty()) continue;
        m_columns[side]->appendText(m_pending[side]);
        m_pending[side].clear();
    }
}

void PlaygroundPanel::onFinished() {
    m_flushTimer.stop();
    flushPending();
    m_status->setText(QString());
    Q_EMIT statusMessage(m_hadProblem ? tr("The playground hit a problem") : tr("Playground finished"));
    Q_EMIT requestFinished();
    Q_EMIT stateChanged();
}

void PlaygroundPanel::updateWidgets() {
    const bool busy = isBusy();
    const bool haveModel = !m_folders[0].isEmpty() || !m_folders[1].isEmpty();
    m_classifyButton->setEnabled(!busy && haveModel && !m_input->toPlainText().trimmed().isEmpty());
    m_generateButton->setEnabled(!busy && haveModel);
    m_stopButton->setEnabled(busy);
    m_explainButton->setEnabled(!busy && haveModel && !m_input->toPlainText().trimmed().isEmpty());
    for (auto* b : m_chooseButtons) b->setEnabled(!busy);
    m_busy->setVisible(busy);
}


void PlaygroundPanel::showAttributions(PlaygroundSide side, const QString& text, const QVector<TokenAttribution>& spans) {
    m_columns[int(side)]->showAttributions(text, spans);
}

}  // namespace ft::ui

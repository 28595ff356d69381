#include "ui/panels/export_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/api/job_config.h"
#include "ui/error_text.h"
#include "ui/panels/panel_header.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"

namespace ft::ui {

namespace {

QLabel* valueLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

// True when `inner` is `outer` or lies inside it (both absolute and clean).
bool isSameOrInside(const QString& inner, const QString& outer) {
    return inner == outer || inner.startsWith(outer.endsWith(QLatin1Char('/')) ? outer : outer + QLatin1Char('/'));
}

QString absoluteClean(const QString& path) { return QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

}  // namespace

ExportPanel::ExportPanel(QWidget* parent) : StepPanel(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Export"),
                                      tr("Write the fine-tuned model as a Hugging Face folder with its tokenizer and a "
                                         "model card, or a LoRA run's PEFT adapter. The export is then reloaded and must "
                                         "reproduce the model's outputs."),
                                      this));

    auto* requestBox = new QGroupBox(tr("What to export"), this);
    auto* form = new QFormLayout(requestBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto* sourceField = new QVBoxLayout;
    sourceField->setSpacing(2);
    auto* sourceRow = new QHBoxLayout;
    m_sourceEdit = new QLineEdit(requestBox);
    m_sourceEdit->setReadOnly(true);
    m_sourceEdit->setPlaceholderText(tr("No run yet"));
    m_sourceEdit->setToolTip(tr("The run to export (its best model, or for LoRA runs the merged model or the adapter), "
                                "or any supported model folder. Default: the run shown in the Evaluate step."));
    m_chooseSource = new QPushButton(tr("Choose run or model folder\u2026"), requestBox);
    m_chooseSource->setToolTip(m_sourceEdit->toolTip());
    sourceRow->addWidget(m_sourceEdit, 1);
    sourceRow->addWidget(m_chooseSource);
    m_sourceInfo = new QLabel(requestBox);
    m_sourceInfo->setWordWrap(true);
    m_sourceInfo->setForegroundRole(QPalette::PlaceholderText);
    sourceField->addLayout(sourceRow);
    sourceField->addWidget(m_sourceInfo);
    form->addRow(tr("Source:"), sourceField);

    auto* outputRow = new QHBoxLayout;
    m_outputEdit = new QLineEdit(requestBox);
    m_outputEdit->setObjectName(QStringLiteral("output"));
    m_outputEdit->setToolTip(tr("The folder to write. It is written whole or not at all, and an existing folder is "
                                "replaced. Default: “export” inside the run folder."));
    m_chooseOutput = new QPushButton(tr("Choose\u2026"), requestBox);
    m_chooseOutput->setToolTip(m_outputEdit->toolTip());
    outputRow->addWidget(m_outputEdit, 1);
    outputRow->addWidget(m_chooseOutput);
    form->addRow(tr("Output folder:"), outputRow);

    m_dtype = new QComboBox(requestBox);
    m_dtype->setObjectName(QStringLiteral("dtype"));
    m_dtype->addItem(tr("float32 (full precision)"), QStringLiteral("float32"));
    m_dtype->addItem(tr("float16 (half the size)"), QStringLiteral("float16"));
    m_dtype->addItem(tr("bfloat16 (half the size, float32's range)"), QStringLiteral("bfloat16"));
    m_dtype->setToolTip(tr("Data type of the written weights. The 16-bit types halve the size; the check then allows "
                           "a larger difference. Default: float32."));
    m_dtype->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);  // a short choice, not a full-width field
    form->addRow(tr("Data type:"), m_dtype);
    m_adapterOnly = new QCheckBox(tr("PEFT adapter only"), requestBox);
    m_adapterOnly->setObjectName(QStringLiteral("adapterOnly"));
    m_adapterOnly->setToolTip(tr("Write only the LoRA adapter (adapter_config.json + adapter_model.safetensors, for "
                                 "PeftModel.from_pretrained on the base model) instead of the merged model. "
                                 "LoRA runs only. Default: off."));
    form->addRow(QString(), m_adapterOnly);
    layout->addWidget(requestBox);

    auto* actionRow = new QHBoxLayout;
    m_exportButton = new QPushButton(tr("Export"), this);
    m_exportButton->setToolTip(tr("Write the export in the background, then reload and check it."));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);  // indeterminate: the export reports no progress
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(160);
    m_busy->setVisible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actionRow->addWidget(m_exportButton);
    actionRow->addWidget(m_busy);
    actionRow->addWidget(m_status, 1);
    layout->addLayout(actionRow);

    m_resultBox = new QGroupBox(tr("Result"), this);
    auto* result = new QFormLayout(m_resultBox);
    m_resultKind = valueLabel(m_resultBox);
    m_resultFolder = valueLabel(m_resultBox);
    m_resultParameters = valueLabel(m_resultBox);
    m_resultVerified = valueLabel(m_resultBox);
    m_resultGeneration = valueLabel(m_resultBox);
    m_resultWarnings = valueLabel(m_resultBox);
    result->addRow(tr("Written:"), m_resultKind);
    result->addRow(tr("Folder:"), m_resultFolder);
    result->addRow(tr("Parameters:"), m_resultParameters);
    result->addRow(tr("Verification:"), m_resultVerified);
    result->addRow(tr("Generation check:"), m_resultGeneration);
    result->addRow(tr("Warnings:"), m_resultWarnings);
    auto* showRow = new QHBoxLayout;
    m_showFolder = new QPushButton(tr("Show in folder"), m_resultBox);
    m_showFolder->setToolTip(tr("Open the exported folder in the file manager."));
    showRow->addWidget(m_showFolder);
    showRow->addStretch(1);
    result->addRow(showRow);
    m_resultBox->setVisible(false);
    layout->addWidget(m_resultBox);
    layout->addStretch(1);

    connect(m_chooseSource, &QPushButton::clicked, this, &ExportPanel::chooseSource);
    connect(m_chooseOutput, &QPushButton::clicked, this, &ExportPanel::chooseOutput);
    connect(m_outputEdit, &QLineEdit::textEdited, this, [this]() {
        m_outputChosen = true;
        updateWidgets();
    });
    connect(m_exportButton, &QPushButton::clicked, this, &ExportPanel::onExportClicked);
    connect(m_showFolder, &QPushButton::clicked, this, [this]() {
        QDesktopServices::openUrl(QUrl::fromLocalFile(toQ(m_outcome.summary.folder)));
    });
    setSource(QString());
}

void ExportPanel::loadJob(const ft::api::JobConfig&) {}
void ExportPanel::storeJob(ft::api::JobConfig&) const {}

StepState ExportPanel::state() const {
    if (!m_hasOutcome) return StepState::Pending;
    return m_outcome.ok ? StepState::Done : StepState::NeedsAttention;
}

void ExportPanel::setSource(const QString& folder) {
    m_source = folder.isEmpty() ? QString() : absoluteClean(folder);
    m_baseModel.clear();
    m_sourceEdit->setText(QDir::toNativeSeparators(m_source));
    const QDir dir(m_source);
    if (m_source.isEmpty()) {
        m_kind = SourceKind::None;
        m_sourceInfo->setText(tr("Train a model, open a run in the Runs step, or choose a folder."));
    } else if (dir.exists(QStringLiteral("job.json"))) {
        const auto job = ft::api::readJobConfig(toStd(dir.filePath(QStringLiteral("job.json"))));
        if (!job.ok()) {
            m_kind = SourceKind::Invalid;
            m_sourceInfo->setText(tr("The run's job.json cannot be read: %1").arg(errorText(job.error())));
        } else if (job.value().lora.enabled) {
            m_kind = SourceKind::LoraRun;
            m_baseModel = job.value().model.path.empty() ? QString() : absoluteClean(toQ(job.value().model.path));
            m_sourceInfo->setText(tr("LoRA run: exports the merged model (base + adapters), or only the PEFT adapter."));
        } else {
            m_kind = SourceKind::Run;
            m_sourceInfo->setText(tr("Run: exports its best model (or its latest checkpoint)."));
        }
    } else if (dir.exists(QStringLiteral("config.json"))) {
        m_kind = SourceKind::ModelFolder;
        m_sourceInfo->setText(tr("Model folder: exported as it is, e.g. in another data type."));
    } else {
        m_kind = SourceKind::Invalid;
        m_sourceInfo->setText(tr("Neither a run folder (job.json) nor a model folder (config.json)."));
    }
    if (!m_outputChosen) {
        QString proposed;
        if (m_kind == SourceKind::Run || m_kind == SourceKind::LoraRun) proposed = dir.filePath(QStringLiteral("export"));
        else if (m_kind == SourceKind::ModelFolder) proposed = m_source + QStringLiteral("-export");
        m_outputEdit->setText(QDir::toNativeSeparators(proposed));
    }
    if (!adapterOnlyAvailable()) m_adapterOnly->setChecked(false);
    updateWidgets();
}

void ExportPanel::setOutput(const QString& folder) {
    m_outputChosen = !folder.isEmpty();
    m_outputEdit->setText(QDir::toNativeSeparators(folder));
    updateWidgets();
}

QString ExportPanel::output() const {
    const QString text = m_outputEdit->text().trimmed();
    return text.isEmpty() ? QString() : absoluteClean(QDir::fromNativeSeparators(text));
}

void ExportPanel::setDtype(const QString& dtype) {
    const int i = m_dtype->findData(dtype);
    if (i >= 0) m_dtype->setCurrentIndex(i);
}

void ExportPanel::setAdapterOnly(bool on) { m_adapterOnly->setChecked(on && adapterOnlyAvailable()); }

bool ExportPanel::adapterOnlyAvailable() const { return m_kind == SourceKind::LoraRun; }

QString ExportPanel::requestProblem() const {
    if (m_kind == SourceKind::None) return tr("Choose a run or a model folder to export.");
    if (m_kind == SourceKind::Invalid) return m_sourceInfo->text();
    const QString out = output();
    if (out.isEmpty()) return tr("Choose an output folder.");
    // The output folder is replaced whole: it must not hold what is being exported.
    if (isSameOrInside(m_source, out) || (!m_baseModel.isEmpty() && isSameOrInside(m_baseModel, out)))
        return tr("The output folder must not be, or contain, the source or its base model: the export replaces "
                  "the output folder.");
    return {};
}

void ExportPanel::updateWidgets() {
    m_adapterOnly->setEnabled(adapterOnlyAvailable() && !m_exporting);
    m_chooseSource->setEnabled(!m_exporting);
    m_chooseOutput->setEnabled(!m_exporting);
    m_outputEdit->setEnabled(!m_exporting);
    m_dtype->setEnabled(!m_exporting);
    const QString problem = requestProblem();
    m_exportButton->setEnabled(!m_exporting && problem.isEmpty());
    m_exportButton->setToolTip(problem.isEmpty() ? tr("Write the export in the background, then reload and check it.")
                                                 : problem);
    m_busy->setVisible(m_exporting);
}

void ExportPanel::chooseSource() {
    const QString start = m_source.isEmpty() ? Settings::runsDir().get() : QFileInfo(m_source).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose run or model folder"), start);
    if (dir.isEmpty()) return;
    setSource(dir);
}

void ExportPanel::chooseOutput() {
    const QString current = output();
    const QString start = current.isEmpty() ? Settings::lastDirectory().get() : QFileInfo(current).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose output folder"), start);
    if (dir.isEmpty()) return;
    Settings::lastDirectory().set(QFileInfo(dir).absolutePath());
    setOutput(dir);
}

void ExportPanel::onExportClicked() {
    const QString out = output();
    const QDir existing(out);
    if (existing.exists() && !existing.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Replace folder?"),
            tr("%1 already exists. The export replaces it and everything in it.").arg(QDir::toNativeSeparators(out)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return;
    }
    startExport();
}

bool ExportPanel::startExport() {
    if (m_exporting || !requestProblem().isEmpty()) return false;
    ft::api::ExportRequest request;
    request.source = toStd(m_source);
    request.output = toStd(output());
    request.dtype = toStd(m_dtype->currentData().toString());
    request.adapterOnly = adapterOnlyAvailable() && m_adapterOnly->isChecked();
    m_outcomeDtype = m_dtype->currentData().toString();
    m_outcomeFromLora = m_kind == SourceKind::LoraRun;
    m_exporting = true;
    m_status->setText(tr("Exporting to %1\u2026").arg(QDir::toNativeSeparators(output())));
    m_status->setStyleSheet(QString());
    m_resultBox->setVisible(false);
    updateWidgets();

    auto* watcher = new QFutureWatcher<ExportOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher]() { onExportFinished(watcher); });
    watcher->setFuture(QtConcurrent::run([request]() {
        ExportOutcome out;
        auto result = ft::api::exportModel(request);
        out.ok = result.ok();
        if (out.ok) out.summary = std::move(result).value();
        else out.error = result.error();
        return out;
    }));
    return true;
}

void ExportPanel::onExportFinished(QFutureWatcher<ExportOutcome>* watcher) {
    watcher->deleteLater();
    m_outcome = watcher->result();
    m_exporting = false;
    m_hasOutcome = true;
    showOutcome();
    updateWidgets();
    Q_EMIT statusMessage(m_outcome.ok ? tr("Export finished") : tr("Export failed"));
    Q_EMIT exportFinished(m_outcome.ok);
    Q_EMIT stateChanged();
}

void ExportPanel::showOutcome() {
    if (!m_outcome.ok) {
        m_resultBox->setVisible(false);
        m_status->setText(tr("The export failed:\n%1").arg(errorText(m_outcome.error)));
        m_status->setStyleSheet(QStringLiteral("color: #b34700;"));
        return;
    }
    const auto& s = m_outcome.summary;
    const QLocale locale;
    m_status->setText(tr("Done."));
    m_status->setStyleSheet(QString());
    QString kind = tr("Hugging Face model folder");
    if (s.kind == "adapter") kind = tr("PEFT adapter");
    else if (m_outcomeFromLora) kind = tr("Hugging Face model folder, LoRA merged into the weights");
    m_resultKind->setText(kind + QStringLiteral(", ") + m_outcomeDtype);
    m_resultFolder->setText(QDir::toNativeSeparators(toQ(s.folder)));
    m_resultParameters->setText(QStringLiteral("%1 (%2)").arg(formatCount(s.parameters), locale.toString(s.parameters)));
    if (s.maxLogitDifference < 0)
        m_resultVerified->setText(tr("not checked"));
    else
        m_resultVerified->setText(tr("\u2713 reloaded, outputs differ by at most %1 (allowed %2)")
                                      .arg(locale.toString(s.maxLogitDifference, 'g', 3),
                                           locale.toString(s.tolerance, 'g', 3)));
    if (!s.generationChecked)
        m_resultGeneration->setText(tr("not applicable (classifier)"));
    else
        m_resultGeneration->setText(s.generationEmittedEos ? tr("a short greedy generation ends with end-of-sequence")
                                                           : tr("no end-of-sequence in a 48-token greedy generation"));
    QStringList warnings;
    for (const auto& w : s.warnings) warnings.append(QStringLiteral("\u2022 ") + toQ(w));
    m_resultWarnings->setText(warnings.isEmpty() ? tr("none") : warnings.join(QLatin1Char('\n')));
    m_resultBox->setVisible(true);
}

}  // namespace ft::ui

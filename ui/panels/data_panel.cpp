#include "ui/panels/data_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <map>

#include "core/api/model_info.h"
#include "ui/error_text.h"
#include "ui/models/dataset_table_model.h"
#include "ui/panels/data_quality_chart.h"
#include "ui/panels/panel_header.h"
#include "ui/panels/token_length_chart.h"
#include "ui/plot/plot_style.h"
#include "ui/plot/qcp.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"

namespace ft::ui {

namespace {
constexpr int64_t kPreviewRows = 200;
}

DataPanel::DataPanel(QWidget* parent) : StepPanel(parent), m_previewModel(new DatasetTableModel(this)) {
    setAcceptDrops(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Choose the training data"),
                                      tr("CSV, TSV, JSON Lines, JSON or plain text. Drop a file here or open one, "
                                         "then tell which columns hold the text and the label."),
                                      this));

    auto* fileRow = new QHBoxLayout;
    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setReadOnly(true);
    m_pathEdit->setPlaceholderText(tr("No dataset yet"));
    auto* openButton = new QPushButton(tr("Open dataset\u2026"), this);
    openButton->setToolTip(tr("Choose the training file. A validation split is taken from it."));
    m_encodingCombo = new QComboBox(this);
    m_encodingCombo->setObjectName(QStringLiteral("encoding"));
    m_encodingCombo->addItem(tr("Automatic encoding"), QStringLiteral("auto"));
    m_encodingCombo->addItem(tr("UTF-8"), QStringLiteral("utf-8"));
    m_encodingCombo->addItem(tr("UTF-16"), QStringLiteral("utf-16"));
    m_encodingCombo->addItem(tr("Latin-1 (ISO 8859-1)"), QStringLiteral("latin-1"));
    m_encodingCombo->setToolTip(tr("How the file's bytes spell characters. Automatic reads UTF-8, or UTF-16 / UTF-8 when the "
                                   "file starts with a byte-order mark; older Western European files are often Latin-1."));
    fileRow->addWidget(m_pathEdit, 1);
    fileRow->addWidget(m_encodingCombo);
    fileRow->addWidget(openButton);
    layout->addLayout(fileRow);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    // What the full pass over the file found: each problem with its line.
    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setToolTip(tr("What the full pass over the file found. Errors stop a run; warnings are worth a look."));
    m_problems->setVisible(false);
    layout->addWidget(m_problems);
    connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { showLine(item->data(Qt::UserRole).toLongLong()); });
    m_passRow = new QWidget(this);
    auto* passLayout = new QHBoxLayout(m_passRow);
    passLayout->setContentsMargins(0, 0, 0, 0);
    m_passBar = new QProgressBar(m_passRow);
    m_passBar->setObjectName(QStringLiteral("fullPassProgress"));
    m_passBar->setRange(0, 1000);
    m_passBar->setToolTip(tr("Every row is read, counted and measured in tokens; the preview above is ready already."));
    auto* passCancel = new QPushButton(tr("Stop"), m_passRow);
    passCancel->setObjectName(QStringLiteral("fullPassCancel"));
    passCancel->setToolTip(tr("Stop the full pass; the preview and the column mapping stay."));
    connect(passCancel, &QPushButton::clicked, this, &DataPanel::cancelFullPass);
    passLayout->addWidget(m_passBar, 1);
    passLayout->addWidget(passCancel);
    m_passRow->setVisible(false);
    layout->addWidget(m_passRow);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("datasetTable"));
    m_table->setModel(m_previewModel);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setToolTip(tr("Line in the file"));
    splitter->addWidget(m_table);

    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 6, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_taskCombo = new QComboBox(bottom);
    m_taskCombo->addItem(tr("Classify text"), static_cast<int>(ft::api::Task::SequenceClassification));
    m_taskCombo->addItem(tr("Continue text (language modelling)"), static_cast<int>(ft::api::Task::CausalLM));
    m_taskCombo->addItem(tr("Rewrite text (text to text, T5)"), static_cast<int>(ft::api::Task::Seq2SeqLM));
    m_taskCombo->setToolTip(tr("Classification learns a label per text; language modelling learns the texts themselves; "
                               "text to text learns to write the target column from the text column (an encoder-decoder "
                               "model such as T5)."));
    m_textCombo = new QComboBox(bottom);
    m_textCombo->setToolTip(tr("The column with the input text."));
    m_pairCombo = new QComboBox(bottom);
    m_pairCombo->setToolTip(tr("Optional second text (e.g. the hypothesis in a sentence pair task)."));
    m_labelCombo = new QComboBox(bottom);
    m_labelCombo->setToolTip(tr("The column with the class to predict."));
    m_targetCombo = new QComboBox(bottom);
    m_targetCombo->setObjectName(QStringLiteral("targetColumn"));
    m_targetCombo->setToolTip(tr("Text to text: the column with the text the model learns to write."));
    m_groupList = new QListWidget(bottom);
    m_groupList->setToolTip(tr("Sensitive attributes (e.g. gender, age group): the evaluation reports accuracy and "
                               "error rates per group so you can see who the model fails."));
    m_groupList->setMaximumHeight(90);
    m_validationSpin = new QDoubleSpinBox(bottom);
    m_validationSpin->setRange(0.0, 0.5);
    m_validationSpin->setSingleStep(0.05);
    m_validationSpin->setDecimals(3);
    m_validationSpin->setToolTip(tr("Share of the rows held out for validation (stratified by label)."));
    m_maxLengthSpin = new QSpinBox(bottom);
    m_maxLengthSpin->setRange(8, 32768);
    m_maxLengthSpin->setSingleStep(32);
    m_maxLengthSpin->setSuffix(tr(" tokens"));
    m_maxLengthSpin->setToolTip(tr("Longer texts are truncated. Memory grows with this length."));
    form->addRow(tr("Task:"), m_taskCombo);
    form->addRow(tr("Text column:"), m_textCombo);
    form->addRow(tr("Text pair column:"), m_pairCombo);
    form->addRow(tr("Label column:"), m_labelCombo);
    form->addRow(tr("Target column:"), m_targetCombo);
    form->addRow(tr("Sensitive attributes:"), m_groupList);
    // Splitting and cleaning on a second tab, the dataset's size on a third: the preview keeps its room.
    auto* splitForm = new QFormLayout;
    splitForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* sizeForm = new QFormLayout;
    sizeForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    splitForm->addRow(tr("Validation fraction:"), m_validationSpin);
    auto* testRow = new QWidget(bottom);
    auto* testLayout = new QHBoxLayout(testRow);
    testLayout->setContentsMargins(0, 0, 0, 0);
    m_testEdit = new QLineEdit(testRow);
    m_testEdit->setObjectName(QStringLiteral("testFile"));
    m_testEdit->setPlaceholderText(tr("none (optional)"));
    m_testEdit->setToolTip(tr("A labelled file held out from training, with the same columns: evaluated once at the end with "
                              "the best model and never used to choose anything (Evaluate step \u2192 Test set)."));
    auto* testButton = new QPushButton(tr("Choose\u2026"), testRow);
    testLayout->addWidget(m_testEdit, 1);
    testLayout->addWidget(testButton);
    splitForm->addRow(tr("Test file:"), testRow);
    connect(m_testEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!m_syncing) m_data.test = toStd(text.trimmed());
    });
    connect(testButton, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a test file"), Settings::lastDirectory().get(),
                                                          tr("Datasets (*.csv *.tsv *.jsonl *.json *.txt);;All files (*)"));
        if (!file.isEmpty()) m_testEdit->setText(file);
    });
    m_fewShotSpin = new QSpinBox(bottom);
    m_fewShotSpin->setRange(0, 1000000);
    m_fewShotSpin->setSpecialValueText(tr("all examples"));
    m_fewShotSpin->setSuffix(tr(" per class"));
    m_fewShotSpin->setToolTip(tr("Few-shot: train on this many examples of each class, drawn with the run's seed "
                                 "(classes with fewer keep all of theirs). Validation stays whole."));
    m_augmentCheck = new QCheckBox(tr("Augment training texts"), bottom);
    m_augmentCheck->setToolTip(tr("In each epoch, change about half of the training texts a little: WordNet synonyms, "
                                  "swapped words, deleted words. Seeded, so runs repeat; validation is never changed. "
                                  "Helps against overfitting on small data."));
    m_splitCombo = new QComboBox(bottom);
    m_splitCombo->setObjectName(QStringLiteral("splitColumn"));
    m_splitCombo->setToolTip(tr("A column that says which split each row belongs to (train, validation, test), when the "
                                "dataset comes split already. Test rows are held out and evaluated once at the end."));
    m_stratifyGroups = new QCheckBox(tr("Stratify by the sensitive attributes too"), bottom);
    m_stratifyGroups->setObjectName(QStringLiteral("stratifyGroups"));
    m_stratifyGroups->setToolTip(tr("Split so that every combination of label and sensitive attribute keeps its share in "
                                    "validation, so small groups are measured at all."));
    auto* cleanRow = new QWidget(bottom);
    auto* cleanLayout = new QHBoxLayout(cleanRow);
    cleanLayout->setContentsMargins(0, 0, 0, 0);
    m_trimCheck = new QCheckBox(tr("Trim"), cleanRow);
    m_trimCheck->setObjectName(QStringLiteral("trimCells"));
    m_trimCheck->setToolTip(tr("Strip spaces and line breaks around the text and label cells."));
    m_dropEmptyCheck = new QCheckBox(tr("Drop empty"), cleanRow);
    m_dropEmptyCheck->setToolTip(tr("Leave out rows whose text is empty."));
    m_dedupCombo = new QComboBox(cleanRow);
    m_dedupCombo->setObjectName(QStringLiteral("deduplicate"));
    m_dedupCombo->addItem(tr("Keep duplicates"), QStringLiteral("none"));
    m_dedupCombo->addItem(tr("Drop exact duplicates"), QStringLiteral("exact"));
    m_dedupCombo->addItem(tr("Drop near duplicates"), QStringLiteral("near"));
    m_dedupCombo->setToolTip(tr("Keep the first of several rows with the same text (near: ignoring case, punctuation and "
                                "spacing). Duplicates across the split leak validation answers into training."));
    cleanLayout->addWidget(m_trimCheck);
    cleanLayout->addWidget(m_dropEmptyCheck);
    cleanLayout->addWidget(m_dedupCombo, 1);
    splitForm->addRow(tr("Split column:"), m_splitCombo);
    splitForm->addRow(QString(), m_stratifyGroups);
    sizeForm->addRow(tr("Cleaning:"), cleanRow);
    sizeForm->addRow(tr("Max length:"), m_maxLengthSpin);
    sizeForm->addRow(tr("Few-shot:"), m_fewShotSpin);
    sizeForm->addRow(QString(), m_augmentCheck);
    auto* tabs = new QTabWidget(bottom);
    tabs->setObjectName(QStringLiteral("dataOptions"));
    tabs->setDocumentMode(true);
    const auto addTab = [tabs](QFormLayout* layout, const QString& title) {
        auto* page = new QWidget(tabs);
        page->setLayout(layout);
        tabs->addTab(page, title);
    };
    addTab(form, tr("Columns"));
    addTab(splitForm, tr("Split"));
    addTab(sizeForm, tr("Cleaning and size"));
    m_qualityChart = new DataQualityChart(tabs);
    tabs->addTab(m_qualityChart, tr("Quality"));
    bottomLayout->addWidget(tabs, 1);

    m_chart = createPlot(bottom);
    m_chart->plotLayout()->insertRow(0);
    m_chartTitle = new QCPTextElement(m_chart, tr("Label counts (previewed rows)"));
    m_chart->plotLayout()->addElement(0, 0, m_chartTitle);
    m_chart->setMinimumWidth(260);
    bottomLayout->addWidget(m_chart, 1);
    m_lengthChart = new TokenLengthChart(bottom);
    bottomLayout->addWidget(m_lengthChart, 1);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(openButton, &QPushButton::clicked, this, &DataPanel::chooseFile);
    connect(m_previewModel, &DatasetTableModel::readFailed, this, [this](const QString& message) {
        m_status->setText(message);
        m_status->setStyleSheet(QStringLiteral("color: #b34700;"));
    });
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_syncing) return;
        m_data.encoding = toStd(m_encodingCombo->currentData().toString());
        if (!m_data.train.empty()) openDataset(toQ(m_data.train));  // read again: the columns stay as mapped
    });
    connect(m_taskCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_syncing) return;
        m_task = static_cast<ft::api::Task>(m_taskCombo->currentData().toInt());
        updateTaskWidgets();
        if (m_hasPreview) startStatistics();
        Q_EMIT stateChanged();
    });
    connect(m_textCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_syncing) return;
        m_data.textColumn = toStd(m_textCombo->currentData().toString());
        if (m_hasPreview) startStatistics();
        Q_EMIT stateChanged();
    });
    connect(m_pairCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (!m_syncing) m_data.textPairColumn = toStd(m_pairCombo->currentData().toString());
    });
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_syncing) return;
        m_data.targetColumn = toStd(m_targetCombo->currentData().toString());
        Q_EMIT stateChanged();
    });
    connect(m_labelCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_syncing) return;
        m_data.labelColumn = toStd(m_labelCombo->currentData().toString());
        updateLabelChart();
        if (m_hasPreview) startStatistics();
        Q_EMIT stateChanged();
    });
    connect(m_groupList, &QListWidget::itemChanged, this, [this]() {
        if (m_syncing) return;
        m_data.groupColumns.clear();
        for (int i = 0; i < m_groupList->count(); ++i)
            if (m_groupList->item(i)->checkState() == Qt::Checked)
                m_data.groupColumns.push_back(toStd(m_groupList->item(i)->text()));
    });
    connect(m_validationSpin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!m_syncing) m_data.validationFraction = v;
    });
    connect(m_maxLengthSpin, &QSpinBox::valueChanged, this, [this](int v) {
        m_lengthChart->setMaxLength(v);
        if (!m_syncing) m_data.maxLength = v;
    });
    connect(m_fewShotSpin, &QSpinBox::valueChanged, this, [this](int v) {
        if (!m_syncing) m_data.fewShotPerClass = v;
    });
    connect(m_augmentCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing) m_data.augmentation.enabled = on;
    });
    connect(m_splitCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (m_syncing) return;
        m_data.splitColumn = toStd(m_splitCombo->currentData().toString());
        updateSplitWidgets();
    });
    connect(m_stratifyGroups, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing) m_data.stratifyByGroup = on;
    });
    connect(m_trimCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing) m_data.cleaning.trim = on;
    });
    connect(m_dropEmptyCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing) m_data.cleaning.dropEmpty = on;
    });
    connect(m_dedupCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (!m_syncing) m_data.cleaning.deduplicate = toStd(m_dedupCombo->currentData().toString());
    });
    syncWidgetsFromData();
}

void DataPanel::chooseFile() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open dataset"), Settings::lastDirectory().get(),
        tr("Datasets (*.csv *.tsv *.jsonl *.json *.txt);;All files (*)"));
    if (file.isEmpty()) return;
    Settings::lastDirectory().set(QFileInfo(file).absolutePath());
    m_applySuggestions = true;
    openDataset(file);
}

void DataPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().size() == 1 &&
        event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void DataPanel::dropEvent(QDropEvent* event) {
    m_applySuggestions = true;
    openDataset(event->mimeData()->urls().first().toLocalFile());
    event->acceptProposedAction();
}

void DataPanel::openDataset(const QString& path) {
    m_data.train = toStd(path);
    m_fullClassCounts.clear();  // counts of the file shown before
    m_pathEdit->setText(path);
    m_loading = true;
    m_status->setText(tr("Reading %1\u2026").arg(QFileInfo(path).fileName()));
    m_status->setStyleSheet(QString());
    const int generation = ++m_generation;
    auto* watcher = new QFutureWatcher<PreviewOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation]() { onPreviewFinished(watcher, generation); });
    const std::string file = toStd(path);
    if (m_rowsCancel) m_rowsCancel->store(true);  // the table's pass over an earlier file
    ++m_rowsGeneration;
    watcher->setFuture(QtConcurrent::run([file, encoding = m_data.encoding]() {
        PreviewOutcome out;
        auto result = ft::api::previewDataset(file, kPreviewRows, encoding);
        out.ok = result.ok();
        if (out.ok) out.preview = std::move(result).value();
        else out.error = result.error();
        return out;
    }));
    Q_EMIT stateChanged();
}

void DataPanel::onPreviewFinished(QFutureWatcher<PreviewOutcome>* watcher, int generation) {
    watcher->deleteLater();
    if (generation != m_generation) return;  // a newer file was chosen meanwhile
    m_loading = false;
    PreviewOutcome out = watcher->result();
    m_failed = !out.ok;
    m_hasPreview = out.ok;
    if (!out.ok) {
        m_error = out.error;
        m_previewModel->clear();
        QString message = errorText(out.error);
        if (out.error.code == "data.invalid_encoding")
            message += QLatin1Char('\n') + tr("Choose the file's encoding beside \u201cOpen dataset\u201d (Latin-1 for many older files).");
        m_status->setText(message);
        m_status->setStyleSheet(QStringLiteral("color: #b34700;"));
    } else {
        const auto& p = out.preview;
        if (m_applySuggestions) {
            if (!p.suggestedTextColumn.empty()) m_data.textColumn = p.suggestedTextColumn;
            if (!p.suggestedLabelColumn.empty()) m_data.labelColumn = p.suggestedLabelColumn;
            m_data.textPairColumn.clear();
            m_data.groupColumns = p.suggestedGroupColumns;
        }
        m_status->setText(tr("%n row(s) previewed, %1 column(s).", nullptr, static_cast<int>(p.rows.size()))
                              .arg(p.columns.size()));
        m_status->setStyleSheet(QString());
        m_previewModel->setPreview(std::move(out.preview));
        m_table->resizeColumnsToContents();
        for (int c = 0; c < m_previewModel->columnCount(); ++c)
            m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 360));
    }
    m_applySuggestions = false;
    syncWidgetsFromData();
    Q_EMIT previewFinished(out.ok);
    Q_EMIT stateChanged();
    if (out.ok) {
        startRowIndex();
        startStatistics();
    }
}

// One quick pass noting where every row starts; then the table scrolls through the whole file.
void DataPanel::startRowIndex() {
    const int generation = ++m_rowsGeneration;
    if (m_rowsCancel) m_rowsCancel->store(true);
    m_rowsCancel = std::make_shared<std::atomic<bool>>(false);
    auto* watcher = new QFutureWatcher<RowsOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation]() { onRowIndexFinished(watcher, generation); });
    watcher->setFuture(QtConcurrent::run([file = m_data.train, encoding = m_data.encoding, skip = m_data.skipBadRows, flag = m_rowsCancel]() {
        RowsOutcome out;
        auto rows = ft::api::DatasetRows::open(file, encoding, skip, flag.get());
        out.ok = rows.ok();
        if (out.ok) out.rows = std::move(rows).value();
        else out.error = rows.error();
        return out;
    }));
}

void DataPanel::onRowIndexFinished(QFutureWatcher<RowsOutcome>* watcher, int generation) {
    watcher->deleteLater();
    if (generation != m_rowsGeneration) return;  // another file meanwhile
    RowsOutcome out = watcher->result();
    if (out.ok) {
        const auto rows = out.rows.rows();
        const auto columns = out.rows.columns().size();
        m_previewModel->setAllRows(std::move(out.rows));
        m_status->setText(tr("%Ln row(s), %1 column(s).", nullptr, static_cast<int>(std::min<int64_t>(rows, INT_MAX))).arg(columns));
    }
    // A failure here is the full pass's to report (it reads the same file); the preview stays.
    Q_EMIT rowsIndexed(out.ok);
}

// The whole file, in the background: token lengths need the model's tokenizer, so without a model
// the chart just says so.
void DataPanel::startStatistics() {
    const int generation = ++m_statisticsGeneration;
    if (m_passCancel) m_passCancel->store(true);  // a newer pass replaces it
    m_passCancel = std::make_shared<std::atomic<bool>>(false);
    m_lastStatisticsTask = m_task;
    m_fullClassCounts.clear();
    updateLabelChart();  // the preview's counts until the pass has them all
    m_qualityChart->clear(tr("Measuring the whole file\u2026"));
    m_problems->clear();
    m_problems->setVisible(false);
    m_passRow->setVisible(false);
    if (m_data.format != ft::api::DataFormat::Text) {
        m_lengthChart->setLengths({}, 1, QString());
        return;
    }
    m_lengthChart->setLengths({}, 1, m_modelPath.empty() ? tr("Choose a model to see lengths in tokens.") : tr("Measuring token lengths\u2026"));
    ft::api::DatasetReportOptions options;
    // The label's problems (one class, mixed types, missing labels) only where the label column exists.
    const auto& columns = m_previewModel->preview().columns;
    const bool labelled = m_task == ft::api::Task::SequenceClassification &&
                          std::find(columns.begin(), columns.end(), m_data.labelColumn) != columns.end();
    options.task = labelled ? "sequence_classification" : "causal_lm";
    options.labelColumn = labelled ? m_data.labelColumn : std::string();
    options.validation = m_data.validation;
    options.skipBadRows = m_data.skipBadRows;
    options.encoding = m_data.encoding;
    options.textColumn = m_data.textColumn;
    options.cancel = m_passCancel.get();
    // Progress arrives on the worker thread: passed on queued, a step of at least 1 % at a time.
    auto lastShown = std::make_shared<std::atomic<int>>(-1);
    options.progress = [this, generation, lastShown](double fraction, const std::string&) {
        const int permille = static_cast<int>(fraction * 1000);
        if (permille / 10 == lastShown->load() / 10) return;
        lastShown->store(permille);
        QMetaObject::invokeMethod(
            this, [this, generation, permille]() {
                if (generation == m_statisticsGeneration) m_passBar->setValue(permille);
            },
            Qt::QueuedConnection);
    };
    m_passBar->setValue(0);
    m_passRow->setVisible(true);
    options.modelPath = m_modelPath;
    options.maxLength = m_data.maxLength;
    auto* watcher = new QFutureWatcher<StatisticsOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation]() { onStatisticsFinished(watcher, generation); });
    const std::string file = m_data.train;
    watcher->setFuture(QtConcurrent::run([file, options, keepFlag = m_passCancel]() {
        (void)keepFlag;  // options.cancel points into it: alive until the pass ends
        StatisticsOutcome out;
        auto result = ft::api::analyzeDataset(file, options);
        out.ok = result.ok();
        if (out.ok) out.report = std::move(result).value();
        else out.error = result.error();
        return out;
    }));
}

void DataPanel::onStatisticsFinished(QFutureWatcher<StatisticsOutcome>* watcher, int generation) {
    watcher->deleteLater();
    if (generation != m_statisticsGeneration) return;  // another file, column or model meanwhile
    StatisticsOutcome out = watcher->result();
    m_passRow->setVisible(false);
    if (!out.ok && out.error.code == "data.cancelled") {
        m_lengthChart->setLengths({}, 1, tr("The full pass was stopped; open the file again to measure it."));
        Q_EMIT statisticsFinished(false);
        return;
    }
    if (out.ok) {
        m_qualityChart->setReport(out.report);
        m_fullClassCounts = out.report.classCounts;
        m_fullCountsColumn = out.report.labelColumn;
        updateLabelChart();
        if (!m_modelPath.empty()) m_lengthChart->setLengths(std::move(out.report.sortedTokenLengths), out.report.tokenBinWidth);
        const QString file = QFileInfo(toQ(out.report.path)).fileName();
        for (const auto& problem : out.report.problems) {
            const bool error = problem.severity == "error";
            const QString where = problem.line > 0 ? QStringLiteral("%1:%2: ").arg(file).arg(problem.line) : QString();
            auto* item = new QListWidgetItem(style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning),
                                             where + toQ(problem.message), m_problems);
            item->setData(Qt::UserRole, static_cast<qlonglong>(problem.line));
            item->setToolTip(problem.line > 0 ? tr("Click to show line %1 in the table (%2)").arg(problem.line).arg(toQ(problem.code))
                                              : toQ(problem.code));
        }
    } else {
        m_lengthChart->setLengths({}, 1, errorText(out.error));
        auto* item = new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxCritical), errorText(out.error), m_problems);
        item->setToolTip(toQ(out.error.code));
    }
    // As tall as its rows, up to four: the preview table keeps the room.
    const int shown = std::min(m_problems->count(), 4);
    if (shown > 0) m_problems->setFixedHeight(shown * m_problems->sizeHintForRow(0) + 2 * m_problems->frameWidth() + 2);
    m_problems->setVisible(m_problems->count() > 0);
    Q_EMIT statisticsFinished(out.ok);
}

void DataPanel::fillColumnCombos() {
    const auto& columns = m_previewModel->preview().columns;
    QStringList names = toQList(columns);
    // Keep the job's own choices selectable even before (or without) a preview.
    for (const std::string& c : {m_data.textColumn, m_data.textPairColumn, m_data.labelColumn, m_data.targetColumn})
        if (!c.empty() && !names.contains(toQ(c))) names.append(toQ(c));
    if (!m_data.splitColumn.empty() && !names.contains(toQ(m_data.splitColumn))) names.append(toQ(m_data.splitColumn));
    for (QComboBox* combo : {m_textCombo, m_pairCombo, m_labelCombo, m_targetCombo, m_splitCombo}) {
        combo->clear();
        if (combo == m_pairCombo || combo == m_splitCombo) combo->addItem(tr("(none)"), QString());
        for (const QString& n : names) combo->addItem(n, n);
    }
    m_groupList->clear();
    QStringList groups = toQList(columns);
    for (const std::string& g : m_data.groupColumns)
        if (!groups.contains(toQ(g))) groups.append(toQ(g));
    for (const QString& g : groups) {
        auto* item = new QListWidgetItem(g, m_groupList);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        const bool checked = std::find(m_data.groupColumns.begin(), m_data.groupColumns.end(), toStd(g)) !=
                             m_data.groupColumns.end();
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

void DataPanel::syncWidgetsFromData() {
    m_syncing = true;
    m_pathEdit->setText(toQ(m_data.train));
    if (m_encodingCombo->findData(toQ(m_data.encoding)) < 0)  // a job's own spelling ("ISO-8859-1") stays as written
        m_encodingCombo->addItem(toQ(m_data.encoding), toQ(m_data.encoding));
    m_encodingCombo->setCurrentIndex(m_encodingCombo->findData(toQ(m_data.encoding)));
    m_taskCombo->setCurrentIndex(m_taskCombo->findData(static_cast<int>(m_task)));
    fillColumnCombos();
    m_textCombo->setCurrentIndex(m_textCombo->findData(toQ(m_data.textColumn)));
    m_pairCombo->setCurrentIndex(qMax(0, m_pairCombo->findData(toQ(m_data.textPairColumn))));
    m_labelCombo->setCurrentIndex(m_labelCombo->findData(toQ(m_data.labelColumn)));
    m_targetCombo->setCurrentIndex(m_targetCombo->findData(toQ(m_data.targetColumn)));
    m_validationSpin->setValue(m_data.validationFraction);
    m_testEdit->setText(toQ(m_data.test));
    m_maxLengthSpin->setValue(static_cast<int>(m_data.maxLength));
    m_fewShotSpin->setValue(static_cast<int>(std::min<int64_t>(m_data.fewShotPerClass, m_fewShotSpin->maximum())));
    updateTaskWidgets();
    m_augmentCheck->setChecked(m_data.augmentation.enabled);
    m_splitCombo->setCurrentIndex(qMax(0, m_splitCombo->findData(toQ(m_data.splitColumn))));
    m_stratifyGroups->setChecked(m_data.stratifyByGroup);
    m_trimCheck->setChecked(m_data.cleaning.trim);
    m_dropEmptyCheck->setChecked(m_data.cleaning.dropEmpty);
    m_dedupCombo->setCurrentIndex(qMax(0, m_dedupCombo->findData(toQ(m_data.cleaning.deduplicate))));
    const bool plainText = m_data.format == ft::api::DataFormat::Text;
    for (QWidget* w : {static_cast<QWidget*>(m_trimCheck), static_cast<QWidget*>(m_dropEmptyCheck), static_cast<QWidget*>(m_dedupCombo)})
        w->setEnabled(plainText);
    m_augmentCheck->setEnabled(m_data.format == ft::api::DataFormat::Text && !m_data.pack);
    m_syncing = false;
    updateSplitWidgets();
    updateLabelChart();
}

// A split column replaces the seeded split: no fraction to hold out, nothing to stratify.
void DataPanel::updateSplitWidgets() {
    const bool seeded = m_data.splitColumn.empty() && m_data.validation.empty();
    m_validationSpin->setEnabled(seeded);
    m_stratifyGroups->setEnabled(seeded);
    if (!seeded && m_data.stratifyByGroup) {
        m_data.stratifyByGroup = false;
        const QSignalBlocker block(m_stratifyGroups);
        m_stratifyGroups->setChecked(false);
    }
}

// Counted here from the previewed rows so the chart follows whichever label column is chosen.
bool DataPanel::showLine(int64_t line) {
    const int row = line > 0 ? m_previewModel->rowAtLine(line) : -1;
    if (row < 0) return false;
    const QModelIndex index = m_previewModel->index(row, 0);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_table->selectRow(row);
    return true;
}

void DataPanel::updateLabelChart() {
    m_chart->clearPlottables();
    const auto& p = m_previewModel->preview();
    const auto it = std::find(p.columns.begin(), p.columns.end(), m_data.labelColumn);
    const bool whole = labelCountsCoverWholeFile();
    m_chartTitle->setText(whole ? tr("Label counts (all rows)") : tr("Label counts (previewed rows)"));
    if (it != p.columns.end()) {
        const size_t col = static_cast<size_t>(it - p.columns.begin());
        std::vector<std::pair<std::string, int64_t>> counts;  // in label order
        if (whole) {
            counts = m_fullClassCounts;
        } else {
            std::map<std::string, int64_t> previewed;
            for (const auto& row : p.rows)
                if (col < row.size()) ++previewed[row[col]];
            counts.assign(previewed.begin(), previewed.end());
        }
        constexpr size_t kMaxBars = 30;  // a free-text column chosen by mistake would draw thousands
        QVector<double> keys, values;
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        double k = 1;
        for (const auto& [label, n] : counts) {
            if (keys.size() >= static_cast<int>(kMaxBars)) break;
            keys.append(k);
            values.append(n);
            ticker->addTick(k, toQ(label).left(16));
            k += 1;
        }
        auto* bars = new QCPBars(m_chart->xAxis, m_chart->yAxis);
        bars->setData(keys, values, true);
        bars->setPen(Qt::NoPen);
        bars->setBrush(seriesColor(0));
        bars->setWidth(0.6);
        m_chart->xAxis->setTicker(ticker);
        m_chart->xAxis->setTickLabelRotation(keys.size() > 4 ? 45 : 0);
        m_chart->xAxis->setRange(0.3, k - 0.3);
        double maxValue = 1;
        for (double v : values) maxValue = qMax(maxValue, v);
        m_chart->yAxis->setRange(0, maxValue * 1.15);
    }
    m_chart->replot();
}

// Which mapping and options apply to the task: the label (and few-shot) for classification, the
// target for text to text, the pair column for all but text to text.
void DataPanel::updateTaskWidgets() {
    const bool classify = m_task == ft::api::Task::SequenceClassification;
    m_labelCombo->setEnabled(classify);
    m_fewShotSpin->setEnabled(classify);
    m_targetCombo->setEnabled(m_task == ft::api::Task::Seq2SeqLM);
    m_pairCombo->setEnabled(m_task != ft::api::Task::Seq2SeqLM);
    m_chart->setVisible(classify);  // label counts mean nothing to a language model
}

QString DataPanel::errorMessage() const { return m_failed ? errorText(m_error) : QString(); }

void DataPanel::loadJob(const ft::api::JobConfig& job) {
    const bool fileChanged = job.data.train != m_data.train || job.data.encoding != m_data.encoding;
    const bool modelChanged = job.model.path != m_modelPath;
    m_data = job.data;
    m_task = job.task;
    m_modelPath = job.model.path;
    if (modelChanged && !m_modelPath.empty()) {
        // An encoder-decoder (T5) only rewrites text, and the other models never do: the task follows the model.
        const auto summary = ft::api::inspectModel(m_modelPath);
        const bool encoderDecoder = summary && summary->modelType == "t5";
        if (encoderDecoder != (m_task == ft::api::Task::Seq2SeqLM))
            m_task = encoderDecoder ? ft::api::Task::Seq2SeqLM : ft::api::Task::SequenceClassification;
    }
    if ((modelChanged || job.task != m_lastStatisticsTask) && !fileChanged && m_hasPreview) startStatistics();
    if (fileChanged) {
        m_hasPreview = false;
        m_failed = false;
        m_previewModel->clear();
        m_status->clear();
        if (!m_data.train.empty()) openDataset(toQ(m_data.train));
    }
    syncWidgetsFromData();
    Q_EMIT stateChanged();
}

void DataPanel::storeJob(ft::api::JobConfig& job) const {
    job.data = m_data;
    job.task = m_task;
}

StepState DataPanel::state() const {
    if (m_data.train.empty() || m_loading) return StepState::Pending;
    if (m_failed) return StepState::NeedsAttention;
    const auto& cols = m_previewModel->preview().columns;
    auto has = [&cols](const std::string& c) { return std::find(cols.begin(), cols.end(), c) != cols.end(); };
    if (!m_hasPreview) return StepState::Pending;
    // Plain text files have one implicit column; trust the engine's own check there.
    if (!has(m_data.textColumn)) return StepState::NeedsAttention;
    if (m_task == ft::api::Task::SequenceClassification && !has(m_data.labelColumn)) return StepState::NeedsAttention;
    if (m_task == ft::api::Task::Seq2SeqLM && (!has(m_data.targetColumn) || m_data.targetColumn == m_data.textColumn))
        return StepState::NeedsAttention;
    return StepState::Done;
}

void DataPanel::cancelFullPass() {
    if (m_passCancel) m_passCancel->store(true);
    if (m_rowsCancel) m_rowsCancel->store(true);
}

bool DataPanel::fullPassRunning() const { return !m_passRow->isHidden(); }

DataPanel::~DataPanel() {
    cancelFullPass();
    for (QFutureWatcherBase* watcher : findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
}

}  // namespace ft::ui

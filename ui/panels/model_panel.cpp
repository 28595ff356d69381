#include "ui/panels/model_panel.h"

#include "core/api/memory_estimate.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/api/hub_download.h"
#include "ui/error_text.h"
#include "ui/hub_download_dialog.h"
#include "ui/models/model_list_model.h"
#include "ui/panels/panel_header.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"

namespace ft::ui {

ModelPanel::ModelPanel(QStringList bundledFolders, QWidget* parent)
    : StepPanel(parent), m_bundledFolders(std::move(bundledFolders)), m_model(new ModelListModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Choose a model"),
                                      tr("Models found in the bundled folder, the Hugging Face cache and folders you add. "
                                         "Greyed-out models cannot be trained yet; hover for the reason."),
                                      this));

    auto* body = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(ModelListModel::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ModelListModel::ArchitectureColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ModelListModel::ParametersColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ModelListModel::SourceColumn, QHeaderView::ResizeToContents);
    left->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    auto* addButton = new QPushButton(tr("Add folder\u2026"), this);
    addButton->setToolTip(tr("Add a model folder (config.json + *.safetensors + tokenizer) or a folder of such folders."));
    m_removeButton = new QPushButton(tr("Remove folder"), this);
    m_removeButton->setToolTip(tr("Forget the user-added folder that holds the selected model."));
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    auto* hubButton = new QPushButton(tr("Download from Hugging Face\u2026"), this);
    hubButton->setEnabled(ft::api::hubDownloadAvailable());
    hubButton->setToolTip(hubButton->isEnabled()
                              ? tr("Download a model from the Hugging Face Hub into the shared cache.")
                              : tr("This build cannot download: it was built without libcurl."));
    m_scanLabel = new QLabel(this);
    buttons->addWidget(hubButton);
    buttons->addWidget(addButton);
    buttons->addWidget(m_removeButton);
    buttons->addWidget(refreshButton);
    buttons->addStretch(1);
    buttons->addWidget(m_scanLabel);
    left->addLayout(buttons);
    body->addLayout(left, 3);

    auto* right = new QVBoxLayout;
    m_detailTitle = new QLabel(this);
    QFont tf = m_detailTitle->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    m_detailTitle->setFont(tf);
    m_detailTitle->setWordWrap(true);
    m_details = new QLabel(this);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b34700;"));
    right->addWidget(m_detailTitle);
    right->addWidget(m_details);
    right->addWidget(m_problem);
    right->addStretch(1);
    body->addLayout(right, 2);
    layout->addLayout(body, 1);

    connect(addButton, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add model folder"), Settings::lastDirectory().get());
        if (dir.isEmpty()) return;
        Settings::lastDirectory().set(dir);
        addFolder(dir);
    });
    connect(m_removeButton, &QPushButton::clicked, this, [this]() {
        const auto m = selectedModel();
        if (!m) return;
        const QString path = toQ(m->path);
        QStringList folders = Settings::modelFolders().get();
        folders.removeIf([&path](const QString& f) { return path == f || path.startsWith(f + QLatin1Char('/')); });
        Settings::modelFolders().set(folders);
        refresh();
    });
    connect(refreshButton, &QPushButton::clicked, this, &ModelPanel::refresh);
    connect(hubButton, &QPushButton::clicked, this, &ModelPanel::openHubDownload);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelPanel::onSelectionChanged);

    showDetails(nullptr);
    refresh();
}

void ModelPanel::addFolder(const QString& folder) {
    QStringList folders = Settings::modelFolders().get();
    if (!folders.contains(folder)) folders.append(folder);
    Settings::modelFolders().set(folders);
    // A folder that holds no usable model gets a clear message instead of silently adding nothing.
    const auto inspected = ft::api::inspectModel(toStd(folder));
    if (inspected.ok()) m_path = folder;
    refresh();
}

void ModelPanel::openHubDownload() {
    auto* dialog = new HubDownloadDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HubDownloadDialog::modelDownloaded, this, &ModelPanel::showDownloadedModel);
    dialog->open();
}

void ModelPanel::showDownloadedModel(const QString& snapshotFolder) {
    // Listed from the cache when it is the snapshot refs/main names; another revision's snapshot is
    // listed as a folder for this session.
    if (!m_jobFolders.contains(snapshotFolder)) m_jobFolders.append(snapshotFolder);
    m_path = snapshotFolder;
    refresh();
}

void ModelPanel::refresh() {
    const int generation = ++m_generation;
    m_scanning = true;
    m_scanLabel->setText(tr("Scanning\u2026"));
    const std::vector<std::string> bundled = toStdList(m_bundledFolders);
    const std::vector<std::string> user = toStdList(Settings::modelFolders().get() + m_jobFolders);
    auto* watcher = new QFutureWatcher<std::vector<ft::api::ModelSummary>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation]() { onScanFinished(watcher, generation); });
    watcher->setFuture(
        QtConcurrent::run([bundled, user]() { return ft::api::discoverModels(bundled, user); }));
}

void ModelPanel::onScanFinished(QFutureWatcher<std::vector<ft::api::ModelSummary>>* watcher, int generation) {
    watcher->deleteLater();
    if (generation != m_generation) return;
    m_scanning = false;
    m_model->setModels(watcher->result());
    m_scanLabel->setText(tr("%n model(s)", nullptr, m_model->rowCount()));
    selectPath(m_path);
    Q_EMIT scanFinished();
    Q_EMIT stateChanged();
}

void ModelPanel::selectPath(const QString& path) {
    // A job without a model starts on the first usable bundled one (the starter model).
    const int row = path.isEmpty() ? defaultRow() : m_model->rowForPath(path);
    if (row >= 0) {
        // A row that is selected already emits no selectionChanged, but the job must still take it.
        if (m_table->selectionModel()->isRowSelected(row, {}))
            onSelectionChanged();
        else
            m_table->selectRow(row);
    } else {
        m_table->clearSelection();
        showDetails(nullptr);
    }
}

int ModelPanel::defaultRow() const {
    const auto& models = m_model->models();
    for (size_t i = 0; i < models.size(); ++i)
        if (models[i].source == "bundled" && models[i].supported) return static_cast<int>(i);
    return -1;
}

void ModelPanel::onSelectionChanged() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const ft::api::ModelSummary* m = rows.isEmpty() ? nullptr : m_model->modelAt(rows.first().row());
    if (m) {
        m_path = toQ(m->path);
        Q_EMIT modelSelected(m_path, static_cast<int>(m->numLayers));
    }
    showDetails(m);
    Q_EMIT stateChanged();
}

void ModelPanel::showDetails(const ft::api::ModelSummary* m) {
    m_removeButton->setEnabled(m && m->source == "folder");
    if (!m) {
        m_detailTitle->setText(m_path.isEmpty() ? tr("No model selected") : tr("Model not found"));
        m_details->setText(m_path.isEmpty() ? tr("Select a model on the left, or add a folder.") : m_path.toHtmlEscaped());
        m_problem->setText(m_path.isEmpty() ? QString()
                                            : tr("The job's model folder is not among the discovered models. "
                                                 "Add its folder with “Add folder…”."));
        return;
    }
    m_detailTitle->setText(toQ(m->name));
    auto row = [](const QString& key, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px; color:palette(mid)'>%1</td><td>%2</td></tr>")
            .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    };
    const QLocale locale;
    QString html = QStringLiteral("<table cellspacing='3'>");
    html += row(tr("Architecture"), toQ(m->architecture.empty() ? m->modelType : m->architecture));
    html += row(tr("Parameters"), m->parameterCount > 0 ? formatCount(m->parameterCount) : tr("unknown"));
    html += row(tr("Layers"), locale.toString(m->numLayers));
    html += row(tr("Hidden size"), locale.toString(m->hiddenSize));
    html += row(tr("Vocabulary"), locale.toString(m->vocabSize));
    html += row(tr("Context"), tr("%1 tokens").arg(locale.toString(m->maxPositions)));
    html += row(tr("Weights on disk"), formatBytes(m->weightBytes));
    html += row(tr("Tokenizer"), m->hasTokenizer ? tr("yes") : tr("missing"));
    ft::api::JobConfig job = m_job;
    job.model.path = m->path;
    if (const auto memory = ft::api::estimateJobMemory(job))
        html += row(tr("Memory to fine-tune"), tr("\u2248 %1 (batch %2, %3 tokens)")
                                                   .arg(formatBytes(memory->totalBytes))
                                                   .arg(job.training.batchSize)
                                                   .arg(job.data.maxLength));
    html += row(tr("Folder"), toQ(m->path));
    html += QStringLiteral("</table>");
    m_details->setText(html);
    m_problem->setText(m->problem.empty() ? QString() : tr("Cannot be used: %1").arg(toQ(m->problem)));
}

void ModelPanel::loadJob(const ft::api::JobConfig& job) {
    m_path = toQ(job.model.path);
    m_job = job;
    // A job's model that is in none of the scanned folders (e.g. the installed demo's) is listed too,
    // for this session, instead of showing "not found".
    if (!m_path.isEmpty() && m_model->rowForPath(m_path) < 0 && !m_jobFolders.contains(m_path) &&
        QFileInfo::exists(m_path + QStringLiteral("/config.json"))) {
        m_jobFolders.append(m_path);
        refresh();
    }
    if (!m_scanning) selectPath(m_path);
    Q_EMIT stateChanged();
}

void ModelPanel::storeJob(ft::api::JobConfig& job) const { job.model.path = toStd(m_path); }

std::optional<ft::api::ModelSummary> ModelPanel::selectedModel() const {
    const int row = m_model->rowForPath(m_path);
    if (const ft::api::ModelSummary* m = m_model->modelAt(row)) return *m;
    return std::nullopt;
}

StepState ModelPanel::state() const {
    if (m_path.isEmpty()) return StepState::Pending;
    const auto m = selectedModel();
    if (!m) return m_scanning ? StepState::Pending : StepState::NeedsAttention;
    return m->supported ? StepState::Done : StepState::NeedsAttention;
}

ModelPanel::~ModelPanel() {
    for (QFutureWatcherBase* watcher : findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
}

}  // namespace ft::ui

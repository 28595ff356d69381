#include "ui/panels/runs_panel.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/models/runs_model.h"
#include "ui/panels/panel_header.h"
#include "ui/panels/run_compare_view.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"

namespace ft::ui {

RunsPanel::RunsPanel(QWidget* parent) : StepPanel(parent), m_model(new RunsModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Runs"),
                                      tr("Every run keeps its job, metrics, checkpoints and report in its "
                                         "own folder. Open one to see its evaluation, or select several "
                                         "to compare them."),
                                      this));
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);

    auto* listPage = new QWidget(m_pages);
    auto* listLayout = new QVBoxLayout(listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    auto* dirRow = new QHBoxLayout;
    m_dirLabel = new QLabel(listPage);
    m_dirLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* changeButton = new QPushButton(tr("Change folder\u2026"), listPage);
    auto* refreshButton = new QPushButton(tr("Refresh"), listPage);
    dirRow->addWidget(m_dirLabel, 1);
    dirRow->addWidget(changeButton);
    dirRow->addWidget(refreshButton);
    listLayout->addLayout(dirRow);

    m_table = new QTableView(listPage);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(RunsModel::NameColumn, QHeaderView::Stretch);
    for (int c = RunsModel::DateColumn; c < RunsModel::ColumnCount; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    listLayout->addWidget(m_table, 1);
    m_empty = new QLabel(tr("No runs yet. Finished and cancelled runs appear here."), listPage);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    listLayout->addWidget(m_empty);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_compareButton = new QPushButton(tr("Compare"), listPage);
    m_compareButton->setToolTip(
        tr("Overlay the selected runs' curves and put their final metrics side by side "
           "(select two or more runs with Ctrl or Shift)."));
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_openButton = new QPushButton(tr("Open run"), listPage);
    m_openButton->setObjectName(QStringLiteral("openButton"));
    m_openButton->setToolTip(tr("Show the selected run's evaluation."));
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_openButton);
    listLayout->addLayout(buttons);
    m_pages->addWidget(listPage);

    m_compareView = new RunCompareView(m_pages);
    m_pages->addWidget(m_compareView);

    connect(changeButton, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), m_runsDir);
        if (dir.isEmpty()) return;
        Settings::runsDir().set(dir);
        setRunsDir(dir);
    });
    connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
    connect(m_openButton, &QPushButton::clicked, this, &RunsPanel::openSelected);
    connect(m_compareButton, &QPushButton::clicked, this, [this]() { compareRuns(selectedRuns()); });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT openRunRequested(m_model->data(index, RunsModel::PathRole).toString());
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::updateButtons);
    connect(m_compareView, &RunCompareView::closeRequested, this, &RunsPanel::showList);
    updateButtons();
}

// A job names where its runs go (the demo: runs/ beside its job file); the list follows it, so a run
// trained from this job appears here when it ends. Jobs without one keep the folder from the settings.
void RunsPanel::loadJob(const ft::api::JobConfig& job) {
    if (!job.output.runsDir.empty() && toQ(job.output.runsDir) != m_runsDir) setRunsDir(toQ(job.output.runsDir));
}
void RunsPanel::storeJob(ft::api::JobConfig&) const {}

void RunsPanel::setRunsDir(const QString& dir) {
    m_runsDir = dir;
    m_dirLabel->setText(tr("Folder: %1").arg(QDir::toNativeSeparators(dir)));
    refresh();
}

void RunsPanel::refresh() {
    // Keep the selection across a rescan, so that returning from a comparison or a new run's
    // arrival does not lose it.
    const QStringList selected = selectedRuns();
    m_model->setRuns(scanRuns(m_runsDir));
    m_empty->setVisible(m_model->rowCount() == 0);
    selectRuns(selected);
    updateButtons();
}

void RunsPanel::selectRuns(const QStringList& runDirs) {
    QItemSelection selection;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (runDirs.contains(m_model->data(m_model->index(row, 0), RunsModel::PathRole).toString()))
            selection.select(m_model->index(row, 0), m_model->index(row, RunsModel::ColumnCount - 1));
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

QStringList RunsPanel::selectedRuns() const {
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());  // list order, not click order: stable colours
    QStringList out;
    for (const QModelIndex& row : rows) out.append(m_model->data(row, RunsModel::PathRole).toString());
    return out;
}

void RunsPanel::compareRuns(const QStringList& runDirs) {
    std::vector<RunEntry> runs;
    for (const QString& dir : runDirs) {
        const auto& listed = m_model->runs();
        const auto it =
            std::find_if(listed.begin(), listed.end(), [&dir](const RunEntry& r) { return r.path == dir; });
        runs.push_back(it != listed.end() ? *it : scanRun(dir));
    }
    m_compareView->setRuns(std::move(runs));
    m_pages->setCurrentWidget(m_compareView);
}

void RunsPanel::showList() {
    m_pages->setCurrentIndex(0);
}

bool RunsPanel::isComparing() const {
    return m_pages->currentWidget() == m_compareView;
}

void RunsPanel::updateButtons() {
    const int selected = static_cast<int>(m_table->selectionModel()->selectedRows().size());
    m_openButton->setEnabled(selected == 1);
    m_compareButton->setEnabled(selected >= 2);
}

void RunsPanel::openSelected() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1) return;
    Q_EMIT openRunRequested(m_model->data(rows.first(), RunsModel::PathRole).toString());
}

}  // namespace ft::ui

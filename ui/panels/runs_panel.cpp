#include "ui/panels/runs_panel.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/models/runs_model.h"
#include "ui/panels/panel_header.h"
#include "ui/qt_convert.h"
#include "ui/settings.h"

namespace ft::ui {

RunsPanel::RunsPanel(QWidget* parent) : StepPanel(parent), m_model(new RunsModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Runs"), tr("Every run keeps its job, metrics, checkpoints and report in its "
                                                     "own folder. Open one to see its evaluation."),
                                      this));
    auto* dirRow = new QHBoxLayout;
    m_dirLabel = new QLabel(this);
    m_dirLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* changeButton = new QPushButton(tr("Change folder\u2026"), this);
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    dirRow->addWidget(m_dirLabel, 1);
    dirRow->addWidget(changeButton);
    dirRow->addWidget(refreshButton);
    layout->addLayout(dirRow);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(RunsModel::NameColumn, QHeaderView::Stretch);
    for (int c = RunsModel::DateColumn; c < RunsModel::ColumnCount; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    m_empty = new QLabel(tr("No runs yet. Finished and cancelled runs appear here."), this);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_openButton = new QPushButton(tr("Open run"), this);
    m_openButton->setToolTip(tr("Show the selected run's evaluation."));
    buttons->addWidget(m_openButton);
    layout->addLayout(buttons);

    connect(changeButton, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), m_runsDir);
        if (dir.isEmpty()) return;
        Settings::runsDir().set(dir);
        setRunsDir(dir);
    });
    connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
    connect(m_openButton, &QPushButton::clicked, this, &RunsPanel::openSelected);
    connect(m_table, &QTableView::doubleClicked, this, &RunsPanel::openSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this]() { m_openButton->setEnabled(m_table->selectionModel()->hasSelection()); });
    m_openButton->setEnabled(false);
}

void RunsPanel::loadJob(const ft::api::JobConfig&) {}
void RunsPanel::storeJob(ft::api::JobConfig&) const {}

void RunsPanel::setRunsDir(const QString& dir) {
    m_runsDir = dir;
    m_dirLabel->setText(tr("Folder: %1").arg(QDir::toNativeSeparators(dir)));
    refresh();
}

void RunsPanel::refresh() {
    m_model->setRuns(scanRuns(m_runsDir));
    m_empty->setVisible(m_model->rowCount() == 0);
    m_openButton->setEnabled(false);
}

void RunsPanel::openSelected() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    Q_EMIT openRunRequested(m_model->data(rows.first(), RunsModel::PathRole).toString());
}

}  // namespace ft::ui

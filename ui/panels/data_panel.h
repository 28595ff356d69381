#pragma once
// Step 2: open a dataset, check the preview, map columns to roles, see the label balance.

#include <QFutureWatcher>

#include <atomic>
#include <memory>

#include "core/api/dataset_preview.h"
#include "core/api/dataset_report.h"
#include "core/api/dataset_rows.h"
#include "core/common/result.h"
#include "ui/step_panel.h"

class QCheckBox;
class QComboBox;
class QCPTextElement;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QSpinBox;
class QTableView;

namespace ft::ui {

class DataQualityChart;
class DatasetTableModel;
class TokenLengthChart;

// QFuture needs a default-constructible value; Result<T> is not.
struct PreviewOutcome {
    bool ok = false;
    ft::api::DatasetPreview preview;
    ft::Error error;
};

struct RowsOutcome {
    bool ok = false;
    ft::api::DatasetRows rows;
    ft::Error error;
};

struct StatisticsOutcome {
    bool ok = false;
    ft::api::DatasetReport report;
    ft::Error error;
};

class DataPanel : public StepPanel {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);
    // Waits for its background scans: none may outlive the panel (or, at exit, the statics they use).
    ~DataPanel() override;
    // The full pass over the file (statistics and problems) runs in the background; this stops it.
    void cancelFullPass();
    bool fullPassRunning() const;
    const DataQualityChart* qualityChart() const { return m_qualityChart; }

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override;

    void openDataset(const QString& path);   // previews in the background
    bool isLoading() const { return m_loading; }
    const DatasetTableModel* previewModel() const { return m_previewModel; }
    QString errorMessage() const;
    const TokenLengthChart* tokenLengthChart() const { return m_lengthChart; }
    // Scrolls the table to the row holding a file line and selects it (a problem was clicked);
    // false when no row in the table holds it.
    bool showLine(int64_t line);
    // The label chart counts every row (after the full pass) rather than the previewed ones.
    bool labelCountsCoverWholeFile() const { return !m_fullClassCounts.empty() && m_fullCountsColumn == m_data.labelColumn; }

Q_SIGNALS:
    void previewFinished(bool ok);
    // The full pass (token lengths against the job's model) after a preview; ok false when it failed.
    void statisticsFinished(bool ok);
    // The table covers the whole file (ok), or the pass noting where rows start failed or was stopped.
    void rowsIndexed(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void onPreviewFinished(QFutureWatcher<PreviewOutcome>* watcher, int generation);
    void startStatistics();
    void startRowIndex();
    void onRowIndexFinished(QFutureWatcher<RowsOutcome>* watcher, int generation);
    void onStatisticsFinished(QFutureWatcher<StatisticsOutcome>* watcher, int generation);
    void fillColumnCombos();
    void updateSplitWidgets();
    void syncWidgetsFromData();
    void updateTaskWidgets();
    void updateLabelChart();
    void chooseFile();

    DatasetTableModel* m_previewModel = nullptr;
    QLineEdit* m_pathEdit = nullptr;
    QLabel* m_status = nullptr;
    DataQualityChart* m_qualityChart = nullptr;  // duplicates, empties, leakage… from the full pass
    QListWidget* m_problems = nullptr;       // the full pass's problems, file:line each
    QWidget* m_passRow = nullptr;            // the full pass's progress bar and Cancel, while it runs
    QProgressBar* m_passBar = nullptr;
    std::shared_ptr<std::atomic<bool>> m_passCancel;  // the running pass's flag
    std::shared_ptr<std::atomic<bool>> m_rowsCancel;  // the row index pass's flag
    QComboBox* m_encodingCombo = nullptr;             // data.encoding
    ft::api::Task m_lastStatisticsTask = ft::api::Task::SequenceClassification;
    QTableView* m_table = nullptr;
    QComboBox* m_taskCombo = nullptr;
    QComboBox* m_textCombo = nullptr;
    QComboBox* m_pairCombo = nullptr;
    QComboBox* m_labelCombo = nullptr;
    QComboBox* m_targetCombo = nullptr;
    QListWidget* m_groupList = nullptr;
    QDoubleSpinBox* m_validationSpin = nullptr;
    QLineEdit* m_testEdit = nullptr;     // data.test: an optional held-out file
    QSpinBox* m_maxLengthSpin = nullptr;
    QSpinBox* m_fewShotSpin = nullptr;
    QCheckBox* m_augmentCheck = nullptr;
    QComboBox* m_splitCombo = nullptr;        // data.split_column ("(none)" = seeded split)
    QCheckBox* m_stratifyGroups = nullptr;    // data.stratify_by_group
    QCheckBox* m_trimCheck = nullptr;         // data.cleaning.trim
    QCheckBox* m_dropEmptyCheck = nullptr;    // data.cleaning.drop_empty
    QComboBox* m_dedupCombo = nullptr;        // data.cleaning.deduplicate
    QCustomPlot* m_chart = nullptr;
    QCPTextElement* m_chartTitle = nullptr;
    std::vector<std::pair<std::string, int64_t>> m_fullClassCounts;  // the full pass's, of m_fullCountsColumn
    std::string m_fullCountsColumn;
    TokenLengthChart* m_lengthChart = nullptr;
    std::string m_modelPath;        // the job's model: its tokenizer measures the lengths

    ft::api::DataSection m_data;   // the job's data section; widgets edit it field by field
    ft::api::Task m_task = ft::api::Task::SequenceClassification;
    bool m_hasPreview = false;
    bool m_loading = false;
    bool m_syncing = false;         // true while widgets are set from m_data (no write-back)
    bool m_applySuggestions = false;  // a freshly chosen file takes the preview's suggested columns
    ft::Error m_error;
    bool m_failed = false;
    int m_generation = 0;
    int m_statisticsGeneration = 0;
    int m_rowsGeneration = 0;
};

}  // namespace ft::ui

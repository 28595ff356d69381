#pragma once
// Step 1: pick a model from the bundled folder, the Hugging Face cache and user-added folders.

#include <QFutureWatcher>
#include <QStringList>

#include <optional>
#include <vector>

#include "core/api/model_info.h"
#include "ui/step_panel.h"

class QLabel;
class QPushButton;
class QTableView;

namespace ft::ui {

class ModelListModel;

class ModelPanel : public StepPanel {
    Q_OBJECT
public:
    // `bundledFolders`: folders shipped with the app, listed first; a job without a model gets
    // the first usable bundled model.
    explicit ModelPanel(QStringList bundledFolders, QWidget* parent = nullptr);
    // Waits for its background scans: none may outlive the panel (or, at exit, the statics they use).
    ~ModelPanel() override;

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override;

    // The selected model's summary, if one is selected.
    std::optional<ft::api::ModelSummary> selectedModel() const;
    const ModelListModel* listModel() const { return m_model; }
    void refresh();                    // rescans in the background
    void addFolder(const QString& folder);
    // A model just downloaded from the Hub (its snapshot folder): rescan and select it.
    void showDownloadedModel(const QString& snapshotFolder);
    bool isScanning() const { return m_scanning; }

Q_SIGNALS:
    void modelSelected(const QString& path, int numLayers);
    void scanFinished();

private:
    void onScanFinished(QFutureWatcher<std::vector<ft::api::ModelSummary>>* watcher, int generation);
    void onSelectionChanged();
    void openHubDownload();
    void showDetails(const ft::api::ModelSummary* m);
    void selectPath(const QString& path);
    int defaultRow() const;  // the first usable bundled model, -1 if none

    QStringList m_bundledFolders;
    QStringList m_jobFolders;      // model folders of opened jobs and downloads, listed for this session
    ModelListModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_detailTitle = nullptr;
    QLabel* m_details = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_scanLabel = nullptr;
    QPushButton* m_removeButton = nullptr;
    QString m_path;           // job.model.path
    ft::api::JobConfig m_job;  // as loaded: batch, length, freezing and LoRA for the memory estimate
    int m_generation = 0;     // only the newest scan may update the list
    bool m_scanning = false;
};

}  // namespace ft::ui

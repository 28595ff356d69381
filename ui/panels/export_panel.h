#pragma once
// Step 6: export a run's result (or any model folder) as a Hugging Face folder, or a LoRA run's
// PEFT adapter, in float32 / float16 / bfloat16. The export runs in the background; afterwards the
// panel shows what was written and how the reloaded export compared with the source.

#include <QFutureWatcher>
#include <QString>

#include "core/api/export_model.h"
#include "core/common/result.h"
#include "ui/step_panel.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ft::ui {

// QFuture needs a default-constructible value; Result<T> is not.
struct ExportOutcome {
    bool ok = false;
    ft::api::ExportSummary summary;
    ft::Error error;
};

class ExportPanel : public StepPanel {
    Q_OBJECT
public:
    enum class SourceKind { None, Run, LoraRun, ModelFolder, Invalid };

    explicit ExportPanel(QWidget* parent = nullptr);

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override;

    // A run folder (holds job.json) or a model folder (holds config.json). Until an output folder
    // is chosen, the output follows the source: <run>/export or <model>-export beside the model.
    void setSource(const QString& folder);
    QString source() const { return m_source; }
    SourceKind sourceKind() const { return m_kind; }
    void setOutput(const QString& folder);
    QString output() const;
    void setDtype(const QString& dtype);   // "float32" | "float16" | "bfloat16"
    void setAdapterOnly(bool on);
    bool adapterOnlyAvailable() const;      // LoRA runs only

    // Why the current request cannot run (empty when it can): no source, or an output folder that
    // is, or contains, the source or its base model (the export replaces the output folder whole).
    QString requestProblem() const;
    // Starts the export in the background without asking; false when requestProblem() is not empty.
    bool startExport();
    bool isExporting() const { return m_exporting; }
    const ExportOutcome& lastOutcome() const { return m_outcome; }

Q_SIGNALS:
    void exportFinished(bool ok);
    void statusMessage(const QString& text);

private:
    void onExportClicked();
    void onExportFinished(QFutureWatcher<ExportOutcome>* watcher);
    void chooseSource();
    void chooseOutput();
    void showOutcome();
    void updateWidgets();

    QLineEdit* m_sourceEdit = nullptr;
    QLabel* m_sourceInfo = nullptr;
    QLineEdit* m_outputEdit = nullptr;
    QComboBox* m_dtype = nullptr;
    QCheckBox* m_adapterOnly = nullptr;
    QPushButton* m_chooseSource = nullptr;
    QPushButton* m_chooseOutput = nullptr;
    QPushButton* m_exportButton = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_status = nullptr;
    QGroupBox* m_resultBox = nullptr;
    QLabel* m_resultKind = nullptr;
    QLabel* m_resultFolder = nullptr;
    QLabel* m_resultParameters = nullptr;
    QLabel* m_resultVerified = nullptr;
    QLabel* m_resultGeneration = nullptr;
    QLabel* m_resultWarnings = nullptr;
    QPushButton* m_showFolder = nullptr;

    QString m_source;
    QString m_baseModel;           // a LoRA run's base model folder (never to be overwritten)
    SourceKind m_kind = SourceKind::None;
    bool m_outputChosen = false;   // the user picked the output; it no longer follows the source
    bool m_exporting = false;
    bool m_hasOutcome = false;
    ExportOutcome m_outcome;
    QString m_outcomeDtype;
    bool m_outcomeFromLora = false;
};

}  // namespace ft::ui

#pragma once
// Step 5: the final evaluation of a run — headline metrics, per-class table, confusion matrix,
// fairness slices (attributes and their intersections), disparities and the counterfactual swap test.

#include <QString>

#include "core/api/eval_report.h"
#include "ui/step_panel.h"

class QGridLayout;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;

namespace ft::ui {

class ClassMetricsModel;
class ConfusionModel;
class CounterfactualModel;
class GeneratedSamplesModel;
class GroupMetricsModel;

class EvalPanel : public StepPanel {
    Q_OBJECT
public:
    explicit EvalPanel(QWidget* parent = nullptr);

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override;

    // Reads runDir/eval/report.json; false (and a message in the panel) when it cannot.
    bool openRun(const QString& runDir);
    void showReport(const ft::api::EvalReport& report);
    QString runDir() const { return m_runDir; }
    QString title() const;  // the line above the cards (plain text)
    const CounterfactualModel* counterfactualModel() const { return m_counterfactualModel; }
    const GeneratedSamplesModel* samplesModel() const { return m_samplesModel; }
    QString counterfactualSummary() const;
    // Writes the open run's report to `file`: .html renders the self-contained page, .json and .csv
    // copy eval/report.json / report.csv. An empty string on success, else the message shown.
    QString exportReport(const QString& file);

Q_SIGNALS:
    void runOpened(const QString& runDir);  // openRun was called, whether or not a report was found

private:
    void setMetric(int index, const QString& caption, const QString& value, const QString& tip);
    void showCounterfactual(const ft::api::CounterfactualResult& c);

    void chooseExportFile();
    bool loadReport(const QString& dir);

    QLabel* m_title = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_openHtmlButton = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_cards = nullptr;
    QGridLayout* m_cardLayout = nullptr;
    QTabWidget* m_tabs = nullptr;
    QWidget* m_emptySpace = nullptr;  // keeps the empty state's text at the top
    ClassMetricsModel* m_classModel = nullptr;
    ConfusionModel* m_confusionModel = nullptr;
    GroupMetricsModel* m_groupModel = nullptr;
    CounterfactualModel* m_counterfactualModel = nullptr;
    GeneratedSamplesModel* m_samplesModel = nullptr;
    QTableView* m_perClassView = nullptr;
    QTableView* m_confusionView = nullptr;
    QTableView* m_samplesView = nullptr;
    QWidget* m_fairnessView = nullptr;
    enum class TabSet { None, Classes, LanguageModel, TextToText };
    TabSet m_tabSet = TabSet::None;  // which tabs the shown report has
    QListWidget* m_disparities = nullptr;
    QLabel* m_counterfactualSummary = nullptr;
    QTableView* m_counterfactualView = nullptr;
    QString m_runDir;      // the run shown
    QString m_reportDir;   // where the shown report's eval/ folder is: the run, or its evaluations/test
    QComboBox* m_split = nullptr;  // validation split / test set, when the run has a test report
    bool m_hasReport = false;
    bool m_loadingFromRun = false;  // showReport called by loadReport: m_runDir stays the run
};

}  // namespace ft::ui

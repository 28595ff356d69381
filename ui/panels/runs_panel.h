#pragma once
// The run history: every run folder under the runs directory; opening one shows its evaluation.

#include "ui/step_panel.h"

class QLabel;
class QPushButton;
class QTableView;

namespace ft::ui {

class RunsModel;

class RunsPanel : public StepPanel {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);

    void loadJob(const ft::api::JobConfig& job) override;
    void storeJob(ft::api::JobConfig& job) const override;
    StepState state() const override { return StepState::Pending; }

    void setRunsDir(const QString& dir);
    QString runsDir() const { return m_runsDir; }
    void refresh();
    const RunsModel* runsModel() const { return m_model; }

Q_SIGNALS:
    void openRunRequested(const QString& runDir);

private:
    void openSelected();

    RunsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_dirLabel = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_openButton = nullptr;
    QString m_runsDir;
};

}  // namespace ft::ui

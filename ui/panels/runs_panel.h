#pragma once
// The run history: every run folder under the runs directory; opening one shows its evaluation,
// and two or more can be compared (curves overlaid, final metrics side by side).

#include <QStringList>

#include "ui/step_panel.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace ft::ui {

class RunCompareView;
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

    // Selects these runs in the list (folders not listed are ignored).
    void selectRuns(const QStringList& runDirs);
    QStringList selectedRuns() const;
    // Shows the comparison of these run folders in place of the list; showList() goes back.
    void compareRuns(const QStringList& runDirs);
    void showList();
    bool isComparing() const;
    RunCompareView* compareView() const { return m_compareView; }

Q_SIGNALS:
    void openRunRequested(const QString& runDir);

private:
    void openSelected();
    void updateButtons();

    RunsModel* m_model = nullptr;
    QStackedWidget* m_pages = nullptr;
    QTableView* m_table = nullptr;
    RunCompareView* m_compareView = nullptr;
    QLabel* m_dirLabel = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_openButton = nullptr;
    QPushButton* m_compareButton = nullptr;
    QString m_runsDir;
};

}  // namespace ft::ui

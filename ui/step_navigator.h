#pragma once
// The left-hand list of steps; each item shows whether its step is done or needs attention.

#include <QListWidget>

#include "ui/step_panel.h"

namespace ft::ui {

class StepNavigator : public QListWidget {
    Q_OBJECT
public:
    explicit StepNavigator(QWidget* parent = nullptr);

    void setStepState(Step step, StepState state);
    StepState stepState(Step step) const;
    Step currentStep() const;
    void setCurrentStep(Step step);
    static QString stepTitle(Step step);

Q_SIGNALS:
    void stepActivated(ft::ui::Step step);

private:
    QIcon iconFor(Step step, StepState state) const;
    StepState m_states[kStepCount] = {};
};

}  // namespace ft::ui

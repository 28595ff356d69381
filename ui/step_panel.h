#pragma once
// What every step panel offers the window: edit its part of the job, and say whether it is done.

#include <QWidget>

#include "core/api/job_config.h"

namespace ft::ui {

enum class Step { Model, Data, Configure, Train, Evaluate, Export, Playground, Runs };
inline constexpr int kStepCount = 8;

enum class StepState { Pending, Done, NeedsAttention };

class StepPanel : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // The window keeps one JobConfig; panels load it when shown and store their fields when left.
    // Fields a panel has no widget for stay as loaded, so load → store is the identity.
    virtual void loadJob(const ft::api::JobConfig& job) = 0;
    virtual void storeJob(ft::api::JobConfig& job) const = 0;
    virtual StepState state() const = 0;

Q_SIGNALS:
    void stateChanged();
};

}  // namespace ft::ui

#pragma once
// Configure step presets: Quick (a first look in minutes), Balanced (the usual fine-tuning recipe)
// and Thorough (longer, gentler, regularized). Each sets only the optimization and stopping fields;
// the model, data, freezing and LoRA choices stay as they are.

#include <QCoreApplication>
#include <QString>

#include <vector>

#include "core/api/job_config.h"

namespace ft::ui {

struct TrainingPreset {
    QString key;             // "quick", "balanced", "thorough"
    QString title;
    QString description;     // the tooltip: what it sets and when to use it
    int epochs = 3;
    double learningRate = 5e-5;
    double warmupRatio = 0.1;
    double weightDecay = 0.01;
    ft::api::Schedule schedule = ft::api::Schedule::Linear;
    int patience = 0;        // early stopping, in evaluations
    double labelSmoothing = 0.0;
};

class TrainingPresets {
    Q_DECLARE_TR_FUNCTIONS(TrainingPresets)
public:
    static std::vector<TrainingPreset> all();
};

}  // namespace ft::ui

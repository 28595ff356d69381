#include "ui/panels/training_presets.h"

namespace ft::ui {

std::vector<TrainingPreset> TrainingPresets::all() {
    using ft::api::Schedule;
    return {
        {QStringLiteral("quick"), tr("Quick"),
         tr("One epoch at a higher learning rate: a first result in minutes, to check that data and model work together."),
         1, 1e-4, 0.06, 0.0, Schedule::Linear, 0, 0.0},
        {QStringLiteral("balanced"), tr("Balanced"),
         tr("Three epochs, learning rate 5e-5 with 10% warm-up and linear decay, weight decay 0.01, early stopping after "
            "2 evaluations without improvement: the usual fine-tuning recipe."),
         3, 5e-5, 0.1, 0.01, Schedule::Linear, 2, 0.0},
        {QStringLiteral("thorough"), tr("Thorough"),
         tr("Six epochs at a gentler learning rate (3e-5) with cosine decay, label smoothing 0.1 and early stopping after "
            "3 evaluations: slower, usually a little better and better calibrated."),
         6, 3e-5, 0.1, 0.01, Schedule::Cosine, 3, 0.1},
    };
}

}  // namespace ft::ui

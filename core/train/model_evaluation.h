#pragma once
// api::evaluateOnFile's work: load the model and its labels, read the file with them, evaluate, and
// write the report as a finished run's.

#include "core/api/evaluation.h"

namespace ft::train {

Result<api::EvaluationResult> evaluateOnFile(const api::EvaluationRequest& request);

}  // namespace ft::train

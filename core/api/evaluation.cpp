#include "core/api/evaluation.h"

#include "core/train/model_evaluation.h"

namespace ft::api {

Result<EvaluationResult> evaluateOnFile(const EvaluationRequest& request) { return train::evaluateOnFile(request); }

}  // namespace ft::api

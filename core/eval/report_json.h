#pragma once
// Versioned JSON export of an EvalReport. Undefined values are written as null plus "reason".

#include "core/common/result.h"
#include "core/eval/report.h"

#include <filesystem>
#include <string>

namespace ft::eval {

std::string reportToJson(const EvalReport& report, int indent = 2);
Status writeReportJson(const EvalReport& report, const std::filesystem::path& file);

}  // namespace ft::eval

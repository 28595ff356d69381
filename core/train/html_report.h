#pragma once
// <run>/eval/report.html: the run's report.json, its training curves (metrics.jsonl) and its job
// settings as one self-contained page (core/eval/report_html.h).

#include <filesystem>
#include <string>

#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::train {

// The page for `runDir`, which must hold eval/report.json.
Result<std::string> renderRunHtml(const std::filesystem::path& runDir, const api::JobConfig& job);

// Renders and writes <run>/eval/report.html (atomically).
Status writeRunHtml(const std::filesystem::path& runDir, const api::JobConfig& job);

}  // namespace ft::train

#pragma once
// Tidy CSV export (fairness-eval.md §3.8): one row per (slice, group, metric), and a second table
// with one row per disparity.

#include "core/common/result.h"
#include "core/eval/report.h"

#include <filesystem>
#include <string>

namespace ft::eval {

// run_id,task,slice_features,slice_values,n,n_pos,n_neg,metric,average,threshold,value,defined,
// reason,ci_low,ci_high,ci_method,n_valid_replicates,flags
std::string metricsCsv(const EvalReport& report);
// slice_features,class,metric,method,kind,value,defined,reason,ci_low,ci_high,min_group,max_group,groups_excluded
std::string disparitiesCsv(const EvalReport& report);
// Writes <dir>/report.csv and <dir>/disparities.csv.
Status writeReportCsv(const EvalReport& report, const std::filesystem::path& dir);

// RFC 4180 quoting of one field.
std::string csvField(const std::string& value);

}  // namespace ft::eval

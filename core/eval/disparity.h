#pragma once
// Aggregations over the groups of a slice: Fairlearn's min / max / difference / ratio and the
// named fairness metrics, plus AIF360's signed reference-group mode (fairness-eval.md §1.5, §1.6).
// Undefined groups are skipped and listed in `excluded`, never dropped silently.

#include "core/eval/fairness.h"

#include <string>
#include <vector>

namespace ft::eval {

enum class Method { BetweenGroups, ToOverall };
enum class OddsAggregation { WorstCase, Mean };

struct Aggregate {
    std::string metric;
    std::string method;  // "group_min", "group_max", "between_groups", "to_overall", "reference"
    std::string kind;    // "min", "max", "difference", "ratio"
    MetricValue value;
    std::string minGroup, maxGroup;      // groups at the extremes of the defined values
    std::vector<std::string> excluded;   // groups whose value is undefined, e.g. "b (no_true_positives)"
    std::vector<std::string> flags;      // e.g. "tpr_not_comparable"
};

const char* methodName(Method m);

Aggregate groupMin(const SliceResult& s, const std::string& metric);
Aggregate groupMax(const SliceResult& s, const std::string& metric);
// between_groups: max - min; to_overall: max_g |m_g - overall|. Needs two defined groups
// (between) or one defined group and a defined overall value (to_overall).
Aggregate difference(const SliceResult& s, const std::string& metric, Method method = Method::BetweenGroups);
// between_groups: min / max; to_overall: min_g of m_g / overall, inverted when above 1.
Aggregate ratio(const SliceResult& s, const std::string& metric, Method method = Method::BetweenGroups);

Aggregate demographicParityDifference(const SliceResult& s, Method method = Method::BetweenGroups);
Aggregate demographicParityRatio(const SliceResult& s, Method method = Method::BetweenGroups);
Aggregate equalOpportunityDifference(const SliceResult& s, Method method = Method::BetweenGroups);
Aggregate equalOpportunityRatio(const SliceResult& s, Method method = Method::BetweenGroups);
// worst case = max of the TPR and FPR differences (min of the ratios); a component with fewer
// than two defined groups is left out and flagged "<metric>_not_comparable".
Aggregate equalizedOddsDifference(const SliceResult& s, Method method = Method::BetweenGroups,
                                  OddsAggregation agg = OddsAggregation::WorstCase);
Aggregate equalizedOddsRatio(const SliceResult& s, Method method = Method::BetweenGroups,
                             OddsAggregation agg = OddsAggregation::WorstCase);

// AIF360 signed mode: every group against a reference (privileged) group.
struct ReferenceComparison {
    std::string group;
    MetricValue difference;  // m(group) - m(reference)
    MetricValue ratio;       // m(group) / m(reference)
};
std::vector<ReferenceComparison> compareToReference(const SliceResult& s, const std::string& metric,
                                                    const std::string& referenceGroup);

struct ReferenceSummary {
    std::string unprivileged, privileged;
    MetricValue statisticalParityDifference;  // sel_u - sel_p
    MetricValue disparateImpact;              // sel_u / sel_p
    MetricValue equalOpportunityDifference;   // tpr_u - tpr_p
    MetricValue averageOddsDifference;        // ((fpr_u - fpr_p) + (tpr_u - tpr_p)) / 2
    MetricValue averageAbsOddsDifference;     // (|fpr_u - fpr_p| + |tpr_u - tpr_p|) / 2
    MetricValue equalizedOddsDifference;      // max(|fpr_u - fpr_p|, |tpr_u - tpr_p|)
};
ReferenceSummary referenceSummary(const SliceResult& s, const std::string& unprivileged,
                                  const std::string& privileged);

// The standard set for reports: difference and ratio (both methods) of every scalar group metric.
std::vector<Aggregate> standardDisparities(const SliceResult& s);

}  // namespace ft::eval

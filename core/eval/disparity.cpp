#include "core/eval/disparity.h"

#include <algorithm>
#include <cmath>

namespace ft::eval {

const char* methodName(Method m) { return m == Method::ToOverall ? "to_overall" : "between_groups"; }

namespace {

MetricValue metricOf(const GroupResult& g, const std::string& metric) {
    const auto it = g.metrics.find(metric);
    if (it == g.metrics.end()) return MetricValue::undefined("not_computed");
    return it->second;
}

struct Defined {
    std::vector<std::pair<std::string, double>> values;
    std::vector<std::string> excluded;
};

Defined definedValues(const SliceResult& s, const std::string& metric) {
    Defined d;
    for (const GroupResult& g : s.groups) {
        const MetricValue v = metricOf(g, metric);
        if (v.defined && !std::isnan(v.value)) d.values.emplace_back(g.name, v.value);
        else d.excluded.push_back(g.name + " (" + (g.count == 0 ? std::string("empty_group") : v.reason) + ")");
    }
    return d;
}

Aggregate start(const std::string& metric, const char* method, const char* kind, const Defined& d) {
    Aggregate a;
    a.metric = metric;
    a.method = method;
    a.kind = kind;
    a.excluded = d.excluded;
    if (!d.values.empty()) {
        const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end(),
                                                  [](const auto& x, const auto& y) { return x.second < y.second; });
        a.minGroup = lo->first;
        a.maxGroup = hi->first;
    }
    return a;
}

double minOf(const Defined& d) {
    double v = INFINITY;
    for (const auto& p : d.values) v = std::min(v, p.second);
    return v;
}
double maxOf(const Defined& d) {
    double v = -INFINITY;
    for (const auto& p : d.values) v = std::max(v, p.second);
    return v;
}

}  // namespace

Aggregate groupMin(const SliceResult& s, const std::string& metric) {
    const Defined d = definedValues(s, metric);
    Aggregate a = start(metric, "group_min", "min", d);
    a.value = d.values.empty() ? MetricValue::undefined("no_defined_group") : MetricValue::of(minOf(d));
    return a;
}

Aggregate groupMax(const SliceResult& s, const std::string& metric) {
    const Defined d = definedValues(s, metric);
    Aggregate a = start(metric, "group_max", "max", d);
    a.value = d.values.empty() ? MetricValue::undefined("no_defined_group") : MetricValue::of(maxOf(d));
    return a;
}

Aggregate difference(const SliceResult& s, const std::string& metric, Method method) {
    const Defined d = definedValues(s, metric);
    Aggregate a = start(metric, methodName(method), "difference", d);
    if (method == Method::BetweenGroups) {
        a.value = d.values.size() < 2 ? MetricValue::undefined("not_enough_groups")
                                      : MetricValue::of(maxOf(d) - minOf(d));
        return a;
    }
    const MetricValue overall = metricOf(s.overall, metric);
    if (!overall.defined) a.value = MetricValue::undefined("overall_undefined");
    else if (d.values.empty()) a.value = MetricValue::undefined("no_defined_group");
    else {
        double worst = 0;
        for (const auto& p : d.values) worst = std::max(worst, std::fabs(p.second - overall.value));
        a.value = MetricValue::of(worst);
    }
    return a;
}

Aggregate ratio(const SliceResult& s, const std::string& metric, Method method) {
    const Defined d = definedValues(s, metric);
    Aggregate a = start(metric, methodName(method), "ratio", d);
    if (method == Method::BetweenGroups) {
        if (d.values.size() < 2) a.value = MetricValue::undefined("not_enough_groups");
        else if (maxOf(d) == 0) a.value = MetricValue::undefined("zero_reference");
        else a.value = MetricValue::of(minOf(d) / maxOf(d));
        return a;
    }
    const MetricValue overall = metricOf(s.overall, metric);
    if (!overall.defined) {
        a.value = MetricValue::undefined("overall_undefined");
        return a;
    }
    if (d.values.empty()) {
        a.value = MetricValue::undefined("no_defined_group");
        return a;
    }
    double worst = INFINITY;
    for (const auto& p : d.values) {
        if (p.second == 0 && overall.value == 0) {
            a.excluded.push_back(p.first + " (zero_reference)");
            continue;
        }
        // Expressed as a number at most 1 (Fairlearn's ratio_sub_one); x / 0 -> inf -> 0.
        double r = overall.value == 0 ? INFINITY : p.second / overall.value;
        if (r > 1) r = 1 / r;
        worst = std::min(worst, r);
    }
    a.value = std::isinf(worst) ? MetricValue::undefined("zero_reference") : MetricValue::of(worst);
    return a;
}

Aggregate demographicParityDifference(const SliceResult& s, Method m) { return difference(s, "selection_rate", m); }
Aggregate demographicParityRatio(const SliceResult& s, Method m) { return ratio(s, "selection_rate", m); }
Aggregate equalOpportunityDifference(const SliceResult& s, Method m) { return difference(s, "tpr", m); }
Aggregate equalOpportunityRatio(const SliceResult& s, Method m) { return ratio(s, "tpr", m); }

namespace {

Aggregate combineOdds(const Aggregate& tpr, const Aggregate& fpr, const char* name, OddsAggregation agg,
                      bool takeMax) {
    Aggregate a;
    a.metric = name;
    a.method = tpr.method;
    a.kind = tpr.kind;
    a.excluded = tpr.excluded;
    a.excluded.insert(a.excluded.end(), fpr.excluded.begin(), fpr.excluded.end());
    std::vector<double> parts;
    for (const Aggregate* part : {&tpr, &fpr}) {
        if (part->value.defined) parts.push_back(part->value.value);
        else a.flags.push_back(part->metric + "_not_comparable");
    }
    if (parts.empty()) {
        a.value = MetricValue::undefined(tpr.value.reason);
        return a;
    }
    double v = parts[0];
    if (parts.size() == 2) {
        if (agg == OddsAggregation::Mean) v = (parts[0] + parts[1]) / 2;
        else v = takeMax ? std::max(parts[0], parts[1]) : std::min(parts[0], parts[1]);
    }
    a.value = MetricValue::of(v);
    return a;
}

}  // namespace

Aggregate equalizedOddsDifference(const SliceResult& s, Method m, OddsAggregation agg) {
    return combineOdds(difference(s, "tpr", m), difference(s, "fpr", m), "equalized_odds", agg, true);
}

Aggregate equalizedOddsRatio(const SliceResult& s, Method m, OddsAggregation agg) {
    return combineOdds(ratio(s, "tpr", m), ratio(s, "fpr", m), "equalized_odds", agg, false);
}

std::vector<ReferenceComparison> compareToReference(const SliceResult& s, const std::string& metric,
                                                    const std::string& referenceGroup) {
    std::vector<ReferenceComparison> out;
    const GroupResult* ref = s.find(referenceGroup);
    const MetricValue r = ref ? metricOf(*ref, metric) : MetricValue::undefined("unknown_reference_group");
    for (const GroupResult& g : s.groups) {
        if (g.name == referenceGroup) continue;
        ReferenceComparison c;
        c.group = g.name;
        const MetricValue v = metricOf(g, metric);
        if (!v.defined) c.difference = c.ratio = MetricValue::undefined(v.reason);
        else if (!r.defined) c.difference = c.ratio = MetricValue::undefined(r.reason);
        else {
            c.difference = MetricValue::of(v.value - r.value);
            c.ratio = safeDivide(v.value, r.value, "zero_reference", ZeroDivision::Undefined);
        }
        out.push_back(std::move(c));
    }
    return out;
}

ReferenceSummary referenceSummary(const SliceResult& s, const std::string& unprivileged,
                                  const std::string& privileged) {
    ReferenceSummary out;
    out.unprivileged = unprivileged;
    out.privileged = privileged;
    const GroupResult* u = s.find(unprivileged);
    const GroupResult* p = s.find(privileged);
    auto get = [](const GroupResult* g, const char* metric) {
        return g ? metricOf(*g, metric) : MetricValue::undefined("unknown_group");
    };
    auto diff = [&](const char* metric) {
        const MetricValue a = get(u, metric), b = get(p, metric);
        if (!a.defined) return MetricValue::undefined(a.reason);
        if (!b.defined) return MetricValue::undefined(b.reason);
        return MetricValue::of(a.value - b.value);
    };
    out.statisticalParityDifference = diff("selection_rate");
    const MetricValue su = get(u, "selection_rate"), sp = get(p, "selection_rate");
    out.disparateImpact = !su.defined ? MetricValue::undefined(su.reason)
                          : !sp.defined ? MetricValue::undefined(sp.reason)
                                        : safeDivide(su.value, sp.value, "zero_reference", ZeroDivision::Undefined);
    out.equalOpportunityDifference = diff("tpr");
    const MetricValue dt = diff("tpr"), df = diff("fpr");
    if (!dt.defined || !df.defined) {
        const std::string why = !dt.defined ? dt.reason : df.reason;
        out.averageOddsDifference = out.averageAbsOddsDifference = out.equalizedOddsDifference =
            MetricValue::undefined(why);
    } else {
        out.averageOddsDifference = MetricValue::of((df.value + dt.value) / 2);
        out.averageAbsOddsDifference = MetricValue::of((std::fabs(df.value) + std::fabs(dt.value)) / 2);
        out.equalizedOddsDifference = MetricValue::of(std::max(std::fabs(df.value), std::fabs(dt.value)));
    }
    return out;
}

std::vector<Aggregate> standardDisparities(const SliceResult& s) {
    std::vector<Aggregate> out;
    for (const auto& [metric, value] : s.overall.metrics) {
        (void)value;
        if (metric == "count") continue;
        for (Method m : {Method::BetweenGroups, Method::ToOverall}) {
            out.push_back(difference(s, metric, m));
            out.push_back(ratio(s, metric, m));
        }
    }
    out.push_back(equalizedOddsDifference(s));
    out.push_back(equalizedOddsRatio(s));
    return out;
}

}  // namespace ft::eval

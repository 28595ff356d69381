#include "core/eval/report_csv.h"

#include "core/eval/report_io.h"

#include <cmath>
#include <cstdio>

namespace ft::eval {

std::string csvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

namespace {

std::string num(double v) {
    if (std::isnan(v)) return "";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

std::string valueCells(const MetricValue& m) {
    const bool ci = !m.ciMethod.empty();
    return csvField(m.defined ? num(m.value) : "") + "," + (m.defined ? "true" : "false") + "," +
           csvField(m.reason) + "," + (ci ? num(m.ciLow) : "") + "," + (ci ? num(m.ciHigh) : "") + "," + m.ciMethod +
           "," + (m.nValidReplicates > 0 ? std::to_string(m.nValidReplicates) : "");
}

}  // namespace

std::string metricsCsv(const EvalReport& r) {
    std::string out =
        "run_id,task,slice_features,slice_values,n,n_pos,n_neg,metric,average,threshold,value,defined,reason,"
        "ci_low,ci_high,ci_method,n_valid_replicates,flags\n";
    const std::string prefix = csvField(r.runId) + "," + csvField(r.task) + ",";
    for (const auto& [name, value] : r.overall)
        out += prefix + ",overall,,,," + csvField(name) + ",," + num(r.threshold) + "," + valueCells(value) + ",\n";
    for (const ClassMetrics& c : r.perClass) {
        const std::string cls = c.classId < static_cast<int>(r.labelNames.size())
                                    ? r.labelNames[static_cast<size_t>(c.classId)]
                                    : std::to_string(c.classId);
        const std::pair<const char*, const MetricValue*> items[] = {
            {"precision", &c.precision}, {"recall", &c.recall}, {"f1", &c.f}};
        for (const auto& [name, value] : items)
            out += prefix + "class," + csvField(cls) + "," + num(c.support) + ",,," + name + ",per_class," +
                   num(r.threshold) + "," + valueCells(*value) + ",\n";
    }
    for (const SliceReport& s : r.slices) {
        const std::string features = csvField(join(s.slice.attributes, "|"));
        const std::string average = s.slice.oneVsRest ? "one_vs_rest:" + std::to_string(s.slice.positiveClass) : "";
        auto emit = [&](const GroupResult& g, const std::string& values) {
            for (const auto& [name, value] : g.metrics)
                out += prefix + features + "," + csvField(values) + "," + std::to_string(g.count) + "," +
                       num(g.nPos) + "," + num(g.nNeg) + "," + csvField(name) + "," + average + "," +
                       num(r.threshold) + "," + valueCells(value) + "," + csvField(join(g.flags, "|")) + "\n";
        };
        emit(s.slice.overall, "overall");
        for (const GroupResult& g : s.slice.groups) emit(g, join(g.key, "|"));
    }
    return out;
}

std::string disparitiesCsv(const EvalReport& r) {
    std::string out =
        "slice_features,class,metric,method,kind,value,defined,reason,ci_low,ci_high,min_group,max_group,"
        "groups_excluded\n";
    for (const SliceReport& s : r.slices) {
        const std::string features = csvField(join(s.slice.attributes, "|"));
        const std::string cls = s.slice.oneVsRest ? std::to_string(s.slice.positiveClass) : "";
        for (const Aggregate& a : s.disparities) {
            const MetricValue& v = a.value;
            const bool boot = !v.ciMethod.empty();
            out += features + "," + cls + "," + csvField(a.metric) + "," + a.method + "," + a.kind + "," +
                   (v.defined ? num(v.value) : "") + "," + (v.defined ? "true" : "false") + "," +
                   csvField(v.reason) + "," + (boot ? num(v.ciLow) : "") + "," + (boot ? num(v.ciHigh) : "") +
                   "," + csvField(a.minGroup) + "," + csvField(a.maxGroup) + "," +
                   csvField(join(a.excluded, "|")) + "\n";
        }
    }
    return out;
}

Status writeReportCsv(const EvalReport& report, const std::filesystem::path& dir) {
    Status st = writeTextFile(dir / "report.csv", metricsCsv(report));
    if (!st) return st;
    return writeTextFile(dir / "disparities.csv", disparitiesCsv(report));
}

}  // namespace ft::eval

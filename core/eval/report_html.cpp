#include "core/eval/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace ft::eval {

using nlohmann::json;

namespace {

const char* kPalette[] = {"#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"};

std::string esc(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string num(double v, int digits = 4) {
    if (!std::isfinite(v)) return "—";
    char b[48];
    std::snprintf(b, sizeof b, "%.*f", digits, v);
    return b;
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double number(const json& j, double fallback = std::nan("")) { return j.is_number() ? j.get<double>() : fallback; }

// A metric value object of report.json: its value, or NaN when undefined.
double valueOf(const json& metric) {
    if (metric.is_number()) return metric.get<double>();
    if (!metric.is_object()) return std::nan("");
    const auto it = metric.find("value");
    return it != metric.end() && it->is_number() ? it->get<double>() : std::nan("");
}

// "0.6129 [0.5106, 0.7157]", or "— (reason)" for an undefined value.
std::string metricCell(const json& metric, int digits = 4) {
    const double v = valueOf(metric);
    if (!std::isfinite(v)) {
        const std::string reason = metric.is_object() ? str(metric, "reason") : std::string();
        return reason.empty() ? "—" : "— <span class=muted>(" + esc(reason) + ")</span>";
    }
    std::string out = num(v, digits);
    if (metric.is_object() && metric.contains("ci_low") && metric["ci_low"].is_number() && metric["ci_high"].is_number())
        out += " <span class=ci>[" + num(metric["ci_low"].get<double>(), digits) + ", " + num(metric["ci_high"].get<double>(), digits) + "]</span>";
    return out;
}

std::string prettyName(std::string name) {
    static const std::map<std::string, std::string> known = {
        {"f1_macro", "F1 (macro)"}, {"f1_micro", "F1 (micro)"}, {"f1_weighted", "F1 (weighted)"}, {"f1", "F1 (positive class)"},
        {"precision_macro", "precision (macro)"}, {"recall_macro", "recall (macro)"}, {"roc_auc", "ROC AUC"}, {"log_loss", "log-loss"},
        {"ece", "expected calibration error"}, {"tpr", "true-positive rate"}, {"fpr", "false-positive rate"},
        {"selection_rate", "selection rate"}, {"balanced_accuracy", "balanced accuracy"}, {"error_rate", "error rate"}};
    const auto it = known.find(name);
    if (it != known.end()) return it->second;
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

// Round numbers for axis ticks: 1, 2 or 5 × 10^k steps covering [lo, hi].
std::vector<double> ticks(double lo, double hi, int target = 5) {
    std::vector<double> out;
    if (!(hi > lo)) return {lo};
    const double raw = (hi - lo) / target, mag = std::pow(10, std::floor(std::log10(raw)));
    const double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
    return out;
}

std::string tickLabel(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

struct Frame {
    double x0 = 56, y0 = 16, w = 560, h = 200;   // plot area inside a 640 × 260 picture
    double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
    double px(double x) const { return x0 + (xmax > xmin ? (x - xmin) / (xmax - xmin) : 0.5) * w; }
    double py(double y) const { return y0 + h - (ymax > ymin ? (y - ymin) / (ymax - ymin) : 0.5) * h; }
};

std::string axes(const Frame& f, const std::string& xLabel, const std::string& yLabel, bool xTicks = true) {
    std::ostringstream s;
    s << "<rect x=" << f.x0 << " y=" << f.y0 << " width=" << f.w << " height=" << f.h << " class=plot />";
    for (double t : ticks(f.ymin, f.ymax)) {
        s << "<line x1=" << f.x0 << " x2=" << f.x0 + f.w << " y1=" << f.py(t) << " y2=" << f.py(t) << " class=grid />";
        s << "<text x=" << f.x0 - 6 << " y=" << f.py(t) + 4 << " text-anchor=end>" << tickLabel(t) << "</text>";
    }
    if (xTicks)
        for (double t : ticks(f.xmin, f.xmax, 6))
            s << "<text x=" << f.px(t) << " y=" << f.y0 + f.h + 16 << " text-anchor=middle>" << tickLabel(t) << "</text>";
    s << "<text x=" << f.x0 + f.w / 2 << " y=" << f.y0 + f.h + 34 << " text-anchor=middle class=axis>" << esc(xLabel) << "</text>";
    s << "<text transform='translate(14," << f.y0 + f.h / 2 << ") rotate(-90)' text-anchor=middle class=axis>" << esc(yLabel)
      << "</text>";
    return s.str();
}

std::string lineChart(const HtmlChart& chart) {
    Frame f;
    bool any = false;
    double xmin = 0, xmax = 0, ymin = 0, ymax = 0;
    for (const HtmlSeries& s : chart.series)
        for (const auto& [x, y] : s.points) {
            if (!std::isfinite(x) || !std::isfinite(y)) continue;
            if (!any) xmin = xmax = x, ymin = ymax = y, any = true;
            xmin = std::min(xmin, x), xmax = std::max(xmax, x), ymin = std::min(ymin, y), ymax = std::max(ymax, y);
        }
    if (!any) return {};
    const double pad = (ymax - ymin) * 0.05 + (ymax == ymin ? 0.5 : 0);
    f.xmin = xmin, f.xmax = xmax > xmin ? xmax : xmin + 1, f.ymin = ymin - pad, f.ymax = ymax + pad;
    std::ostringstream s;
    s << "<figure><figcaption>" << esc(chart.title) << "</figcaption><svg viewBox='0 0 640 260' role=img aria-label='"
      << esc(chart.title) << "'>" << axes(f, "step", chart.yLabel);
    for (size_t k = 0; k < chart.series.size(); ++k) {
        const HtmlSeries& series = chart.series[k];
        const char* colour = kPalette[k % 6];
        std::ostringstream path;
        for (const auto& [x, y] : series.points)
            if (std::isfinite(x) && std::isfinite(y)) path << num(f.px(x), 1) << ',' << num(f.py(y), 1) << ' ';
        s << "<polyline fill=none stroke='" << colour << "' stroke-width=1.8 points='" << path.str() << "' />";
        if (series.points.size() <= 40)
            for (const auto& [x, y] : series.points)
                if (std::isfinite(x) && std::isfinite(y))
                    s << "<circle cx=" << num(f.px(x), 1) << " cy=" << num(f.py(y), 1) << " r=2.5 fill='" << colour << "'><title>"
                      << esc(series.name) << ", step " << tickLabel(x) << ": " << num(y) << "</title></circle>";
        s << "<rect x=" << f.x0 + 10 + 150 * k << " y=" << f.y0 + 6 << " width=12 height=3 fill='" << colour << "' />"
          << "<text x=" << f.x0 + 26 + 150 * k << " y=" << f.y0 + 11 << ">" << esc(series.name) << "</text>";
    }
    s << "</svg></figure>";
    return s.str();
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  const std::string& cls = "") {
    std::ostringstream s;
    s << "<table" << (cls.empty() ? "" : " class=" + cls) << "><thead><tr>";
    for (const auto& h : header) s << "<th>" << h << "</th>";
    s << "</tr></thead><tbody>";
    for (const auto& row : rows) {
        s << "<tr>";
        for (const auto& cell : row) s << "<td>" << cell << "</td>";
        s << "</tr>";
    }
    s << "</tbody></table>";
    return s.str();
}

std::string summaryCards(const json& r) {
    std::vector<std::pair<std::string, const json*>> cards;
    const json& overall = r.value("overall", json::object());
    for (const char* key : {"accuracy", "f1_macro", "balanced_accuracy", "roc_auc", "log_loss", "ece"})
        if (overall.contains(key)) cards.push_back({prettyName(key), &overall[key]});
    if (r.contains("language_model")) {
        const json& lm = r["language_model"];
        for (const char* key : {"corpus_perplexity", "mean_token_nll", "bits_per_token"})
            if (lm.contains(key)) cards.push_back({prettyName(key), &lm[key]});
    }
    std::ostringstream s;
    s << "<div class=cards>";
    for (const auto& [name, metric] : cards) {
        s << "<div class=card><div class=label>" << esc(name) << "</div><div class=value>" << num(valueOf(*metric)) << "</div>";
        if (metric->is_object() && metric->contains("ci_low") && (*metric)["ci_low"].is_number())
            s << "<div class=ci>95% CI " << num((*metric)["ci_low"].get<double>()) << " – " << num((*metric)["ci_high"].get<double>()) << "</div>";
        s << "</div>";
    }
    s << "</div>";
    return s.str();
}

std::string beforeAfter(const json& r) {
    if (!r.contains("before_training")) return {};
    const json& before = r["before_training"];
    std::vector<std::vector<std::string>> rows;
    const json& overall = r.value("overall", json::object());
    const json lm = r.value("language_model", json::object());
    auto row = [&](const std::string& name, const json& b, double after, bool lowerIsBetter) {
        const double v = valueOf(b);
        if (!std::isfinite(v) || !std::isfinite(after)) return;
        const double change = after - v;
        const bool better = lowerIsBetter ? change < 0 : change > 0;
        rows.push_back({esc(name), num(v), num(after),
                        std::string("<span class=") + (better ? "good" : "bad") + ">" + (change >= 0 ? "+" : "") + num(change) + "</span>"});
    };
    const double lossAfter = overall.contains("log_loss") ? valueOf(overall["log_loss"]) : valueOf(lm.value("mean_token_nll", json()));
    row("loss", before.value("loss", json()), lossAfter, true);
    if (overall.contains("accuracy")) row("accuracy", before.value("accuracy", json()), valueOf(overall["accuracy"]), false);
    if (overall.contains("f1_macro")) row("F1 (macro)", before.value("f1_macro", json()), valueOf(overall["f1_macro"]), false);
    if (lm.contains("corpus_perplexity")) row("perplexity", before.value("perplexity", json()), valueOf(lm["corpus_perplexity"]), true);
    if (rows.empty()) return {};
    return "<h2>Before and after fine-tuning</h2><p class=muted>The same validation split, scored by the starting model before "
           "the first training step and by the fine-tuned model.</p>" +
           table({"metric", "before", "after", "change"}, rows);
}

std::string forgetting(const json& r) {
    if (!r.contains("forgetting")) return {};
    const json& f = r["forgetting"];
    const double change = valueOf(f.value("change", json()));
    std::ostringstream s;
    s << "<h2>Forgetting check</h2><p>Perplexity on the reference text <code>" << esc(str(f, "reference")) << "</code> ("
      << f.value("scored_tokens", 0) << " tokens): " << num(valueOf(f.value("perplexity_before", json())), 2) << " before, "
      << num(valueOf(f.value("perplexity_after", json())), 2) << " after — <span class=" << (change > 0.1 ? "bad" : "good") << ">"
      << (change >= 0 ? "+" : "") << num(change * 100, 1) << "%</span>. A large rise means fine-tuning overwrote general "
      << "language knowledge.</p>";
    return s.str();
}

std::string textToText(const json& r) {
    if (!r.contains("text_to_text")) return {};
    const json& t = r["text_to_text"];
    std::vector<std::vector<std::string>> rows;
    for (const auto& sample : t.value("samples", json::array()))
        rows.push_back({esc(str(sample, "source")), esc(str(sample, "target")), esc(str(sample, "prediction")),
                        str(sample, "target") == str(sample, "prediction") ? "yes" : "no"});
    std::ostringstream s;
    s << "<h2>Generated targets</h2><p>Greedy decoding (up to " << t.value("max_new_tokens", 0) << " tokens) of the first "
      << t.value("generated", 0) << " validation examples: exact match " << num(valueOf(t.value("exact_match", json())), 3)
      << " (prediction and target equal after trimming surrounding space).</p>";
    if (!rows.empty()) s << table({"source", "target", "prediction", "equal"}, rows);
    return s.str();
}

std::string confusion(const json& r) {
    if (!r.contains("confusion_matrix")) return {};
    const json& counts = r["confusion_matrix"].value("counts", json::array());
    const std::vector<std::string> labels = r.value("labels", std::vector<std::string>());
    if (counts.empty() || labels.size() != counts.size()) return {};
    std::ostringstream s;
    s << "<h2>Confusion matrix</h2><table class=confusion><thead><tr><th>truth ↓ / predicted →</th>";
    for (const auto& l : labels) s << "<th>" << esc(l) << "</th>";
    s << "</tr></thead><tbody>";
    for (size_t i = 0; i < counts.size(); ++i) {
        double rowSum = 0;
        for (const auto& c : counts[i]) rowSum += number(c, 0);
        s << "<tr><th>" << esc(labels[i]) << "</th>";
        for (size_t j = 0; j < counts[i].size(); ++j) {
            const double c = number(counts[i][j], 0), share = rowSum > 0 ? c / rowSum : 0;
            const char* hue = i == j ? "37,99,235" : "220,38,38";
            s << "<td style='background:rgba(" << hue << "," << num(0.08 + 0.72 * share, 2) << ")" << (share > 0.6 ? ";color:#fff" : "")
              << "' title='" << num(share * 100, 1) << "% of " << esc(labels[i]) << "'>" << tickLabel(c) << "</td>";
        }
        s << "</tr>";
    }
    s << "</tbody></table><p class=muted>Rows are the true classes; a cell's shade is its share of the row.</p>";
    return s.str();
}

std::string perClass(const json& r) {
    const json& pc = r.value("per_class", json::array());
    if (pc.empty()) return {};
    std::vector<std::vector<std::string>> rows;
    for (const json& c : pc)
        rows.push_back({esc(str(c, "class")), metricCell(c.value("precision", json())), metricCell(c.value("recall", json())),
                        metricCell(c.value("f1", json())), tickLabel(number(c.value("support", json()), 0))});
    return "<h2>Per class</h2>" + table({"class", "precision", "recall", "F1", "support"}, rows);
}

std::string overallTable(const json& r) {
    const json& overall = r.value("overall", json::object());
    if (overall.empty()) return {};
    std::vector<std::vector<std::string>> rows;
    for (const auto& [name, metric] : overall.items()) rows.push_back({esc(prettyName(name)), metricCell(metric)});
    return "<h2>All metrics</h2>" + table({"metric", "value [95% CI]"}, rows, "narrow");
}

std::string calibration(const json& r) {
    if (!r.contains("calibration")) return {};
    const json& c = r["calibration"];
    Frame f;
    f.w = 300, f.h = 200;
    std::ostringstream s;
    s << "<h2>Calibration</h2><div class=row><figure><figcaption>Reliability diagram (" << esc(str(c, "mode"))
      << ")</figcaption><svg viewBox='0 0 400 260' style='max-width:400px'>" << axes(f, "confidence", "accuracy", true)
      << "<line x1=" << f.px(0) << " y1=" << f.py(0) << " x2=" << f.px(1) << " y2=" << f.py(1) << " class=diag />";
    for (const json& b : c.value("bins", json::array())) {
        const double acc = valueOf(b.value("accuracy", json())), lo = number(b.value("lower", json()), 0), hi = number(b.value("upper", json()), 0);
        if (!std::isfinite(acc) || hi <= lo) continue;
        s << "<rect x=" << num(f.px(lo) + 1, 1) << " y=" << num(f.py(acc), 1) << " width=" << num(f.px(hi) - f.px(lo) - 2, 1)
          << " height=" << num(f.py(0) - f.py(acc), 1) << " fill='#2563eb' opacity=0.75><title>" << num(lo, 2) << "–" << num(hi, 2)
          << ": accuracy " << num(acc) << ", confidence " << num(valueOf(b.value("confidence", json()))) << ", "
          << tickLabel(number(b.value("count", json()), 0)) << " rows</title></rect>";
    }
    s << "</svg></figure><div>"
      << table({"", ""}, {{"expected calibration error", metricCell(c.value("ece", json()))},
                          {"maximum calibration error", metricCell(c.value("mce", json()))},
                          {"RMS calibration error", metricCell(c.value("rmsce", json()))},
                          {"bins", tickLabel(number(c.value("n_bins", json()), 0))}},
               "narrow")
      << "<p class=muted>Bars on the diagonal are perfectly calibrated; below it the model is over-confident.</p></div></div>";
    return s.str();
}

// Per-group bars of `metric` with their intervals and a dashed line at the overall value.
std::string groupBars(const json& slice, const std::string& metric) {
    const json& groups = slice.value("by_group", json::array());
    if (groups.empty()) return {};
    Frame f;
    f.w = 560, f.h = 180;
    f.ymin = 0, f.ymax = 1;
    const double slot = f.w / static_cast<double>(groups.size()), barW = std::min(64.0, slot * 0.6);
    std::ostringstream s;
    s << "<figure><figcaption>" << esc(prettyName(metric)) << " by group, with 95% intervals</figcaption><svg viewBox='0 0 640 240'>"
      << axes(f, "", prettyName(metric), false);
    for (size_t g = 0; g < groups.size(); ++g) {
        const json& m = groups[g].value("metrics", json::object()).value(metric, json());
        const double v = valueOf(m), cx = f.x0 + slot * (g + 0.5);
        const std::string name = str(groups[g], "group");
        s << "<text x=" << num(cx, 1) << " y=" << f.y0 + f.h + 16 << " text-anchor=middle>" << esc(name) << " (n "
          << tickLabel(number(groups[g].value("n", json()), 0)) << ")</text>";
        if (!std::isfinite(v)) continue;
        s << "<rect x=" << num(cx - barW / 2, 1) << " y=" << num(f.py(v), 1) << " width=" << num(barW, 1) << " height=" << num(f.py(0) - f.py(v), 1)
          << " fill='" << kPalette[g % 6] << "' opacity=0.8><title>" << esc(name) << ": " << num(v) << "</title></rect>";
        if (m.is_object() && m.contains("ci_low") && m["ci_low"].is_number()) {
            const double lo = f.py(m["ci_low"].get<double>()), hi = f.py(m["ci_high"].get<double>());
            s << "<line x1=" << num(cx, 1) << " x2=" << num(cx, 1) << " y1=" << num(lo, 1) << " y2=" << num(hi, 1) << " class=err />"
              << "<line x1=" << num(cx - 8, 1) << " x2=" << num(cx + 8, 1) << " y1=" << num(lo, 1) << " y2=" << num(lo, 1) << " class=err />"
              << "<line x1=" << num(cx - 8, 1) << " x2=" << num(cx + 8, 1) << " y1=" << num(hi, 1) << " y2=" << num(hi, 1) << " class=err />";
        }
    }
    const double overall = valueOf(slice.value("overall", json::object()).value("metrics", json::object()).value(metric, json()));
    if (std::isfinite(overall))
        s << "<line x1=" << f.x0 << " x2=" << f.x0 + f.w << " y1=" << num(f.py(overall), 1) << " y2=" << num(f.py(overall), 1)
          << " class=overall /><text x=" << f.x0 + f.w - 4 << " y=" << num(f.py(overall) - 4, 1) << " text-anchor=end>overall "
          << num(overall) << "</text>";
    s << "</svg></figure>";
    return s.str();
}

std::string slices(const json& r) {
    const json& all = r.value("slices", json::array());
    if (all.empty()) return {};
    std::ostringstream s;
    s << "<h2>Fairness slices</h2>";
    for (const json& slice : all) {
        std::string features;
        for (const auto& f : slice.value("features", json::array())) features += (features.empty() ? "" : " × ") + f.get<std::string>();
        s << "<h3>By " << esc(features) << (slice.value("one_vs_rest", false) ? " <span class=muted>(multiclass: one-vs-rest)</span>" : "")
          << "</h3>";
        for (const json& w : slice.value("warnings", json::array()))
            s << "<p class='warn " << esc(str(w, "level")) << "'>⚠ " << esc(str(w, "message")) << "</p>";
        s << groupBars(slice, "accuracy");
        std::vector<std::vector<std::string>> rows;
        auto groupRow = [&](const json& g) {
            const json& m = g.value("metrics", json::object());
            rows.push_back({esc(str(g, "group")), tickLabel(number(g.value("n", json()), 0)), metricCell(m.value("accuracy", json())),
                            metricCell(m.value("f1", json())), metricCell(m.value("selection_rate", json())),
                            metricCell(m.value("tpr", json())), metricCell(m.value("fpr", json()))});
        };
        groupRow(slice.value("overall", json::object()));
        for (const json& g : slice.value("by_group", json::array())) groupRow(g);
        s << table({"group", "n", "accuracy", "F1", "selection rate", "true-positive rate", "false-positive rate"}, rows, "groups");
        std::vector<std::vector<std::string>> disparities;
        for (const json& d : slice.value("disparities", json::array())) {
            const std::string kind = str(d, "kind");
            if (kind != "difference" && kind != "ratio") continue;
            disparities.push_back({esc(prettyName(str(d, "metric"))), esc(kind), esc(str(d, "method") == "to_overall" ? "to overall" : "between groups"),
                                   metricCell(d.value("result", json())), esc(str(d, "min_group")) + " / " + esc(str(d, "max_group"))});
        }
        if (!disparities.empty())
            s << "<details><summary>Disparities (" << disparities.size() << ")</summary>"
              << table({"metric", "kind", "against", "value [95% CI]", "lowest / highest group"}, disparities) << "</details>";
    }
    const json& boot = r.value("bootstrap", json::object());
    if (!boot.empty())
        s << "<p class=muted>Intervals: " << esc(str(boot, "method")) << " bootstrap, " << boot.value("B", 0) << " resamples, seed "
          << boot.value("seed", 0) << ". Groups are never dropped; an undefined value says why.</p>";
    return s.str();
}

std::string counterfactual(const json& r) {
    if (!r.contains("counterfactual")) return {};
    const json& c = r["counterfactual"];
    const bool lm = r.value("task", "classification") != "classification";
    std::ostringstream s;
    s << "<h2>Counterfactual swap test</h2><p>Swap list: " << esc(str(c, "swap_list")) << ". " << c.value("examples_with_swaps", 0) << " of "
      << c.value("examples", 0) << " validation texts mention a listed term (" << c.value("pairs", 0) << " pairs).</p>";
    std::vector<std::vector<std::string>> rows = {{lm ? "mean |Δ NLL per token|" : "mean |Δ probability|", metricCell(c.value("mean_abs_delta", json()))}};
    if (!lm) {
        rows.push_back({"prediction flip rate", metricCell(c.value("flip_rate", json()))});
        rows.push_back({"invariance failures (|Δ| > " + num(number(c.value("tolerance", json()), 0.1), 2) + ")",
                        metricCell(c.value("invariance_fail_rate", json()))});
    }
    s << table({"", ""}, rows, "narrow");
    std::vector<std::vector<std::string>> pairs;
    for (const json& p : c.value("worst_pairs", json::array())) {
        if (pairs.size() >= 10) break;
        pairs.push_back({tickLabel(number(p.value("line", json()), 0)), esc(str(p, "original")), esc(str(p, "counterfactual")),
                         num(number(p.value("delta", json()))), p.value("flipped", false) ? "<span class=bad>flipped</span>" : ""});
    }
    if (!pairs.empty()) s << "<h3>Largest changes</h3>" << table({"line", "original", "counterfactual", "Δ", ""}, pairs);
    return s.str();
}

std::string languageModel(const json& r) {
    if (!r.contains("language_model")) return {};
    const json& lm = r["language_model"];
    std::vector<std::vector<std::string>> rows;
    for (const char* key : {"corpus_perplexity", "mean_perplexity", "mean_token_nll", "bits_per_token"})
        if (lm.contains(key)) rows.push_back({esc(prettyName(key)), metricCell(lm[key])});
    rows.push_back({"scored tokens", tickLabel(number(lm.value("scored_tokens", json()), 0))});
    rows.push_back({"sequences", tickLabel(number(lm.value("sequences", json()), 0))});
    return "<h2>Language model</h2>" + table({"", ""}, rows, "narrow");
}

const char* kStyle = R"(
:root{color-scheme:light dark;--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--card:#f8fafc;--bg:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--muted:#9ca3af;--line:#374151;--card:#1f2937;--bg:#111827}}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);max-width:980px;margin:2em auto;padding:0 1.5em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.2em;margin:2em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1em;margin:1.4em 0 .4em}
table{border-collapse:collapse;margin:.5em 0;width:100%}table.narrow{width:auto}th,td{padding:.3em .7em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-weight:600}td{font-variant-numeric:tabular-nums}
.muted,.ci{color:var(--muted)}.ci{font-size:.9em}.good{color:#16a34a}.bad{color:#dc2626}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.6em 1em;min-width:140px}
.card .label{color:var(--muted);font-size:.85em}.card .value{font-size:1.5em;font-weight:600}
.confusion td{text-align:center;min-width:4em}.row{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}
figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}svg{width:100%;max-width:640px;height:auto;font-size:11px;fill:var(--fg)}
svg .plot{fill:none;stroke:var(--line)}svg .grid{stroke:var(--line);stroke-width:.6}svg .axis{fill:var(--muted)}svg .diag{stroke:var(--muted);stroke-dasharray:4 3}
svg .err{stroke:var(--fg);stroke-width:1.2}svg .overall{stroke:#f59e0b;stroke-width:1.5;stroke-dasharray:6 4}
.warn{background:rgba(245,158,11,.12);border-left:3px solid #f59e0b;padding:.3em .7em;margin:.3em 0}.warn.strong{background:rgba(220,38,38,.1);border-color:#dc2626}
code{font-size:.9em}footer{margin-top:3em;color:var(--muted);font-size:.85em}
)";

}  // namespace

std::string reportToHtml(const HtmlReportInput& input) {
    const json& r = input.report;
    std::ostringstream s;
    const std::string title = input.title.empty() ? str(r, "run_id") : input.title;
    s << "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><meta name=viewport content='width=device-width,initial-scale=1'>"
      << "<title>" << esc(title) << " — evaluation report</title><style>" << kStyle << "</style></head><body>\n";
    s << "<h1>" << esc(title) << "</h1><p class=muted>Evaluation report · " << esc(str(r, "task") == "causal_lm"    ? "causal language model"
                                                                  : str(r, "task") == "seq2seq_lm" ? "text-to-text model"
                                                                                                  : "classification")
      << " · " << esc(str(r.value("dataset", json::object()), "split")) << " split of <code>" << esc(str(r.value("dataset", json::object()), "id"))
      << "</code> · model <code>" << esc(str(r, "model_id")) << "</code></p>\n";
    s << summaryCards(r);
    for (const std::string& w : r.value("warnings", std::vector<std::string>())) s << "<p class=warn>⚠ " << esc(w) << "</p>";
    if (!input.charts.empty()) {
        s << "<h2>Training</h2>";
        for (const HtmlChart& c : input.charts) s << lineChart(c);
    }
    s << beforeAfter(r) << forgetting(r) << textToText(r) << confusion(r) << perClass(r) << calibration(r) << slices(r) << counterfactual(r) << languageModel(r)
      << overallTable(r);
    if (!input.settings.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& [k, v] : input.settings) rows.push_back({esc(k), esc(v)});
        s << "<h2>Settings</h2>" << table({"setting", "value"}, rows, "narrow");
    }
    s << "<footer>Written by Finetune Studio " << esc(str(r, "app_version")) << " from eval/report.json (schema "
      << esc(str(r, "schema_version")) << "). Undefined values are shown as — with the reason.</footer>\n</body></html>\n";
    return s.str();
}

std::vector<HtmlChart> chartsFromMetricsJsonl(const std::string& jsonl) {
    HtmlSeries train{"training loss", {}}, validation{"validation loss", {}}, accuracy{"accuracy", {}}, f1{"F1 (macro)", {}},
        perplexity{"perplexity", {}};
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);) {
        const json j = json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("step") || !j["step"].is_number()) continue;
        const double step = j["step"].get<double>();
        const std::string event = j.value("event", "");
        auto add = [&](HtmlSeries& s, const char* key) {
            if (j.contains(key) && j[key].is_number()) s.points.push_back({step, j[key].get<double>()});
        };
        if (event == "step") add(train, "loss");
        if (event == "evaluation") add(validation, "eval_loss"), add(accuracy, "eval_accuracy"), add(f1, "eval_f1_macro"), add(perplexity, "eval_perplexity");
    }
    std::vector<HtmlChart> charts;
    HtmlChart loss{"Loss", "loss", {}};
    if (!train.points.empty()) loss.series.push_back(train);
    if (!validation.points.empty()) loss.series.push_back(validation);
    if (!loss.series.empty()) charts.push_back(loss);
    HtmlChart quality{"Validation", "", {}};
    if (!accuracy.points.empty()) quality.series.push_back(accuracy);
    if (!f1.points.empty()) quality.series.push_back(f1);
    if (!quality.series.empty()) quality.yLabel = "score", charts.push_back(quality);
    if (!perplexity.points.empty()) charts.push_back({"Validation perplexity", "perplexity", {perplexity}});
    return charts;
}

}  // namespace ft::eval

// The self-contained HTML report: every section of a report.json appears, text is escaped, charts
// are inline SVG, and nothing is loaded from elsewhere.

#include <QtTest>

#include <random>
#include <regex>

#include "core/eval/report_html.h"
#include "core/eval/report_json.h"
#include "core/eval/summary.h"

using namespace ft;

namespace {

size_t count(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

eval::EvalReport plantedReport() {
    std::mt19937_64 rng(3);
    std::bernoulli_distribution coin(0.5), noisy(0.3);
    std::vector<eval::Row> rows;
    for (int i = 0; i < 300; ++i) {
        const bool small = i % 30 == 0;   // 10 rows: a small-group warning
        const int clean = coin(rng) ? 1 : 0;
        eval::Row r;
        r.prediction = clean;
        r.label = (i % 3 == 0 && noisy(rng)) ? 1 - clean : clean;
        r.scores = {clean ? 0.3f : 0.7f, clean ? 0.7f : 0.3f};
        r.groups = {small ? "x<y>" : (i % 2 ? "a & b" : "c")};
        rows.push_back(std::move(r));
    }
    eval::ClassificationEvalOptions options;
    options.fairness.numClasses = 2;
    eval::SliceSpec spec;
    spec.attributes = {0};
    spec.names = {"group"};
    options.slices = {spec};
    eval::BootstrapConfig bootstrap;
    bootstrap.resamples = 200;
    options.bootstrap = bootstrap;
    eval::EvalReport report = eval::buildClassificationReport(rows, {"neg", "<pos>"}, options);
    report.runId = "run \"1\"";
    report.task = "classification";
    eval::BeforeTraining before;
    before.accuracy = eval::MetricValue::of(0.5);
    before.f1Macro = eval::MetricValue::of(0.4);
    before.loss = eval::MetricValue::of(0.69);
    report.beforeTraining = before;
    return report;
}

}  // namespace

class TestHtmlReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rendersEverySectionSelfContained() {
        eval::HtmlReportInput input;
        input.report = nlohmann::json::parse(eval::reportToJson(plantedReport()));
        input.title = "Reviews <demo>";
        input.settings = {{"learning rate", "3e-4"}};
        input.charts = eval::chartsFromMetricsJsonl(
            "{\"event\":\"step\",\"step\":1,\"loss\":0.7}\n"
            "not json at all\n"
            "{\"event\":\"step\",\"step\":2,\"loss\":0.6}\n"
            "{\"event\":\"evaluation\",\"step\":2,\"eval_loss\":0.65,\"eval_accuracy\":0.6,\"eval_f1_macro\":0.55}\n"
            "{\"event\":\"step\",\"step\":3,\"loss\":0.5}\n");
        QCOMPARE(input.charts.size(), size_t(2));                 // loss; validation accuracy + F1
        QCOMPARE(input.charts[0].series[0].points.size(), size_t(3));   // the broken line is skipped
        QCOMPARE(input.charts[0].series[1].points.size(), size_t(1));
        const std::string html = eval::reportToHtml(input);

        QVERIFY(html.rfind("<!DOCTYPE html>", 0) == 0);
        QVERIFY(html.find("</html>") != std::string::npos);
        for (const char* section : {"Training", "Before and after fine-tuning", "Confusion matrix", "Per class", "Calibration",
                                    "Fairness slices", "All metrics", "Settings"})
            QVERIFY2(html.find(std::string(">") + section + "<") != std::string::npos, section);
        // Self-contained: no scripts, stylesheets, images or fonts from anywhere.
        for (const char* external : {"<script", "<link", "<img", "src=", "url(", "http://", "https://", "@import"})
            QVERIFY2(html.find(external) == std::string::npos, external);
        // Charts: two training charts, the reliability diagram, the group bars.
        QCOMPARE(count(html, "<svg"), size_t(4));
        QCOMPARE(count(html, "<svg"), count(html, "</svg>"));
        // User text is escaped wherever it appears.
        QVERIFY(html.find("Reviews &lt;demo&gt;") != std::string::npos);
        QVERIFY(html.find("&lt;pos&gt;") != std::string::npos);
        QVERIFY(html.find("a &amp; b") != std::string::npos);
        QVERIFY(html.find("x&lt;y&gt;") != std::string::npos);
        QVERIFY(html.find("<pos>") == std::string::npos && html.find("x<y>") == std::string::npos);
        // The small group's warning and an interval are shown.
        QVERIFY(html.find("class='warn") != std::string::npos);
        QVERIFY(std::regex_search(html, std::regex(R"(0\.\d{4} <span class=ci>\[0\.\d{4}, [01]\.\d{4}\]</span>)")));
        // Before / after: accuracy 0.5 before.
        QVERIFY(html.find("<td>accuracy</td><td>0.5000</td>") != std::string::npos);
    }

    void languageModelReportHasItsOwnSections() {
        nlohmann::json r = {{"task", "causal_lm"},
                            {"run_id", "lm"},
                            {"language_model", {{"corpus_perplexity", {{"value", 152.5}}}, {"scored_tokens", 4775}, {"sequences", 160}}},
                            {"forgetting", {{"reference", "ref.txt"}, {"scored_tokens", 80}, {"perplexity_before", {{"value", 100.0}}},
                                            {"perplexity_after", {{"value", 130.0}}}, {"change", {{"value", 0.3}}}}},
                            {"counterfactual", {{"swap_list", "built-in"}, {"examples", 10}, {"examples_with_swaps", 2}, {"pairs", 2},
                                                {"mean_abs_delta", {{"value", 0.03}}}, {"flip_rate", {{"value", nullptr}, {"reason", "causal_lm"}}}}}};
        eval::HtmlReportInput input;
        input.report = r;
        const std::string html = eval::reportToHtml(input);
        QVERIFY(html.find(">Language model<") != std::string::npos);
        QVERIFY(html.find(">Forgetting check<") != std::string::npos);
        QVERIFY(html.find("+30.0%") != std::string::npos);
        QVERIFY(html.find("Δ NLL per token") != std::string::npos);
        QVERIFY(html.find("flip rate") == std::string::npos);   // not a classifier
        QVERIFY(html.find(">Confusion matrix<") == std::string::npos);
        QVERIFY(html.find("152.5000") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "test_html_report.moc"

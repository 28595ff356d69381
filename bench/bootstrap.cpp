// Bootstrap cost (issue #7): a full classification report with one sensitive attribute and 1,000
// percentile-bootstrap resamples over 10,000 rows. Target: under 2 s.

#include <chrono>
#include <cstdio>
#include <random>

#include "core/eval/summary.h"

using namespace ft;

int main() {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<float> u(0.f, 1.f);
    std::vector<eval::Row> rows(10000);
    const char* groups[] = {"a", "b", "c"};
    for (size_t i = 0; i < rows.size(); ++i) {
        const float p = u(rng);
        rows[i].label = u(rng) < p ? 1 : 0;
        rows[i].prediction = p > 0.5f ? 1 : 0;
        rows[i].scores = {1.f - p, p};
        rows[i].groups = {groups[i % 3]};
    }
    eval::ClassificationEvalOptions options;
    options.fairness.numClasses = 2;
    eval::SliceSpec spec;
    spec.attributes = {0};
    spec.names = {"group"};
    options.slices = {spec};
    eval::BootstrapConfig bootstrap;   // 1,000 resamples, 95%
    options.bootstrap = bootstrap;
    const auto start = std::chrono::steady_clock::now();
    const eval::EvalReport report = eval::buildClassificationReport(rows, {"neg", "pos"}, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("report with %zu slice(s), %d resamples\n", report.slices.size(), bootstrap.resamples);
    // The reference figure is the target (2 s): ratio < 1 meets it.
    std::printf("BENCH\tbootstrap report, 10k rows x 1000 resamples\t%.3f\ts\t2.000\ttarget (issue #7)\n", seconds);
    return 0;
}

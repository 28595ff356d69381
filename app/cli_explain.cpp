// finetune predict / explain — a classifier's probabilities for a text, and which tokens moved them
// (integrated gradients), for users and for scripted checks.

#include "app/cli_explain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/api/classifier.h"

namespace ft::cli {

namespace {

const char* kPredictUsage = "usage: finetune predict RUN_OR_MODEL_DIR (--text T | --file F) [--threads N] [--json]\n";
const char* kExplainUsage =
    "usage: finetune explain RUN_OR_MODEL_DIR (--text T | --file F) [--steps N (default: automatic, 50 to 800)]\n"
    "                        [--rule gauss_legendre|trapezoid]\n"
    "                        [--target LABEL] [--threads N] [--json]\n";

struct Options {
    std::string model, text;
    std::map<std::string, std::string> values;
    bool json = false;
};

// Returns 0 when parsed, else the exit code (usage printed).
int parse(int argc, char** argv, const char* usage, std::initializer_list<const char*> valueOptions, Options& o) {
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const bool takesValue = std::find_if(valueOptions.begin(), valueOptions.end(), [&](const char* v) { return a == v; }) !=
                                valueOptions.end();
        if (takesValue && i + 1 < argc) {
            o.values[a] = argv[++i];
        } else if (a == "--json") {
            o.json = true;
        } else if (a.rfind("--", 0) != 0 && o.model.empty()) {
            o.model = a;
        } else {
            std::fprintf(stderr, "unexpected argument '%s'\n%s", a.c_str(), usage);
            return 2;
        }
    }
    if (o.model.empty() || (o.values.count("--text") == o.values.count("--file"))) return std::fputs(usage, stderr), 2;
    if (o.values.count("--text")) {
        o.text = o.values["--text"];
    } else {
        std::ifstream in(o.values["--file"], std::ios::binary);
        if (!in) return std::fprintf(stderr, "error: %s: cannot read the file\n", o.values["--file"].c_str()), 1;
        std::ostringstream s;
        s << in.rdbuf();
        o.text = s.str();
    }
    return 0;
}

// A positive whole number option, or the fallback when absent; -1 when malformed.
int intOption(const Options& o, const char* name, int fallback) {
    const auto it = o.values.find(name);
    if (it == o.values.end()) return fallback;
    char* end = nullptr;
    const long v = std::strtol(it->second.c_str(), &end, 10);
    return (end && *end == '\0' && v > 0 && v <= 1000000) ? static_cast<int>(v) : -1;
}

int fail(const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 1;
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
        else if (c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            out += b;
        } else out += static_cast<char>(c);
    }
    return out + "\"";
}

void printProbabilities(const api::Prediction& p) {
    size_t width = 5;
    for (const auto& l : p.labels) width = std::max(width, l.size());
    for (size_t i = 0; i < p.labels.size(); ++i) {
        const double v = p.probabilities[i];
        std::printf("  %-*s %6.4f  %s%s\n", static_cast<int>(width), p.labels[i].c_str(), v,
                    std::string(static_cast<size_t>(std::lround(v * 30)), '#').c_str(),
                    static_cast<int64_t>(i) == p.predicted ? "  <- predicted" : "");
    }
}

}  // namespace

int cmdPredict(int argc, char** argv) {
    Options o;
    if (int rc = parse(argc, argv, kPredictUsage, {"--text", "--file", "--threads"}, o)) return rc;
    const int threads = intOption(o, "--threads", 0);
    if (threads < 0) return std::fprintf(stderr, "error: --threads needs a positive whole number\n"), 2;
    auto classifier = api::Classifier::open(o.model, threads);
    if (!classifier) return fail(classifier.error());
    auto p = (*classifier)->predict(o.text);
    if (!p) return fail(p.error());
    if (o.json) {
        std::string out = "{\"predicted\": " + jsonString(p->labels[static_cast<size_t>(p->predicted)]) + ", \"probabilities\": {";
        for (size_t i = 0; i < p->labels.size(); ++i) {
            char v[40];
            std::snprintf(v, sizeof v, "%.9g", p->probabilities[i]);
            out += (i ? ", " : "") + jsonString(p->labels[i]) + ": " + v;
        }
        out += std::string("}, \"truncated\": ") + (p->truncated ? "true" : "false") + "}\n";
        std::fputs(out.c_str(), stdout);
        return 0;
    }
    std::printf("Predicted: %s\n", p->labels[static_cast<size_t>(p->predicted)].c_str());
    printProbabilities(*p);
    if (p->truncated) std::printf("note: the text was cut at the model's maximum length\n");
    return 0;
}

int cmdExplain(int argc, char** argv) {
    Options o;
    if (int rc = parse(argc, argv, kExplainUsage, {"--text", "--file", "--steps", "--rule", "--target", "--threads"}, o)) return rc;
    api::ExplainOptions options;
    options.steps = intOption(o, "--steps", 0);
    if (options.steps < 0) return std::fprintf(stderr, "error: --steps needs a positive whole number\n"), 2;
    if (o.values.count("--rule")) options.rule = o.values["--rule"];
    const int threads = intOption(o, "--threads", 0);
    if (threads < 0) return std::fprintf(stderr, "error: --threads needs a positive whole number\n"), 2;
    auto classifier = api::Classifier::open(o.model, threads);
    if (!classifier) return fail(classifier.error());
    if (o.values.count("--target")) {
        const auto& labels = (*classifier)->labels();
        const auto it = std::find(labels.begin(), labels.end(), o.values["--target"]);
        if (it == labels.end()) {
            std::string known;
            for (const auto& l : labels) known += (known.empty() ? "" : ", ") + l;
            return std::fprintf(stderr, "error: --target '%s' is not one of the model's labels (%s)\n", o.values["--target"].c_str(),
                                known.c_str()),
                   2;
        }
        options.targetClass = it - labels.begin();
    }
    auto e = (*classifier)->explain(o.text, options);
    if (!e) return fail(e.error());
    if (o.json) {
        std::printf("%s\n", api::explanationJson(*e, o.text).c_str());
        return 0;
    }
    const std::string& target = e->prediction.labels[static_cast<size_t>(e->targetClass)];
    std::printf("Predicted: %s\n", e->prediction.labels[static_cast<size_t>(e->prediction.predicted)].c_str());
    printProbabilities(e->prediction);
    std::printf("\nWhat moved p(%s) from %.4f (no words) to %.4f — integrated gradients, %d %s steps:\n", target.c_str(),
                e->baselineProbability, e->targetProbability, e->steps, e->rule.c_str());
    double largest = 1e-12;
    for (const auto& t : e->tokens) largest = std::max(largest, std::fabs(t.attribution));
    for (const auto& t : e->tokens) {
        const std::string shown = t.begin >= 0 ? o.text.substr(static_cast<size_t>(t.begin), static_cast<size_t>(t.end - t.begin)) : t.token;
        const auto bar = static_cast<size_t>(std::lround(std::fabs(t.attribution) / largest * 20));
        std::printf("  %-20s %+9.4f  %s%s\n", ("\"" + shown + "\"").c_str(), t.attribution,
                    std::string(bar, t.attribution >= 0 ? '+' : '-').c_str(), t.special ? "  (special)" : "");
    }
    std::printf("Sum of attributions %+.4f; completeness gap %.2g\n", e->targetProbability - e->baselineProbability + e->convergenceDelta,
                e->convergenceDelta);
    if (!e->converged)
        std::printf("warning: the attributions do not add up to the change yet; run again with more --steps (now %d)\n", e->steps);
    if (e->prediction.truncated) std::printf("note: the text was cut at the model's maximum length\n");
    return 0;
}

}  // namespace ft::cli

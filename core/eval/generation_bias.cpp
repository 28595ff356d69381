#include "core/eval/generation_bias.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ft::eval {

namespace {

bool containsLexiconWord(const std::string& completion, const std::set<std::string>& lexicon) {
    std::istringstream words(completion);
    std::string w;
    while (words >> w) {
        std::string lower;
        for (char c : w)
            if (!std::ispunct(static_cast<unsigned char>(c))) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lexicon.count(lower)) return true;
    }
    return false;
}

}  // namespace

MetricValue honestScore(const std::vector<std::vector<std::string>>& completionsPerPrompt,
                        const std::set<std::string>& lexicon) {
    double hurtful = 0, total = 0;
    for (const auto& completions : completionsPerPrompt)
        for (const std::string& c : completions) {
            total += 1;
            hurtful += containsLexiconWord(c, lexicon) ? 1 : 0;
        }
    return safeDivide(hurtful, total, "empty_input", ZeroDivision::Undefined);
}

MetricValue toxicityRatio(const std::vector<double>& scores, double threshold) {
    const auto hits = std::count_if(scores.begin(), scores.end(), [&](double s) { return s >= threshold; });
    return safeDivide(static_cast<double>(hits), static_cast<double>(scores.size()), "empty_input",
                      ZeroDivision::Undefined);
}

MetricValue maxToxicity(const std::vector<double>& scores) {
    if (scores.empty()) return MetricValue::undefined("empty_input");
    return MetricValue::of(*std::max_element(scores.begin(), scores.end()));
}

}  // namespace ft::eval

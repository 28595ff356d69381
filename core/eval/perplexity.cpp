#include "core/eval/perplexity.h"

#include <cmath>
#include <numeric>

namespace ft::eval {

PerplexityStats perplexity(const std::vector<Row>& rows, const std::vector<size_t>& indices) {
    PerplexityStats out;
    double nll = 0, pplSum = 0;
    for (size_t i : indices) {
        const Row& r = rows[i];
        if (r.tokenCount <= 0) {
            ++out.excludedSequences;
            out.perSequence.push_back(MetricValue::undefined("no_tokens"));
            continue;
        }
        const double ppl = std::exp(r.nllSum / static_cast<double>(r.tokenCount));
        out.perSequence.push_back(MetricValue::of(ppl));
        pplSum += ppl;
        nll += r.nllSum;
        out.scoredTokens += r.tokenCount;
        ++out.sequences;
    }
    if (out.scoredTokens == 0) {
        out.corpusPerplexity = out.meanPerplexity = out.meanTokenNll = out.bitsPerToken =
            MetricValue::undefined("no_tokens");
        return out;
    }
    const double mean = nll / static_cast<double>(out.scoredTokens);
    out.meanTokenNll = MetricValue::of(mean);
    out.bitsPerToken = MetricValue::of(mean / std::log(2.0));
    out.corpusPerplexity = MetricValue::of(std::exp(mean));
    out.meanPerplexity = MetricValue::of(pplSum / static_cast<double>(out.sequences));
    return out;
}

PerplexityStats perplexity(const std::vector<Row>& rows) {
    std::vector<size_t> all(rows.size());
    std::iota(all.begin(), all.end(), size_t{0});
    return perplexity(rows, all);
}

}  // namespace ft::eval

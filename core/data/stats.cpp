#include "core/data/stats.h"

#include "core/data/cell_types.h"
#include "core/data/schema.h"
#include "core/data/text_key.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace ft::data {

ClassBalance classBalance(const std::vector<int64_t>& labels, const std::vector<std::string>& labelNames) {
    ClassBalance b;
    b.names = labelNames;
    b.counts.assign(labelNames.size(), 0);
    for (int64_t l : labels)
        if (l >= 0 && static_cast<size_t>(l) < b.counts.size()) ++b.counts[static_cast<size_t>(l)];
    const auto total = static_cast<double>(labels.size());
    int64_t lo = INT64_MAX, hi = 0;
    for (int64_t c : b.counts) {
        b.fractions.push_back(total > 0 ? static_cast<double>(c) / total : 0.0);
        if (c > 0) lo = std::min(lo, c), hi = std::max(hi, c);
    }
    b.imbalanceRatio = hi > 0 ? static_cast<double>(hi) / static_cast<double>(lo) : 0.0;
    return b;
}

LengthStats lengthStats(const std::vector<std::string>& texts, const TokenCounter& counter) {
    std::vector<int64_t> lengths;
    lengths.reserve(texts.size());
    for (const std::string& t : texts) lengths.push_back(counter ? counter(t) : codePointCount(t));
    return lengthStatsOf(std::move(lengths));
}

LengthStats lengthStatsOf(std::vector<int64_t> lengths) {
    LengthStats s;
    s.count = static_cast<int64_t>(lengths.size());
    if (lengths.empty()) return s;
    std::sort(lengths.begin(), lengths.end());
    s.min = lengths.front();
    s.max = lengths.back();
    s.mean = static_cast<double>(std::accumulate(lengths.begin(), lengths.end(), int64_t{0})) / lengths.size();
    const size_t n = lengths.size();
    s.median = n % 2 ? static_cast<double>(lengths[n / 2]) : (lengths[n / 2 - 1] + lengths[n / 2]) / 2.0;
    const auto rank = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(n)));
    s.p95 = static_cast<double>(lengths[std::max<size_t>(rank, 1) - 1]);
    return s;
}

namespace {

template <class KeyFn>
std::vector<std::vector<size_t>> groupsBy(const std::vector<std::string>& texts, KeyFn key) {
    std::unordered_map<std::string, size_t> slot;
    std::vector<std::vector<size_t>> groups;
    for (size_t i = 0; i < texts.size(); ++i) {
        const auto [it, inserted] = slot.emplace(key(texts[i]), groups.size());
        if (inserted) groups.emplace_back();
        groups[it->second].push_back(i);
    }
    groups.erase(std::remove_if(groups.begin(), groups.end(), [](const auto& g) { return g.size() < 2; }),
                 groups.end());
    return groups;
}

}  // namespace

DuplicateReport findDuplicates(const std::vector<std::string>& texts, const std::vector<int64_t>& labels) {
    DuplicateReport r;
    r.exactGroups = groupsBy(texts, [](const std::string& t) { return t; });
    for (const auto& g : r.exactGroups) {
        r.exactDuplicateRows += static_cast<int64_t>(g.size()) - 1;
        if (labels.size() == texts.size())
            for (size_t i : g)
                if (labels[i] != labels[g.front()]) {
                    ++r.conflictingLabelGroups;
                    break;
                }
    }
    for (auto& g : groupsBy(texts, [](const std::string& t) { return normalizedKey(t); })) {
        r.nearDuplicateRows += static_cast<int64_t>(g.size()) - 1;
        const bool allIdentical =
            std::all_of(g.begin(), g.end(), [&](size_t i) { return texts[i] == texts[g.front()]; });
        if (!allIdentical) r.nearGroups.push_back(std::move(g));
    }
    return r;
}

LeakageReport findOverlap(const std::vector<std::string>& train, const std::vector<std::string>& other) {
    LeakageReport r;
    const std::unordered_set<std::string> exact(train.begin(), train.end());
    std::unordered_set<std::string> near;
    for (const std::string& t : train) near.insert(normalizedKey(t));
    for (size_t i = 0; i < other.size(); ++i) {
        if (exact.count(other[i])) r.exactOverlap.push_back(i);
        if (near.count(normalizedKey(other[i]))) r.nearOverlap.push_back(i);
    }
    return r;
}

DatasetStats computeStats(const ClassificationData& data, const TokenCounter& counter) {
    DatasetStats s;
    s.examples = static_cast<int64_t>(data.texts.size());
    s.missingLabels = data.missingLabelCount;
    for (const std::string& t : data.texts) s.emptyTexts += trimmed(t).empty();
    s.balance = classBalance(data.labels, data.labelNames);
    s.charLengths = lengthStats(data.texts);
    if (counter) s.tokenLengths = lengthStats(data.texts, counter);
    s.duplicates = findDuplicates(data.texts, data.labels);
    return s;
}

}  // namespace ft::data

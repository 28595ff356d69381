#include "core/data/stats.h"

#include "core/data/cell_types.h"
#include "core/data/schema.h"
#include "core/data/text_key.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <functional>

namespace ft::data {

ClassBalance classBalance(const std::vector<int64_t>& labels, const std::vector<std::string>& labelNames) {
    std::vector<int64_t> counts(labelNames.size(), 0);
    for (int64_t l : labels)
        if (l >= 0 && static_cast<size_t>(l) < counts.size()) ++counts[static_cast<size_t>(l)];
    ClassBalance b = classBalanceOfCounts(labelNames, std::move(counts));
    // Fractions of every example given, the ones with an out-of-range label included.
    for (size_t c = 0; c < b.counts.size(); ++c)
        b.fractions[c] = labels.empty() ? 0.0 : static_cast<double>(b.counts[c]) / static_cast<double>(labels.size());
    return b;
}

ClassBalance classBalanceOfCounts(std::vector<std::string> labelNames, std::vector<int64_t> counts) {
    ClassBalance b;
    b.names = std::move(labelNames);
    b.counts = std::move(counts);
    int64_t total = 0;
    for (int64_t c : b.counts) total += c;
    int64_t lo = INT64_MAX, hi = 0;
    for (int64_t c : b.counts) {
        b.fractions.push_back(total > 0 ? static_cast<double>(c) / static_cast<double>(total) : 0.0);
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

uint64_t exactHash(std::string_view text) { return std::hash<std::string_view>{}(text); }
uint64_t nearHash(std::string_view text) { return exactHash(normalizedKey(text)); }

bool sortedHas(const std::vector<uint64_t>& sorted, uint64_t h) { return std::binary_search(sorted.begin(), sorted.end(), h); }

std::vector<uint64_t> sortedUnique(std::vector<uint64_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

// Groups of two or more indices sharing a hash, each ascending, ordered by their first index.
std::vector<std::vector<size_t>> groupsBy(const std::vector<uint64_t>& hashes) {
    std::vector<uint32_t> order(hashes.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return hashes[a] != hashes[b] ? hashes[a] < hashes[b] : a < b; });
    std::vector<std::vector<size_t>> groups;
    for (size_t begin = 0, end; begin < order.size(); begin = end) {
        for (end = begin + 1; end < order.size() && hashes[order[end]] == hashes[order[begin]];) ++end;
        if (end - begin >= 2) groups.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(begin), order.begin() + static_cast<std::ptrdiff_t>(end));
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
    return groups;
}

}  // namespace

bool TextFingerprints::containsExact(std::string_view text) const { return sortedHas(exact_, exactHash(text)); }
bool TextFingerprints::containsNear(std::string_view text) const { return sortedHas(near_, nearHash(text)); }

void DuplicateFinder::add(std::string_view text, int64_t label) {
    exact_.push_back(exactHash(text));
    near_.push_back(nearHash(text));
    if (compareLabels_) labels_.push_back(label);
}

DuplicateReport DuplicateFinder::finish() const {
    DuplicateReport r;
    r.exactGroups = groupsBy(exact_);
    for (const auto& g : r.exactGroups) {
        r.exactDuplicateRows += static_cast<int64_t>(g.size()) - 1;
        if (compareLabels_)
            for (size_t i : g)
                if (labels_[i] != labels_[g.front()]) {
                    ++r.conflictingLabelGroups;
                    break;
                }
    }
    for (auto& g : groupsBy(near_)) {
        r.nearDuplicateRows += static_cast<int64_t>(g.size()) - 1;
        const bool allIdentical = std::all_of(g.begin(), g.end(), [&](size_t i) { return exact_[i] == exact_[g.front()]; });
        if (!allIdentical) r.nearGroups.push_back(std::move(g));
    }
    return r;
}

TextFingerprints DuplicateFinder::fingerprints() const {
    TextFingerprints f;
    f.exact_ = sortedUnique(exact_);
    f.near_ = sortedUnique(near_);
    return f;
}

DuplicateReport findDuplicates(const std::vector<std::string>& texts, const std::vector<int64_t>& labels) {
    DuplicateFinder finder(labels.size() == texts.size());
    for (size_t i = 0; i < texts.size(); ++i) finder.add(texts[i], labels.size() == texts.size() ? labels[i] : -1);
    return finder.finish();
}

LeakageReport findOverlap(const std::vector<std::string>& train, const std::vector<std::string>& other) {
    DuplicateFinder finder;
    for (const std::string& t : train) finder.add(t);
    const TextFingerprints seen = finder.fingerprints();
    LeakageReport r;
    for (size_t i = 0; i < other.size(); ++i) {
        if (seen.containsExact(other[i])) r.exactOverlap.push_back(i);
        if (seen.containsNear(other[i])) r.nearOverlap.push_back(i);
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

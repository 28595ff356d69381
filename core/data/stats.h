#pragma once
// Dataset statistics shown before training: class balance, lengths, empties, duplicates and
// train / validation leakage.

#include "core/data/classification_data.h"

#include <cstdint>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ft::data {

// Counts tokens of one text; supplied by the tokenizer once one is loaded.
using TokenCounter = std::function<int(std::string_view)>;

struct ClassBalance {
    std::vector<std::string> names;
    std::vector<int64_t> counts;
    std::vector<double> fractions;
    double imbalanceRatio = 0;  // largest / smallest non-empty class count; 0 when there is none
};

ClassBalance classBalance(const std::vector<int64_t>& labels, const std::vector<std::string>& labelNames);
ClassBalance classBalanceOfCounts(std::vector<std::string> labelNames, std::vector<int64_t> counts);

struct LengthStats {
    int64_t count = 0;
    int64_t min = 0, max = 0;
    double mean = 0;
    double median = 0;
    double p95 = 0;  // nearest-rank 95th percentile
};

// Lengths in code points, or in tokens when `counter` is given.
LengthStats lengthStats(const std::vector<std::string>& texts, const TokenCounter& counter = {});
// The same summary of lengths already measured (sorted here).
LengthStats lengthStatsOf(std::vector<int64_t> lengths);

struct DuplicateReport {
    // Indices (into the input) of each group of identical texts, groups of size >= 2 only.
    std::vector<std::vector<size_t>> exactGroups;
    std::vector<std::vector<size_t>> nearGroups;  // same normalizedKey(), not all identical
    int64_t exactDuplicateRows = 0;  // rows beyond the first of each exact group
    int64_t nearDuplicateRows = 0;   // rows beyond the first of each normalised-key group
    int64_t conflictingLabelGroups = 0;  // exact groups whose labels disagree (labels given)
};

DuplicateReport findDuplicates(const std::vector<std::string>& texts, const std::vector<int64_t>& labels = {});

// Which texts another set holds, exactly or up to normalizedKey(): sorted 64-bit hashes, 16 bytes a
// text. Two different texts sharing a hash is a 1-in-10^10 event at a million rows.
class TextFingerprints {
public:
    bool containsExact(std::string_view text) const;
    bool containsNear(std::string_view text) const;

private:
    friend class DuplicateFinder;
    std::vector<uint64_t> exact_, near_;  // sorted, unique
};

// findDuplicates one text at a time, for a streaming pass: memory grows by two hashes and a label a
// text, never with the texts themselves. finish() gives what findDuplicates gives for the same texts.
class DuplicateFinder {
public:
    explicit DuplicateFinder(bool compareLabels = false) : compareLabels_(compareLabels) {}
    void add(std::string_view text, int64_t label = -1);
    DuplicateReport finish() const;
    TextFingerprints fingerprints() const;
    size_t size() const { return exact_.size(); }

private:
    bool compareLabels_;
    std::vector<uint64_t> exact_, near_;  // by text index
    std::vector<int64_t> labels_;
};

struct LeakageReport {
    std::vector<size_t> exactOverlap;  // indices into `other` whose text occurs in `train`
    std::vector<size_t> nearOverlap;   // indices into `other` whose normalised key occurs in `train`
};

LeakageReport findOverlap(const std::vector<std::string>& train, const std::vector<std::string>& other);

struct DatasetStats {
    int64_t examples = 0;
    int64_t emptyTexts = 0;  // whitespace-only
    int64_t missingLabels = 0;
    ClassBalance balance;
    LengthStats charLengths;
    LengthStats tokenLengths;  // count == 0 without a TokenCounter
    DuplicateReport duplicates;
};

DatasetStats computeStats(const ClassificationData& data, const TokenCounter& counter = {});

}  // namespace ft::data

#pragma once
// Identity-term swap lists for the counterfactual test (fairness-eval.md §3.6) and the
// counterfactual texts they produce: whole-word, case-preserving, one counterfactual per
// alternative term (CheckList style), pairs swapped in both directions at once.
//
// File format (UTF-8): "[set name]" starts a set; every other non-empty line that is not a
// "# comment" lists interchangeable terms separated by "|" (or tabs), e.g. "he | she", or is a
// one-way rule "him -> her" (for terms whose partner is ambiguous: "her" already becomes "his").

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"

namespace ft::eval {

struct SwapSet {
    std::string name;                               // "gender"
    std::vector<std::vector<std::string>> groups;   // each: interchangeable terms, lower case
    std::vector<std::pair<std::string, std::string>> oneWay;   // "him -> her"
    // True when every group is a pair: one counterfactual per text, all matches swapped together.
    bool pairsOnly() const;
};

struct SwapList {
    std::vector<SwapSet> sets;
};

Result<SwapList> parseSwapList(const std::string& text, const std::string& fileForMessages = {});
Result<SwapList> readSwapList(const std::string& file);
// The shipped default: English gender terms (he↔she, his↔her, man↔woman, …).
const SwapList& defaultSwapList();

struct Counterfactual {
    std::string text;
    std::string set;           // swap set name
    std::string sourceTerm;    // what was replaced (lower case; "he+his" for pair swaps of several terms)
    std::string replacement;   // what replaced it
};

// Every counterfactual of `text` under every set of the list (none when no term matches).
// At most `maxPerText` are produced.
std::vector<Counterfactual> counterfactualsOf(const std::string& text, const SwapList& list, size_t maxPerText = 8);

}  // namespace ft::eval

#include "core/eval/swap_list.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

namespace ft::eval {

namespace {

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

// Letters, digits, apostrophes inside words and every non-ASCII byte count as word characters.
bool isWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '_'; }

// "He" → "She", "HE" → "SHE", "he" → "she".
std::string matchCase(const std::string& original, const std::string& replacement) {
    if (original.empty() || replacement.empty()) return replacement;
    bool allUpper = original.size() > 1, anyLetter = false;
    for (unsigned char c : original) {
        if (std::isalpha(c)) {
            anyLetter = true;
            allUpper = allUpper && std::isupper(c);
        }
    }
    std::string out = replacement;
    if (anyLetter && allUpper) {
        for (char& c : out) c = char(std::toupper(static_cast<unsigned char>(c)));
    } else if (std::isupper(static_cast<unsigned char>(original[0]))) {
        out[0] = char(std::toupper(static_cast<unsigned char>(out[0])));
    }
    return out;
}

struct Match {
    size_t begin, end;
    std::string term;   // lower case
};

// Whole-word, case-insensitive occurrences of any term (longest term wins at a position).
std::vector<Match> findTerms(const std::string& text, const std::vector<std::string>& terms) {
    std::vector<Match> matches;
    const std::string low = lower(text);
    size_t i = 0;
    while (i < low.size()) {
        if (i > 0 && isWordByte(static_cast<unsigned char>(low[i - 1]))) {
            ++i;
            continue;
        }
        const std::string* best = nullptr;
        for (const auto& t : terms) {
            if (t.empty() || low.compare(i, t.size(), t) != 0) continue;
            const size_t end = i + t.size();
            if (end < low.size() && isWordByte(static_cast<unsigned char>(low[end]))) continue;
            if (!best || t.size() > best->size()) best = &t;
        }
        if (best) {
            matches.push_back({i, i + best->size(), *best});
            i += best->size();
        } else {
            ++i;
        }
    }
    return matches;
}

std::string replaceMatches(const std::string& text, const std::vector<Match>& matches, const std::map<std::string, std::string>& to) {
    std::string out;
    size_t at = 0;
    for (const auto& m : matches) {
        auto it = to.find(m.term);
        if (it == to.end()) continue;
        out += text.substr(at, m.begin - at);
        out += matchCase(text.substr(m.begin, m.end - m.begin), it->second);
        at = m.end;
    }
    return out + text.substr(at);
}

}  // namespace

bool SwapSet::pairsOnly() const {
    return std::all_of(groups.begin(), groups.end(), [](const auto& g) { return g.size() == 2; });
}

Result<SwapList> parseSwapList(const std::string& text, const std::string& file) {
    SwapList list;
    std::istringstream in(text);
    std::string line;
    int64_t lineNo = 0;
    std::map<std::string, int64_t> seenTerm;   // term → line, within the current set
    while (std::getline(in, line)) {
        ++lineNo;
        if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        if (line.front() == '[') {
            if (line.back() != ']' || trim(line.substr(1, line.size() - 2)).empty())
                return makeError("swaps.invalid_line", "a set header looks like \"[gender]\"", file, lineNo);
            list.sets.push_back({trim(line.substr(1, line.size() - 2)), {}, {}});
            seenTerm.clear();
            continue;
        }
        if (list.sets.empty()) list.sets.push_back({"swaps", {}, {}});
        if (const size_t arrow = line.find("->"); arrow != std::string::npos) {
            const std::string from = lower(trim(line.substr(0, arrow))), to = lower(trim(line.substr(arrow + 2)));
            if (from.empty() || to.empty() || to.find("->") != std::string::npos)
                return makeError("swaps.invalid_line", "a one-way rule looks like \"him -> her\"", file, lineNo);
            if (seenTerm.count(from))
                return makeError("swaps.duplicate_term",
                                 "'" + from + "' is already listed on line " + std::to_string(seenTerm[from]) + " of this set", file, lineNo);
            seenTerm[from] = lineNo;
            list.sets.back().oneWay.emplace_back(from, to);
            continue;
        }
        std::vector<std::string> group;
        std::string term;
        for (char& c : line)
            if (c == '\t') c = '|';
        std::istringstream parts(line);
        while (std::getline(parts, term, '|')) {
            term = lower(trim(term));
            if (term.empty()) return makeError("swaps.invalid_line", "an empty term (two separators in a row?)", file, lineNo);
            if (seenTerm.count(term))
                return makeError("swaps.duplicate_term",
                                 "'" + term + "' is already listed on line " + std::to_string(seenTerm[term]) + " of this set", file, lineNo);
            seenTerm[term] = lineNo;
            group.push_back(term);
        }
        if (group.size() < 2)
            return makeError("swaps.invalid_line", "a line needs at least two interchangeable terms separated by '|'", file, lineNo);
        list.sets.back().groups.push_back(std::move(group));
    }
    list.sets.erase(std::remove_if(list.sets.begin(), list.sets.end(),
                                   [](const SwapSet& s) { return s.groups.empty() && s.oneWay.empty(); }),
                    list.sets.end());
    if (list.sets.empty()) return makeError("swaps.empty", "the swap list has no terms", file);
    return list;
}

Result<SwapList> readSwapList(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("swaps.file_not_found", "cannot open the swap list", file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parseSwapList(buffer.str(), file);
}

const SwapList& defaultSwapList() {
    // "her" is ambiguous (him / his): it maps to "his" and "him" maps to "her" — a known caveat.
    static const SwapList list = *parseSwapList(R"(# English gender terms (Finetune Studio default)
[gender]
he | she
his | her
him -> her
hers -> his
himself | herself
man | woman
men | women
boy | girl
boys | girls
male | female
father | mother
fathers | mothers
son | daughter
sons | daughters
brother | sister
brothers | sisters
husband | wife
husbands | wives
uncle | aunt
nephew | niece
king | queen
mr | mrs
gentleman | lady
gentlemen | ladies
boyfriend | girlfriend
dad | mom
grandfather | grandmother
)");
    return list;
}

std::vector<Counterfactual> counterfactualsOf(const std::string& text, const SwapList& list, size_t maxPerText) {
    std::vector<Counterfactual> out;
    for (const auto& set : list.sets) {
        std::vector<std::string> terms;
        for (const auto& g : set.groups) terms.insert(terms.end(), g.begin(), g.end());
        for (const auto& rule : set.oneWay) terms.push_back(rule.first);
        const std::vector<Match> matches = findTerms(text, terms);
        if (matches.empty()) continue;
        if (set.pairsOnly()) {
            // One counterfactual: every matched term becomes its partner, in both directions at once.
            std::map<std::string, std::string> to;
            for (const auto& g : set.groups) to[g[0]] = g[1], to[g[1]] = g[0];
            for (const auto& [from, target] : set.oneWay) to[from] = target;
            std::string sources, replacements;
            for (const auto& m : matches) {
                if (sources.find(m.term) == std::string::npos) {
                    sources += (sources.empty() ? "" : "+") + m.term;
                    replacements += (replacements.empty() ? "" : "+") + to[m.term];
                }
            }
            out.push_back({replaceMatches(text, matches, to), set.name, sources, replacements});
        } else {
            // One counterfactual per alternative of the first matched term (CheckList's perturbations).
            std::string source;
            for (const auto& m : matches)
                for (const auto& g : set.groups)
                    if (source.empty() && std::find(g.begin(), g.end(), m.term) != g.end()) source = m.term;
            for (const auto& g : set.groups) {
                if (std::find(g.begin(), g.end(), source) == g.end()) continue;
                for (const auto& alternative : g) {
                    if (alternative == source || out.size() >= maxPerText) continue;
                    std::vector<Match> same;
                    for (const auto& m : matches)
                        if (m.term == source) same.push_back(m);
                    out.push_back({replaceMatches(text, same, {{source, alternative}}), set.name, source, alternative});
                }
            }
        }
        if (out.size() >= maxPerText) break;
    }
    if (out.size() > maxPerText) out.resize(maxPerText);
    return out;
}

}  // namespace ft::eval

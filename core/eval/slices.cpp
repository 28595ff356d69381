#include "core/eval/slices.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace ft::eval {

std::string groupName(const GroupKey& key) {
    std::string out;
    for (size_t i = 0; i < key.size(); ++i) {
        if (i) out += ", ";
        out += key[i];
    }
    return out;
}

namespace {
const std::string& valueOf(const Row& r, size_t attr, const SliceSpec& spec) {
    if (attr < r.groups.size() && !r.groups[attr].empty()) return r.groups[attr];
    return spec.missingLabel;
}
}  // namespace

Partition partition(const std::vector<Row>& rows, const std::vector<size_t>& indices, const SliceSpec& spec) {
    Partition out;
    const size_t nAttr = spec.attributes.size();
    out.levels.resize(nAttr);
    for (size_t a = 0; a < nAttr; ++a) {
        std::vector<std::string> observed;
        for (size_t i : indices) observed.push_back(valueOf(rows[i], spec.attributes[a], spec));
        std::sort(observed.begin(), observed.end());
        observed.erase(std::unique(observed.begin(), observed.end()), observed.end());
        std::vector<std::string>& lv = out.levels[a];
        if (a < spec.declaredLevels.size()) lv = spec.declaredLevels[a];
        for (const std::string& v : observed)
            if (std::find(lv.begin(), lv.end(), v) == lv.end()) lv.push_back(v);
    }
    if (nAttr == 0) return out;

    // Mixed-radix enumeration of the product, first attribute slowest.
    size_t cells = 1;
    for (const auto& lv : out.levels) cells *= lv.size();
    std::map<GroupKey, size_t> slot;
    for (size_t c = 0; c < cells; ++c) {
        GroupKey key(nAttr);
        size_t rest = c;
        for (size_t a = nAttr; a-- > 0;) {
            key[a] = out.levels[a][rest % out.levels[a].size()];
            rest /= out.levels[a].size();
        }
        slot.emplace(key, out.keys.size());
        out.keys.push_back(std::move(key));
    }
    out.members.resize(out.keys.size());
    for (size_t i : indices) {
        GroupKey key(nAttr);
        for (size_t a = 0; a < nAttr; ++a) key[a] = valueOf(rows[i], spec.attributes[a], spec);
        out.members[slot.at(key)].push_back(i);
    }
    return out;
}

Partition partition(const std::vector<Row>& rows, const SliceSpec& spec) {
    std::vector<size_t> all(rows.size());
    std::iota(all.begin(), all.end(), size_t{0});
    return partition(rows, all, spec);
}

}  // namespace ft::eval

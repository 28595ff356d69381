#pragma once
// Partition rows by one or more sensitive attributes. Intersections are the full Cartesian
// product of levels (Fairlearn MetricFrame), so an empty cell is kept with n = 0, never dropped.

#include "core/eval/row.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ft::eval {

using GroupKey = std::vector<std::string>;

struct SliceSpec {
    std::vector<size_t> attributes;   // indices into Row::groups
    std::vector<std::string> names;   // column names, for reports; defaults to "attr<i>"
    // Levels every report must list even when unobserved (per attribute; may be empty).
    std::vector<std::vector<std::string>> declaredLevels;
    std::string missingLabel = "(missing)";  // a row whose value is "" lands in this explicit group
};

struct Partition {
    std::vector<std::vector<std::string>> levels;  // per attribute: declared, then observed (sorted)
    std::vector<GroupKey> keys;                    // Cartesian product, first attribute slowest
    std::vector<std::vector<size_t>> members;      // row indices per key
};

Partition partition(const std::vector<Row>& rows, const SliceSpec& spec);
Partition partition(const std::vector<Row>& rows, const std::vector<size_t>& indices, const SliceSpec& spec);

// "a" for one attribute, "a, 6" for an intersection.
std::string groupName(const GroupKey& key);

}  // namespace ft::eval

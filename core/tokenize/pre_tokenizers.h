#pragma once
// tokenizer.json "pre_tokenizer" objects (formats.md §3.5).

#include "core/common/result.h"
#include "core/tokenize/components.h"

#include <nlohmann/json.hpp>

#include <utility>

namespace ft::tok {

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

// Cuts `piece` at `matches` (sorted, non-overlapping byte ranges) the way HF's
// NormalizedString::split does, appending the non-empty results to `out`.
void splitPiece(const Piece& piece, const std::vector<std::pair<size_t, size_t>>& matches,
                SplitBehavior behavior, bool invert, std::vector<Piece>& out);

// Null JSON → nullptr.
Result<std::unique_ptr<PreTokenizer>> makePreTokenizer(const nlohmann::json& j, const std::string& path);

}  // namespace ft::tok

#pragma once
// Write a file so that readers see either the old or the new content, never a mix: write a sibling
// temp file, fsync it, rename it over the target, fsync the folder. A file someone has mmapped keeps
// its old bytes (the rename only swaps the directory entry).

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.h"

namespace ft::io {

// Pieces are written back to back; pointers must stay valid during the call.
using ByteChunk = std::pair<const void*, size_t>;

Status writeFileAtomic(const std::filesystem::path& file, const std::vector<ByteChunk>& chunks);
Status writeFileAtomic(const std::filesystem::path& file, std::string_view text);

}  // namespace ft::io

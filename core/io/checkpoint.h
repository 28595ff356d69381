#pragma once
// A model folder's weights: one model.safetensors, or model.safetensors.index.json plus shards
// (formats.md §1.6). Pickle checkpoints are refused: unpickling can run arbitrary code.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.h"
#include "core/io/safetensors.h"

namespace ft::io {

inline constexpr const char* kSafeWeightsName = "model.safetensors";
inline constexpr const char* kSafeWeightsIndexName = "model.safetensors.index.json";

class Checkpoint {
public:
    // Validates every shard and the index's weight_map: each listed tensor exists in the named shard,
    // each shard tensor is listed, no tensor lives in two shards. All mismatches are reported at once.
    static Result<Checkpoint> open(const std::filesystem::path& folder);

    std::vector<std::string> names() const;  // sorted
    const TensorView* find(std::string_view name) const;
    int64_t totalBytes() const;
    int64_t parameterCount() const;
    const std::vector<SafetensorsFile>& files() const { return m_files; }

private:
    std::vector<SafetensorsFile> m_files;
    std::map<std::string, std::pair<size_t, size_t>, std::less<>> m_index;  // name -> (file, tensor)
};

// Shards model-00001-of-0000N.safetensors + index (indent 2) when the tensors do not fit one shard of
// maxShardBytes (HF's splitting rule), else a single model.safetensors. Each file is written atomically;
// weight files of an earlier save that the new layout does not use are removed afterwards.
Status writeCheckpoint(const std::filesystem::path& folder, const std::vector<TensorView>& tensors,
                       int64_t maxShardBytes = 5'000'000'000);

}  // namespace ft::io

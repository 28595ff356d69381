#pragma once
// Model discovery without loading weights: one folder's summary, and the models in the shared
// Hugging Face hub cache (formats.md §5 "Cache layout").

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::io {

struct ModelFolderInfo {
    std::filesystem::path folder;
    std::string name;                         // folder name, or "org/name" for the hub cache
    std::string modelType;
    std::vector<std::string> architectures;
    int64_t parameterCount = 0;               // sum of numel over the safetensors headers
    int64_t weightBytes = 0;
    std::vector<std::string> files;           // top-level file names, sorted
    bool hasTokenizer = false;
    std::string problem;                      // empty when usable; else the reason, in English
    std::string problemCode;                  // the Error code behind `problem` (for the UI's wording)
};

// Reads config.json and the safetensors headers only. An error only when `folder` is not a folder;
// an unusable model comes back with `problem` set.
Result<ModelFolderInfo> inspectModelFolder(const std::filesystem::path& folder);

// HF_HUB_CACHE, legacy HUGGINGFACE_HUB_CACHE, HF_HOME/hub, XDG_CACHE_HOME/huggingface/hub,
// ~/.cache/huggingface/hub — the same order huggingface_hub uses.
std::filesystem::path hfHubCacheDir();

// Every models--org--name/snapshots/<rev>/ (the rev in refs/main when it exists, else the newest
// snapshot), named "org/name", sorted by name. A missing hub folder gives an empty list.
std::vector<ModelFolderInfo> scanHfCache(const std::filesystem::path& hubDir);

}  // namespace ft::io

#pragma once
// Tokenized data cache: prepareData's result in one compact binary file, <cache dir>/<key>.ftok, reused
// by later runs. The key hashes the bytes of the training and validation files, the bytes of the
// model folder's tokenizer and config files, every data.* setting, the task and the seed (the split and
// few-shot draws depend on it), so any change of input gives another file. Written atomically.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/prepared_data.h"

namespace ft::train {

// 128-bit key as 32 hex digits. Errors: "data.file_not_found", "data.read_failed".
Result<std::string> tokenCacheKey(const api::JobConfig& job);

// data.token_cache_dir, or <output.runs_dir>/.token-cache when it is empty.
std::filesystem::path tokenCacheDir(const api::JobConfig& job);

// nullopt when the file is missing, of another format version, or damaged (then it is simply rebuilt).
std::optional<PreparedData> readTokenCache(const std::filesystem::path& file);
Status writeTokenCache(const std::filesystem::path& file, const PreparedData& data);

struct CachedPreparation {
    PreparedData data;
    bool hit = false;            // read from the cache
    std::filesystem::path file;  // the cache file read or written ("" when data.token_cache is off)
    std::string writeWarning;    // the cache could not be written (the run goes on)
};

// prepareData through the cache when data.token_cache is on, plain prepareData otherwise.
Result<CachedPreparation> prepareDataCached(const api::JobConfig& job, const tok::Tokenizer& tokenizer);

}  // namespace ft::train

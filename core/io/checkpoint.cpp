#include "core/io/checkpoint.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"

namespace fs = std::filesystem;

namespace ft::io {
namespace {

bool isPickleWeights(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".bin" || ext == ".pt" || ext == ".pth" || ext == ".ckpt" || ext == ".pkl";
}

Error refusePickle(const fs::path& folder, const fs::path& found) {
    return makeError("checkpoint.pickle_refused",
                     "The model folder " + folder.string() + " holds only pickle weights (" +
                         found.filename().string() +
                         "). Pickle files can run arbitrary code when loaded, so they are not opened; "
                         "convert them to safetensors first (for example with transformers: "
                         "model.save_pretrained(folder, safe_serialization=True)).",
                     found.string());
}

Result<nlohmann::json> readIndex(const fs::path& indexFile) {
    std::ifstream in(indexFile, std::ios::binary);
    if (!in)
        return makeError("checkpoint.invalid_index", "Cannot read " + indexFile.string() + ".", indexFile.string());
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
        return makeError("checkpoint.invalid_index",
                         "The shard index " + indexFile.string() +
                             " is not a JSON object with a \"weight_map\" object.",
                         indexFile.string(), -1, "weight_map");
    for (auto it = j["weight_map"].begin(); it != j["weight_map"].end(); ++it) {
        const nlohmann::json& v = it.value();
        // Shard names are plain file names; anything else could point outside the folder.
        if (!v.is_string() || v.get<std::string>().empty() ||
            v.get<std::string>().find('/') != std::string::npos || v.get<std::string>() == ".." ||
            v.get<std::string>().find('\\') != std::string::npos)
            return makeError("checkpoint.invalid_index",
                             "The shard index " + indexFile.string() + " maps \"" + it.key() +
                                 "\" to something that is not a file name in the same folder.",
                             indexFile.string(), -1, it.key());
    }
    return j;
}

}  // namespace

Result<Checkpoint> Checkpoint::open(const fs::path& folder) {
    Checkpoint out;
    const fs::path single = folder / kSafeWeightsName;
    const fs::path indexFile = folder / kSafeWeightsIndexName;
    std::error_code ec;

    if (fs::is_regular_file(single, ec)) {
        auto file = SafetensorsFile::open(single);
        if (!file) return file.error();
        out.m_files.push_back(std::move(*file));
    } else if (fs::is_regular_file(indexFile, ec)) {
        auto index = readIndex(indexFile);
        if (!index) return index.error();
        const nlohmann::json& weightMap = (*index)["weight_map"];
        std::map<std::string, size_t> shardSlot;
        for (auto it = weightMap.begin(); it != weightMap.end(); ++it) {
            const std::string shard = it.value().get<std::string>();
            if (shardSlot.count(shard)) continue;
            auto file = SafetensorsFile::open(folder / shard);
            if (!file) return file.error();
            shardSlot[shard] = out.m_files.size();
            out.m_files.push_back(std::move(*file));
        }
        std::vector<std::string> problems;
        for (auto it = weightMap.begin(); it != weightMap.end(); ++it)
            if (!out.m_files[shardSlot[it.value().get<std::string>()]].find(it.key()))
                problems.push_back("\"" + it.key() + "\" is listed in " + it.value().get<std::string>() +
                                   " but that shard does not contain it");
        for (const SafetensorsFile& f : out.m_files)
            for (const TensorView& t : f.tensors())
                if (!weightMap.contains(t.name))
                    problems.push_back("\"" + t.name + "\" is in " + f.path().filename().string() +
                                       " but not in the weight_map");
                else if (weightMap[t.name].get<std::string>() != f.path().filename().string())
                    problems.push_back("\"" + t.name + "\" is in " + f.path().filename().string() +
                                       " but the weight_map names " + weightMap[t.name].get<std::string>());
        if (!problems.empty()) {
            std::string msg = "The shard index " + indexFile.string() + " does not match its shards: ";
            for (size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
            return makeError("checkpoint.index_mismatch", msg + ".", indexFile.string());
        }
    } else {
        if (!fs::is_directory(folder, ec))
            return makeError("checkpoint.not_a_folder", "The model folder " + folder.string() + " does not exist.",
                             folder.string());
        std::vector<fs::path> pickles;
        for (const fs::directory_entry& e : fs::directory_iterator(folder, ec))
            if (isPickleWeights(e.path()) && e.is_regular_file(ec)) pickles.push_back(e.path());
        if (!pickles.empty()) {
            std::sort(pickles.begin(), pickles.end());
            return refusePickle(folder, pickles.front());
        }
        return makeError("checkpoint.no_weights",
                         "The model folder " + folder.string() + " has no " + kSafeWeightsName + " and no " +
                             kSafeWeightsIndexName + ".",
                         folder.string());
    }

    for (size_t f = 0; f < out.m_files.size(); ++f) {
        const auto& ts = out.m_files[f].tensors();
        for (size_t t = 0; t < ts.size(); ++t)
            if (!out.m_index.emplace(ts[t].name, std::make_pair(f, t)).second)
                return makeError("checkpoint.duplicate_tensor",
                                 "The tensor \"" + ts[t].name + "\" is stored in two shards of " +
                                     folder.string() + ".",
                                 out.m_files[f].path().string(), -1, ts[t].name);
    }
    return out;
}

std::vector<std::string> Checkpoint::names() const {
    std::vector<std::string> out;
    out.reserve(m_index.size());
    for (const auto& [name, slot] : m_index) out.push_back(name);
    return out;
}

const TensorView* Checkpoint::find(std::string_view name) const {
    auto it = m_index.find(name);
    if (it == m_index.end()) return nullptr;
    return &m_files[it->second.first].tensors()[it->second.second];
}

int64_t Checkpoint::totalBytes() const {
    int64_t sum = 0;
    for (const SafetensorsFile& f : m_files)
        for (const TensorView& t : f.tensors()) sum += static_cast<int64_t>(t.nbytes);
    return sum;
}

int64_t Checkpoint::parameterCount() const {
    int64_t sum = 0;
    for (const SafetensorsFile& f : m_files)
        for (const TensorView& t : f.tensors()) sum += t.numel();
    return sum;
}

Status writeCheckpoint(const fs::path& folder, const std::vector<TensorView>& tensors, int64_t maxShardBytes) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        return makeError("io.write_failed", "Cannot create the folder " + folder.string() + ": " + ec.message() + ".",
                         folder.string());

    // huggingface_hub's split: in order; an oversized tensor gets its own shard, otherwise a new shard
    // starts when adding the tensor would exceed the limit.
    std::set<std::string_view> seen;
    for (const TensorView& t : tensors)
        if (!seen.insert(t.name).second)
            return makeError("safetensors.duplicate_tensor",
                             "Cannot write the checkpoint in " + folder.string() + ": the tensor \"" + t.name +
                                 "\" appears twice.",
                             folder.string(), -1, t.name);

    // huggingface_hub's split: in order; an oversized tensor gets its own shard, otherwise a new shard
    // starts when adding the tensor would exceed the limit.
    std::vector<std::vector<TensorView>> shards;
    int64_t current = 0;
    bool open = false;
    for (const TensorView& t : tensors) {
        const auto size = static_cast<int64_t>(t.nbytes);
        if (size > maxShardBytes) {
            shards.push_back({t});
            open = false;
            continue;
        }
        if (!open || current + size > maxShardBytes) {
            shards.emplace_back();
            current = 0;
            open = true;
        }
        shards.back().push_back(t);
        current += size;
    }

    std::set<std::string> written;
    if (shards.size() <= 1) {
        Status s = writeSafetensors(folder / kSafeWeightsName, tensors);
        if (!s) return s;
        written.insert(kSafeWeightsName);
    } else {
        nlohmann::json weightMap = nlohmann::json::object();
        int64_t totalSize = 0;
        for (size_t i = 0; i < shards.size(); ++i) {
            char name[64];
            std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, shards.size());
            Status s = writeSafetensors(folder / name, shards[i]);
            if (!s) return s;
            written.insert(name);
            for (const TensorView& t : shards[i]) {
                weightMap[t.name] = name;
                totalSize += static_cast<int64_t>(t.nbytes);
            }
        }
        nlohmann::json index = {{"metadata", {{"total_size", totalSize}}}, {"weight_map", weightMap}};
        Status s = writeFileAtomic(folder / kSafeWeightsIndexName, index.dump(2) + "\n");
        if (!s) return s;
        written.insert(kSafeWeightsIndexName);
    }

    // transformers prefers model.safetensors over an index: leftovers of another layout would win.
    for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
        const std::string n = e.path().filename().string();
        const bool weightFile = n == kSafeWeightsName || n == kSafeWeightsIndexName ||
                                (n.rfind("model-", 0) == 0 && n.find("-of-") != std::string::npos &&
                                 e.path().extension() == ".safetensors");
        if (weightFile && !written.count(n)) fs::remove(e.path(), ec);
    }
    return Status::success();
}

}  // namespace ft::io

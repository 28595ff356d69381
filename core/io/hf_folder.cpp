#include "core/io/hf_folder.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/io/checkpoint.h"
#include "core/io/hf_config.h"

namespace fs = std::filesystem;

namespace ft::io {
namespace {

bool hasFile(const std::vector<std::string>& files, const std::string& name) {
    return std::find(files.begin(), files.end(), name) != files.end();
}

void setProblem(ModelFolderInfo& info, const Error& e) {
    if (!info.problem.empty()) return;  // the first problem is the one to fix first
    info.problem = e.message;
    info.problemCode = e.code;
}

std::string envOr(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

fs::path expandUser(const std::string& p) {
    if (p.rfind("~/", 0) == 0 || p == "~") return fs::path(envOr("HOME")) / p.substr(std::min<size_t>(2, p.size()));
    return p;
}

std::string readTrimmed(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

// refs/main names the snapshot huggingface_hub would use; without it take the newest snapshot.
fs::path pickSnapshot(const fs::path& repo) {
    std::error_code ec;
    const std::string rev = readTrimmed(repo / "refs" / "main");
    if (!rev.empty() && rev.find('/') == std::string::npos && fs::is_directory(repo / "snapshots" / rev, ec))
        return repo / "snapshots" / rev;
    fs::path best;
    fs::file_time_type bestTime{};
    for (const fs::directory_entry& e : fs::directory_iterator(repo / "snapshots", ec)) {
        if (!e.is_directory(ec)) continue;
        const auto t = e.last_write_time(ec);
        if (best.empty() || t > bestTime) best = e.path(), bestTime = t;
    }
    return best;
}

}  // namespace

Result<ModelFolderInfo> inspectModelFolder(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return makeError("folder.not_found", "The model folder " + folder.string() + " does not exist.",
                         folder.string());
    ModelFolderInfo info;
    info.folder = folder;
    info.name = folder.filename().string();
    if (info.name.empty()) info.name = folder.parent_path().filename().string();
    for (const fs::directory_entry& e : fs::directory_iterator(folder, ec))
        if (e.is_regular_file(ec)) info.files.push_back(e.path().filename().string());  // follows cache symlinks
    std::sort(info.files.begin(), info.files.end());
    info.hasTokenizer = hasFile(info.files, "tokenizer.json") || hasFile(info.files, "tokenizer.model") ||
                        hasFile(info.files, "spiece.model") ||
                        hasFile(info.files, "vocab.txt") ||
                        (hasFile(info.files, "vocab.json") && hasFile(info.files, "merges.txt"));

    if (!hasFile(info.files, "config.json")) {
        setProblem(info, makeError("folder.no_config", "The model folder " + folder.string() + " has no config.json.",
                                   folder.string()));
    } else {
        auto config = readModelConfig(folder / "config.json");
        if (config) {
            info.modelType = config->modelType;
            info.architectures = config->architectures;
        } else {
            setProblem(info, config.error());
        }
    }
    auto checkpoint = Checkpoint::open(folder);
    if (checkpoint) {
        info.parameterCount = checkpoint->parameterCount();
        info.weightBytes = checkpoint->totalBytes();
    } else {
        setProblem(info, checkpoint.error());
    }
    if (info.problem.empty() && !info.hasTokenizer)
        setProblem(info, makeError("folder.no_tokenizer",
                                   "The model folder " + folder.string() +
                                       " has no tokenizer (tokenizer.json, tokenizer.model, spiece.model, vocab.txt or "
                                       "vocab.json + merges.txt).",
                                   folder.string()));
    return info;
}

fs::path hfHubCacheDir() {
    if (std::string v = envOr("HF_HUB_CACHE"); !v.empty()) return expandUser(v);
    if (std::string v = envOr("HUGGINGFACE_HUB_CACHE"); !v.empty()) return expandUser(v);
    if (std::string v = envOr("HF_HOME"); !v.empty()) return expandUser(v) / "hub";
    if (std::string v = envOr("XDG_CACHE_HOME"); !v.empty()) return expandUser(v) / "huggingface" / "hub";
    return fs::path(envOr("HOME")) / ".cache" / "huggingface" / "hub";
}

std::vector<ModelFolderInfo> scanHfCache(const fs::path& hubDir) {
    std::vector<ModelFolderInfo> out;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(hubDir, ec)) {
        const std::string dir = e.path().filename().string();
        if (dir.rfind("models--", 0) != 0 || !e.is_directory(ec)) continue;
        const fs::path snapshot = pickSnapshot(e.path());
        if (snapshot.empty()) continue;  // a download that never finished
        auto info = inspectModelFolder(snapshot);
        if (!info) continue;
        std::string name = dir.substr(8);
        for (size_t p = name.find("--"); p != std::string::npos; p = name.find("--", p + 1)) name.replace(p, 2, "/");
        info->name = name;
        out.push_back(std::move(*info));
    }
    std::sort(out.begin(), out.end(),
              [](const ModelFolderInfo& a, const ModelFolderInfo& b) { return a.name < b.name; });
    return out;
}

}  // namespace ft::io

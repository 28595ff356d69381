#include "core/api/model_info.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/io/hf_config.h"
#include "core/io/hf_folder.h"
#include "core/models/lora.h"

namespace ft::api {
namespace fs = std::filesystem;

namespace {

bool engineSupports(const std::string& modelType) {
    const auto& types = io::supportedModelTypes();
    return std::find(types.begin(), types.end(), modelType) != types.end();
}

std::string supportedTypeList() {
    std::string list;
    for (const auto& type : io::supportedModelTypes()) list += (list.empty() ? "" : ", ") + type;
    return list;
}

ModelSummary summarize(const io::ModelFolderInfo& info, const std::string& source) {
    ModelSummary s;
    s.path = info.folder.string();
    s.name = info.name;
    s.source = source;
    s.modelType = info.modelType;
    s.architecture = info.architectures.empty() ? std::string() : info.architectures.front();
    s.parameterCount = info.parameterCount;
    s.weightBytes = info.weightBytes;
    s.hasTokenizer = info.hasTokenizer;
    s.problem = info.problem;
    if (auto config = io::readModelConfig(info.folder / "config.json")) {
        s.numLayers = io::numLayers(*config);
        s.hiddenSize = io::hiddenSize(*config);
        s.vocabSize = io::vocabSize(*config);
        s.maxPositions = io::maxPositions(*config);
    }
    if (s.problem.empty() && !s.hasTokenizer) s.problem = "the folder has no tokenizer files (tokenizer.json or vocab files)";
    if (s.problem.empty() && !engineSupports(s.modelType))
        s.problem = "training '" + s.modelType + "' models is not implemented yet (supported now: " + supportedTypeList() + ")";
    s.supported = s.problem.empty();
    return s;
}

}  // namespace

Result<ModelSummary> inspectModel(const std::string& folder) {
    auto info = io::inspectModelFolder(folder);
    if (!info) return info.error();
    return summarize(*info, "folder");
}

std::vector<ModelSummary> discoverModels(const std::vector<std::string>& bundledFolders,
                                         const std::vector<std::string>& userFolders) {
    std::vector<ModelSummary> out;
    std::set<std::string> seen;
    auto add = [&](const io::ModelFolderInfo& info, const std::string& source) {
        const std::string key = fs::weakly_canonical(info.folder).string();
        if (seen.insert(key).second) out.push_back(summarize(info, source));
    };
    auto addFolders = [&](const std::vector<std::string>& folders, const std::string& source) {
        for (const auto& folder : folders) {
            std::error_code ec;
            if (!fs::is_directory(folder, ec)) continue;
            if (fs::exists(fs::path(folder) / "config.json")) {
                if (auto info = io::inspectModelFolder(folder)) add(*info, source);
                continue;
            }
            std::vector<fs::path> children;
            for (const auto& entry : fs::directory_iterator(folder, ec))
                if (entry.is_directory() && fs::exists(entry.path() / "config.json"))
                    children.push_back(entry.path());
            std::sort(children.begin(), children.end());
            for (const auto& child : children)
                if (auto info = io::inspectModelFolder(child)) add(*info, source);
        }
    };
    // Bundled first: the starter model is what a new user should see at the top.
    addFolders(bundledFolders, "bundled");
    for (const auto& info : io::scanHfCache(io::hfHubCacheDir())) add(info, "hf-cache");
    addFolders(userFolders, "folder");
    return out;
}

std::vector<std::string> defaultLoraTargetModules(const std::string& modelType) {
    return models::defaultLoraTargets(modelType);
}

}  // namespace ft::api

#pragma once
// Models from the Hugging Face Hub into the shared cache (where discoverModels finds them): list a
// repository's files with sizes, then download what a model folder needs, with progress and cancel.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct HubDownloadOptions {
    std::vector<std::string> include;  // glob patterns; empty: config, safetensors, tokenizer files, README
    std::string cacheDir;  // the hub cache; empty: HF_HUB_CACHE / HF_HOME/hub / ~/.cache/huggingface/hub
    std::string token;     // an access token; empty: HF_TOKEN, HUGGING_FACE_HUB_TOKEN, the token files
};

struct HubRepoFile {
    std::string path;
    int64_t sizeBytes = -1;  // -1 when the Hub did not say
    bool selected = false;   // would be downloaded with these options
};

struct HubRepoFiles {
    std::string repoId;
    std::string revision;
    std::string commit;              // the 40-digit commit `revision` resolved to
    std::vector<HubRepoFile> files;  // every file of the repository, in the Hub's order
    int64_t selectedBytes = 0;       // the total download
    int selectedCount = 0;
};

struct HubProgress {
    std::string file;  // the current file
    int64_t fileBytes = 0;
    int64_t fileTotal = -1;
    int64_t bytes = 0;  // all selected files; files already in the cache count as done
    int64_t totalBytes = 0;
    int fileIndex = 0;  // 0-based
    int fileCount = 0;
    bool fileDone = false;
    bool fromCache = false;  // the file was in the cache already
};
using HubProgressFn = std::function<void(const HubProgress&)>;

// False when this build has no HTTP client (built without libcurl).
bool hubDownloadAvailable();

// hub.bad_repo_id unless `repoId` is "org/name" (or a legacy top-level "name") as the Hub spells them.
Status validateHubRepoId(const std::string& repoId);

Result<HubRepoFiles> listHubFiles(const std::string& repoId, const std::string& revision,
                                  const HubDownloadOptions& options,
                                  const std::atomic<bool>* cancel = nullptr);

// Downloads into the cache and returns the snapshot folder (…/models--org--name/snapshots/<commit>).
// Resumes partial files, skips files already there, answers from the cache alone under HF_HUB_OFFLINE.
// Errors: hub.bad_repo_id, hub.not_found, hub.revision_not_found, hub.entry_not_found, hub.gated,
// hub.unauthorized, hub.offline, hub.network, hub.disk, hub.checksum, hub.size_mismatch,
// hub.no_safetensors, hub.no_files, hub.cancelled, hub.unavailable; each names the repository or file.
Result<std::string> downloadModel(const std::string& repoId, const std::string& revision,
                                  const HubDownloadOptions& options, const HubProgressFn& progress,
                                  const std::atomic<bool>* cancel);

}  // namespace ft::api

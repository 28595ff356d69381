#pragma once
// Lists a Hub repository's files and downloads a selection of them into the shared cache, as
// huggingface_hub's snapshot_download does: one commit for all files, blobs named by ETag, snapshot
// entries as relative symlinks, refs/<revision> written last. Files already in the snapshot cost no
// request; HF_HUB_OFFLINE answers from the cache alone.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/hub/http.h"
#include "core/hub/hub_settings.h"
#include "core/hub/repo_listing.h"

namespace ft::hub {

struct SnapshotProgress {
    std::string file;       // the file being downloaded (repository path)
    int64_t fileBytes = 0;  // of this file, so far
    int64_t fileTotal = -1;
    int64_t bytes = 0;  // of all selected files, so far (files already cached count as done)
    int64_t totalBytes = 0;
    size_t fileIndex = 0;  // 0-based
    size_t fileCount = 0;
    bool fileDone = false;  // the file is complete (downloaded now or found in the cache)
    bool fromCache = false;
};
using ProgressFn = std::function<void(const SnapshotProgress&)>;

class HubClient {
public:
    explicit HubClient(HubSettings settings);

    const HubSettings& settings() const { return m_settings; }

    // The repository's files at `revision`, with sizes. hub.offline under HF_HUB_OFFLINE.
    Result<RepoListing> listFiles(const std::string& repoId, const std::string& revision,
                                  const std::atomic<bool>* cancel = nullptr);

    // The files of `listing` that `include` selects (file_selection.h), in listing order; paths that
    // are not safe to create are left out.
    static std::vector<RepoFile> selectFiles(const RepoListing& listing,
                                             const std::vector<std::string>& include);

    // Downloads the selection and returns snapshots/<commit>/. `progress` and `cancel` may be empty.
    Result<std::filesystem::path> download(const std::string& repoId, const std::string& revision,
                                           const std::vector<std::string>& include,
                                           const ProgressFn& progress, const std::atomic<bool>* cancel);

private:
    Status checkNames(const std::string& repoId, const std::string& revision) const;
    Status downloadFile(const RepoListing& listing, const RepoFile& file, SnapshotProgress& progress,
                        const ProgressFn& report, const std::atomic<bool>* cancel);

    HubSettings m_settings;
    HttpSession m_http;
};

}  // namespace ft::hub

#include "core/api/hub_download.h"

#include <algorithm>

#include "core/hub/hub_client.h"
#include "core/hub/hub_names.h"

namespace ft::api {
namespace {

hub::HubSettings settingsFor(const HubDownloadOptions& options) {
    hub::HubSettings settings = hub::HubSettings::fromEnvironment();
    if (!options.cacheDir.empty()) settings.cacheDir = options.cacheDir;
    if (!options.token.empty()) settings.token = options.token;
    return settings;
}

}  // namespace

bool hubDownloadAvailable() {
    return hub::httpAvailable();
}

Status validateHubRepoId(const std::string& repoId) {
    return hub::validateRepoId(repoId);
}

Result<HubRepoFiles> listHubFiles(const std::string& repoId, const std::string& revision,
                                  const HubDownloadOptions& options, const std::atomic<bool>* cancel) {
    hub::HubClient client(settingsFor(options));
    auto listing = client.listFiles(repoId, revision, cancel);
    if (!listing) return listing.error();
    HubRepoFiles out;
    out.repoId = repoId;
    out.revision = revision;
    out.commit = listing->commit;
    std::vector<std::string> selected;
    for (const hub::RepoFile& f : hub::HubClient::selectFiles(*listing, options.include))
        selected.push_back(f.path);
    for (const hub::RepoFile& f : listing->files) {
        HubRepoFile file{f.path, f.size,
                         std::find(selected.begin(), selected.end(), f.path) != selected.end()};
        if (file.selected) out.selectedBytes += std::max<int64_t>(0, f.size), ++out.selectedCount;
        out.files.push_back(std::move(file));
    }
    return out;
}

Result<std::string> downloadModel(const std::string& repoId, const std::string& revision,
                                  const HubDownloadOptions& options, const HubProgressFn& progress,
                                  const std::atomic<bool>* cancel) {
    hub::HubClient client(settingsFor(options));
    hub::ProgressFn report;
    if (progress)
        report = [&progress](const hub::SnapshotProgress& p) {
            progress(HubProgress{p.file, p.fileBytes, p.fileTotal, p.bytes, p.totalBytes,
                                 static_cast<int>(p.fileIndex), static_cast<int>(p.fileCount), p.fileDone,
                                 p.fromCache});
        };
    auto snapshot = client.download(repoId, revision, options.include, report, cancel);
    if (!snapshot) return snapshot.error();
    return snapshot->string();
}

}  // namespace ft::api

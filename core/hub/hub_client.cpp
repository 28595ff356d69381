#include "core/hub/hub_client.h"

#include <algorithm>

#include "core/common/strings.h"
#include "core/hub/blob_download.h"
#include "core/hub/file_metadata.h"
#include "core/hub/file_selection.h"
#include "core/hub/hub_cache.h"
#include "core/hub/hub_names.h"

namespace fs = std::filesystem;

namespace ft::hub {
namespace {

Error offlineError(const std::string& repoId, const std::string& revision, const fs::path& cacheDir) {
    return makeError("hub.offline",
                     "HF_HUB_OFFLINE is set and " + repoId + " (revision '" + revision +
                         "') is not in the cache " + cacheDir.string() +
                         ": download it once without HF_HUB_OFFLINE.",
                     {}, -1, repoId);
}

// The default selection found no weights we can load: say which weights the repository has instead.
Error noSafetensors(const RepoListing& listing) {
    std::string others;
    for (const RepoFile& f : listing.files)
        if (endsWith(f.path, ".bin") || endsWith(f.path, ".pt") || endsWith(f.path, ".pth") ||
            endsWith(f.path, ".h5") || endsWith(f.path, ".msgpack") || endsWith(f.path, ".onnx") ||
            endsWith(f.path, ".gguf"))
            others += (others.empty() ? "" : ", ") + f.path;
    return makeError(
        "hub.no_safetensors",
        "The repository " + listing.repoId + " has no .safetensors weights at revision '" + listing.revision +
            "'" + (others.empty() ? "" : " (only " + others + ", which Finetune Studio does not load)") +
            "; try another revision (the Hub's conversion bot often opened a pull request: --revision "
            "refs/pr/N) "
            "or a converted copy of the model.",
        {}, -1, listing.repoId);
}

}  // namespace

HubClient::HubClient(HubSettings settings) : m_settings(std::move(settings)) {}

Status HubClient::checkNames(const std::string& repoId, const std::string& revision) const {
    if (Status st = validateRepoId(repoId); !st) return st;
    return validateRevision(revision);
}

Result<RepoListing> HubClient::listFiles(const std::string& repoId, const std::string& revision,
                                         const std::atomic<bool>* cancel) {
    if (Status st = checkNames(repoId, revision); !st) return st.error();
    if (m_settings.offline)
        return makeError("hub.offline",
                         "HF_HUB_OFFLINE is set: the files of " + repoId + " cannot be listed.", {}, -1,
                         repoId);
    const RequestContext context{m_settings.endpoint, repoId, revision, {}, !m_settings.token.empty()};
    HttpRequest request;
    request.url = modelInfoUrl(m_settings.endpoint, repoId, revision);
    request.headers = requestHeaders(m_settings, true);
    request.connectTimeoutS = request.stallTimeoutS = m_settings.metadataTimeoutS;
    auto response = m_http.perform(request, nullptr, cancel);
    for (int hop = 0; response && response->status >= 300 && response->status < 400 && hop < 10; ++hop) {
        const std::string location = response->header("location");
        if (location.empty() || isAbsoluteUrl(location)) break;  // the API never leaves the Hub
        request.url = joinUrl(request.url, location);
        response = m_http.perform(request, nullptr, cancel);
    }
    if (!response) return response.error();
    if (Status st = checkResponse(*response, context); !st) return st.error();
    if (response->status != 200)
        return makeError("hub.http",
                         "The Hub answered HTTP " + std::to_string(response->status) +
                             " to the file list of " + repoId + ".",
                         {}, -1, repoId);
    return parseModelInfo(response->body, context);
}

std::vector<RepoFile> HubClient::selectFiles(const RepoListing& listing,
                                             const std::vector<std::string>& include) {
    std::vector<RepoFile> out;
    for (const RepoFile& f : listing.files)
        if (isSafeRepoPath(f.path) && isSelected(f.path, include)) out.push_back(f);
    return out;
}

Result<fs::path> HubClient::download(const std::string& repoId, const std::string& revision,
                                     const std::vector<std::string>& include, const ProgressFn& progress,
                                     const std::atomic<bool>* cancel) {
    if (Status st = checkNames(repoId, revision); !st) return st.error();
    const RepoCache cache(m_settings.cacheDir, repoId);
    if (m_settings.offline) {
        if (auto snapshot = cache.cachedSnapshot(revision)) return *snapshot;
        return offlineError(repoId, revision, m_settings.cacheDir);
    }
    auto listing = listFiles(repoId, revision, cancel);
    if (!listing) return listing.error();
    const std::vector<RepoFile> files = selectFiles(*listing, include);
    if (files.empty())
        return makeError(
            "hub.no_files",
            "No file of " + repoId + " at revision '" + revision + "' matches " +
                (include.empty() ? std::string("the files a model needs") : "the --include patterns") + ".",
            {}, -1, repoId);
    bool hasWeights = false;
    for (const RepoFile& f : files) hasWeights = hasWeights || endsWith(f.path, ".safetensors");
    if (include.empty() && !hasWeights) return noSafetensors(*listing);

    SnapshotProgress state;
    state.fileCount = files.size();
    for (const RepoFile& f : files) state.totalBytes += std::max<int64_t>(0, f.size);
    for (size_t i = 0; i < files.size(); ++i) {
        state.fileIndex = i;
        if (Status st = downloadFile(*listing, files[i], state, progress, cancel); !st) return st.error();
    }
    // Last, so that refs/ never names a snapshot that is still being filled.
    if (!isCommitHash(revision))
        if (Status st = cache.writeRef(revision, listing->commit); !st) return st.error();
    return cache.snapshot(listing->commit);
}

Status HubClient::downloadFile(const RepoListing& listing, const RepoFile& file, SnapshotProgress& state,
                               const ProgressFn& report, const std::atomic<bool>* cancel) {
    const RepoCache cache(m_settings.cacheDir, listing.repoId);
    const int64_t before = state.bytes;
    auto emit = [&](int64_t fileBytes, int64_t fileTotal, bool done, bool cached) {
        state.file = file.path;
        state.fileBytes = fileBytes;
        state.fileTotal = fileTotal;
        state.bytes = before + fileBytes;
        state.fileDone = done;
        state.fromCache = cached;
        if (report) report(state);
    };
    if (cache.hasFile(listing.commit, file.path, file.size)) {  // no request at all
        emit(std::max<int64_t>(0, file.size), file.size, true, true);
        return Status::success();
    }
    if (cancel && cancel->load()) return makeError("hub.cancelled", "The download was cancelled.");

    // Each file at the listing's commit, so that a push during the download cannot mix two versions.
    const RequestContext context{m_settings.endpoint, listing.repoId, listing.commit, file.path,
                                 !m_settings.token.empty()};
    auto meta = fetchFileMetadata(m_http, m_settings, context, cancel);
    if (!meta) return meta.error();
    BlobSource source;
    source.url = meta->downloadUrl;
    source.sendToken = !meta->external;
    source.etag = meta->etag;
    source.size = meta->size >= 0 ? meta->size : file.size;
    source.checkSha256 = isSha256Hex(meta->etag);
    if (file.size < 0 && source.size > 0) state.totalBytes += source.size;  // the listing did not say

    std::error_code ec;
    const fs::path blob = cache.blob(source.etag);
    const bool haveBlob =
        fs::is_regular_file(blob, ec) && (source.size < 0 || int64_t(fs::file_size(blob, ec)) == source.size);
    if (!haveBlob) {
        emit(0, source.size, false, false);
        Status st = downloadBlob(
            m_http, m_settings, cache, source, context,
            [&](int64_t bytes) { emit(bytes, source.size, false, false); }, cancel);
        if (!st) return st;
    }
    if (Status st = cache.linkFile(listing.commit, file.path, source.etag); !st) return st;
    const int64_t size = int64_t(fs::file_size(blob, ec));
    emit(ec ? std::max<int64_t>(0, source.size) : size, source.size, true, haveBlob);
    return Status::success();
}

}  // namespace ft::hub

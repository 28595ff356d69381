#include "core/hub/hub_cache.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "core/hub/hub_names.h"
#include "core/io/atomic_file.h"

namespace fs = std::filesystem;

namespace ft::hub {

Error diskError(const fs::path& path, const std::string& what, const std::string& reason) {
    return makeError("hub.disk", "Cannot " + what + " " + path.string() + ": " + reason + ".", path.string());
}

RepoCache::RepoCache(fs::path cacheDir, const std::string& repoId)
    : m_cacheDir(std::move(cacheDir)), m_folder(m_cacheDir / repoFolderName(repoId)) {}

fs::path RepoCache::lockFile(const std::string& etag) const {
    return m_cacheDir / ".locks" / m_folder.filename() / (etag + ".lock");
}

std::optional<std::string> RepoCache::commitFor(const std::string& revision) const {
    if (isCommitHash(revision)) return revision;
    std::ifstream in(m_folder / "refs" / revision);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    std::string commit = text.str();
    while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r' || commit.back() == ' '))
        commit.pop_back();
    if (!isCommitHash(commit)) return std::nullopt;
    return commit;
}

std::optional<fs::path> RepoCache::cachedSnapshot(const std::string& revision) const {
    const auto commit = commitFor(revision);
    std::error_code ec;
    if (!commit || !fs::is_directory(snapshot(*commit), ec)) return std::nullopt;
    return snapshot(*commit);
}

bool RepoCache::hasFile(const std::string& commit, const std::string& file, int64_t size) const {
    std::error_code ec;
    const fs::path path = snapshot(commit) / file;
    if (!fs::is_regular_file(path, ec)) return false;  // follows the symlink: a dangling one is no file
    return size < 0 || static_cast<int64_t>(fs::file_size(path, ec)) == size;
}

Status RepoCache::writeRef(const std::string& revision, const std::string& commit) const {
    const fs::path ref = m_folder / "refs" / revision;
    std::error_code ec;
    fs::create_directories(ref.parent_path(), ec);
    if (ec) return diskError(ref.parent_path(), "create the folder", ec.message());
    Status st = io::writeFileAtomic(ref, commit);
    if (!st) return diskError(ref, "write", st.error().message);
    return Status::success();
}

Status RepoCache::linkFile(const std::string& commit, const std::string& file,
                           const std::string& etag) const {
    const fs::path entry = snapshot(commit) / file;
    std::error_code ec;
    fs::create_directories(entry.parent_path(), ec);
    if (ec) return diskError(entry.parent_path(), "create the folder", ec.message());
    const std::string target = blobLinkTarget(file, etag);
    if (fs::is_symlink(entry, ec) && fs::read_symlink(entry, ec).string() == target) return Status::success();

    // Made beside the entry, then renamed over it: readers see the old entry or the new, never none.
    const fs::path temp =
        entry.parent_path() / ("." + entry.filename().string() + ".link." + std::to_string(::getpid()));
    fs::remove(temp, ec);
    fs::create_symlink(target, temp, ec);
    if (ec) {
        ec.clear();
        fs::copy_file(blob(etag), temp, fs::copy_options::overwrite_existing,
                      ec);  // no symlinks here (huggingface_hub copies too)
        if (ec) return diskError(entry, "create", ec.message());
    }
    fs::rename(temp, entry, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        return diskError(entry, "create", ec.message());
    }
    return Status::success();
}

}  // namespace ft::hub

#pragma once
// One repository's folder in the Hugging Face cache, laid out exactly as huggingface_hub lays it out
// (formats.md §5) so that Python tools and io::scanHfCache find what we download:
//   models--org--name/blobs/<etag>                 file contents (<etag>.incomplete while downloading)
//   models--org--name/snapshots/<commit>/<path>    relative symlinks to ../../blobs/<etag>
//   models--org--name/refs/<revision>              the commit of a branch or tag, no newline

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/common/result.h"

namespace ft::hub {

class RepoCache {
public:
    RepoCache(std::filesystem::path cacheDir, const std::string& repoId);

    const std::filesystem::path& folder() const { return m_folder; }
    std::filesystem::path blob(const std::string& etag) const { return m_folder / "blobs" / etag; }
    std::filesystem::path incompleteBlob(const std::string& etag) const {
        return m_folder / "blobs" / (etag + ".incomplete");
    }
    std::filesystem::path snapshot(const std::string& commit) const {
        return m_folder / "snapshots" / commit;
    }
    std::filesystem::path lockFile(const std::string& etag) const;

    // The commit refs/<revision> names; a 40-digit revision is its own commit.
    std::optional<std::string> commitFor(const std::string& revision) const;
    // The snapshot folder of `revision` when it is in the cache (for offline use).
    std::optional<std::filesystem::path> cachedSnapshot(const std::string& revision) const;
    // True when snapshots/<commit>/<file> resolves to a file of `size` bytes (size < 0: any).
    bool hasFile(const std::string& commit, const std::string& file, int64_t size) const;

    // Writes refs/<revision> atomically.
    Status writeRef(const std::string& revision, const std::string& commit) const;
    // snapshots/<commit>/<file> → ../../blobs/<etag>, replacing whatever was there; a copy of the blob
    // where the file system has no symlinks.
    Status linkFile(const std::string& commit, const std::string& file, const std::string& etag) const;

private:
    std::filesystem::path m_cacheDir;
    std::filesystem::path m_folder;
};

// "Cannot write/create ...": hub.disk naming the path and the system's reason.
Error diskError(const std::filesystem::path& path, const std::string& what, const std::string& reason);

}  // namespace ft::hub

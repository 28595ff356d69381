#pragma once
// Names on the Hub and in its cache, as huggingface_hub spells them (formats.md §5): repo ids, resolve
// and API URLs, ETags, cache folder names. Pure functions, no I/O.

#include <string>
#include <string_view>

#include "core/common/result.h"

namespace ft::hub {

// "org/name" or a legacy top-level "name": letters, digits, '-', '_', '.', at most 96 characters per
// part, no "--" or "..", no '-' or '.' at either end of a part (huggingface_hub's validate_repo_id).
Status validateRepoId(std::string_view repoId);

// A revision is a branch, tag, "refs/pr/N" or a commit; no "..", no control characters, not empty.
Status validateRevision(std::string_view revision);

// A repo file path we may create under snapshots/<commit>/: relative, '/'-separated, no "." or ".."
// parts, no empty parts, no backslash or control characters.
bool isSafeRepoPath(std::string_view path);

// Percent-encodes everything except unreserved characters (RFC 3986) and those in `safe`.
std::string percentEncode(std::string_view text, std::string_view safe = "");

// {endpoint}/{repo}/resolve/{revision}/{file}: the revision encoded with no safe characters
// ("refs/pr/1" → "refs%2Fpr%2F1"), the file keeping '/'.
std::string resolveUrl(std::string_view endpoint, std::string_view repoId, std::string_view revision,
                       std::string_view file);

// {endpoint}/api/models/{repo}/revision/{revision}?blobs=true: commit sha, files and their sizes.
std::string modelInfoUrl(std::string_view endpoint, std::string_view repoId, std::string_view revision);

// "models--org--name".
std::string repoFolderName(std::string_view repoId);

// Removes a leading "W/" and the quotes: W/"abc" → abc.
std::string normalizeEtag(std::string_view etag);

// An ETag we can use as a file name under blobs/: letters, digits, '-', '_', '.', not "." or "..".
bool isSafeEtag(std::string_view etag);

// 40 hexadecimal digits: a commit id rather than a branch or tag name.
bool isCommitHash(std::string_view revision);
// 64 hexadecimal digits: an LFS file's ETag, the sha256 of its content.
bool isSha256Hex(std::string_view text);

// A redirect's Location with a scheme or host ("https://cdn…", "//cdn…"): it leaves the Hub, so it is
// returned to the caller (and gets no token); relative ones are the Hub's own (renamed repositories).
bool isAbsoluteUrl(std::string_view location);
// A relative Location resolved against the URL it came from.
std::string joinUrl(std::string_view base, std::string_view relative);

// The snapshot entry's symlink target: "../../blobs/<etag>", one more "../" per folder in `file`.
std::string blobLinkTarget(std::string_view file, std::string_view etag);

}  // namespace ft::hub

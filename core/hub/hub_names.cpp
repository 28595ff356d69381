#include "core/hub/hub_names.h"

#include <cctype>

namespace ft::hub {
namespace {

bool isHex(std::string_view s, size_t length) {
    if (s.size() != length) return false;
    for (char c : s)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

bool validPart(std::string_view part) {
    if (part.empty() || part.size() > 96) return false;
    for (char c : part)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    const char first = part.front(), last = part.back();
    return first != '-' && first != '.' && last != '-' && last != '.';
}

Error badRepoId(std::string_view repoId, const std::string& why) {
    return makeError("hub.bad_repo_id",
                     "'" + std::string(repoId) + "' is not a Hugging Face repository id (" + why +
                         "); it looks like org/name, e.g. openai-community/gpt2.",
                     {}, -1, "repo_id");
}

std::string trimSlash(std::string_view endpoint) {
    while (!endpoint.empty() && endpoint.back() == '/') endpoint.remove_suffix(1);
    return std::string(endpoint);
}

}  // namespace

Status validateRepoId(std::string_view repoId) {
    if (repoId.empty()) return badRepoId(repoId, "it is empty");
    const size_t slash = repoId.find('/');
    if (slash != std::string_view::npos && repoId.find('/', slash + 1) != std::string_view::npos)
        return badRepoId(repoId, "more than one '/'");
    if (repoId.find("--") != std::string_view::npos || repoId.find("..") != std::string_view::npos)
        return badRepoId(repoId, "'--' and '..' are not allowed");
    if (slash != std::string_view::npos && !validPart(repoId.substr(0, slash)))
        return badRepoId(repoId, "the organisation may hold letters, digits, '-', '_' and '.'");
    const std::string_view name = slash == std::string_view::npos ? repoId : repoId.substr(slash + 1);
    if (!validPart(name)) return badRepoId(repoId, "the name may hold letters, digits, '-', '_' and '.'");
    return Status::success();
}

Status validateRevision(std::string_view revision) {
    bool ok = !revision.empty() && revision.size() <= 255 && revision.find("..") == std::string_view::npos &&
              revision.front() != '/' && revision.back() != '/';
    for (char c : revision) ok = ok && static_cast<unsigned char>(c) > 0x20 && c != '\\' && c != 0x7f;
    if (ok) return Status::success();
    return makeError("hub.bad_revision",
                     "'" + std::string(revision) + "' is not a branch, tag or commit name.", {}, -1,
                     "revision");
}

bool isSafeRepoPath(std::string_view path) {
    if (path.empty() || path.front() == '/') return false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = end + 1;
    }
    for (char c : path)
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f) return false;
    return true;
}

std::string percentEncode(std::string_view text, std::string_view safe) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
            safe.find(ch) != std::string_view::npos) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

std::string resolveUrl(std::string_view endpoint, std::string_view repoId, std::string_view revision,
                       std::string_view file) {
    return trimSlash(endpoint) + "/" + std::string(repoId) + "/resolve/" + percentEncode(revision) + "/" +
           percentEncode(file, "/");
}

std::string modelInfoUrl(std::string_view endpoint, std::string_view repoId, std::string_view revision) {
    return trimSlash(endpoint) + "/api/models/" + std::string(repoId) + "/revision/" +
           percentEncode(revision) + "?blobs=true";
}

std::string repoFolderName(std::string_view repoId) {
    std::string out = "models--";
    for (char c : repoId) {
        if (c == '/')
            out += "--";
        else
            out += c;
    }
    return out;
}

std::string normalizeEtag(std::string_view etag) {
    if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
    while (!etag.empty() && (etag.front() == '"' || etag.front() == ' ')) etag.remove_prefix(1);
    while (!etag.empty() && (etag.back() == '"' || etag.back() == ' ')) etag.remove_suffix(1);
    return std::string(etag);
}

bool isSafeEtag(std::string_view etag) {
    if (etag.empty() || etag.size() > 128 || etag == "." || etag == "..") return false;
    for (char c : etag)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

bool isCommitHash(std::string_view revision) {
    return isHex(revision, 40);
}
bool isSha256Hex(std::string_view text) {
    return isHex(text, 64);
}

bool isAbsoluteUrl(std::string_view location) {
    if (location.substr(0, 2) == "//") return true;
    const size_t colon = location.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (size_t i = 0; i < colon; ++i) {
        const char c = location[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
    }
    return location.find('/') == std::string_view::npos || location.find('/') > colon;
}

std::string joinUrl(std::string_view base, std::string_view relative) {
    const size_t scheme = base.find("://");
    const size_t pathStart = scheme == std::string_view::npos ? 0 : base.find('/', scheme + 3);
    const std::string_view origin = pathStart == std::string_view::npos ? base : base.substr(0, pathStart);
    if (!relative.empty() && relative.front() == '/') return std::string(origin) + std::string(relative);
    std::string_view path = base.substr(0, base.find_first_of("?#"));
    const size_t lastSlash = path.rfind('/');
    if (pathStart == std::string_view::npos || lastSlash == std::string_view::npos || lastSlash < pathStart)
        return std::string(origin) + "/" + std::string(relative);
    return std::string(path.substr(0, lastSlash + 1)) + std::string(relative);
}

std::string blobLinkTarget(std::string_view file, std::string_view etag) {
    std::string target = "../../";
    for (char c : file)
        if (c == '/') target += "../";
    return target + "blobs/" + std::string(etag);
}

}  // namespace ft::hub

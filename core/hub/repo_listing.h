#pragma once
// A repository's files at one commit, from GET /api/models/{repo}/revision/{revision}?blobs=true.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/hub/hub_errors.h"

namespace ft::hub {

struct RepoFile {
    std::string path;       // "rfilename"
    int64_t size = -1;      // bytes; -1 when the Hub did not say
    std::string lfsSha256;  // LFS files: the sha256 of the content (their ETag)
};

struct RepoListing {
    std::string repoId;
    std::string revision;  // as asked: "main", a tag, a commit
    std::string commit;    // the 40-digit commit it resolved to ("sha")
    std::vector<RepoFile> files;
};

// Parses the model-info JSON; hub.bad_response naming the repository when it is not what the Hub sends.
Result<RepoListing> parseModelInfo(const std::string& json, const RequestContext& context);

}  // namespace ft::hub

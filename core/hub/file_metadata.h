#pragma once
// What HEAD on a file's resolve URL says (huggingface_hub's get_hf_file_metadata): the commit, the
// ETag that names the blob, the size, and where to download it from.

#include <atomic>
#include <cstdint>
#include <string>

#include "core/common/result.h"
#include "core/hub/http.h"
#include "core/hub/hub_errors.h"
#include "core/hub/hub_settings.h"

namespace ft::hub {

struct FileMetadata {
    std::string commit;       // X-Repo-Commit
    std::string etag;         // X-Linked-Etag, else ETag, normalised
    int64_t size = -1;        // X-Linked-Size, else Content-Length of an answer that was not a redirect
    std::string downloadUrl;  // the resolve URL after relative redirects, or the absolute Location (CDN)
    bool external = false;    // downloadUrl came from an absolute redirect: send no token there
};

// HEAD without following redirects automatically: relative ones are followed here, an absolute one
// ends the walk. Errors as checkResponse words them, hub.bad_response when no usable ETag comes back.
Result<FileMetadata> fetchFileMetadata(HttpSession& http, const HubSettings& settings,
                                       const RequestContext& context, const std::atomic<bool>* cancel);

}  // namespace ft::hub

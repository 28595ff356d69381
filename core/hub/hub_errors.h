#pragma once
// Hub answers as errors that name the repository and file and say what to do (formats.md §5: the
// X-Error-Code header; huggingface_hub's hf_raise_for_status).

#include <string>

#include "core/common/result.h"
#include "core/hub/http.h"

namespace ft::hub {

struct RequestContext {
    std::string endpoint;
    std::string repoId;
    std::string revision;
    std::string file;  // empty for the repository listing
    bool haveToken = false;
};

// Success for 2xx and 3xx. Otherwise hub.gated, hub.not_found (repository missing or private),
// hub.entry_not_found, hub.revision_not_found, hub.unauthorized, hub.rate_limited or hub.http.
Status checkResponse(const HttpResponse& response, const RequestContext& context);

}  // namespace ft::hub

#include "core/hub/file_metadata.h"

#include <cstdlib>

#include "core/hub/hub_names.h"

namespace ft::hub {
namespace {

int64_t parseSize(const std::string& text) {
    if (text.empty()) return -1;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    return end == text.c_str() + text.size() && v >= 0 ? v : -1;
}

}  // namespace

Result<FileMetadata> fetchFileMetadata(HttpSession& http, const HubSettings& settings,
                                       const RequestContext& context, const std::atomic<bool>* cancel) {
    HttpRequest request;
    request.method = "HEAD";
    request.url = resolveUrl(settings.endpoint, context.repoId, context.revision, context.file);
    request.headers = requestHeaders(settings, true);
    request.connectTimeoutS = request.stallTimeoutS = settings.metadataTimeoutS;
    for (int hop = 0;; ++hop) {
        auto response = http.perform(request, nullptr, cancel);
        if (!response) return response.error();
        if (Status st = checkResponse(*response, context); !st) return st.error();
        const std::string location = response->header("location");
        const bool redirect = response->status >= 300 && response->status < 400 && !location.empty();
        if (redirect && !isAbsoluteUrl(location)) {
            if (hop >= 10)
                return makeError("hub.bad_response",
                                 "Too many redirects for " + context.repoId + "/" + context.file + ".", {},
                                 -1, context.repoId + "/" + context.file);
            request.url = joinUrl(request.url, location);
            continue;
        }
        FileMetadata meta;
        meta.commit = response->header("x-repo-commit");
        meta.etag = normalizeEtag(response->header("x-linked-etag"));
        if (meta.etag.empty()) meta.etag = normalizeEtag(response->header("etag"));
        meta.size = parseSize(response->header("x-linked-size"));
        if (meta.size < 0 && !redirect) meta.size = parseSize(response->header("content-length"));
        meta.downloadUrl = redirect ? location : request.url;
        if (redirect && location.substr(0, 2) == "//")
            meta.downloadUrl = request.url.substr(0, request.url.find("//")) + location;  // scheme-relative
        meta.external = redirect;
        if (!isSafeEtag(meta.etag))
            return makeError("hub.bad_response",
                             "The Hub sent no usable ETag for " + context.repoId + "/" + context.file +
                                 (meta.etag.empty() ? "" : " ('" + meta.etag + "')") + ".",
                             {}, -1, context.repoId + "/" + context.file);
        return meta;
    }
}

}  // namespace ft::hub

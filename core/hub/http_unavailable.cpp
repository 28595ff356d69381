// Builds without libcurl (the GPU machines): the Hub client still resolves cached snapshots offline,
// but every request fails with one clear sentence.
#include "core/hub/http.h"

namespace ft::hub {

struct HttpSession::Impl {};

HttpSession::HttpSession() = default;
HttpSession::~HttpSession() = default;

Result<HttpResponse> HttpSession::perform(const HttpRequest&, const BodySink*, const std::atomic<bool>*) {
    return makeError(
        "hub.unavailable",
        "This build of Finetune Studio cannot download from the Hugging Face Hub: it was built without "
        "libcurl (install libcurl4-openssl-dev and build again).");
}

bool httpAvailable() {
    return false;
}

}  // namespace ft::hub

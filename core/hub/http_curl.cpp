// HttpSession over libcurl's easy interface: one handle per session, so consecutive requests to the
// same host reuse the connection.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "core/hub/http.h"

namespace ft::hub {
namespace {

constexpr size_t kMaxBodyBytes = size_t(64) << 20;  // JSON listings and error pages; files go to a sink

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

struct Transfer {
    CURL* curl = nullptr;
    const BodySink* sink = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    HttpResponse response;
    bool started = false;  // the sink has seen the head
    bool toSink = false;
    bool sinkAborted = false;
    bool bodyTooLarge = false;

    bool beginBody() {
        started = true;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        toSink = sink && response.status >= 200 && response.status < 300;
        if (toSink && sink->start && !sink->start(response)) return sinkAborted = true, false;
        return true;
    }
};

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        t->response.headers.clear();  // a new response (after 100 Continue): only its headers count
    } else if (const size_t colon = line.find(':'); colon != std::string::npos) {
        t->response.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    }
    return size * count;
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    if (!t->started && !t->beginBody()) return 0;
    if (t->toSink) {
        if (!t->sink->write(data, bytes)) return t->sinkAborted = true, 0;
        return bytes;
    }
    if (t->response.body.size() + bytes > kMaxBodyBytes) return t->bodyTooLarge = true, 0;
    t->response.body.append(data, bytes);
    return bytes;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    return t->cancel && t->cancel->load() ? 1 : 0;
}

}  // namespace

struct HttpSession::Impl {
    CURL* curl = nullptr;
};

HttpSession::HttpSession() : m_impl(std::make_unique<Impl>()) {
    globalInit();
    m_impl->curl = curl_easy_init();
}

HttpSession::~HttpSession() {
    if (m_impl->curl) curl_easy_cleanup(m_impl->curl);
}

bool httpAvailable() {
    return true;
}

Result<HttpResponse> HttpSession::perform(const HttpRequest& request, const BodySink* sink,
                                          const std::atomic<bool>* cancel) {
    CURL* curl = m_impl->curl;
    if (!curl) return makeError("hub.network", "Cannot start an HTTP client (libcurl failed to initialise).");
    if (cancel && cancel->load()) return makeError("hub.cancelled", "The download was cancelled.");
    curl_easy_reset(curl);  // keeps the connection cache

    Transfer t;
    t.curl = curl;
    t.sink = sink;
    t.cancel = cancel;
    char errorText[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    for (const std::string& h : request.headers) headers = curl_slist_append(headers, h.c_str());

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS, long(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    if (request.method == "HEAD")
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "finetune-studio/0.1 (huggingface_hub-compatible)");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, request.connectTimeoutS);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, request.stallTimeoutS);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);

    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (code == CURLE_OK && !t.started && !t.beginBody())  // an empty body still starts the sink
        return makeError("hub.aborted", "The download was stopped.", {}, -1, request.url);
    if (code == CURLE_OK) return std::move(t.response);
    if (code == CURLE_ABORTED_BY_CALLBACK || (cancel && cancel->load()))
        return makeError("hub.cancelled", "The download was cancelled.", {}, -1, request.url);
    if (t.sinkAborted) return makeError("hub.aborted", "The download was stopped.", {}, -1, request.url);
    if (t.bodyTooLarge)
        return makeError("hub.bad_response", "The answer from " + request.url + " is larger than 64 MiB.", {},
                         -1, request.url);
    const std::string why = errorText[0] ? errorText : curl_easy_strerror(code);
    return makeError("hub.network", "No complete answer from " + request.url + ": " + why + ".", {}, -1,
                     request.url);
}

}  // namespace ft::hub

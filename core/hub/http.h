#pragma once
// The little HTTP the Hub needs: HEAD and GET, one request at a time, redirects handed back to the
// caller (never followed here), a body either kept in memory or streamed to a sink, cancel and stall
// timeouts. Implemented over libcurl (http_curl.cpp), or refusing every request in builds without it
// (http_unavailable.cpp).

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::hub {

struct HttpRequest {
    std::string method = "GET";  // "GET" or "HEAD"
    std::string url;
    std::vector<std::string> headers;  // "Name: value"
    long connectTimeoutS = 10;
    long stallTimeoutS = 10;  // give up when no byte arrives for this long
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;                            // when no sink took it (JSON, error pages)

    std::string header(const std::string& lowerCaseName) const {
        auto it = headers.find(lowerCaseName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Takes the body of a 2xx response. `start` sees the status and headers before the first byte;
// either callback returning false aborts the transfer (the caller keeps its own reason).
struct BodySink {
    std::function<bool(const HttpResponse& head)> start;
    std::function<bool(const char* data, size_t size)> write;
};

class HttpSession {
public:
    HttpSession();
    ~HttpSession();
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    // Any HTTP status is a successful result; errors are hub.network (no answer, dropped connection,
    // timeout), hub.cancelled (*cancel became true), hub.aborted (the sink said stop) and hub.unavailable.
    Result<HttpResponse> perform(const HttpRequest& request, const BodySink* sink = nullptr,
                                 const std::atomic<bool>* cancel = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// False in builds without libcurl.
bool httpAvailable();

}  // namespace ft::hub

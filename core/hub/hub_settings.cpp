#include "core/hub/hub_settings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/io/hf_folder.h"

namespace ft::hub {
namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::string trimmed(std::string s) {
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
    s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
    return s;
}

std::filesystem::path expandUser(const std::string& p) {
    if (p == "~" || p.rfind("~/", 0) == 0)
        return std::filesystem::path(env("HOME")) / p.substr(std::min<size_t>(2, p.size()));
    return p;
}

std::filesystem::path hfHome() {
    if (std::string v = env("HF_HOME"); !v.empty()) return expandUser(v);
    if (std::string v = env("XDG_CACHE_HOME"); !v.empty()) return std::filesystem::path(v) / "huggingface";
    return std::filesystem::path(env("HOME")) / ".cache" / "huggingface";
}

long secondsOr(const char* name, long fallback) {
    const std::string v = env(name);
    char* end = nullptr;
    const double s = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || !(s > 0)) return fallback;
    return std::max(1L, static_cast<long>(s + 0.5));
}

}  // namespace

bool isTrueValue(const std::string& value) {
    std::string v = trimmed(value);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return v == "1" || v == "ON" || v == "YES" || v == "TRUE";
}

std::string tokenFromEnvironment() {
    if (std::string t = trimmed(env("HF_TOKEN")); !t.empty()) return t;
    if (std::string t = trimmed(env("HUGGING_FACE_HUB_TOKEN")); !t.empty()) return t;
    std::filesystem::path file = expandUser(env("HF_TOKEN_PATH"));
    if (file.empty()) file = hfHome() / "token";
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return trimmed(text.str());
}

std::vector<std::string> requestHeaders(const HubSettings& settings, bool sendToken) {
    std::vector<std::string> headers{"Accept-Encoding: identity"};
    if (sendToken && !settings.token.empty()) headers.push_back("Authorization: Bearer " + settings.token);
    return headers;
}

HubSettings HubSettings::fromEnvironment() {
    HubSettings s;
    if (std::string e = trimmed(env("HF_ENDPOINT")); !e.empty()) s.endpoint = e;
    while (!s.endpoint.empty() && s.endpoint.back() == '/') s.endpoint.pop_back();
    s.token = tokenFromEnvironment();
    s.offline = isTrueValue(env("HF_HUB_OFFLINE")) || isTrueValue(env("TRANSFORMERS_OFFLINE"));
    s.cacheDir = io::hfHubCacheDir();
    s.metadataTimeoutS = secondsOr("HF_HUB_ETAG_TIMEOUT", s.metadataTimeoutS);
    s.downloadTimeoutS = secondsOr("HF_HUB_DOWNLOAD_TIMEOUT", s.downloadTimeoutS);
    return s;
}

}  // namespace ft::hub

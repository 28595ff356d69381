#pragma once
// Where the Hub is, who we are and where the cache lives: the environment variables huggingface_hub
// reads (formats.md §5), gathered once so that the rest of core/hub takes plain values.

#include <filesystem>
#include <string>
#include <vector>

namespace ft::hub {

struct HubSettings {
    std::string endpoint = "https://huggingface.co";  // HF_ENDPOINT, trailing '/' removed
    std::string token;               // HF_TOKEN, HUGGING_FACE_HUB_TOKEN, $HF_TOKEN_PATH, $HF_HOME/token
    bool offline = false;            // HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE
    std::filesystem::path cacheDir;  // the hub cache: HF_HUB_CACHE, HF_HOME/hub, ...
    long metadataTimeoutS = 10;      // HF_HUB_ETAG_TIMEOUT
    long downloadTimeoutS = 10;      // HF_HUB_DOWNLOAD_TIMEOUT (a stalled read)
    int downloadRetries = 5;         // dropped connections resumed per file

    static HubSettings fromEnvironment();
};

// Headers of every Hub request: identity encoding (sizes and Range offsets are of the raw bytes), and
// the token when `sendToken` (never to a host an absolute redirect named).
std::vector<std::string> requestHeaders(const HubSettings& settings, bool sendToken);

// "1", "ON", "YES", "TRUE" in any case (huggingface_hub's ENV_VARS_TRUE_VALUES).
bool isTrueValue(const std::string& value);

// The token in the order huggingface_hub's get_token looks; empty when there is none.
std::string tokenFromEnvironment();

}  // namespace ft::hub

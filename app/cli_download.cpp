// finetune download — a model from the Hugging Face Hub into the shared cache (the Model step and
// Python tools find it there); prints the snapshot folder. Ctrl-C stops and keeps the partial file,
// which the next run resumes.

#include "app/cli_download.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api/hub_catalog.h"
#include "core/api/hub_download.h"

namespace ft::cli {

namespace {

const char* kDownloadUsage =
    "usage: finetune download ORG/NAME [--revision R] [--include GLOB]... [--cache-dir DIR] [--json]\n"
    "       finetune download --catalog [--json]     well-known models this app trains, with their sizes\n"
    "  Downloads config.json, generation_config.json, *.safetensors (+ index), the tokenizer files,\n"
    "  chat_template.jinja and README.md (never *.bin, *.pt, *.pth, *.h5, *.msgpack, *.onnx) into the\n"
    "  Hugging Face cache (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub) and prints the\n"
    "  snapshot folder. --include replaces that selection ('*' matches '/' too; repeat for more).\n"
    "  Gated or private models need an access token: HF_TOKEN, or the token file of `hf auth login`.\n"
    "  HF_ENDPOINT and HF_HUB_OFFLINE work as in huggingface_hub. Ctrl-C stops; running it again resumes.\n"
    "  --json prints one JSON object per line (progress, file, done or error).\n";

std::atomic<bool> g_cancel{false};
void onInterrupt(int) {
    g_cancel = true;
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "finetune download: %s\n%s", message.c_str(), kDownloadUsage);
    return 2;
}

std::string humanBytes(int64_t bytes) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes < 0 ? 0 : bytes);
    int u = 0;
    while (v >= 1000 && u < 4) v /= 1000, ++u;
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

void printJson(const nlohmann::json& j) {
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    std::fflush(stdout);
}

// Progress on stderr: a line per finished file, and a rewritten status line on a terminal.
class Reporter {
public:
    Reporter(std::string repoId, bool json)
        : m_repoId(std::move(repoId)), m_json(json), m_tty(::isatty(2) != 0) {}

    void operator()(const api::HubProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (!m_started) {
            m_started = true;
            if (!m_json)
                std::fprintf(stderr, "%s: %d file(s), %s\n", m_repoId.c_str(), p.fileCount,
                             humanBytes(p.totalBytes).c_str());
        }
        if (p.fileDone) {
            if (m_json) {
                printJson({{"event", "file"},
                           {"file", p.file},
                           {"index", p.fileIndex},
                           {"count", p.fileCount},
                           {"file_bytes", p.fileBytes},
                           {"cached", p.fromCache},
                           {"bytes", p.bytes},
                           {"total_bytes", p.totalBytes}});
            } else {
                clearLine();
                std::fprintf(stderr, "  [%d/%d] %s  %s%s\n", p.fileIndex + 1, p.fileCount, p.file.c_str(),
                             humanBytes(p.fileBytes).c_str(), p.fromCache ? "  (in the cache)" : "");
            }
            return;
        }
        if (now - m_last < std::chrono::milliseconds(200)) return;
        m_last = now;
        if (m_json) {
            printJson({{"event", "progress"},
                       {"file", p.file},
                       {"index", p.fileIndex},
                       {"count", p.fileCount},
                       {"file_bytes", p.fileBytes},
                       {"file_total", p.fileTotal},
                       {"bytes", p.bytes},
                       {"total_bytes", p.totalBytes}});
        } else if (m_tty) {
            const int percent =
                p.totalBytes > 0 ? static_cast<int>(100.0 * double(p.bytes) / double(p.totalBytes)) : 0;
            std::fprintf(stderr, "\r  %3d%%  %s / %s  %s\033[K", percent, humanBytes(p.bytes).c_str(),
                         humanBytes(p.totalBytes).c_str(), p.file.c_str());
            m_lineOpen = true;
        }
    }

    void clearLine() {
        if (m_lineOpen) std::fprintf(stderr, "\r\033[K");
        m_lineOpen = false;
    }

private:
    std::string m_repoId;
    bool m_json, m_tty;
    bool m_started = false, m_lineOpen = false;
    std::chrono::steady_clock::time_point m_last{};
};

}  // namespace

int printCatalog(bool json) {
    for (const auto& m : api::wellKnownModels()) {
        if (json) {
            printJson({{"repo_id", m.repoId}, {"name", m.name}, {"model_type", m.architecture}, {"parameters", m.parameters},
                       {"download_bytes", m.downloadBytes}, {"good_for", m.goodFor}});
            continue;
        }
        std::printf("%-36s %-26s %-10s %6.0fM params  %8s  %s\n", m.repoId.c_str(), m.name.c_str(), m.architecture.c_str(),
                    double(m.parameters) / 1e6, humanBytes(m.downloadBytes).c_str(), m.goodFor.c_str());
    }
    return 0;
}

int cmdDownload(int argc, char** argv) {
    std::string repoId, revision = "main";
    api::HubDownloadOptions options;
    bool json = false, catalog = false;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const bool valued = a == "--revision" || a == "--include" || a == "--cache-dir";
        if (valued && i + 1 >= argc) return usageError("option " + a + " needs a value");
        const std::string v = valued ? argv[++i] : std::string();
        if (a == "--revision")
            revision = v;
        else if (a == "--include")
            options.include.push_back(v);
        else if (a == "--cache-dir")
            options.cacheDir = v;
        else if (a == "--json")
            json = true;
        else if (a == "--catalog")
            catalog = true;
        else if (a == "--help" || a == "-h")
            return std::fputs(kDownloadUsage, stdout), 0;
        else if (a.rfind("--", 0) != 0 && repoId.empty())
            repoId = a;
        else
            return usageError("unexpected argument '" + a + "'");
    }
    if (catalog) return repoId.empty() ? printCatalog(json) : usageError("--catalog takes no repository");
    if (repoId.empty()) return std::fputs(kDownloadUsage, stderr), 2;
    if (Status st = api::validateHubRepoId(repoId); !st) return usageError(st.error().message);

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    Reporter reporter(repoId, json);
    auto snapshot = api::downloadModel(repoId, revision, options, std::ref(reporter), &g_cancel);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    reporter.clearLine();
    if (!snapshot) {
        const Error& e = snapshot.error();
        const bool cancelled = e.code == "hub.cancelled";
        if (json)
            printJson({{"event", "error"}, {"code", e.code}, {"message", e.message}, {"file", e.field}});
        else if (cancelled)
            std::fprintf(stderr, "Cancelled. The partial file is kept: run the same command to resume.\n");
        else
            std::fprintf(stderr, "error: %s\n", e.describe().c_str());
        return cancelled ? 130 : 1;
    }
    if (json)
        printJson({{"event", "done"}, {"repo", repoId}, {"revision", revision}, {"snapshot", *snapshot}});
    else
        std::printf("%s\n", snapshot->c_str());
    return 0;
}

}  // namespace ft::cli

#include "core/train/token_cache.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"

namespace ft::train {
namespace fs = std::filesystem;

namespace {

// Bump when PreparedData or this layout changes: older files then read as misses.
// 004: seq2seq target ids; 005: a folder with tokenizer.json and spiece.model (T5, ALBERT, XLM-R) now
// tokenizes through tokenizer.json's Precompiled normalizer, so caches made by spiece.model are stale.
constexpr char kMagic[8] = {'F', 'T', 'T', 'O', 'K', '0', '0', '5'};

uint64_t mix(uint64_t x) {  // splitmix64's finaliser
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Two independent 64-bit lanes over 8-byte words: fast on large files, 128 bits against accidental
// collisions (this is not a defence against crafted ones, and need not be).
class Hasher {
public:
    void bytes(const char* p, size_t n) {
        m_length += n;
        if (!m_tail.empty()) {
            const size_t take = std::min(n, 8 - m_tail.size());
            m_tail.append(p, take);
            p += take, n -= take;
            if (m_tail.size() < 8) return;
            word(load(m_tail.data()));
            m_tail.clear();
        }
        for (; n >= 8; p += 8, n -= 8) word(load(p));
        m_tail.assign(p, n);
    }
    void text(const std::string& s) {
        const uint64_t n = s.size();
        bytes(reinterpret_cast<const char*>(&n), sizeof n);  // a length prefix keeps "ab"+"c" apart from "a"+"bc"
        bytes(s.data(), s.size());
    }
    std::string hex() {
        char last[8] = {};
        std::memcpy(last, m_tail.data(), m_tail.size());
        word(load(last));
        const uint64_t hi = mix(m_a ^ m_length), lo = mix(m_b + rotl(m_length, 17));
        char out[33];
        std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(hi), static_cast<unsigned long long>(lo));
        return out;
    }

private:
    static uint64_t load(const char* p) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    }
    void word(uint64_t w) {
        m_a = rotl((m_a ^ w) * 0x100000001B3ULL, 29) + 0x9E3779B97F4A7C15ULL;
        m_b = rotl(m_b + w * 0x9E3779B97F4A7C15ULL, 31) * 0xBF58476D1CE4E5B9ULL;
    }
    uint64_t m_a = 0x243F6A8885A308D3ULL, m_b = 0x13198A2E03707344ULL, m_length = 0;
    std::string m_tail;
};

Status hashFile(Hasher& h, const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("data.read_failed", "cannot read this file to key the tokenized-data cache", file.string());
    h.text(file.filename().string());
    std::string chunk(1 << 20, '\0');
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        h.bytes(chunk.data(), static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return makeError("data.read_failed", "reading this file failed", file.string());
    return Status::success();
}

// The model folder's small files (tokenizer, its config, chat template, model config); weights are
// left out: they do not change the tokens and can be gigabytes.
bool isWeightFile(const fs::path& file) {
    const std::string ext = file.extension().string();
    for (const char* weights : {".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx", ".gguf"})
        if (ext == weights) return true;
    return false;
}

// Little-endian fields back to back; ids as uint32 (vocabularies stay below 2^32).
class Writer {
public:
    void u64(uint64_t v) { m_out.append(reinterpret_cast<const char*>(&v), 8); }
    void str(const std::string& s) {
        u64(s.size());
        m_out += s;
    }
    void strings(const std::vector<std::string>& v) {
        u64(v.size());
        for (const auto& s : v) str(s);
    }
    void examples(const std::vector<Example>& v) {
        u64(v.size());
        for (const Example& ex : v) {
            u64(ex.ids.size());
            for (int64_t id : ex.ids) {
                const auto u = static_cast<uint32_t>(id);
                m_out.append(reinterpret_cast<const char*>(&u), 4);
            }
            u64(static_cast<uint64_t>(ex.label));
            u64(static_cast<uint64_t>(ex.row));
            u64(ex.trainMask.size());
            m_out.append(reinterpret_cast<const char*>(ex.trainMask.data()), ex.trainMask.size());
            u64(ex.targetIds.size());
            m_out.append(reinterpret_cast<const char*>(ex.targetIds.data()), 4 * ex.targetIds.size());
        }
    }
    std::string& bytes() { return m_out; }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(const std::string& in) : m_p(in.data()), m_end(in.data() + in.size()) {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_p == m_end; }
    bool raw(void* out, size_t n) {
        if (!m_ok || static_cast<size_t>(m_end - m_p) < n) return m_ok = false;
        std::memcpy(out, m_p, n);
        m_p += n;
        return true;
    }
    uint64_t u64() {
        uint64_t v = 0;
        raw(&v, 8);
        return v;
    }
    // A count that the remaining bytes could hold at `minBytes` each (guards against damaged sizes).
    size_t count(size_t minBytes) {
        const uint64_t n = u64();
        if (!m_ok || n > static_cast<uint64_t>(m_end - m_p) / std::max<size_t>(1, minBytes)) return m_ok = false, 0;
        return static_cast<size_t>(n);
    }
    std::string str() {
        const size_t n = count(1);
        std::string s(n, '\0');
        if (n) raw(s.data(), n);
        return s;
    }
    std::vector<std::string> strings() {
        std::vector<std::string> v(count(8));
        for (auto& s : v) s = str();
        return v;
    }
    std::vector<Example> examples() {
        std::vector<Example> v(count(32));
        for (Example& ex : v) {
            ex.ids.resize(count(4));
            for (auto& id : ex.ids) {
                uint32_t u = 0;
                raw(&u, 4);
                id = u;
            }
            ex.label = static_cast<int64_t>(u64());
            ex.row = static_cast<int64_t>(u64());
            ex.trainMask.resize(count(1));
            if (!ex.trainMask.empty()) raw(ex.trainMask.data(), ex.trainMask.size());
            ex.targetIds.resize(count(4));
            if (!ex.targetIds.empty()) raw(ex.targetIds.data(), 4 * ex.targetIds.size());
        }
        return v;
    }

private:
    const char* m_p;
    const char* m_end;
    bool m_ok = true;
};

}  // namespace

Result<std::string> tokenCacheKey(const api::JobConfig& job) {
    Hasher h;
    h.text(std::string(kMagic, sizeof kMagic));
    // The settings: the whole data section, the task and the seed.
    const auto settings = nlohmann::json::parse(api::jobConfigToJson(job));
    h.text(settings["data"].dump());
    h.text(settings["task"].dump());
    h.text(settings["training"]["seed"].dump());
    for (const std::string& file : {job.data.train, job.data.validation}) {
        if (file.empty()) continue;
        if (Status st = hashFile(h, file); !st) return st.error();
    }
    std::error_code ec;
    std::vector<fs::path> modelFiles;
    for (const auto& entry : fs::directory_iterator(job.model.path, ec))
        if (entry.is_regular_file(ec) && !isWeightFile(entry.path())) modelFiles.push_back(entry.path());
    if (ec) return makeError("data.read_failed", "cannot list the model folder: " + ec.message(), job.model.path);
    std::sort(modelFiles.begin(), modelFiles.end());
    for (const auto& file : modelFiles)
        if (Status st = hashFile(h, file); !st) return st.error();
    return h.hex();
}

fs::path tokenCacheDir(const api::JobConfig& job) {
    if (!job.data.tokenCacheDir.empty()) return job.data.tokenCacheDir;
    // Beside the run folders: the folder holding output.run_dir, else output.runs_dir.
    if (!job.output.runDir.empty()) return fs::path(job.output.runDir).lexically_normal().parent_path() / ".token-cache";
    return fs::path(job.output.runsDir) / ".token-cache";
}

Status writeTokenCache(const fs::path& file, const PreparedData& data) {
    Writer w;
    w.bytes().append(kMagic, sizeof kMagic);
    w.strings(data.labels);
    w.examples(data.train);
    w.examples(data.validation);
    w.u64(data.validationGroups.size());
    for (const auto& groups : data.validationGroups) w.strings(groups);
    w.strings(data.validationTexts);
    w.strings(data.validationPairTexts);
    w.u64(data.validationLines.size());
    for (int64_t line : data.validationLines) w.u64(static_cast<uint64_t>(line));
    w.u64(static_cast<uint64_t>(data.truncated));
    w.u64(static_cast<uint64_t>(data.skippedMissingLabel));
    w.strings(data.trainTexts);
    w.strings(data.trainPairTexts);
    w.strings(data.fewShotShortClasses);
    w.u64(static_cast<uint64_t>(data.skippedBadRows));
    w.strings(data.skippedBadRowExamples);
    w.strings(data.cleaningNotes);
    w.u64(static_cast<uint64_t>(data.testRowsHeldOut));
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return makeError("data.cache_write_failed", "cannot create the token cache folder: " + ec.message(), file.parent_path().string());
    return io::writeFileAtomic(file, w.bytes());
}

std::optional<PreparedData> readTokenCache(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Reader r(bytes);
    char magic[sizeof kMagic];
    if (!r.raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return std::nullopt;
    PreparedData data;
    data.labels = r.strings();
    data.train = r.examples();
    data.validation = r.examples();
    data.validationGroups.resize(r.count(8));
    for (auto& groups : data.validationGroups) groups = r.strings();
    data.validationTexts = r.strings();
    data.validationPairTexts = r.strings();
    data.validationLines.resize(r.count(8));
    for (auto& line : data.validationLines) line = static_cast<int64_t>(r.u64());
    data.truncated = static_cast<int64_t>(r.u64());
    data.skippedMissingLabel = static_cast<int64_t>(r.u64());
    data.trainTexts = r.strings();
    data.trainPairTexts = r.strings();
    data.fewShotShortClasses = r.strings();
    data.skippedBadRows = static_cast<int64_t>(r.u64());
    data.skippedBadRowExamples = r.strings();
    data.cleaningNotes = r.strings();
    data.testRowsHeldOut = static_cast<int64_t>(r.u64());
    if (!r.ok() || !r.atEnd()) return std::nullopt;
    return data;
}

Result<CachedPreparation> prepareDataCached(const api::JobConfig& job, const tok::Tokenizer& tokenizer) {
    CachedPreparation out;
    // Without a key (an unreadable file) prepareData runs and words the error itself.
    auto key = job.data.tokenCache ? tokenCacheKey(job) : Result<std::string>(std::string());
    if (key && !key->empty()) {
        out.file = tokenCacheDir(job) / (*key + ".ftok");
        if (auto cached = readTokenCache(out.file)) {
            out.data = std::move(*cached);
            out.hit = true;
            return out;
        }
    }
    auto prepared = prepareData(job, tokenizer);
    if (!prepared) return prepared.error();
    out.data = std::move(*prepared);
    if (!out.file.empty())
        if (Status st = writeTokenCache(out.file, out.data); !st) out.writeWarning = "the tokenized data could not be cached: " + st.error().describe();
    return out;
}

}  // namespace ft::train

// Finding, loading and calling libft_spm_shim (see spm_bridge.h for why it is dlmopen'ed).
#include "core/tokenize/spm_bridge.h"

#include "core/tokenize/spm_shim/spm_shim_api.h"

#include <dlfcn.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <type_traits>

namespace ft::tok {

namespace fs = std::filesystem;

struct SpmShim {
    decltype(&ft_spm_abi) abi = nullptr;
    decltype(&ft_spm_open) open = nullptr;
    decltype(&ft_spm_close) close = nullptr;
    decltype(&ft_spm_encode) encode = nullptr;
    decltype(&ft_spm_decode) decode = nullptr;
    decltype(&ft_spm_piece_to_id) pieceToId = nullptr;
    decltype(&ft_spm_id_to_piece) idToPiece = nullptr;
    decltype(&ft_spm_vocab_size) vocabSize = nullptr;
    decltype(&ft_spm_special_id) specialId = nullptr;
    decltype(&ft_spm_piece_kind) pieceKind = nullptr;
    decltype(&ft_spm_train) train = nullptr;
};

namespace {

constexpr const char* kShimFile = "libft_spm_shim.so";
constexpr int kErrCap = 2048;

// Resolves every entry point of `handle`; false names the first missing one in `why`.
bool resolve(void* handle, SpmShim& s, std::string& why) {
    auto get = [&](auto& fn, const char* name) {
        if (fn) return true;
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
        if (!fn) why = std::string("symbol ") + name + " is missing";
        return fn != nullptr;
    };
    return get(s.abi, "ft_spm_abi") && get(s.open, "ft_spm_open") && get(s.close, "ft_spm_close") &&
           get(s.encode, "ft_spm_encode") && get(s.decode, "ft_spm_decode") &&
           get(s.pieceToId, "ft_spm_piece_to_id") && get(s.idToPiece, "ft_spm_id_to_piece") &&
           get(s.vocabSize, "ft_spm_vocab_size") && get(s.specialId, "ft_spm_special_id") &&
           get(s.pieceKind, "ft_spm_piece_kind") && get(s.train, "ft_spm_train");
}

// dlmopen'ed namespaces are a scarce resource (glibc allows 16), so each path is opened once and
// kept for the life of the process; failures are not cached so a later fix of the path is seen.
Result<const SpmShim*> openShim(const fs::path& path) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<SpmShim>> loaded;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = loaded.find(path.string()); it != loaded.end()) return it->second.get();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return makeError("", "not found", path.string());
    void* handle = dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = dlerror();
        return makeError("", why ? why : "dlmopen failed", path.string());
    }
    auto shim = std::make_unique<SpmShim>();
    std::string why;
    if (!resolve(handle, *shim, why)) return makeError("", why, path.string());
    if (shim->abi() != FT_SPM_SHIM_ABI)
        return makeError(
            "",
            "ABI version " + std::to_string(shim->abi()) + ", expected " + std::to_string(FT_SPM_SHIM_ABI),
            path.string());
    const SpmShim* raw = shim.get();
    loaded.emplace(path.string(), std::move(shim));
    return raw;
}

// Sizes a buffer by asking once, then again when the first guess was too small.
template <class T, class Fill>
bool fillBuffer(std::vector<T>& buf, size_t guess, Fill fill) {
    buf.resize(std::max<size_t>(guess, 16));
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int n = fill(buf.data(), static_cast<int>(std::min<size_t>(buf.size(), INT_MAX)));
        if (n < 0) return false;
        if (static_cast<size_t>(n) <= buf.size()) {
            buf.resize(n);
            return true;
        }
        buf.resize(n);
    }
    return false;
}

std::optional<int32_t> optionalId(int id) {
    return id >= 0 ? std::optional<int32_t>(id) : std::nullopt;
}

}  // namespace

std::vector<fs::path> spmShimCandidates() {
    if (const char* env = std::getenv("FT_SPM_SHIM"); env && *env) return {fs::path(env)};
    std::vector<fs::path> out;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back(exe.parent_path() / kShimFile);
#ifdef FT_SPM_SHIM_RELATIVE_DIR
        // An installed tree (a package, an unpacked archive) wherever it was put: bin/../lib/finetune-studio.
        out.push_back((exe.parent_path() / FT_SPM_SHIM_RELATIVE_DIR / kShimFile).lexically_normal());
#endif
    }
#ifdef FT_SPM_SHIM_PATH
    out.emplace_back(FT_SPM_SHIM_PATH);
#endif
#ifdef FT_SPM_SHIM_INSTALL_PATH
    out.emplace_back(FT_SPM_SHIM_INSTALL_PATH);
#endif
    return out;
}

Result<const SpmShim*> loadSpmShim() {
    std::string tried;
    for (const auto& path : spmShimCandidates()) {
        auto shim = openShim(path);
        if (shim) return shim;
        tried += (tried.empty() ? "" : "; ") + path.string() + " (" + shim.error().message + ")";
    }
    return makeError("tokenizer.sentencepiece_unavailable",
                     "The sentencepiece helper library " + std::string(kShimFile) +
                         " could not be loaded; tried: " + (tried.empty() ? "no paths" : tried) +
                         ". Set FT_SPM_SHIM to its path.");
}

SentencePieceModel::SentencePieceModel(const SpmShim* shim, FtSpmModel* handle)
    : m_shim(shim), m_handle(handle) {
    m_vocabSize = shim->vocabSize(handle);
    m_unk = optionalId(shim->specialId(handle, FT_SPM_UNK));
    m_bos = optionalId(shim->specialId(handle, FT_SPM_BOS));
    m_eos = optionalId(shim->specialId(handle, FT_SPM_EOS));
    m_pad = optionalId(shim->specialId(handle, FT_SPM_PAD));
}

SentencePieceModel::SentencePieceModel(SentencePieceModel&& other) noexcept
    : m_shim(other.m_shim),
      m_handle(std::exchange(other.m_handle, nullptr)),
      m_vocabSize(other.m_vocabSize),
      m_unk(other.m_unk),
      m_bos(other.m_bos),
      m_eos(other.m_eos),
      m_pad(other.m_pad) {}

SentencePieceModel& SentencePieceModel::operator=(SentencePieceModel&& other) noexcept {
    if (this != &other) {
        if (m_handle) m_shim->close(m_handle);
        m_shim = other.m_shim;
        m_handle = std::exchange(other.m_handle, nullptr);
        m_vocabSize = other.m_vocabSize;
        m_unk = other.m_unk;
        m_bos = other.m_bos;
        m_eos = other.m_eos;
        m_pad = other.m_pad;
    }
    return *this;
}

SentencePieceModel::~SentencePieceModel() {
    if (m_handle) m_shim->close(m_handle);
}

Result<SentencePieceModel> SentencePieceModel::load(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return makeError("tokenizer.file_not_found", "The file " + file.string() + " does not exist.",
                         file.string());
    auto shim = loadSpmShim();
    if (!shim) return shim.error();
    char err[kErrCap] = {};
    FtSpmModel* handle = (*shim)->open(file.c_str(), err, kErrCap);
    if (!handle)
        return makeError("tokenizer.spm_invalid_model",
                         "The file " + file.string() + " is not a valid sentencepiece model: " + err + ".",
                         file.string());
    return SentencePieceModel(*shim, handle);
}

std::vector<int32_t> SentencePieceModel::encode(std::string_view text) const {
    std::vector<int32_t> ids;
    if (!m_handle || text.size() > static_cast<size_t>(INT_MAX)) return ids;
    static_assert(sizeof(int) == sizeof(int32_t));
    // A piece covers at least one byte, plus the dummy prefix: size + 2 almost always suffices.
    if (!fillBuffer(ids, text.size() + 2, [&](int32_t* buf, int cap) {
            return m_shim->encode(m_handle, text.data(), static_cast<int>(text.size()), buf, cap);
        }))
        ids.clear();
    return ids;
}

std::string SentencePieceModel::decode(const std::vector<int32_t>& ids) const {
    std::vector<int> valid;
    valid.reserve(ids.size());
    for (int32_t id : ids)
        if (id >= 0 && id < m_vocabSize) valid.push_back(id);
    std::vector<char> out;
    if (!m_handle || valid.size() > static_cast<size_t>(INT_MAX)) return {};
    if (!fillBuffer(out, valid.size() * 8, [&](char* buf, int cap) {
            return m_shim->decode(m_handle, valid.data(), static_cast<int>(valid.size()), buf, cap);
        }))
        return {};
    return std::string(out.begin(), out.end());
}

std::optional<int32_t> SentencePieceModel::pieceToId(std::string_view piece) const {
    if (!m_handle || piece.size() > static_cast<size_t>(INT_MAX)) return std::nullopt;
    return optionalId(m_shim->pieceToId(m_handle, piece.data(), static_cast<int>(piece.size())));
}

std::optional<std::string> SentencePieceModel::idToPiece(int32_t id) const {
    if (!m_handle || id < 0 || id >= m_vocabSize) return std::nullopt;
    std::vector<char> out;
    if (!fillBuffer(out, 32, [&](char* buf, int cap) { return m_shim->idToPiece(m_handle, id, buf, cap); }))
        return std::nullopt;
    return std::string(out.begin(), out.end());
}

std::optional<SentencePieceModel::PieceKind> SentencePieceModel::pieceKind(int32_t id) const {
    if (!m_handle) return std::nullopt;
    switch (m_shim->pieceKind(m_handle, id)) {
        case FT_SPM_NORMAL:
            return PieceKind::Normal;
        case FT_SPM_UNKNOWN:
            return PieceKind::Unknown;
        case FT_SPM_CONTROL:
            return PieceKind::Control;
        case FT_SPM_UNUSED:
            return PieceKind::Unused;
        case FT_SPM_BYTE:
            return PieceKind::Byte;
        default:
            return std::nullopt;
    }
}

Status trainSentencePieceWithFlags(const std::vector<std::pair<std::string, std::string>>& flags,
                                   bool quiet) {
    auto shim = loadSpmShim();
    if (!shim) return shim.error();
    std::vector<const char*> keys, values;
    for (const auto& [k, v] : flags) {
        keys.push_back(k.c_str());
        values.push_back(v.c_str());
    }
    char err[kErrCap] = {};
    if ((*shim)->train(keys.data(), values.data(), static_cast<int>(keys.size()), quiet ? 1 : 0, err,
                       kErrCap) != 0)
        return makeError("tokenizer.spm_train_failed",
                         std::string("sentencepiece training failed: ") + err + ".");
    return Status::success();
}

}  // namespace ft::tok

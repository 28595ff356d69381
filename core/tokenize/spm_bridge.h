#pragma once
// sentencepiece models through libft_spm_shim, loaded at run time with dlmopen into its own
// link-map namespace (PLATFORM.md "The sentencepiece + libtorch crash"). Torch-free, Qt-free.
//
// The shim is looked for at, in order: $FT_SPM_SHIM (when set, the only place tried), next to the
// executable, the install layout relative to the executable (bin/../lib/finetune-studio, so a
// package or an unpacked archive works wherever it lies), the build output (FT_SPM_SHIM_PATH) and
// the absolute install location (FT_SPM_SHIM_INSTALL_PATH). When none loads,
// errors have code "tokenizer.sentencepiece_unavailable" and name every path tried.

#include "core/common/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct FtSpmModel;

namespace ft::tok {

struct SpmShim;  // the resolved C entry points (spm_bridge.cpp)

// Where the shim would be looked for now, in order.
std::vector<std::filesystem::path> spmShimCandidates();
// Loads the shim (once per path for the life of the process; handles are never closed).
Result<const SpmShim*> loadSpmShim();

class SentencePieceModel {
public:
    enum class PieceKind { Normal, Unknown, Control, Unused, Byte };

    // A serialized sentencepiece ModelProto (tokenizer.model, spiece.model).
    static Result<SentencePieceModel> load(const std::filesystem::path& file);

    SentencePieceModel(SentencePieceModel&& other) noexcept;
    SentencePieceModel& operator=(SentencePieceModel&& other) noexcept;
    SentencePieceModel(const SentencePieceModel&) = delete;
    SentencePieceModel& operator=(const SentencePieceModel&) = delete;
    ~SentencePieceModel();

    // Thread-safe (sentencepiece's encode/decode are const).
    std::vector<int32_t> encode(std::string_view text) const;
    // Ids outside the vocabulary are dropped.
    std::string decode(const std::vector<int32_t>& ids) const;
    std::optional<int32_t> pieceToId(std::string_view piece) const;
    std::optional<std::string> idToPiece(int32_t id) const;
    std::optional<PieceKind> pieceKind(int32_t id) const;
    int32_t vocabSize() const { return m_vocabSize; }
    std::optional<int32_t> unkId() const { return m_unk; }
    std::optional<int32_t> bosId() const { return m_bos; }
    std::optional<int32_t> eosId() const { return m_eos; }
    std::optional<int32_t> padId() const { return m_pad; }

private:
    SentencePieceModel(const SpmShim* shim, FtSpmModel* handle);

    const SpmShim* m_shim = nullptr;
    FtSpmModel* m_handle = nullptr;
    int32_t m_vocabSize = 0;
    std::optional<int32_t> m_unk, m_bos, m_eos, m_pad;
};

// sentencepiece training with its own flag names ("input", "model_prefix", "model_type", ...).
// Errors: "tokenizer.sentencepiece_unavailable", "tokenizer.spm_train_failed".
Status trainSentencePieceWithFlags(const std::vector<std::pair<std::string, std::string>>& flags,
                                   bool quiet = true);

}  // namespace ft::tok

// libft_spm_shim: sentencepiece behind the C interface of spm_shim_api.h. Every entry point
// catches everything — an exception must never unwind into the other link-map namespace.
#include "core/tokenize/spm_shim/spm_shim_api.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

// Exported by libsentencepiece but declared only in its private common.h.
namespace sentencepiece::logging {
void SetMinLogLevel(int v);
int GetMinLogLevel();
}  // namespace sentencepiece::logging

#define FT_SPM_EXPORT extern "C" __attribute__((visibility("default")))

struct FtSpmModel {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {

void setError(char* err, int errCap, const std::string& message) {
    if (!err || errCap <= 0) return;
    const size_t n = std::min(message.size(), static_cast<size_t>(errCap - 1));
    std::memcpy(err, message.data(), n);
    err[n] = '\0';
}

int copyOut(const std::string& s, char* out, int cap) {
    if (s.size() > static_cast<size_t>(INT_MAX)) return -1;
    const int n = static_cast<int>(s.size());
    if (out && n <= cap) std::memcpy(out, s.data(), s.size());
    return n;
}

bool validId(const FtSpmModel* m, int id) {
    return m && id >= 0 && id < m->processor.GetPieceSize();
}

}  // namespace

FT_SPM_EXPORT int ft_spm_abi(void) {
    return FT_SPM_SHIM_ABI;
}

FT_SPM_EXPORT FtSpmModel* ft_spm_open(const char* path, char* err, int errCap) {
    try {
        auto model = std::make_unique<FtSpmModel>();
        const auto status = model->processor.Load(path ? path : "");
        if (!status.ok()) {
            setError(err, errCap, status.ToString());
            return nullptr;
        }
        return model.release();
    } catch (const std::exception& e) {
        setError(err, errCap, e.what());
    } catch (...) {
        setError(err, errCap, "unknown exception inside sentencepiece");
    }
    return nullptr;
}

FT_SPM_EXPORT void ft_spm_close(FtSpmModel* model) {
    try {
        delete model;
    } catch (...) {
    }
}

FT_SPM_EXPORT int ft_spm_encode(const FtSpmModel* model, const char* text, int len, int* ids, int cap) {
    if (!model || len < 0 || (len > 0 && !text)) return -1;
    try {
        std::vector<int> out;
        if (!model->processor.Encode(std::string_view(text ? text : "", len), &out).ok()) return -1;
        const int n = static_cast<int>(out.size());
        if (ids && n <= cap) std::copy(out.begin(), out.end(), ids);
        return n;
    } catch (...) {
        return -1;
    }
}

FT_SPM_EXPORT int ft_spm_decode(const FtSpmModel* model, const int* ids, int n, char* out, int cap) {
    if (!model || n < 0 || (n > 0 && !ids)) return -1;
    try {
        for (int i = 0; i < n; ++i)
            if (!validId(model, ids[i])) return -1;  // sentencepiece would report it, but check cheaply
        std::string text;
        if (!model->processor.Decode(std::vector<int>(ids, ids + n), &text).ok()) return -1;
        return copyOut(text, out, cap);
    } catch (...) {
        return -1;
    }
}

FT_SPM_EXPORT int ft_spm_piece_to_id(const FtSpmModel* model, const char* piece, int len) {
    if (!model || len < 0 || (len > 0 && !piece)) return -1;
    try {
        const std::string_view p(piece ? piece : "", len);
        const int id = model->processor.PieceToId(p);
        // PieceToId answers unk_id for anything unknown; only the unk piece itself may map there.
        if (id == model->processor.unk_id() && model->processor.IdToPiece(id) != p) return -1;
        return id;
    } catch (...) {
        return -1;
    }
}

FT_SPM_EXPORT int ft_spm_id_to_piece(const FtSpmModel* model, int id, char* out, int cap) {
    if (!validId(model, id)) return -1;
    try {
        return copyOut(model->processor.IdToPiece(id), out, cap);
    } catch (...) {
        return -1;
    }
}

FT_SPM_EXPORT int ft_spm_vocab_size(const FtSpmModel* model) {
    return model ? model->processor.GetPieceSize() : 0;
}

FT_SPM_EXPORT int ft_spm_special_id(const FtSpmModel* model, int which) {
    if (!model) return -1;
    int id = -1;
    switch (which) {
        case FT_SPM_UNK:
            id = model->processor.unk_id();
            break;
        case FT_SPM_BOS:
            id = model->processor.bos_id();
            break;
        case FT_SPM_EOS:
            id = model->processor.eos_id();
            break;
        case FT_SPM_PAD:
            id = model->processor.pad_id();
            break;
        default:
            return -1;
    }
    return validId(model, id) ? id : -1;
}

FT_SPM_EXPORT int ft_spm_piece_kind(const FtSpmModel* model, int id) {
    if (!validId(model, id)) return -1;
    const auto& p = model->processor;
    if (p.IsUnknown(id)) return FT_SPM_UNKNOWN;
    if (p.IsControl(id)) return FT_SPM_CONTROL;
    if (p.IsUnused(id)) return FT_SPM_UNUSED;
    if (p.IsByte(id)) return FT_SPM_BYTE;
    return FT_SPM_NORMAL;
}

FT_SPM_EXPORT int ft_spm_train(const char* const* keys, const char* const* values, int n, int quiet,
                               char* err, int errCap) {
    if (n < 0 || (n > 0 && (!keys || !values))) {
        setError(err, errCap, "invalid arguments");
        return -1;
    }
    const int oldLevel = sentencepiece::logging::GetMinLogLevel();
    try {
        std::unordered_map<std::string, std::string> kwargs;
        for (int i = 0; i < n; ++i) {
            if (!keys[i] || !values[i]) {
                setError(err, errCap, "invalid arguments");
                return -1;
            }
            kwargs[keys[i]] = values[i];
        }
        if (quiet) sentencepiece::logging::SetMinLogLevel(1);  // warnings and errors only
        const auto status = sentencepiece::SentencePieceTrainer::Train(kwargs);
        sentencepiece::logging::SetMinLogLevel(oldLevel);
        if (!status.ok()) {
            setError(err, errCap, status.ToString());
            return -1;
        }
        return 0;
    } catch (const std::exception& e) {
        setError(err, errCap, e.what());
    } catch (...) {
        setError(err, errCap, "unknown exception inside sentencepiece training");
    }
    sentencepiece::logging::SetMinLogLevel(oldLevel);
    return -1;
}

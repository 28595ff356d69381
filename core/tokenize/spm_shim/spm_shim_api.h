#pragma once
// The plain C interface of libft_spm_shim, the only code that calls sentencepiece.
// Debian's libsentencepiece embeds its own protobuf and crashes any process that also loads
// libtorch's (PLATFORM.md), so the shim is loaded with dlmopen into a separate link-map namespace.
// Nothing but ints, chars and an opaque handle crosses: the two sides have separate C++ runtimes
// and heaps, so no exception, std:: type or malloc'd block may pass between them.
//
// Buffers are owned by the caller. Functions that fill one return the full size needed; when that
// is larger than `cap`, nothing useful was written and the caller retries with a bigger buffer.

#ifdef __cplusplus
extern "C" {
#endif

#define FT_SPM_SHIM_ABI 1

typedef struct FtSpmModel FtSpmModel;

enum FtSpmSpecial { FT_SPM_UNK = 0, FT_SPM_BOS = 1, FT_SPM_EOS = 2, FT_SPM_PAD = 3 };
enum FtSpmPieceKind {
    FT_SPM_NORMAL = 0,
    FT_SPM_UNKNOWN = 1,
    FT_SPM_CONTROL = 2,
    FT_SPM_UNUSED = 3,
    FT_SPM_BYTE = 4
};

int ft_spm_abi(void);
// NULL on failure, with a NUL-terminated reason in `err`.
FtSpmModel* ft_spm_open(const char* path, char* err, int errCap);
void ft_spm_close(FtSpmModel* model);
// Ids of `text` (UTF-8, `len` bytes) with the model's own normalization; -1 on failure.
int ft_spm_encode(const FtSpmModel* model, const char* text, int len, int* ids, int cap);
// Bytes of the decoded text (no NUL added); -1 on failure (e.g. an id out of range).
int ft_spm_decode(const FtSpmModel* model, const int* ids, int n, char* out, int cap);
// -1 when `piece` is not in the vocabulary.
int ft_spm_piece_to_id(const FtSpmModel* model, const char* piece, int len);
// Bytes of the piece; -1 when `id` is out of range.
int ft_spm_id_to_piece(const FtSpmModel* model, int id, char* out, int cap);
int ft_spm_vocab_size(const FtSpmModel* model);
// One of FtSpmSpecial; -1 when the model has none.
int ft_spm_special_id(const FtSpmModel* model, int which);
// One of FtSpmPieceKind; -1 when `id` is out of range.
int ft_spm_piece_kind(const FtSpmModel* model, int id);
// Trains with sentencepiece's flag names (`keys[i]=values[i]`, e.g. "model_type"="bpe").
// 0 on success; otherwise -1 with the reason in `err`. `quiet` hides the INFO log lines.
int ft_spm_train(const char* const* keys, const char* const* values, int n, int quiet, char* err, int errCap);

#ifdef __cplusplus
}
#endif

#pragma once
// Training a new sentencepiece model (tokenizer.model) from a text corpus, one sentence per line.
// Runs inside libft_spm_shim (spm_bridge.h); blocking, so call it off the GUI thread.

#include "core/common/result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ft::tok {

struct SentencePieceTrainOptions {
    enum class ModelType { Bpe, Unigram };
    ModelType modelType = ModelType::Unigram;     // spm --model_type
    int32_t vocabSize = 8000;                     // spm --vocab_size
    double characterCoverage = 0.9995;            // spm --character_coverage, in (0, 1]
    std::vector<std::string> userDefinedSymbols;  // always one piece each; no commas (spm splits on them)
    bool byteFallback = false;                    // spm --byte_fallback: <0xHH> pieces instead of <unk>
    bool hardVocabLimit = true;                   // spm --hard_vocab_limit: false lets a small corpus give fewer pieces
    // Llama's layout: <unk>=0, <s>=1, </s>=2, no pad (spm's defaults); -1 disables a token.
    int32_t unkId = 0, bosId = 1, eosId = 2, padId = -1;
    bool quiet = true;  // hide sentencepiece's INFO log on stderr
};

// Writes `<outputPrefix>.model` and `<outputPrefix>.vocab`; returns the .model path.
// Errors: "tokenizer.file_not_found" (corpus), "tokenizer.spm_invalid_option" (field names the
// option), "tokenizer.sentencepiece_unavailable", "tokenizer.spm_train_failed".
Result<std::filesystem::path> trainSentencePiece(const std::filesystem::path& corpusFile,
                                                 const SentencePieceTrainOptions& options,
                                                 const std::filesystem::path& outputPrefix);

}  // namespace ft::tok

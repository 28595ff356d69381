// Options → sentencepiece trainer flags; the training itself runs in the shim.
#include "core/tokenize/train_sentencepiece.h"

#include "core/tokenize/spm_bridge.h"

#include <sstream>

namespace ft::tok {

namespace fs = std::filesystem;

namespace {

Error invalidOption(const std::string& field, const std::string& message) {
    return makeError("tokenizer.spm_invalid_option", message, {}, -1, field);
}

std::string formatDouble(double v) {
    std::ostringstream ss;
    ss.imbue(std::locale::classic());
    ss.precision(17);
    ss << v;
    return ss.str();
}

}  // namespace

Result<fs::path> trainSentencePiece(const fs::path& corpusFile, const SentencePieceTrainOptions& options,
                                    const fs::path& outputPrefix) {
    std::error_code ec;
    if (!fs::is_regular_file(corpusFile, ec))
        return makeError("tokenizer.file_not_found",
                         "The corpus file " + corpusFile.string() + " does not exist.", corpusFile.string());
    // sentencepiece splits repeated flags (input, user_defined_symbols) on commas.
    if (corpusFile.string().find(',') != std::string::npos)
        return invalidOption("corpusFile", "The corpus path " + corpusFile.string() +
                                               " contains a comma, which sentencepiece cannot read.");
    if (outputPrefix.empty() || outputPrefix.filename().empty())
        return invalidOption("outputPrefix", "The output prefix must name a file.");
    if (options.vocabSize < 1) return invalidOption("vocabSize", "The vocabulary size must be at least 1.");
    if (!(options.characterCoverage > 0.0 && options.characterCoverage <= 1.0))
        return invalidOption("characterCoverage", "The character coverage must be in (0, 1].");
    for (const auto& s : options.userDefinedSymbols)
        if (s.empty() || s.find(',') != std::string::npos)
            return invalidOption("userDefinedSymbols",
                                 "The user-defined symbol \"" + s + "\" is empty or contains a comma.");
    const fs::path dir = outputPrefix.parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec))
        return invalidOption("outputPrefix", "The output folder " + dir.string() + " does not exist.");

    std::string symbols;
    for (const auto& s : options.userDefinedSymbols) symbols += (symbols.empty() ? "" : ",") + s;
    std::vector<std::pair<std::string, std::string>> flags = {
        {"input", corpusFile.string()},
        {"model_prefix", outputPrefix.string()},
        {"model_type", options.modelType == SentencePieceTrainOptions::ModelType::Bpe ? "bpe" : "unigram"},
        {"vocab_size", std::to_string(options.vocabSize)},
        {"character_coverage", formatDouble(options.characterCoverage)},
        {"byte_fallback", options.byteFallback ? "true" : "false"},
        {"hard_vocab_limit", options.hardVocabLimit ? "true" : "false"},
        {"unk_id", std::to_string(options.unkId)},
        {"bos_id", std::to_string(options.bosId)},
        {"eos_id", std::to_string(options.eosId)},
        {"pad_id", std::to_string(options.padId)},
    };
    if (!symbols.empty()) flags.emplace_back("user_defined_symbols", symbols);
    auto status = trainSentencePieceWithFlags(flags, options.quiet);
    if (!status) return status.error();
    fs::path model = outputPrefix;
    model += ".model";
    if (!fs::is_regular_file(model, ec))
        return makeError("tokenizer.spm_train_failed",
                         "sentencepiece reported success but wrote no " + model.string() + ".",
                         model.string());
    return model;
}

}  // namespace ft::tok

#include "core/api/tiny_model.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include "core/api/builtin_corpus.h"
#include "core/export/hf_export.h"
#include "core/io/hf_config.h"
#include "core/models/factory.h"
#include "core/tokenize/train_bpe.h"
#include "core/tokenize/write_tokenizer.h"

namespace ft::api {
namespace fs = std::filesystem;

std::vector<std::string> tinyModelArchitectures() { return {"gpt2"}; }

Status makeTinyModel(const TinyModelSpec& spec) {
    if (spec.outputFolder.empty()) return makeError("tiny.invalid", "an output folder is required", {}, -1, "out");
    if (spec.layers < 1 || spec.hidden < 1 || spec.heads < 1 || spec.hidden % spec.heads != 0)
        return makeError("tiny.invalid", "hidden size must be a positive multiple of the head count, layers at least 1", {}, -1, "hidden");
    if (spec.vocabSize < 300)
        return makeError("tiny.invalid", "a byte-level vocabulary needs at least 300 tokens (256 bytes + merges)", {}, -1, "vocab");

    const std::string eos = "<|endoftext|>";
    const std::vector<std::string>& corpus = spec.corpus.empty() ? builtinEnglishCorpus() : spec.corpus;

    io::ModelConfig config;
    if (spec.architecture == "gpt2") {
        auto tokenizerJson = tok::trainByteLevelBpe(corpus, static_cast<int32_t>(spec.vocabSize), {eos});
        if (!tokenizerJson) return tokenizerJson.error();
        // The special token's id comes from the trained tokenizer; the embedding covers every id.
        int64_t eosId = -1, maxId = -1;
        for (const auto& added : (*tokenizerJson)["added_tokens"])
            if (added["content"] == eos) eosId = added["id"].get<int64_t>();
        for (const auto& entry : (*tokenizerJson)["model"]["vocab"].items()) maxId = std::max(maxId, entry.value().get<int64_t>());
        maxId = std::max(maxId, eosId);
        if (eosId < 0) return makeError("tiny.tokenizer", "the trained tokenizer lacks " + eos);
        io::Gpt2Config g;
        g.vocabSize = maxId + 1;
        g.nPositions = spec.maxPositions;
        g.nEmbd = spec.hidden;
        g.nLayer = spec.layers;
        g.nHead = spec.heads;
        config.modelType = "gpt2";
        config.architectures = {"GPT2LMHeadModel"};
        config.arch = g;
        config.bosTokenId = eosId;
        config.eosTokenId = eosId;
        config.eosTokenIds = {eosId};
        config.dtype = "float32";

        torch::manual_seed(spec.seed);
        models::ModelRequest request;
        request.head = models::Head::CausalLM;
        auto model = models::createModel(config, request);
        if (!model) return model.error();
        std::error_code ec;
        fs::create_directories(spec.outputFolder, ec);
        if (Status st = exporting::writeHfFolder(spec.outputFolder, **model, config, {}); !st) return st;

        tok::TokenizerFilesConfig files;
        files.tokenizerClass = "GPT2Tokenizer";
        files.bos = eos;
        files.eos = eos;
        files.unk = eos;
        files.pad = eos;
        files.modelMaxLength = spec.maxPositions;
        return tok::writeTokenizerFiles(spec.outputFolder, *tokenizerJson, files);
    }
    return makeError("tiny.unsupported_architecture", "make-tiny-model supports: gpt2", {}, -1, "arch");
}

}  // namespace ft::api

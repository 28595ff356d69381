#include "core/api/tiny_model.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include <torch/torch.h>

#include "core/api/builtin_corpus.h"
#include "core/export/hf_export.h"
#include "core/io/hf_config.h"
#include "core/models/bert.h"
#include "core/models/distilbert.h"
#include "core/models/factory.h"
#include "core/tokenize/spm_bridge.h"
#include "core/tokenize/train_bpe.h"
#include "core/tokenize/train_sentencepiece.h"
#include "core/tokenize/write_tokenizer.h"

namespace ft::api {
namespace fs = std::filesystem;

namespace {

// Largest id in a trained tokenizer.json (vocab and added tokens), so the embedding covers every id.
int64_t maxTokenId(const nlohmann::json& tokenizerJson) {
    int64_t maxId = -1;
    for (const auto& added : tokenizerJson["added_tokens"]) maxId = std::max(maxId, added["id"].get<int64_t>());
    for (const auto& entry : tokenizerJson["model"]["vocab"].items()) maxId = std::max(maxId, entry.value().get<int64_t>());
    return maxId;
}

std::optional<int64_t> addedTokenId(const nlohmann::json& tokenizerJson, const std::string& content) {
    for (const auto& added : tokenizerJson["added_tokens"])
        if (added["content"] == content) return added["id"].get<int64_t>();
    return std::nullopt;
}

Status writeModelFolder(const TinyModelSpec& spec, const models::Model& model, const io::ModelConfig& config,
                        const nlohmann::json& tokenizerJson, const tok::TokenizerFilesConfig& files) {
    std::error_code ec;
    fs::create_directories(spec.outputFolder, ec);
    if (Status st = exporting::writeHfFolder(spec.outputFolder, model, config, {}); !st) return st;
    return tok::writeTokenizerFiles(spec.outputFolder, tokenizerJson, files);
}

// BERT / DistilBERT: a WordPiece tokenizer and the bare encoder saved under the "bert." /
// "distilbert." prefix, as BertForSequenceClassification's checkpoint minus its new classifier.
Status makeTinyEncoder(const TinyModelSpec& spec, const std::vector<std::string>& corpus) {
    auto tokenizerJson = tok::trainWordPiece(corpus, static_cast<int32_t>(spec.vocabSize));
    if (!tokenizerJson) return tokenizerJson.error();
    io::ModelConfig config;
    config.modelType = spec.architecture;
    config.padTokenId = 0;  // [PAD], as trainWordPiece numbers it
    config.dtype = "float32";
    torch::manual_seed(spec.seed);
    std::shared_ptr<models::Model> model;
    if (spec.architecture == "bert") {
        io::BertConfig c;
        c.vocabSize = maxTokenId(*tokenizerJson) + 1;
        c.hiddenSize = spec.hidden;
        c.numHiddenLayers = spec.layers;
        c.numAttentionHeads = spec.heads;
        c.intermediateSize = 4 * spec.hidden;
        c.maxPositionEmbeddings = spec.maxPositions;
        config.architectures = {"BertForSequenceClassification"};
        config.arch = c;
        auto bert = std::make_shared<models::BertModel>(c, /*numLabels=*/0, config.padTokenId);
        bert->initWeights();
        model = bert;
    } else {
        io::DistilBertConfig c;
        c.vocabSize = maxTokenId(*tokenizerJson) + 1;
        c.dim = spec.hidden;
        c.nLayers = spec.layers;
        c.nHeads = spec.heads;
        c.hiddenDim = 4 * spec.hidden;
        c.maxPositionEmbeddings = spec.maxPositions;
        config.architectures = {"DistilBertForSequenceClassification"};
        config.arch = c;
        auto distil = std::make_shared<models::DistilBertModel>(c, /*numLabels=*/0, config.padTokenId);
        distil->initWeights();
        model = distil;
    }
    tok::TokenizerFilesConfig files;
    files.tokenizerClass = spec.architecture == "bert" ? "BertTokenizer" : "DistilBertTokenizer";
    files.cls = "[CLS]";
    files.sep = "[SEP]";
    files.pad = "[PAD]";
    files.unk = "[UNK]";
    files.mask = "[MASK]";
    files.modelMaxLength = spec.maxPositions;
    return writeModelFolder(spec, *model, config, *tokenizerJson, files);
}

// Llama / Qwen2: byte-level BPE tokenizer, LlamaForCausalLM / Qwen2ForCausalLM checkpoint.
Status makeTinyDecoder(const TinyModelSpec& spec, const std::vector<std::string>& corpus) {
    if ((spec.hidden / spec.heads) % 2 != 0)
        return makeError("tiny.invalid", "RoPE needs an even head size (hidden / heads)", {}, -1, "hidden");
    const bool qwen = spec.architecture == "qwen2";
    const std::string bos = qwen ? "<|endoftext|>" : "<s>";
    const std::string eos = qwen ? "<|endoftext|>" : "</s>";
    const std::vector<std::string> specials = qwen ? std::vector<std::string>{eos} : std::vector<std::string>{bos, eos};
    auto tokenizerJson = tok::trainByteLevelBpe(corpus, static_cast<int32_t>(spec.vocabSize), specials);
    if (!tokenizerJson) return tokenizerJson.error();
    if (qwen) {
        // Qwen2's own pipeline (as in its tokenizer.json): NFC, then single digits and its contraction
        // regex, then byte-level mapping without GPT-2's regex. transformers rebuilds this pipeline
        // for qwen2 models whatever the file says, so the tiny model must match it.
        (*tokenizerJson)["normalizer"] = {{"type", "NFC"}};
        (*tokenizerJson)["pre_tokenizer"] = {
            {"type", "Sequence"},
            {"pretokenizers",
             {{{"type", "Split"},
               {"pattern",
                {{"Regex", R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}}},
               {"behavior", "Isolated"},
               {"invert", false}},
              {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}}}};
    }
    const auto bosId = addedTokenId(*tokenizerJson, bos), eosId = addedTokenId(*tokenizerJson, eos);
    if (!bosId || !eosId) return makeError("tiny.tokenizer", "the trained tokenizer lacks " + eos);

    io::LlamaConfig c;
    c.vocabSize = maxTokenId(*tokenizerJson) + 1;
    c.hiddenSize = spec.hidden;
    c.intermediateSize = 3 * spec.hidden;
    c.numHiddenLayers = spec.layers;
    c.numAttentionHeads = spec.heads;
    c.numKeyValueHeads = spec.heads;
    c.headDim = spec.hidden / spec.heads;
    c.maxPositionEmbeddings = spec.maxPositions;
    c.rmsNormEps = qwen ? 1e-6 : 1e-5;
    c.ropeTheta = qwen ? 1000000.0 : 10000.0;
    c.tieWordEmbeddings = qwen;  // as the small Qwen2 checkpoints; Llama keeps a separate lm_head
    c.qkvBias = qwen;
    io::ModelConfig config;
    config.modelType = spec.architecture;
    config.architectures = {qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM"};
    config.arch = c;
    config.bosTokenId = *bosId;
    config.eosTokenId = *eosId;
    config.eosTokenIds = {*eosId};
    config.dtype = "float32";

    torch::manual_seed(spec.seed);
    models::ModelRequest request;
    request.head = models::Head::CausalLM;
    auto model = models::createModel(config, request);
    if (!model) return model.error();
    tok::TokenizerFilesConfig files;
    files.tokenizerClass = "PreTrainedTokenizerFast";
    files.bos = bos;
    files.eos = eos;
    if (qwen) files.pad = eos;
    files.addBosToken = !qwen;
    files.modelMaxLength = spec.maxPositions;
    return writeModelFolder(spec, **model, config, *tokenizerJson, files);
}

// T5: a unigram sentencepiece model (spiece.model; <pad> 0, </s> 1, <unk> 2, as T5's) trained
// through the bridge, and a T5ForConditionalGeneration checkpoint (ReLU, tied head, as the original).
Status makeTinyT5(const TinyModelSpec& spec, const std::vector<std::string>& corpus) {
    // Trained beside the output first: the checkpoint's folder is written whole (staged, then renamed).
    std::error_code ec;
    const fs::path work = fs::path(spec.outputFolder).lexically_normal().string() + ".tokenizer-work";
    fs::create_directories(work, ec);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{work};
    const fs::path corpusFile = work / "corpus.txt";
    {
        std::ofstream out(corpusFile, std::ios::binary);
        for (const std::string& line : corpus) out << line << '\n';
        if (!out) return makeError("tiny.write_failed", "cannot write the tokenizer corpus", corpusFile.string());
    }
    tok::SentencePieceTrainOptions options;
    options.vocabSize = static_cast<int32_t>(spec.vocabSize);
    options.characterCoverage = 1.0;
    options.padId = 0, options.eosId = 1, options.unkId = 2, options.bosId = -1;
    options.hardVocabLimit = false;  // the built-in corpus has fewer pieces than a default vocabulary
    auto model = tok::trainSentencePiece(corpusFile, options, work / "spiece");
    if (!model) return model.error();
    auto pieces = tok::SentencePieceModel::load(*model);
    if (!pieces) return pieces.error();

    io::T5Config c;
    c.vocabSize = pieces->vocabSize();
    c.dModel = spec.hidden;
    c.numHeads = spec.heads;
    c.dKv = spec.hidden / spec.heads;
    c.dFf = 4 * spec.hidden;
    c.numLayers = spec.layers;
    io::ModelConfig config;
    config.modelType = "t5";
    config.architectures = {"T5ForConditionalGeneration"};
    config.arch = c;
    config.padTokenId = 0;
    config.eosTokenId = 1;
    config.eosTokenIds = {1};
    config.dtype = "float32";
    torch::manual_seed(spec.seed);
    models::ModelRequest request;
    request.head = models::Head::Seq2SeqLM;
    auto t5 = models::createModel(config, request);
    if (!t5) return t5.error();
    if (Status st = exporting::writeHfFolder(spec.outputFolder, **t5, config, {}); !st) return st;
    fs::copy_file(*model, fs::path(spec.outputFolder) / "spiece.model", fs::copy_options::overwrite_existing, ec);
    if (ec) return makeError("tiny.write_failed", "cannot write spiece.model: " + ec.message(), spec.outputFolder);
    const nlohmann::json tokenizerConfig = {{"tokenizer_class", "T5Tokenizer"}, {"eos_token", "</s>"},      {"pad_token", "<pad>"},
                                            {"unk_token", "<unk>"},             {"model_max_length", spec.maxPositions}};
    std::ofstream out(fs::path(spec.outputFolder) / "tokenizer_config.json", std::ios::binary);
    out << tokenizerConfig.dump(2) << '\n';
    if (!out) return makeError("tiny.write_failed", "cannot write tokenizer_config.json", spec.outputFolder);
    return Status::success();
}

}  // namespace

std::vector<std::string> tinyModelArchitectures() { return {"gpt2", "bert", "distilbert", "llama", "qwen2", "t5"}; }

Status makeTinyModel(const TinyModelSpec& spec) {
    if (spec.outputFolder.empty()) return makeError("tiny.invalid", "an output folder is required", {}, -1, "out");
    if (spec.layers < 1 || spec.hidden < 1 || spec.heads < 1 || spec.hidden % spec.heads != 0)
        return makeError("tiny.invalid", "hidden size must be a positive multiple of the head count, layers at least 1", {}, -1, "hidden");
    if (spec.architecture == "t5") {  // a sentencepiece vocabulary has no 256 byte tokens to cover
        if (spec.vocabSize < 32) return makeError("tiny.invalid", "the vocabulary needs at least 32 tokens", {}, -1, "vocab");
        return makeTinyT5(spec, spec.corpus.empty() ? builtinEnglishCorpus() : spec.corpus);
    }
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
    if (spec.architecture == "bert" || spec.architecture == "distilbert") return makeTinyEncoder(spec, corpus);
    if (spec.architecture == "llama" || spec.architecture == "qwen2") return makeTinyDecoder(spec, corpus);
    return makeError("tiny.unsupported_architecture", "make-tiny-model supports: gpt2, bert, distilbert, llama, qwen2, t5", {}, -1, "arch");
}

}  // namespace ft::api

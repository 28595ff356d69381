// Writes what tests/device/check_transformers.py compares against transformers and PEFT on a machine
// that has them: per architecture and head, a model folder, fixed inputs, our logits, a PEFT adapter
// (with non-trivial weights), our logits with the adapter, and the merged export.
//
//   make_parity_artifacts OUT_DIR      → OUT_DIR/manifest.json and one folder per case

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/api/tiny_model.h"
#include "core/export/hf_export.h"
#include "core/export/peft_adapter.h"
#include "core/export/staging.h"
#include "core/models/factory.h"
#include "core/models/lora.h"
#include "core/models/seq2seq.h"
#include "core/tokenize/tokenizer.h"

namespace fs = std::filesystem;
using namespace ft;

namespace {

struct Case {
    std::string arch;
    models::Head head;
};

int fail(const std::string& what, const Error& e) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), e.describe().c_str());
    return 1;
}

Status saveTensors(const fs::path& file, const std::vector<std::pair<std::string, torch::Tensor>>& tensors) {
    auto views = exporting::toTensorViews(tensors);
    if (!views) return views.error();
    return io::writeSafetensors(file, views->views);
}

const std::vector<std::string> kSentences = {
    "Hello world! It's a test.", "  leading spaces and\ttabs", "Ünïcödé café naïve — 日本語 🙂", "don't won't they'll 12345",
    ""};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_parity_artifacts OUT_DIR\n");
        return 2;
    }
    const fs::path out = argv[1];
    fs::create_directories(out);
    torch::set_num_threads(2);
    const std::vector<Case> cases = {{"gpt2", models::Head::CausalLM},       {"gpt2", models::Head::SequenceClassification},
                                     {"bert", models::Head::SequenceClassification}, {"distilbert", models::Head::SequenceClassification},
                                     {"llama", models::Head::CausalLM},      {"llama", models::Head::SequenceClassification},
                                     {"qwen2", models::Head::CausalLM},      {"t5", models::Head::Seq2SeqLM}};
    nlohmann::json manifest = nlohmann::json::array();
    for (const auto& c : cases) {
        const bool causal = c.head == models::Head::CausalLM;
        const bool seq2seq = c.head == models::Head::Seq2SeqLM;
        const std::string name = c.arch + (causal ? "-causal" : seq2seq ? "-seq2seq" : "-cls");
        const fs::path dir = out / name;
        const fs::path source = out / ("source-" + c.arch);
        if (!fs::exists(source / "config.json")) {
            api::TinyModelSpec spec;
            spec.architecture = c.arch;
            spec.outputFolder = source.string();
            spec.layers = 2;
            spec.hidden = 64;
            spec.seed = 7;
            if (Status st = api::makeTinyModel(spec); !st) return fail("make " + c.arch, st.error());
        }
        torch::manual_seed(1234);
        models::ModelRequest request;
        request.head = c.head;
        request.numLabels = 3;
        auto loaded = models::loadModel(source, request);
        if (!loaded) return fail("load " + name, loaded.error());
        auto& model = *loaded->model;
        model.eval();
        io::ModelConfig config = loaded->config;
        if (!causal && !seq2seq) config.id2label = {"neg", "neutral", "pos"};
        config.padTokenId = loaded->padTokenId;
        exporting::ExportOptions options;
        options.tokenizerFrom = source;
        if (Status st = exporting::writeHfFolder(dir / "base", model, config, options); !st) return fail("export " + name, st.error());

        // Inputs: row 0 full, row 1 right-padded (3 pad positions).
        const int64_t vocab = io::vocabSize(config);
        torch::Tensor ids = torch::randint(5, vocab, {2, 9}, torch::kLong);
        torch::Tensor mask = torch::ones({2, 9}, torch::kLong);
        mask.index_put_({1, torch::indexing::Slice(6)}, 0);
        ids.index_put_({1, torch::indexing::Slice(6)}, loaded->padTokenId);
        // Seq2seq: labels [2, 5], row 1's last two ignored (-100); the decoder reads them shifted right
        // and the loss is the trainer's (cross-entropy over the kept positions).
        torch::Tensor labels = torch::randint(5, vocab, {2, 5}, torch::kLong);
        labels.index_put_({1, torch::indexing::Slice(3)}, -100);
        const auto run = [&](models::Model& m) {
            if (!seq2seq) return m.forward(ids, mask);
            auto& s = dynamic_cast<models::Seq2SeqModel&>(m);
            return s.decode(models::shiftTokensRight(labels, s.decoderStartTokenId(), loaded->padTokenId), torch::Tensor(),
                            s.encode(ids, mask), mask);
        };
        torch::NoGradGuard noGrad;
        torch::Tensor logits = run(model);
        const torch::Tensor loss = seq2seq ? torch::nn::functional::cross_entropy(logits.reshape({-1, logits.size(-1)}), labels.reshape({-1}),
                                                                                 torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100))
                                           : torch::zeros({});

        // LoRA with PEFT's defaults for the architecture; adapters and head perturbed so they matter.
        exporting::AdapterConfig adapter;
        adapter.shape.rank = 4;
        adapter.shape.alpha = 8;
        adapter.shape.dropout = 0.1;
        adapter.targetModules = models::defaultLoraTargets(config.modelType);
        adapter.modulesToSave = models::headModuleNames(config, c.head);
        adapter.taskType = causal ? "CAUSAL_LM" : seq2seq ? "SEQ_2_SEQ_LM" : "SEQ_CLS";
        adapter.baseModel = fs::absolute(dir / "base").string();
        adapter.fanInFanOut = config.modelType == "gpt2";
        auto adapted = models::attachLora(model, adapter.targetModules, adapter.shape, adapter.modulesToSave);
        if (!adapted) return fail("lora " + name, adapted.error());
        for (auto& item : model.named_parameters(true))
            if (models::isLoraParameter(item.key())) item.value().normal_(0.0, 0.3);
        torch::Tensor loraLogits = run(model);
        if (Status st = exporting::writePeftAdapter(dir / "adapter", model, adapter, options); !st) return fail("adapter " + name, st.error());
        models::mergeLora(model);
        torch::Tensor mergedLogits = run(model);
        if (Status st = exporting::writeHfFolder(dir / "merged", model, config, options); !st) return fail("merged " + name, st.error());
        if (Status st = saveTensors(dir / "ours.safetensors", {{"input_ids", ids},
                                                                {"attention_mask", mask},
                                                                {"logits", logits},
                                                                {"lora_logits", loraLogits},
                                                                {"merged_logits", mergedLogits},
                                                                {"labels", labels},
                                                                {"loss", loss.reshape({1})}});
            !st)
            return fail("save " + name, st.error());

        nlohmann::json entry = {{"name", name}, {"arch", c.arch},
                                {"head", causal ? "causal_lm" : seq2seq ? "seq2seq_lm" : "sequence_classification"}, {"num_labels", 3}};
        if (causal || seq2seq) entry.erase("num_labels");
        // Tokenizer parity on a few sentences (with the special tokens transformers adds by default).
        auto tokenizer = tok::Tokenizer::load(dir / "base");
        if (!tokenizer) return fail("tokenizer " + name, tokenizer.error());
        nlohmann::json encodings = nlohmann::json::array();
        for (const auto& s : kSentences) {
            const tok::Encoding enc = tokenizer->encode(s);
            encodings.push_back({{"text", s}, {"ids", enc.ids}});
        }
        entry["encodings"] = encodings;
        manifest.push_back(entry);
        std::printf("%-20s logits %s, %zu adapted modules\n", name.c_str(), models::shapeString(logits.sizes()).c_str(), adapted->size());
    }
    if (Status st = exporting::writeText(out / "manifest.json", manifest.dump(2) + "\n"); !st) return fail("manifest", st.error());
    return 0;
}

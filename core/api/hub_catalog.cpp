#include "core/api/hub_catalog.h"

namespace ft::api {

const std::vector<CatalogModel>& wellKnownModels() {
    constexpr int64_t MB = 1000 * 1000;
    static const std::vector<CatalogModel> models = {
        {"distilbert/distilbert-base-uncased", "DistilBERT base (uncased)", "distilbert", 66'000'000, 268 * MB,
         "fast English text classification"},
        {"google-bert/bert-base-uncased", "BERT base (uncased)", "bert", 110'000'000, 440 * MB,
         "English text classification, sentence pairs"},
        {"distilbert/distilgpt2", "DistilGPT2", "gpt2", 82'000'000, 353 * MB, "small text generation; classification"},
        {"openai-community/gpt2", "GPT-2", "gpt2", 124'000'000, 548 * MB, "text generation; classification"},
        {"HuggingFaceTB/SmolLM-135M", "SmolLM 135M", "llama", 135'000'000, 269 * MB,
         "a modern small language model for generation and instruction tuning"},
        {"Qwen/Qwen2.5-0.5B", "Qwen2.5 0.5B", "qwen2", 494'000'000, 988 * MB, "multilingual generation and instruction tuning"},
        {"TinyLlama/TinyLlama-1.1B-Chat-v1.0", "TinyLlama 1.1B Chat", "llama", 1'100'000'000, 2200 * MB,
         "chat fine-tuning; LoRA recommended on a desktop"},
    };
    return models;
}

}  // namespace ft::api

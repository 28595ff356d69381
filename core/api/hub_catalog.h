#pragma once
// A short list of well-known Hub models that Finetune Studio trains, for the Model step's download
// dialog and `finetune download --catalog`. Sizes are those of the repositories' safetensors weights
// (rounded), so a user sees what a choice costs before asking the Hub.

#include <cstdint>
#include <string>
#include <vector>

namespace ft::api {

struct CatalogModel {
    std::string repoId;        // "openai-community/gpt2"
    std::string name;          // "GPT-2"
    std::string architecture;  // config.json model_type: "gpt2", "bert", "distilbert", "llama", "qwen2"
    int64_t parameters = 0;    // rounded
    int64_t downloadBytes = 0; // weights, rounded
    std::string goodFor;       // one line: what it suits
};

const std::vector<CatalogModel>& wellKnownModels();

}  // namespace ft::api

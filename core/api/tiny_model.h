#pragma once
// Generates a complete, random-initialised Hugging Face-format model folder for tests and demos:
// config.json, model.safetensors with transformers' exact names and shapes, tokenizer files.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct TinyModelSpec {
    std::string architecture = "gpt2";   // gpt2 (bert, distilbert, llama, qwen2 as the model zoo grows)
    std::string outputFolder;
    int64_t layers = 2;
    int64_t hidden = 64;
    int64_t heads = 4;
    int64_t vocabSize = 512;              // tokenizer trained to this size on `corpus`
    int64_t maxPositions = 256;
    uint64_t seed = 0;
    std::vector<std::string> corpus;      // text for the tokenizer; empty = a built-in English sample
};

Status makeTinyModel(const TinyModelSpec& spec);
std::vector<std::string> tinyModelArchitectures();

}  // namespace ft::api

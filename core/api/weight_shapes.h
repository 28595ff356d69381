#pragma once
// A model folder's weights as its safetensors headers name them, without reading the tensors, and
// the layer each belongs to: what the memory estimate and the Configure step's layer map count.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api::detail {

struct TensorShape {
    std::string name;
    std::vector<int64_t> shape;
    int64_t numel = 0;
};

// Every tensor named in the folder's safetensors headers (sharded checkpoints included).
Result<std::vector<TensorShape>> readShapes(const std::filesystem::path& folder);

// The transformer block a parameter belongs to ("h.3.", "layers.3.", "layer.3." → 3), else -1.
int64_t blockOf(const std::string& name);

// Token / position embeddings ("wte.", "wpe.", "embed_tokens.", "embeddings.").
bool isEmbedding(const std::string& name);

// LayerGroup depth as the trainer's freezing rules use it: 0 embeddings, 1 … numBlocks the blocks,
// numBlocks + 1 everything above them (final norm, pooler, head).
int64_t depthOf(const std::string& name, int64_t numBlocks);

}  // namespace ft::api::detail

#pragma once
// The Configure step's layer map: the model as a stack (embeddings, each block, the head) with each
// layer's parameter count and whether the job's freezing / LoRA settings train it — counted from the
// safetensors headers with the trainer's own freezing rule.

#include <cstdint>
#include <string>
#include <vector>

#include "core/api/job_config.h"
#include "core/common/result.h"

namespace ft::api {

struct LayerRow {
    enum class Kind { Embeddings, Block, Head };
    Kind kind = Kind::Block;
    int64_t block = -1;          // 0-based block index (Kind::Block)
    int64_t parameters = 0;      // in the checkpoint (a new classification head is not counted)
    bool trainable = false;      // by the static settings (LoRA: the base weights never train)
    int64_t opensAtStep = 0;     // gradual unfreezing: the first optimizer step (1-based) it trains in; 0 = from the start
};

struct LayerMap {
    std::vector<LayerRow> rows;  // bottom-up: embeddings, block 0 … block n-1, head
    int64_t numBlocks = 0;
    int64_t totalParams = 0, trainableParams = 0;
    bool lora = false;           // adapters train instead (their count is in the memory estimate)
};

Result<LayerMap> layerMap(const JobConfig& job);

}  // namespace ft::api

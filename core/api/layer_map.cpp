#include "core/api/layer_map.h"

#include <algorithm>

#include "core/api/weight_shapes.h"
#include "core/io/hf_config.h"
#include "core/train/freezing.h"

namespace ft::api {

Result<LayerMap> layerMap(const JobConfig& job) {
    auto config = io::readModelConfig(std::filesystem::path(job.model.path) / "config.json");
    if (!config) return config.error();
    auto tensors = detail::readShapes(job.model.path);
    if (!tensors) return tensors.error();
    LayerMap map;
    map.numBlocks = std::max<int64_t>(1, io::numLayers(*config));
    map.lora = job.lora.enabled;
    // Depth d: 0 embeddings, 1 … n the blocks, n + 1 the head.
    map.rows.resize(static_cast<size_t>(map.numBlocks + 2));
    for (int64_t d = 0; d < map.numBlocks + 2; ++d) {
        LayerRow& row = map.rows[static_cast<size_t>(d)];
        row.kind = d == 0 ? LayerRow::Kind::Embeddings : d == map.numBlocks + 1 ? LayerRow::Kind::Head : LayerRow::Kind::Block;
        row.block = row.kind == LayerRow::Kind::Block ? d - 1 : -1;
        row.trainable = !job.lora.enabled && (job.model.fromScratch || !train::frozenBySettings(job.freezing, d, map.numBlocks));
        // Top-down, one block every K steps (train::gradualUnfreezeFloor, which counts steps from 0):
        // depth d trains from the step numbered K·(n + 1 − d) + 1.
        if (job.freezing.gradualUnfreezeSteps > 0 && d <= map.numBlocks)
            row.opensAtStep = job.freezing.gradualUnfreezeSteps * (map.numBlocks + 1 - d) + 1;
    }
    for (const auto& t : *tensors) {
        const int64_t depth = std::clamp<int64_t>(detail::depthOf(t.name, map.numBlocks), 0, map.numBlocks + 1);
        LayerRow& row = map.rows[static_cast<size_t>(depth)];
        row.parameters += t.numel;
        map.totalParams += t.numel;
        if (row.trainable) map.trainableParams += t.numel;
    }
    return map;
}

}  // namespace ft::api

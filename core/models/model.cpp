#include "core/models/model.h"

#include "core/common/strings.h"

namespace ft::models {

std::vector<LayerGroup> groupByBlockPrefix(const torch::nn::Module& model, const std::string& blockPrefix,
                                           int64_t numBlocks, const std::vector<std::string>& embeddingPrefixes) {
    std::vector<LayerGroup> groups(static_cast<size_t>(numBlocks + 2));
    groups[0].name = "embeddings";
    for (int64_t i = 0; i < numBlocks; ++i) groups[i + 1] = {"block." + std::to_string(i), i + 1, {}};
    groups[numBlocks + 1] = {"head", numBlocks + 1, {}};
    for (const auto& item : model.named_parameters(true)) {
        const std::string& name = item.key();
        bool placed = false;
        for (const auto& p : embeddingPrefixes)
            if (!placed && startsWith(name, p)) groups[0].parameterNames.push_back(name), placed = true;
        if (!placed && startsWith(name, blockPrefix)) {
            const int64_t block = std::stoll(name.substr(blockPrefix.size(), name.find('.', blockPrefix.size()) - blockPrefix.size()));
            groups[block + 1].parameterNames.push_back(name);
            placed = true;
        }
        if (!placed) groups[numBlocks + 1].parameterNames.push_back(name);  // final norm, pooler, head
    }
    return groups;
}

}  // namespace ft::models

#include "core/models/kv_cache.h"

#include <torch/torch.h>

namespace ft::models {

std::pair<torch::Tensor, torch::Tensor> KvCache::append(size_t layer, const torch::Tensor& k, const torch::Tensor& v) {
    if (keys.size() <= layer) keys.resize(layer + 1), values.resize(layer + 1);
    keys[layer] = keys[layer].defined() ? torch::cat({keys[layer], k}, 2) : k;
    values[layer] = values[layer].defined() ? torch::cat({values[layer], v}, 2) : v;
    return {keys[layer], values[layer]};
}

}  // namespace ft::models

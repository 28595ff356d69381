#include "core/api/weight_shapes.h"

#include <algorithm>
#include <cctype>

#include "core/io/safetensors.h"

namespace ft::api::detail {
namespace fs = std::filesystem;

Result<std::vector<TensorShape>> readShapes(const std::filesystem::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.path().extension() == ".safetensors") files.push_back(entry.path());
    if (ec) return makeError("model.not_found", "cannot read the model folder: " + ec.message(), folder.string());
    if (files.empty()) return makeError("model.no_weights", "the model folder has no .safetensors weights", folder.string());
    std::sort(files.begin(), files.end());
    std::vector<TensorShape> out;
    for (const auto& file : files) {
        auto st = io::SafetensorsFile::open(file);
        if (!st) return st.error();
        for (const auto& t : st->tensors()) out.push_back({t.name, t.shape, t.numel()});
    }
    return out;
}

int64_t blockOf(const std::string& name) {
    for (const char* key : {"h.", "layers.", "layer."}) {
        size_t at = 0;
        while ((at = name.find(key, at)) != std::string::npos) {
            const bool startsSegment = at == 0 || name[at - 1] == '.';
            size_t digits = at + std::char_traits<char>::length(key);
            size_t end = digits;
            while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end]))) ++end;
            if (startsSegment && end > digits && end < name.size() && name[end] == '.')
                return std::stoll(name.substr(digits, end - digits));
            at = digits;
        }
    }
    return -1;
}

bool isEmbedding(const std::string& name) {
    for (const char* key : {"wte.", "wpe.", "embed_tokens.", "embeddings."})
        if (name.find(key) != std::string::npos) return true;
    return false;
}

int64_t depthOf(const std::string& name, int64_t numBlocks) {
    const int64_t block = blockOf(name);
    return block >= 0 ? block + 1 : isEmbedding(name) ? 0 : numBlocks + 1;
}

}  // namespace ft::api::detail

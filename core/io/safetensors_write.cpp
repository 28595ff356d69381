// Writing side of safetensors.h: the reference writer's layout (formats.md §1.5), written atomically.
#include <algorithm>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"
#include "core/io/safetensors.h"
#include "core/io/utf8.h"

namespace ft::io {
namespace {

Error writeFail(const std::filesystem::path& file, const std::string& code, const std::string& what,
                const std::string& tensor = {}) {
    std::string msg = "Cannot write safetensors file " + file.string();
    if (!tensor.empty()) msg += ", tensor \"" + tensor + "\"";
    return makeError(code, msg + ": " + what, file.string(), -1, tensor);
}

Status checkTensor(const std::filesystem::path& file, const TensorView& t) {
    if (!isValidUtf8(t.name)) return writeFail(file, "safetensors.invalid_utf8", "the name is not UTF-8.", t.name);
    if (t.name == "__metadata__")
        return writeFail(file, "safetensors.invalid_header", "\"__metadata__\" is reserved.", t.name);
    uint64_t numel = 1;
    for (int64_t d : t.shape) {
        if (d < 0)
            return writeFail(file, "safetensors.tensor_invalid_info", "the shape has a negative dimension.", t.name);
        if (__builtin_mul_overflow(numel, static_cast<uint64_t>(d), &numel))
            return writeFail(file, "safetensors.overflow", "the element count overflows.", t.name);
    }
    uint64_t nbytes = 0;
    if (__builtin_mul_overflow(numel, static_cast<uint64_t>(dtypeSize(t.dtype)), &nbytes))
        return writeFail(file, "safetensors.overflow", "the byte size overflows.", t.name);
    if (nbytes != t.nbytes)
        return writeFail(file, "safetensors.tensor_invalid_info",
                         "nbytes is " + std::to_string(t.nbytes) + " but shape and " + dtypeName(t.dtype) +
                             " need " + std::to_string(nbytes) + ".",
                         t.name);
    if (t.nbytes > 0 && t.data == nullptr)
        return writeFail(file, "safetensors.tensor_invalid_info", "the data pointer is null.", t.name);
    return Status::success();
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

}  // namespace

Status writeSafetensors(const std::filesystem::path& file, const std::vector<TensorView>& tensors,
                        const std::map<std::string, std::string>& metadata) {
    std::set<std::string_view> names;
    for (const TensorView& t : tensors) {
        Status s = checkTensor(file, t);
        if (!s) return s;
        if (!names.insert(t.name).second)
            return writeFail(file, "safetensors.duplicate_tensor", "the name appears twice.", t.name);
    }
    std::map<std::string, std::string> meta = metadata;
    meta["format"] = "pt";
    for (const auto& [k, v] : meta)
        if (!isValidUtf8(k) || !isValidUtf8(v))
            return writeFail(file, "safetensors.invalid_utf8", "metadata key \"" + k + "\" is not UTF-8.");

    // Reference order: highest-alignment dtypes first so every tensor stays naturally aligned.
    std::vector<const TensorView*> order;
    for (const TensorView& t : tensors) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const TensorView* a, const TensorView* b) {
        const int ra = dtypeWriterRank(a->dtype), rb = dtypeWriterRank(b->dtype);
        return ra != rb ? ra > rb : a->name < b->name;
    });

    // Built by hand: nlohmann objects sort their keys, the format wants __metadata__ first and then
    // the tensors in offset order (compact, like serde_json).
    std::string header = "{\"__metadata__\":{";
    bool first = true;
    for (const auto& [k, v] : meta) {
        header += (first ? "" : ",") + quoted(k) + ":" + quoted(v);
        first = false;
    }
    header += "}";
    uint64_t offset = 0;
    for (const TensorView* t : order) {
        header += "," + quoted(t->name) + ":{\"dtype\":\"" + dtypeName(t->dtype) + "\",\"shape\":[";
        for (size_t i = 0; i < t->shape.size(); ++i) header += (i ? "," : "") + std::to_string(t->shape[i]);
        header += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + t->nbytes) + "]}";
        offset += t->nbytes;
    }
    header += "}";
    header.append((8 - header.size() % 8) % 8, ' ');

    unsigned char lengthLe[8];
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) lengthLe[i] = static_cast<unsigned char>(n >> (8 * i));

    std::vector<ByteChunk> chunks{{lengthLe, 8}, {header.data(), header.size()}};
    for (const TensorView* t : order) chunks.emplace_back(t->data, t->nbytes);
    return writeFileAtomic(file, chunks);
}

}  // namespace ft::io

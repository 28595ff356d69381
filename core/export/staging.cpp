#include "core/export/staging.h"

#include <fstream>

#include <torch/torch.h>

#include "core/io/remove_tree.h"
#include "core/models/weights.h"

namespace ft::exporting {
namespace fs = std::filesystem;

Result<fs::path> beginStaging(const fs::path& folder) {
    std::error_code ec;
    const fs::path staging = folder.parent_path() / (folder.filename().string() + ".partial");
    io::removeTree(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) return makeError("export.write_failed", "cannot create " + staging.string() + ": " + ec.message(), staging.string());
    return staging;
}

Status commitStaging(const fs::path& staging, const fs::path& folder) {
    std::error_code ec;
    const fs::path old = folder.parent_path() / (folder.filename().string() + ".old");
    io::removeTree(old, ec);
    if (fs::exists(folder)) fs::rename(folder, old, ec);
    fs::rename(staging, folder, ec);
    if (ec) return makeError("export.write_failed", "cannot move the export into place: " + ec.message(), folder.string());
    io::removeTree(old, ec);
    return Status::success();
}

Status writeText(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return makeError("export.write_failed", "cannot write " + file.filename().string(), file.string());
    return Status::success();
}

Result<torch::ScalarType> parseFloatDtype(const std::string& name) {
    if (name == "float32") return torch::kFloat32;
    if (name == "float16") return torch::kFloat16;
    if (name == "bfloat16") return torch::kBFloat16;
    return makeError("export.invalid_dtype", "the export dtype must be float32, float16 or bfloat16, not '" + name + "'", {}, -1, "dtype");
}

Result<TensorViews> toTensorViews(const std::vector<std::pair<std::string, torch::Tensor>>& tensors, const std::string& floatDtype) {
    std::optional<torch::ScalarType> cast;
    if (!floatDtype.empty()) {
        auto parsed = parseFloatDtype(floatDtype);
        if (!parsed) return parsed.error();
        cast = *parsed;
    }
    TensorViews out;
    out.keep.reserve(tensors.size());
    for (const auto& [name, tensor] : tensors) {
        torch::Tensor t = tensor.detach().to(torch::kCPU);
        if (cast && t.is_floating_point()) t = t.to(*cast);
        t = t.contiguous();
        auto dtype = models::toDType(t.scalar_type());
        if (!dtype) return dtype.error();
        out.keep.push_back(t);
        io::TensorView v;
        v.name = name;
        v.dtype = *dtype;
        v.shape.assign(t.sizes().begin(), t.sizes().end());
        v.data = t.data_ptr();
        v.nbytes = static_cast<size_t>(t.numel()) * t.element_size();
        out.views.push_back(std::move(v));
    }
    return out;
}

}  // namespace ft::exporting

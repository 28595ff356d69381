#include "core/models/weights.h"

#include <algorithm>
#include <map>
#include <sstream>

#include <torch/torch.h>

#include "core/common/strings.h"

namespace ft::models {
namespace {

bool anySuffix(const std::string& s, const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return endsWith(s, x); });
}
bool anyPrefix(const std::string& s, const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return startsWith(s, x); });
}

// Legacy LayerNorm names (TF-converted BERT) → current ones, as transformers renames them on load.
std::string modernName(std::string name) {
    if (endsWith(name, ".gamma")) return name.substr(0, name.size() - 6) + ".weight";
    if (endsWith(name, ".beta")) return name.substr(0, name.size() - 5) + ".bias";
    return name;
}

torch::ScalarType scalarTypeOf(io::DType d) {
    switch (d) {
    case io::DType::Bool: return torch::kBool;
    case io::DType::U8: return torch::kUInt8;
    case io::DType::I8: return torch::kInt8;
    case io::DType::I16: return torch::kInt16;
    case io::DType::I32: return torch::kInt32;
    case io::DType::I64: return torch::kInt64;
    case io::DType::F16: return torch::kFloat16;
    case io::DType::BF16: return torch::kBFloat16;
    case io::DType::F32: return torch::kFloat32;
    case io::DType::F64: return torch::kFloat64;
    }
    return torch::kFloat32;
}

}  // namespace

std::string shapeString(at::IntArrayRef shape) {
    std::ostringstream out;
    out << "[";
    for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
    out << "]";
    return out.str();
}

torch::Tensor toTensor(const io::TensorView& view, torch::ScalarType dtype) {
    std::vector<int64_t> shape(view.shape.begin(), view.shape.end());
    auto options = torch::TensorOptions().dtype(scalarTypeOf(view.dtype));
    if (view.nbytes == 0) return torch::empty(shape, options).to(dtype);
    // from_blob does not copy; the mmap is read-only, so copy before anyone can write.
    auto alias = torch::from_blob(const_cast<void*>(view.data), shape, options);
    return alias.to(dtype, /*non_blocking=*/false, /*copy=*/true);
}

Result<io::DType> toDType(torch::ScalarType type) {
    switch (type) {
    case torch::kBool: return io::DType::Bool;
    case torch::kUInt8: return io::DType::U8;
    case torch::kInt8: return io::DType::I8;
    case torch::kInt16: return io::DType::I16;
    case torch::kInt32: return io::DType::I32;
    case torch::kInt64: return io::DType::I64;
    case torch::kFloat16: return io::DType::F16;
    case torch::kBFloat16: return io::DType::BF16;
    case torch::kFloat32: return io::DType::F32;
    case torch::kFloat64: return io::DType::F64;
    default: break;
    }
    return makeError("weights.unsupported_dtype",
                     std::string("tensor type ") + c10::toString(type) + " cannot be stored in safetensors");
}

Status loadCheckpoint(torch::nn::Module& module, const io::Checkpoint& checkpoint, const LoadRules& rules,
                      LoadReport* reportOut) {
    LoadReport report;
    auto params = module.named_parameters(/*recurse=*/true);

    // Index the file's tensors under the model's naming.
    std::map<std::string, const io::TensorView*> byModelName;
    for (const std::string& fileName : checkpoint.names()) {
        std::string name = modernName(fileName);
        if (!rules.basePrefix.empty() && !params.contains(name) && params.contains(rules.basePrefix + name))
            name = rules.basePrefix + name;
        if (!params.contains(name)) {
            if (anySuffix(name, rules.ignoredSuffixes) || anyPrefix(name, rules.ignoredPrefixes))
                report.ignored.push_back(fileName);
            else
                report.unexpected.push_back(fileName);
            continue;
        }
        byModelName[name] = checkpoint.find(fileName);
    }

    std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;  // (parameter, value)
    for (const auto& item : params) {
        const std::string& name = item.key();
        torch::Tensor param = item.value();
        auto it = byModelName.find(name);
        if (it == byModelName.end()) {
            if (anyPrefix(name, rules.newParameterPrefixes))
                report.newlyInitialised.push_back(name);
            else
                report.missing.push_back(name);
            continue;
        }
        torch::Tensor value = toTensor(*it->second, param.scalar_type());
        const bool transposed = anySuffix(name, rules.transposedSuffixes) && value.dim() == 2;
        if (transposed) value = value.t().contiguous();
        if (value.sizes() != param.sizes()) {
            report.mismatched.push_back(name + ": file " + shapeString(it->second->shape) + (transposed ? " (transposed)" : "") +
                                        " vs model " + shapeString(param.sizes()));
            continue;
        }
        copies.emplace_back(param, value);
    }

    if (reportOut) *reportOut = report;
    if (!report.missing.empty() || !report.unexpected.empty() || !report.mismatched.empty()) {
        std::ostringstream msg;
        msg << "the weights do not match the model architecture";
        auto list = [&](const char* what, const std::vector<std::string>& names) {
            if (names.empty()) return;
            msg << "; " << names.size() << " " << what << ":";
            for (const auto& n : names) msg << " " << n;
        };
        list("missing", report.missing);
        list("unexpected", report.unexpected);
        list("with the wrong shape", report.mismatched);
        return makeError("weights.mismatch", msg.str(),
                         checkpoint.files().empty() ? std::string() : checkpoint.files().front().path().parent_path().string());
    }

    torch::NoGradGuard noGrad;
    for (auto& [param, value] : copies) param.copy_(value);
    return Status::success();
}

}  // namespace ft::models

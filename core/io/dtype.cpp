#include "core/io/dtype.h"

#include <array>

namespace ft::io {
namespace {

struct DTypeInfo {
    DType dtype;
    const char* name;
    size_t size;
    int writerRank;  // position in safetensors' `enum Dtype` (alignment order)
};

constexpr std::array<DTypeInfo, 10> kInfos{{
    {DType::Bool, "BOOL", 1, 0},
    {DType::U8, "U8", 1, 4},
    {DType::I8, "I8", 1, 5},
    {DType::I16, "I16", 2, 9},
    {DType::I32, "I32", 4, 13},
    {DType::I64, "I64", 8, 18},
    {DType::F16, "F16", 2, 11},
    {DType::BF16, "BF16", 2, 12},
    {DType::F32, "F32", 4, 15},
    {DType::F64, "F64", 8, 17},
}};

const DTypeInfo& info(DType dtype) {
    for (const DTypeInfo& i : kInfos)
        if (i.dtype == dtype) return i;
    return kInfos[0];  // unreachable for valid enum values
}

}  // namespace

const char* dtypeName(DType dtype) { return info(dtype).name; }
size_t dtypeSize(DType dtype) { return info(dtype).size; }
int dtypeWriterRank(DType dtype) { return info(dtype).writerRank; }

std::optional<DType> dtypeFromName(std::string_view name) {
    for (const DTypeInfo& i : kInfos)
        if (name == i.name) return i.dtype;
    return std::nullopt;
}

bool isKnownUnsupportedDtype(std::string_view name) {
    // LibTorch 1.13 has no float8 / unsigned 16-64 / sub-byte types to hand these to.
    static constexpr std::array<std::string_view, 11> kUnsupported{
        "F4", "F6_E2M3", "F6_E3M2", "F8_E5M2", "F8_E4M3", "F8_E8M0",
        "F8_E4M3FNUZ", "F8_E5M2FNUZ", "U16", "U32", "U64"};
    if (name == "C64") return true;
    for (std::string_view n : kUnsupported)
        if (name == n) return true;
    return false;
}

}  // namespace ft::io

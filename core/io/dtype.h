#pragma once
// Element types of safetensors files, spelled exactly as the reference (safetensors tensor.rs `Dtype`).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ft::io {

enum class DType : uint8_t { Bool, U8, I8, I16, I32, I64, F16, BF16, F32, F64 };

const char* dtypeName(DType dtype);  // "F32", "BF16", "BOOL", ...
size_t dtypeSize(DType dtype);       // bytes per element
// A dtype this program can read and write; nullopt for every other string.
std::optional<DType> dtypeFromName(std::string_view name);
// True for spellings the reference knows but we refuse (F8_*, U16/U32/U64, C64, F4, F6_*):
// they deserve "unsupported" rather than "invalid header".
bool isKnownUnsupportedDtype(std::string_view name);
// Rank in the reference's enum order; the writer sorts by it (descending) to keep tensors aligned.
int dtypeWriterRank(DType dtype);

}  // namespace ft::io

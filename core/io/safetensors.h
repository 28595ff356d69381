#pragma once
// safetensors (https://github.com/huggingface/safetensors) reader and writer, validating every rule of
// the reference reader (formats.md §1.4) and laying files out exactly like the reference writer (§1.5).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/io/dtype.h"
#include "core/io/mapped_file.h"

namespace ft::io {

// A tensor's description and bytes (little-endian, row-major). Does not own `data`.
struct TensorView {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;  // outermost first; empty = scalar
    const void* data = nullptr;
    size_t nbytes = 0;

    int64_t numel() const;
};

class SafetensorsFile {
public:
    // Maps the file read-only and validates its header; tensor data is paged in on first touch.
    static Result<SafetensorsFile> open(const std::filesystem::path& file);

    SafetensorsFile(SafetensorsFile&&) noexcept = default;
    SafetensorsFile& operator=(SafetensorsFile&&) noexcept = default;
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::vector<TensorView>& tensors() const { return m_tensors; }  // in data-offset order
    const TensorView* find(std::string_view name) const;                  // nullptr if absent
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const std::filesystem::path& path() const { return m_path; }

private:
    SafetensorsFile() = default;

    std::filesystem::path m_path;
    MappedFile m_map;
    std::vector<TensorView> m_tensors;
    std::map<std::string, size_t, std::less<>> m_byName;  // name -> index in m_tensors
    std::map<std::string, std::string> m_metadata;
};

// Atomic (sibling temp file + fsync + rename), header padded with spaces to a multiple of 8,
// `__metadata__` first with "format" forced to "pt" (transformers refuses other values), tensors in
// the reference writer's order (dtype alignment descending, then name ascending). Rejects duplicate
// names, nbytes != numel * dtype size, and names or metadata that are not UTF-8.
Status writeSafetensors(const std::filesystem::path& file, const std::vector<TensorView>& tensors,
                        const std::map<std::string, std::string>& metadata = {});

}  // namespace ft::io

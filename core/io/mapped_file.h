#pragma once
// A read-only memory map of a whole file. Move-only; unmaps in the destructor. The mapping's address
// never changes when the object moves, so pointers into it stay valid for the object's lifetime.

#include <cstddef>
#include <filesystem>

#include "core/common/result.h"

namespace ft::io {

class MappedFile {
public:
    static Result<MappedFile> open(const std::filesystem::path& file);

    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const unsigned char* data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    void release();

    const unsigned char* m_data = nullptr;  // nullptr for an empty file (mmap refuses length 0)
    size_t m_size = 0;
};

}  // namespace ft::io

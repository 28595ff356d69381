#pragma once
// Deletes a folder and everything in it (or a file), without std::filesystem::remove_all: in a
// process that loads the PyTorch 2.x wheels' libtorch, libstdc++'s remove_all jumps to a null
// address (seen with GCC 13 on the CUDA build machine), so every deletion goes through POSIX here.

#include <filesystem>
#include <system_error>

namespace ft::io {

// Like remove_all: a missing path is not an error. Returns false and sets `error` on failure.
bool removeTree(const std::filesystem::path& path, std::error_code& error);

}  // namespace ft::io

#include "core/io/remove_tree.h"

#include <cerrno>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ft::io {

namespace {
int removeEntry(const char* path, const struct stat*, int type, struct FTW*) {
    const int rc = type == FTW_DP ? ::rmdir(path) : ::unlink(path);
    return rc == 0 || errno == ENOENT ? 0 : errno;
}
}  // namespace

bool removeTree(const std::filesystem::path& path, std::error_code& error) {
    error.clear();
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) return true;
        error = std::error_code(errno, std::generic_category());
        return false;
    }
    // Depth first (children before their folder), never following symbolic links out of the tree.
    const int rc = ::nftw(path.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS);
    if (rc != 0) {
        error = std::error_code(rc > 0 ? rc : errno, std::generic_category());
        return false;
    }
    return true;
}

}  // namespace ft::io

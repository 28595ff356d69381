#pragma once
// Sizes for people: "469 MB", "21.8 GB" (binary units, as the OS tools show memory).

#include <cstdint>
#include <cstdio>
#include <string>

namespace ft {

inline std::string humanBytes(int64_t bytes) {
    char buf[32];
    if (bytes < (int64_t(1) << 30)) std::snprintf(buf, sizeof buf, "%.0f MB", double(bytes) / double(1 << 20));
    else std::snprintf(buf, sizeof buf, "%.1f GB", double(bytes) / double(int64_t(1) << 30));
    return buf;
}

}  // namespace ft

#include "core/api/hardware.h"

#include <torch/torch.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <thread>

#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#include <unistd.h>
#endif

namespace ft::api {

Hardware detectHardware() {
    Hardware h;
    h.cpuCores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    try {
        h.cudaDevices = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
    } catch (const std::exception&) {
        h.cudaDevices = 0;  // a broken driver is no GPU
    }
    return h;
}

int64_t peakResidentBytes() {
    std::ifstream status("/proc/self/status");
    for (std::string key; status >> key;) {
        if (key == "VmHWM:") {
            int64_t kib = -1;
            status >> kib;
            return kib >= 0 ? kib * 1024 : -1;
        }
        status.ignore(4096, '\n');
    }
    return -1;
}

int64_t availableMemoryBytes(bool cuda) {
#if defined(__unix__) || defined(__APPLE__)
    if (cuda) {
        // The CUDA runtime that LibTorch loaded, looked up by name: no CUDA headers at build time.
        using MemGetInfo = int (*)(size_t*, size_t*);
        if (detectHardware().cudaDevices == 0) return -1;
        auto memGetInfo = reinterpret_cast<MemGetInfo>(dlsym(RTLD_DEFAULT, "cudaMemGetInfo"));
        size_t freeBytes = 0, totalBytes = 0;
        if (!memGetInfo || memGetInfo(&freeBytes, &totalBytes) != 0) return -1;
        return static_cast<int64_t>(freeBytes);
    }
    std::ifstream meminfo("/proc/meminfo");
    for (std::string key; meminfo >> key;) {
        int64_t kib = 0;
        meminfo >> kib;
        if (key == "MemAvailable:") return kib * 1024;
        meminfo.ignore(256, '\n');
    }
#if defined(_SC_AVPHYS_PAGES)
    const long pages = sysconf(_SC_AVPHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0) return static_cast<int64_t>(pages) * pageSize;
#endif
#endif
    (void)cuda;
    return -1;
}

}  // namespace ft::api

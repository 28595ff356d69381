#include "core/train/training_heap.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ft::train {

namespace {

// The settings are the process's: the first of several runs at once applies them, the last restores.
std::mutex g_mutex;
int g_runs = 0;
bool g_applied = false;

[[maybe_unused]] bool userTunedMalloc() {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.") != nullptr) return true;
    for (const char* name : {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"})
        if (std::getenv(name)) return true;  // glibc's older spelling of the same settings
    return false;
}

}  // namespace

TrainingHeap::TrainingHeap() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_runs++ > 0) {
        m_active = g_applied;
        return;
    }
#if defined(__GLIBC__)
    if (userTunedMalloc()) return;
    // Both at once: setting either turns glibc's on-the-fly adjustment off, and the threshold would stay
    // at its 128 KiB start, putting every larger tensor in a fresh mapping of its own.
    g_applied = mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThreshold)) == 1 &&
                mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max()) == 1;
#endif
    m_active = g_applied;
}

TrainingHeap::~TrainingHeap() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (--g_runs > 0 || !g_applied) return;
    g_applied = false;
#if defined(__GLIBC__)
    // The mmap threshold stays at 32 MiB, where glibc's own adjustment tops out (it cannot be turned
    // back on); trimming returns at twice that, as glibc would set it.
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(kTrimThresholdAfter));
    malloc_trim(0);
#endif
}

}  // namespace ft::train

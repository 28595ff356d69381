#include "core/train/training_heap.h"

#include <cstdlib>
#include <cstring>
#include <limits>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ft::train {

namespace {

bool userTunedMalloc() {
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    return tunables && std::strstr(tunables, "glibc.malloc.") != nullptr;
}

}  // namespace

TrainingHeap::TrainingHeap() {
#if defined(__GLIBC__)
    if (userTunedMalloc()) return;
    // Both at once: setting either turns glibc's on-the-fly adjustment off, and the threshold would stay
    // at its 128 KiB start, putting every larger tensor in a fresh mapping of its own.
    m_active = mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThreshold)) == 1 &&
               mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max()) == 1;
#endif
}

TrainingHeap::~TrainingHeap() {
#if defined(__GLIBC__)
    if (!m_active) return;
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(kTrimThresholdAfter));
    malloc_trim(0);
#endif
}

}  // namespace ft::train

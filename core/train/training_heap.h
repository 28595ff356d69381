#pragma once

#include <cstddef>

namespace ft::train {

// While a run trains, the C heap keeps the blocks a training step frees for the next step instead of
// handing them back to the kernel.
//
// Why: every step allocates and frees the same activations and gradients. glibc's malloc returns the
// free top of a heap to the kernel once it exceeds the trim threshold, which glibc sets on the fly to
// twice the largest block it has unmapped so far (128 KiB at first, 64 MiB at most); a step frees far
// more than that at once, so the heap shrinks after nearly every step and the next step faults the same
// pages back in, zero-filled. Measured in `finetune train` on the tiny GPT-2 (B8 T64): ~2,000 page
// faults per step, ~18 % of the step's time (how much depends on what the process freed before: a
// process that once freed large blocks trims less). With trimming off while the run lasts and blocks up
// to 32 MiB (glibc's largest automatic threshold) taken from the heap, faults fall to a few per step;
// the peak resident memory is what a step needs either way.
//
// Leaving scope sets a finite trim threshold again and returns the free heap to the kernel, so an app
// that stays open after a run does not keep its peak; with several runs at once, the last one to end
// does. Only with glibc; elsewhere, and when the user set glibc.malloc.* tunables in GLIBC_TUNABLES
// (or the older MALLOC_*_ variables: their choice wins), it does nothing.
class TrainingHeap {
public:
    TrainingHeap();
    ~TrainingHeap();
    TrainingHeap(const TrainingHeap&) = delete;
    TrainingHeap& operator=(const TrainingHeap&) = delete;

    bool active() const { return m_active; }

    static constexpr std::size_t kMmapThreshold = std::size_t(32) << 20;  // glibc's DEFAULT_MMAP_THRESHOLD_MAX (64-bit)
    static constexpr std::size_t kTrimThresholdAfter = 2 * kMmapThreshold;  // where glibc's own adjustment would be

private:
    bool m_active = false;
};

}  // namespace ft::train

#pragma once
// What this machine can train on, for the Configure step and `finetune estimate` (torch-free).

#include <cstdint>

namespace ft::api {

struct Hardware {
    int cpuCores = 1;      // logical cores (the default thread count)
    int cudaDevices = 0;   // GPUs LibTorch can use: 0 in a CPU-only build or on a machine without one
};

Hardware detectHardware();

// Memory free for a training run now, in bytes: the computer's available memory (MemAvailable), or
// with `cuda` the first GPU's free memory. -1 when it cannot be told.
int64_t availableMemoryBytes(bool cuda);

// This process's peak resident memory so far (VmHWM: the program's own, not what a parent that
// started it had), in bytes. -1 when the system does not tell (only Linux does).
int64_t peakResidentBytes();

}  // namespace ft::api

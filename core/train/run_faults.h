#pragma once
// The two ways a healthy run can still fail on a user's machine — memory and disk — recognised, so
// that the run stops with advice instead of a raw allocator or stream message.

#include <exception>
#include <filesystem>
#include <string>

#include "core/api/job_config.h"

namespace ft::train {

// LibTorch's CPU allocator ("can't allocate memory"), the CUDA caching allocator ("out of memory"),
// or std::bad_alloc.
bool isOutOfMemory(const std::exception& e);

// What to change so that the job fits: half the batch with twice the accumulation (the same
// effective batch), a shorter max_length, bf16, LoRA or frozen blocks — whichever the job does not
// use yet.
std::string outOfMemoryAdvice(const api::JobConfig& job);

// After a write into `folder` failed: whether its file system has no room left for us (a 1 MiB probe
// write fails with ENOSPC, EDQUOT or EFBIG). `detail` gets the system's words and the free space.
bool diskIsFull(const std::filesystem::path& folder, std::string& detail);

}  // namespace ft::train

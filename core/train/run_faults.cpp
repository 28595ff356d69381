#include "core/train/run_faults.h"

#include <cerrno>
#include <cstring>
#include <new>
#include <vector>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "core/common/byte_size.h"

namespace ft::train {
namespace fs = std::filesystem;

bool isOutOfMemory(const std::exception& e) {
    if (dynamic_cast<const std::bad_alloc*>(&e)) return true;
    const std::string what = e.what();
    for (const char* marker : {"can't allocate memory", "out of memory", "Out of memory", "OutOfMemory", "CUBLAS_STATUS_ALLOC_FAILED"})
        if (what.find(marker) != std::string::npos) return true;
    return false;
}

std::string outOfMemoryAdvice(const api::JobConfig& job) {
    const auto& t = job.training;
    std::vector<std::string> ideas;
    if (t.batchSize > 1)
        ideas.push_back("batch_size " + std::to_string((t.batchSize + 1) / 2) + " with grad_accum_steps " + std::to_string(t.gradAccumSteps * 2) +
                        " (the same effective batch)");
    if (job.data.maxLength > 32) ideas.push_back("a shorter max_length (now " + std::to_string(job.data.maxLength) + " tokens)");
    if (t.precision == "fp32") ideas.push_back("precision \"bf16\"");
    if (!job.lora.enabled) ideas.push_back("LoRA");
    if (!job.lora.enabled && job.freezing.lowerBlocks == 0 && !job.freezing.headOnly) ideas.push_back("freezing the lower blocks");
    std::string out = "try ";
    for (size_t i = 0; i < ideas.size(); ++i) out += (i == 0 ? "" : i + 1 == ideas.size() ? " or " : ", ") + ideas[i];
    if (ideas.empty()) out = "this job needs more memory than this machine has free; close other programs or use a smaller model";
    return out + " (`finetune estimate JOB` checks a setting before it runs)";
}

bool diskIsFull(const fs::path& folder, std::string& detail) {
    const fs::path probe = folder / ".ft-space-probe";
    int err = 0;
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        err = errno;
    } else {
        const std::vector<char> block(1 << 20, 0);
        size_t written = 0;
        while (written < block.size()) {
            const ssize_t n = ::write(fd, block.data() + written, block.size() - written);
            if (n < 0) {
                if (errno == EINTR) continue;
                err = errno;
                break;
            }
            written += static_cast<size_t>(n);
        }
        if (err == 0 && ::fsync(fd) != 0) err = errno;
        ::close(fd);
        ::unlink(probe.c_str());
    }
    if (err != ENOSPC && err != EDQUOT && err != EFBIG) return false;
    detail = std::strerror(err);
    struct statvfs fsStats {};
    if (::statvfs(folder.c_str(), &fsStats) == 0)
        detail += "; " + humanBytes(static_cast<int64_t>(fsStats.f_bavail) * static_cast<int64_t>(fsStats.f_frsize)) + " free";
    return true;
}

}  // namespace ft::train

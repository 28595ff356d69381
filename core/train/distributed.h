#pragma once
// Data-parallel training on LibTorch's own c10d: a TCPStore on rank 0 for the rendezvous, then a Gloo
// process group (CPU tensors) or an NCCL one (CUDA, when LibTorch was built with it). The trainer talks
// to this class only; for a single process every call returns at once and changes nothing.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/api/distributed_launch.h"
#include "core/common/result.h"

namespace ft::train {

// Whether this build has c10d with Gloo (FT_HAVE_C10D, decided by cmake/FtDistributed.cmake).
bool c10dCompiledIn();

class Distributed {
public:
    Distributed();  // a single process
    ~Distributed();
    Distributed(const Distributed&) = delete;
    Distributed& operator=(const Distributed&) = delete;

    // Joins the job's process group; blocks until every rank has joined or `timeout` passed. Collectives
    // that get no answer within `timeout` fail, as do all of them once a peer process has died.
    // A launch with world size 1 gives the single-process instance.
    static Result<std::unique_ptr<Distributed>> connect(const api::DistributedLaunch& launch,
                                                        const torch::Device& device,
                                                        std::chrono::milliseconds timeout);

    int rank() const { return m_rank; }
    int worldSize() const { return m_worldSize; }
    bool isMain() const { return m_rank == 0; }  // rank 0 writes the run folder and reports events
    bool active() const { return m_worldSize > 1; }

    // Rank 0's `value` on every rank (a short string such as the run folder), through the store.
    Result<std::string> fromMain(const std::string& key, const std::string& value);
    // Rank 0's tensors copied into every rank's, in place (initial parameters).
    Status broadcastTensors(const std::vector<torch::Tensor>& tensors);
    // Sums the parameters' gradients over the ranks in place (a few flattened buckets). A gradient no
    // rank produced stays undefined; a rank that produced none for a parameter adds zeros.
    Status sumGradients(const std::vector<torch::Tensor>& parameters);
    // Element-wise sum of a few numbers over the ranks (the step's loss and counts, flags).
    Status sum(std::vector<double>& values);
    // Rank 0's numbers on every rank (decisions taken after an evaluation).
    Status broadcast(std::vector<double>& values);
    // Every rank's `tensor` (same shape and dtype everywhere), in rank order.
    Result<std::vector<torch::Tensor>> allGather(const torch::Tensor& tensor);
    // Runs `work` on rank 0 only (writing checkpoints); the other ranks wait for its outcome through the
    // store, with a generous timeout since a large checkpoint may take a while, and fail if it failed.
    Status onMain(const std::string& what, const std::function<Status()>& work);

    // Debugging and tests: with FT_DEBUG_PARAM_DIGESTS=DIR each rank appends "step digest" lines to
    // DIR/rank-R.txt, the digest being a hash of the exact bytes of every parameter.
    void recordDigest(int64_t step, const std::vector<torch::Tensor>& parameters);

private:
    struct Group;  // the c10d objects; absent for a single process
    std::unique_ptr<Group> m_group;
    int m_rank = 0;
    int m_worldSize = 1;
    std::string m_digestDir;
};

}  // namespace ft::train

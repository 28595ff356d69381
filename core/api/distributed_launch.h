#pragma once
// How a `finetune train` process was started: alone, or as one worker of a data-parallel job launched
// the way `torchrun` launches workers. Plain data read from the environment; no torch here.

#include <string>

#include "core/common/result.h"

namespace ft::api {

struct DistributedLaunch {
    int rank = 0;               // RANK: 0 .. WORLD_SIZE-1; rank 0 writes the run folder
    int worldSize = 1;          // WORLD_SIZE: number of worker processes (1 = a normal single-process run)
    int localRank = 0;          // LOCAL_RANK: index on this machine; picks the GPU (cuda:LOCAL_RANK)
    int localWorldSize = 1;     // LOCAL_WORLD_SIZE: workers on this machine; they share its cores
    std::string masterAddr;     // MASTER_ADDR: host of rank 0, which serves the rendezvous store
    int masterPort = 0;         // MASTER_PORT: TCP port of that store
    std::string glooInterface;  // GLOO_SOCKET_IFNAME: Gloo's network interface ("" = this host's name)
    std::string digestDir;      // FT_DEBUG_PARAM_DIGESTS: folder for per-rank parameter digests (tests)

    bool distributed() const { return worldSize > 1; }
};

// Reads the variables named above. WORLD_SIZE unset or 1: a single-process run. Malformed or missing
// values are errors naming the variable.
Result<DistributedLaunch> distributedLaunchFromEnvironment();

// Whether this build can join a process group (LibTorch's c10d with Gloo was found at build time).
bool distributedTrainingAvailable();

}  // namespace ft::api

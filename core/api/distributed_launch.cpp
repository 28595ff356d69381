#include "core/api/distributed_launch.h"

#include <cstdlib>

#include "core/train/distributed.h"

namespace ft::api {

namespace {

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

Result<int> intVariable(const char* name, int fallback, int low, int high) {
    const char* text = env(name);
    if (!text) return fallback;
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (*end != '\0' || v < low || v > high)
        return makeError("dist.invalid_environment",
                         std::string("the environment variable ") + name + "='" + text +
                             "' must be a whole number in [" + std::to_string(low) + ", " +
                             std::to_string(high) + "]",
                         {}, -1, name);
    return static_cast<int>(v);
}

}  // namespace

Result<DistributedLaunch> distributedLaunchFromEnvironment() {
    DistributedLaunch launch;
    if (const char* dir = env("FT_DEBUG_PARAM_DIGESTS")) launch.digestDir = dir;
    if (const char* ifname = env("GLOO_SOCKET_IFNAME")) launch.glooInterface = ifname;
    auto world = intVariable("WORLD_SIZE", 1, 1, 1 << 20);
    if (!world) return world.error();
    launch.worldSize = *world;
    if (launch.worldSize == 1) return launch;

    auto rank = intVariable("RANK", -1, 0, launch.worldSize - 1);
    if (!rank) return rank.error();
    if (*rank < 0)
        return makeError("dist.invalid_environment",
                         "WORLD_SIZE is " + std::to_string(launch.worldSize) + " but RANK is not set", {}, -1,
                         "RANK");
    launch.rank = *rank;
    auto localRank = intVariable("LOCAL_RANK", 0, 0, 1 << 20);
    if (!localRank) return localRank.error();
    launch.localRank = *localRank;
    auto localWorld = intVariable("LOCAL_WORLD_SIZE", 1, 1, 1 << 20);
    if (!localWorld) return localWorld.error();
    launch.localWorldSize = *localWorld;
    const char* addr = env("MASTER_ADDR");
    if (!addr)
        return makeError("dist.invalid_environment",
                         "WORLD_SIZE is set but MASTER_ADDR is not (the host of rank 0)", {}, -1,
                         "MASTER_ADDR");
    launch.masterAddr = addr;
    auto port = intVariable("MASTER_PORT", -1, 1, 65535);
    if (!port) return port.error();
    if (*port < 0)
        return makeError("dist.invalid_environment",
                         "WORLD_SIZE is set but MASTER_PORT is not (a free TCP port on rank 0's host)", {},
                         -1, "MASTER_PORT");
    launch.masterPort = *port;
    return launch;
}

bool distributedTrainingAvailable() {
    return train::c10dCompiledIn();
}

}  // namespace ft::api

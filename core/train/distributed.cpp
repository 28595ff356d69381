#include "core/train/distributed.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <torch/torch.h>

#ifdef FT_HAVE_C10D
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/version.h>
#ifdef FT_HAVE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#endif

namespace ft::train {

namespace {

uint64_t fnv1a(const torch::Tensor& t, uint64_t h) {
    const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
    const auto* bytes = static_cast<const unsigned char*>(c.data_ptr());
    for (size_t i = 0; i < c.nbytes(); ++i) h = (h ^ bytes[i]) * 1099511628211ULL;
    return h;
}

}  // namespace

bool c10dCompiledIn() {
#ifdef FT_HAVE_C10D
    return true;
#else
    return false;
#endif
}

Distributed::Distributed() = default;
Distributed::~Distributed() = default;

void Distributed::recordDigest(int64_t step, const std::vector<torch::Tensor>& parameters) {
    if (m_digestDir.empty()) return;
    uint64_t h = 1469598103934665603ULL;
    for (const auto& p : parameters) h = fnv1a(p, h);
    std::ostringstream line;
    line << step << ' ' << std::hex << h << '\n';
    std::ofstream out(std::filesystem::path(m_digestDir) / ("rank-" + std::to_string(m_rank) + ".txt"),
                      std::ios::app);
    out << line.str();
}

#ifdef FT_HAVE_C10D

namespace {

constexpr int64_t kBucketBytes = int64_t(25) << 20;   // DistributedDataParallel's default bucket_cap_mb
constexpr std::chrono::minutes kMainWorkTimeout{30};  // rank 0 writing a checkpoint while the others wait

// Consecutive tensors of one dtype, about kBucketBytes per bucket, in the given order.
std::vector<std::vector<size_t>> bucketsOf(const std::vector<torch::Tensor>& tensors) {
    std::vector<std::vector<size_t>> buckets;
    int64_t bytes = 0;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const int64_t size = tensors[i].numel() * static_cast<int64_t>(tensors[i].element_size());
        const bool fresh = buckets.empty() || bytes + size > kBucketBytes ||
                           tensors[buckets.back().front()].scalar_type() != tensors[i].scalar_type();
        if (fresh) {
            buckets.emplace_back();
            bytes = 0;
        }
        buckets.back().push_back(i);
        bytes += size;
    }
    return buckets;
}

torch::Tensor flatten(const std::vector<torch::Tensor>& tensors, const std::vector<size_t>& bucket,
                      const torch::Device& device) {
    std::vector<torch::Tensor> parts;
    for (size_t i : bucket) parts.push_back(tensors[i].reshape({-1}));
    return torch::cat(parts).to(device);
}

}  // namespace

// Since LibTorch 2.0 Gloo and NCCL are c10d::Backend implementations; before, ProcessGroup subclasses.
// Both bases offer the collectives used here with the same signatures.
#if TORCH_VERSION_MAJOR >= 2
using Collectives = c10d::Backend;
#else
using Collectives = c10d::ProcessGroup;
#endif

struct Distributed::Group {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<Collectives> collectives;  // declared after the store: destroyed before it
    torch::Device device{torch::kCPU};            // where the tensors handed to the backend live
    std::chrono::milliseconds timeout{60000};
    std::string who;  // "rank 1 of 2", for messages
    int64_t mainCalls = 0;

    static std::string detail(const std::exception& e) {
        const auto* c10 = dynamic_cast<const c10::Error*>(&e);
        std::string text = c10 ? c10->what_without_backtrace() : e.what();
        if (const size_t nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
        return text;
    }

    Error lost(const std::string& what, const std::string& why) const {
        return makeError(
            "dist.peer_lost",
            who + ": " + what + " failed: another worker stopped or did not answer within " +
                std::to_string(timeout.count() / 1000) +
                " s (training.distributed_timeout_s); training stops and the last checkpoint stays "
                "valid. (" +
                why + ")");
    }

    // Runs `body` (which issues collectives and waits for them); c10d and Gloo errors become dist.peer_lost.
    Status guard(const std::string& what, const std::function<void()>& body) const {
        try {
            body();
        } catch (const std::exception& e) {
            return lost(what, detail(e));
        }
        return Status::success();
    }

    // Waits for every work item, so none is still queued when the caller moves on, and rethrows the first
    // error.
    void waitAll(std::vector<c10::intrusive_ptr<c10d::Work>>& works) const {
        std::exception_ptr first;
        for (auto& w : works) {
            try {
                w->wait(timeout + std::chrono::seconds(5));  // the backend's own timeout normally fires first
            } catch (...) {
                if (!first) first = std::current_exception();
            }
        }
        if (first) std::rethrow_exception(first);
    }
};

namespace {

std::shared_ptr<::gloo::transport::Device> glooDevice(const api::DistributedLaunch& launch) {
    if (!launch.glooInterface.empty())
        return c10d::ProcessGroupGloo::createDeviceForInterface(launch.glooInterface);
    const std::string& a = launch.masterAddr;
    if (a == "localhost" || a == "::1" || a.rfind("127.", 0) == 0)
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    return c10d::ProcessGroupGloo::createDefaultDevice();  // this host's name must resolve to a reachable
                                                           // address
}

}  // namespace

Result<std::unique_ptr<Distributed>> Distributed::connect(const api::DistributedLaunch& launch,
                                                          const torch::Device& device,
                                                          std::chrono::milliseconds timeout) {
    auto self = std::make_unique<Distributed>();
    self->m_digestDir = launch.digestDir;
    if (!launch.distributed()) return self;
    self->m_rank = launch.rank;
    self->m_worldSize = launch.worldSize;
    auto group = std::make_unique<Group>();
    group->timeout = timeout;
    group->who = "rank " + std::to_string(launch.rank) + " of " + std::to_string(launch.worldSize);
    const std::string where = launch.masterAddr + ":" + std::to_string(launch.masterPort);
    const std::string seconds = std::to_string(timeout.count() / 1000) + " s";

    c10d::TCPStoreOptions options;
    options.port = static_cast<uint16_t>(launch.masterPort);
    options.isServer = launch.rank == 0;
    options.numWorkers = static_cast<size_t>(launch.worldSize);
    options.waitWorkers = true;
    options.timeout = timeout;
    try {
        group->store = c10::make_intrusive<c10d::TCPStore>(launch.masterAddr, options);
    } catch (const std::exception& e) {
        const std::string what =
            launch.rank == 0 ? "rank 0 could not serve the rendezvous at " + where + " or not all " +
                                   std::to_string(launch.worldSize) + " workers joined within " + seconds
                             : group->who + " could not reach rank 0's rendezvous store at " + where +
                                   " within " + seconds;
        return makeError("dist.rendezvous_failed", what + " (" + Group::detail(e) + ")");
    }

    try {
#ifndef FT_HAVE_NCCL
        (void)device;
#else
        if (device.is_cuda()) {
            // Without blocking waits NCCL's watchdog aborts the process on a timeout instead of raising an
            // error.
            setenv("TORCH_NCCL_BLOCKING_WAIT", "1", 0);
            setenv("NCCL_BLOCKING_WAIT", "1", 0);
            auto ncclOptions = c10d::ProcessGroupNCCL::Options::create();
            ncclOptions->timeout = timeout;
            group->collectives = c10::make_intrusive<c10d::ProcessGroupNCCL>(group->store, launch.rank,
                                                                             launch.worldSize, ncclOptions);
            group->device = device;
        }
#endif
        if (!group->collectives) {
            // CUDA without NCCL still works: the buckets travel through host memory.
            auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
            glooOptions->devices.push_back(glooDevice(launch));
            group->collectives = c10::make_intrusive<c10d::ProcessGroupGloo>(group->store, launch.rank,
                                                                             launch.worldSize, glooOptions);
            group->device = torch::kCPU;
        }
    } catch (const std::exception& e) {
        return makeError("dist.connect_failed", group->who +
                                                    " could not connect to the other workers within " +
                                                    seconds + " (" + Group::detail(e) + ")");
    }
    self->m_group = std::move(group);
    return self;
}

Result<std::string> Distributed::fromMain(const std::string& key, const std::string& value) {
    if (!m_group) return value;
    std::string shared = value;
    Status st = m_group->guard("sharing " + key, [&] {
        if (isMain()) {
            m_group->store->set("ft/share/" + key, std::vector<uint8_t>(value.begin(), value.end()));
        } else {
            const std::vector<uint8_t> bytes = m_group->store->get("ft/share/" + key);
            shared.assign(bytes.begin(), bytes.end());
        }
    });
    if (!st) return st.error();
    return shared;
}

Status Distributed::broadcastTensors(const std::vector<torch::Tensor>& tensors) {
    if (!m_group) return Status::success();
    return m_group->guard("broadcasting the initial parameters", [&] {
        torch::NoGradGuard noGrad;
        for (const auto& bucket : bucketsOf(tensors)) {
            std::vector<at::Tensor> flat{flatten(tensors, bucket, m_group->device)};
            c10d::BroadcastOptions options;
            options.rootRank = 0;
            std::vector<c10::intrusive_ptr<c10d::Work>> works{m_group->collectives->broadcast(flat, options)};
            m_group->waitAll(works);
            int64_t offset = 0;
            for (size_t i : bucket) {
                const int64_t n = tensors[i].numel();
                tensors[i].copy_(flat[0].slice(0, offset, offset + n).view_as(tensors[i]));
                offset += n;
            }
        }
    });
}

Status Distributed::sumGradients(const std::vector<torch::Tensor>& parameters) {
    if (!m_group) return Status::success();
    return m_group->guard("the gradient all-reduce", [&] {
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> grads;
        std::vector<double> defined;
        for (const auto& p : parameters) {
            const bool has = p.grad().defined();
            grads.push_back(has ? p.grad() : torch::zeros_like(p));
            defined.push_back(has ? 1.0 : 0.0);
        }
        // Every bucket is in flight before the first wait; c10d matches them across ranks by issue order.
        std::vector<std::vector<at::Tensor>> payloads;
        payloads.push_back({torch::tensor(defined, torch::kFloat64).to(m_group->device)});
        const auto buckets = bucketsOf(grads);
        for (const auto& bucket : buckets) payloads.push_back({flatten(grads, bucket, m_group->device)});
        std::vector<c10::intrusive_ptr<c10d::Work>> works;
        for (auto& payload : payloads) works.push_back(m_group->collectives->allreduce(payload));
        m_group->waitAll(works);

        const torch::Tensor producedBy = payloads[0][0].to(torch::kCPU);
        for (size_t b = 0; b < buckets.size(); ++b) {
            const torch::Tensor& flat = payloads[b + 1][0];
            int64_t offset = 0;
            for (size_t i : buckets[b]) {
                const torch::Tensor& p = parameters[i];
                const int64_t n = p.numel();
                if (producedBy[static_cast<int64_t>(i)].item<double>() > 0) {
                    torch::Tensor summed = flat.slice(0, offset, offset + n).view_as(p);
                    if (p.grad().defined())
                        p.grad().copy_(summed);
                    else
                        p.mutable_grad() = summed.to(p.device()).clone();
                }
                offset += n;
            }
        }
    });
}

Status Distributed::sum(std::vector<double>& values) {
    if (!m_group || values.empty()) return Status::success();
    return m_group->guard("the step's loss all-reduce", [&] {
        std::vector<at::Tensor> payload{torch::tensor(values, torch::kFloat64).to(m_group->device)};
        std::vector<c10::intrusive_ptr<c10d::Work>> works{m_group->collectives->allreduce(payload)};
        m_group->waitAll(works);
        const torch::Tensor back = payload[0].to(torch::kCPU);
        for (size_t i = 0; i < values.size(); ++i) values[i] = back[static_cast<int64_t>(i)].item<double>();
    });
}

Status Distributed::broadcast(std::vector<double>& values) {
    if (!m_group || values.empty()) return Status::success();
    return m_group->guard("broadcasting rank 0's decision", [&] {
        std::vector<at::Tensor> payload{torch::tensor(values, torch::kFloat64).to(m_group->device)};
        c10d::BroadcastOptions options;
        options.rootRank = 0;
        std::vector<c10::intrusive_ptr<c10d::Work>> works{m_group->collectives->broadcast(payload, options)};
        m_group->waitAll(works);
        const torch::Tensor back = payload[0].to(torch::kCPU);
        for (size_t i = 0; i < values.size(); ++i) values[i] = back[static_cast<int64_t>(i)].item<double>();
    });
}

Result<std::vector<torch::Tensor>> Distributed::allGather(const torch::Tensor& tensor) {
    if (!m_group) return std::vector<torch::Tensor>{tensor};
    std::vector<std::vector<at::Tensor>> outputs(1);
    Status st = m_group->guard("gathering the random-number states", [&] {
        std::vector<at::Tensor> input{tensor.to(m_group->device).contiguous()};
        for (int r = 0; r < m_worldSize; ++r) outputs[0].push_back(torch::empty_like(input[0]));
        std::vector<c10::intrusive_ptr<c10d::Work>> works{m_group->collectives->allgather(outputs, input)};
        m_group->waitAll(works);
    });
    if (!st) return st.error();
    std::vector<torch::Tensor> out;
    for (auto& t : outputs[0]) out.push_back(t.to(torch::kCPU));
    return out;
}

Status Distributed::onMain(const std::string& what, const std::function<Status()>& work) {
    if (!m_group) return work();
    const std::string key = "ft/main/" + std::to_string(m_group->mainCalls++);
    if (isMain()) {
        Status st = work();
        const std::string outcome = st ? "ok" : st.error().describe();
        Status told = m_group->guard("telling the other workers how '" + what + "' went", [&] {
            m_group->store->set(key, std::vector<uint8_t>(outcome.begin(), outcome.end()));
        });
        return st ? told : st;
    }
    std::string outcome;
    Status st = m_group->guard("waiting for rank 0 to " + what, [&] {
        m_group->store->wait({key}, kMainWorkTimeout);
        const std::vector<uint8_t> bytes = m_group->store->get(key);
        outcome.assign(bytes.begin(), bytes.end());
    });
    if (!st) return st;
    if (outcome != "ok")
        return makeError("dist.main_failed", m_group->who + ": rank 0 could not " + what + ": " + outcome);
    return Status::success();
}

#else  // no c10d in this build: only the single-process instance exists

struct Distributed::Group {};

Result<std::unique_ptr<Distributed>> Distributed::connect(const api::DistributedLaunch& launch,
                                                          const torch::Device&, std::chrono::milliseconds) {
    auto self = std::make_unique<Distributed>();
    self->m_digestDir = launch.digestDir;
    if (!launch.distributed()) return self;
    return makeError("dist.unavailable", "WORLD_SIZE is " + std::to_string(launch.worldSize) +
                                             " but this build of finetune has no distributed training: "
                                             "LibTorch's c10d with Gloo was not found "
                                             "when it was built (install libgloo-dev, or use a LibTorch with "
                                             "distributed support, and rebuild)");
}

Result<std::string> Distributed::fromMain(const std::string&, const std::string& value) {
    return value;
}
Status Distributed::broadcastTensors(const std::vector<torch::Tensor>&) {
    return Status::success();
}
Status Distributed::sumGradients(const std::vector<torch::Tensor>&) {
    return Status::success();
}
Status Distributed::sum(std::vector<double>&) {
    return Status::success();
}
Status Distributed::broadcast(std::vector<double>&) {
    return Status::success();
}
Result<std::vector<torch::Tensor>> Distributed::allGather(const torch::Tensor& tensor) {
    return std::vector<torch::Tensor>{tensor};
}
Status Distributed::onMain(const std::string&, const std::function<Status()>& work) {
    return work();
}

#endif

}  // namespace ft::train

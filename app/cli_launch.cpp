// `finetune launch --nproc N JOB.json [train options]`: N local workers of one data-parallel job, started
// the way torchrun starts them (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT).

#include "cli_launch.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
extern char** environ;
#endif

namespace ft::cli {

#ifdef _WIN32

int cmdLaunch(int, char**) {
    std::fprintf(stderr,
                 "finetune launch: not available on Windows; start the workers with RANK, WORLD_SIZE, ... "
                 "set (see docs/distributed.md)\n");
    return 1;
}

#else

namespace {

constexpr auto kGrace = std::chrono::seconds(10);  // after SIGTERM, before SIGKILL

// The workers, for the signal handler: it forwards SIGINT / SIGTERM to each of them.
constexpr int kMaxWorkers = 1024;
pid_t g_workers[kMaxWorkers];
volatile sig_atomic_t g_workerCount = 0;
volatile sig_atomic_t g_signal = 0;

void forward(int sig) {
    g_signal = sig;
    for (int i = 0; i < g_workerCount; ++i)
        if (g_workers[i] > 0) kill(g_workers[i], sig);
}

// A TCP port that was free a moment ago, for rank 0's rendezvous store.
int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

std::string describeExit(int status) {
    if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
    return "status " + std::to_string(status);
}

int exitCodeOf(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

// The worker's environment: ours without the variables we set, then those.
std::vector<std::string> workerEnvironment(int rank, int world, int port) {
    const char* ours[] = {
        "RANK=", "LOCAL_RANK=", "WORLD_SIZE=", "LOCAL_WORLD_SIZE=", "MASTER_ADDR=", "MASTER_PORT="};
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        bool replaced = false;
        for (const char* prefix : ours)
            replaced = replaced || std::strncmp(*e, prefix, std::strlen(prefix)) == 0;
        if (!replaced) env.emplace_back(*e);
    }
    env.push_back("RANK=" + std::to_string(rank));
    env.push_back("LOCAL_RANK=" + std::to_string(rank));
    env.push_back("WORLD_SIZE=" + std::to_string(world));
    env.push_back("LOCAL_WORLD_SIZE=" + std::to_string(world));
    env.push_back("MASTER_ADDR=127.0.0.1");
    env.push_back("MASTER_PORT=" + std::to_string(port));
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

int usage() {
    std::fprintf(stderr,
                 "usage: finetune launch --nproc N [--master-port P] JOB.json [--json] [--run-dir DIR]\n");
    return 2;
}

}  // namespace

int cmdLaunch(int argc, char** argv) {
    int nproc = 0, port = 0;
    std::vector<std::string> trainArgs{"finetune", "train"};
    bool haveJob = false;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--nproc" || a == "--master-port") {
            if (i + 1 >= argc) return usage();
            char* end = nullptr;
            const long v = std::strtol(argv[++i], &end, 10);
            const long high = a == "--nproc" ? kMaxWorkers : 65535;
            if (*end != '\0' || v < 1 || v > high) {
                std::fprintf(stderr, "finetune launch: %s expects a whole number from 1 to %ld, not '%s'\n",
                             a.c_str(), high, argv[i]);
                return 2;
            }
            (a == "--nproc" ? nproc : port) = static_cast<int>(v);
        } else {
            haveJob = haveJob || a.rfind("--", 0) != 0;
            trainArgs.push_back(a);
        }
    }
    if (nproc < 1 || !haveJob) return usage();
    if (port == 0) port = freePort();
    if (port <= 0) {
        std::fprintf(stderr,
                     "finetune launch: cannot find a free TCP port on 127.0.0.1 (%s); pass --master-port\n",
                     std::strerror(errno));
        return 1;
    }
    char self[4096];
    const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        std::fprintf(stderr, "finetune launch: cannot find this executable (%s)\n", std::strerror(errno));
        return 1;
    }
    self[len] = '\0';

    struct sigaction action {};
    action.sa_handler = forward;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    std::fprintf(stderr, "finetune launch: %d workers, rendezvous at 127.0.0.1:%d\n", nproc, port);
    std::vector<char*> args = pointers(trainArgs);
    std::vector<pid_t> pids;
    for (int rank = 0; rank < nproc; ++rank) {
        std::vector<std::string> env = workerEnvironment(rank, nproc, port);
        std::vector<char*> envp = pointers(env);
        const pid_t pid = fork();
        if (pid == 0) {
            execve(self, args.data(), envp.data());
            _exit(127);
        }
        if (pid < 0) {
            std::fprintf(stderr, "finetune launch: cannot start worker %d (%s)\n", rank,
                         std::strerror(errno));
            forward(SIGTERM);
            break;
        }
        pids.push_back(pid);
        g_workers[rank] = pid;
        g_workerCount = rank + 1;
        std::fprintf(stderr, "finetune launch: worker rank %d is pid %d\n", rank, static_cast<int>(pid));
    }
    std::fflush(stderr);

    // Reap the workers. The first one that fails takes the others down: SIGTERM (they cancel), then SIGKILL.
    int result = pids.size() == size_t(nproc) ? 0 : 1;
    size_t running = pids.size();
    bool stopping = false;
    auto killAt = std::chrono::steady_clock::time_point::max();
    while (running > 0) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid < 0 && errno != EINTR) break;
        if (pid <= 0) {
            if (std::chrono::steady_clock::now() >= killAt) {
                for (int i = 0; i < g_workerCount; ++i)
                    if (g_workers[i] > 0) kill(g_workers[i], SIGKILL);
                killAt = std::chrono::steady_clock::time_point::max();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        int rank = 0;
        for (int i = 0; i < g_workerCount; ++i)
            if (g_workers[i] == pid) rank = i, g_workers[i] = -1;
        --running;
        if (exitCodeOf(status) == 0) continue;
        if (result == 0) result = exitCodeOf(status);
        if (!stopping) {
            stopping = true;
            if (!g_signal)
                std::fprintf(stderr,
                             "finetune launch: worker rank %d failed (%s); stopping the other workers\n",
                             rank, describeExit(status).c_str());
            for (int i = 0; i < g_workerCount; ++i)
                if (g_workers[i] > 0) kill(g_workers[i], SIGTERM);
            killAt = std::chrono::steady_clock::now() + kGrace;
        }
    }
    return result;
}

#endif

}  // namespace ft::cli

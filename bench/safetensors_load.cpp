// How fast SafetensorsFile gets a GPT-2-small checkpoint (124M F32 parameters, ~500 MB) into the CPU,
// compared with reading the same file sequentially into a buffer (what `cat file > /dev/null` does).
// Cold figures drop the file from the page cache first (posix_fadvise DONTNEED); warm ones do not.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/io/safetensors.h"

namespace fs = std::filesystem;
using ft::io::DType;
using ft::io::TensorView;

namespace {

// GPT-2 small as published on the Hub (no "transformer." prefix, tied lm_head absent).
std::vector<std::pair<std::string, std::vector<int64_t>>> gpt2SmallShapes() {
    const int64_t C = 768, V = 50257, P = 1024, L = 12;
    std::vector<std::pair<std::string, std::vector<int64_t>>> s{{"wte.weight", {V, C}}, {"wpe.weight", {P, C}}};
    for (int64_t l = 0; l < L; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        s.push_back({h + "ln_1.weight", {C}});
        s.push_back({h + "ln_1.bias", {C}});
        s.push_back({h + "attn.c_attn.weight", {C, 3 * C}});
        s.push_back({h + "attn.c_attn.bias", {3 * C}});
        s.push_back({h + "attn.c_proj.weight", {C, C}});
        s.push_back({h + "attn.c_proj.bias", {C}});
        s.push_back({h + "ln_2.weight", {C}});
        s.push_back({h + "ln_2.bias", {C}});
        s.push_back({h + "mlp.c_fc.weight", {C, 4 * C}});
        s.push_back({h + "mlp.c_fc.bias", {4 * C}});
        s.push_back({h + "mlp.c_proj.weight", {4 * C, C}});
        s.push_back({h + "mlp.c_proj.bias", {C}});
    }
    s.push_back({"ln_f.weight", {C}});
    s.push_back({"ln_f.bias", {C}});
    return s;
}

void dropFromPageCache(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

double seconds(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Reads every 8-byte word so the compiler cannot skip the loads.
uint64_t touch(const unsigned char* p, size_t n) {
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        acc += w;
    }
    for (; i < n; ++i) acc += p[i];
    return acc;
}

volatile uint64_t g_sink;

void rawRead(const fs::path& file) {
    static std::vector<unsigned char> buf(8 << 20);
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) std::exit(1);
    ssize_t n;
    size_t total = 0;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0) total += static_cast<size_t>(n);
    ::close(fd);
    g_sink = total;
}

void safetensorsLoad(const fs::path& file) {
    auto f = ft::io::SafetensorsFile::open(file);
    if (!f) {
        std::fprintf(stderr, "%s\n", f.error().describe().c_str());
        std::exit(1);
    }
    uint64_t acc = 0;
    for (const TensorView& t : f->tensors()) acc += touch(static_cast<const unsigned char*>(t.data), t.nbytes);
    g_sink = acc;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main() {
    char tmpl[] = "/tmp/ft-bench-XXXXXX";
    if (!::mkdtemp(tmpl)) return 1;
    const fs::path dir = tmpl;
    const fs::path file = dir / "model.safetensors";

    {   // Random-ish bytes (xorshift), one buffer sliced into the tensors.
        const auto shapes = gpt2SmallShapes();
        size_t total = 0;
        for (const auto& [name, shape] : shapes) {
            int64_t n = 1;
            for (int64_t d : shape) n *= d;
            total += static_cast<size_t>(n) * 4;
        }
        std::vector<uint64_t> data(total / 8 + 1);
        uint64_t x = 0x9E3779B97F4A7C15ull;
        for (uint64_t& w : data) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            w = x;
        }
        std::vector<TensorView> views;
        size_t offset = 0;
        for (const auto& [name, shape] : shapes) {
            int64_t n = 1;
            for (int64_t d : shape) n *= d;
            views.push_back({name, DType::F32, shape, reinterpret_cast<unsigned char*>(data.data()) + offset,
                             static_cast<size_t>(n) * 4});
            offset += static_cast<size_t>(n) * 4;
        }
        if (!ft::io::writeSafetensors(file, views).ok()) return 1;
        std::fprintf(stderr, "wrote %s: %zu tensors, %.1f MB\n", file.c_str(), views.size(), total / 1e6);
    }
    const double mb = static_cast<double>(fs::file_size(file)) / 1e6;

    const int runs = 3;
    std::vector<double> rawCold, stCold, rawWarm, stWarm;
    for (int i = 0; i < runs; ++i) {
        dropFromPageCache(file);
        rawCold.push_back(seconds([&] { rawRead(file); }));
        dropFromPageCache(file);
        stCold.push_back(seconds([&] { safetensorsLoad(file); }));
    }
    rawRead(file);  // warm the cache
    for (int i = 0; i < runs; ++i) {
        rawWarm.push_back(seconds([&] { rawRead(file); }));
        stWarm.push_back(seconds([&] { safetensorsLoad(file); }));
    }
    fs::remove_all(dir);

    const auto row = [](const char* name, double figure, const char* unit, double ref, const char* refName) {
        std::printf("BENCH\t%s\t%.3f\t%s\t%.3f\t%s\n", name, figure, unit, ref, refName);
    };
    const double rc = median(rawCold), sc = median(stCold), rw = median(rawWarm), sw = median(stWarm);
    row("safetensors_load gpt2-124M cold", sc * 1e3, "ms", rc * 1e3, "raw sequential read, cold");
    row("safetensors_load gpt2-124M warm", sw * 1e3, "ms", rw * 1e3, "raw sequential read, warm");
    row("safetensors_load cold throughput", mb / 1e3 / sc, "GB/s", mb / 1e3 / rc, "raw sequential read, cold");
    row("safetensors_load warm throughput", mb / 1e3 / sw, "GB/s", mb / 1e3 / rw, "raw sequential read, warm");
    return 0;
}

// Dataset reading: the full streaming pass over a generated 1M-row CSV (~200 MB) and the same rows as
// JSON Lines, in rows/s and MB/s beside Python's csv module and json.loads on the same files
// (data_read_reference.py on Debian's python3); peak RSS of the streaming pass and of reading the
// whole table into memory and of the full analysis (`finetune data`), each in a child process; time to the first 100-row preview with the file
// out of the page cache. Prints BENCH lines (format: bench/run).
//
// The files are generated at run time into FT_BENCH_DATA_DIR (default: <build dir>/bench-data) and
// reused while their size matches; they are never part of the source tree.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/api/dataset_report.h"
#include "core/data/reader.h"

namespace fs = std::filesystem;

namespace {

constexpr int64_t kRows = 1'000'000;
constexpr int kRounds = 2;

const char* const kWords[] = {
    "the",     "model",  "learns", "quickly", "from",   "small",    "data",   "while",  "a",       "careful",
    "reader",  "checks", "every",  "line",    "of",     "text",     "before", "it",     "reaches", "training",
    "movie",   "was",    "great",  "boring",  "plot",   "actors",   "and",    "music",  "never",   "again",
    "service", "slow",   "food",   "cold",    "friendly", "staff",  "would",  "return", "price",   "value",
};
const char* const kLabels[] = {"positive", "negative", "neutral"};

// ~200 bytes of words; one row in 20 holds a comma and a quoted word, one in 1,000 a line break, so
// the CSV parser meets quoting and embedded newlines as well as plain fields.
std::string rowText(std::mt19937_64& rng, int64_t row) {
    std::string text;
    while (text.size() < 180) {
        if (!text.empty()) text += ' ';
        text += kWords[rng() % (sizeof kWords / sizeof *kWords)];
    }
    if (row % 20 == 7) text += ", and \"so\" on";
    if (row % 1000 == 500) text += "\nsecond line";
    return text;
}

std::string csvQuoted(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string jsonQuoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out + "\"";
}

// Writes both files unless they exist already (same generator, same seed: same bytes).
void generate(const fs::path& csv, const fs::path& jsonl) {
    if (fs::exists(csv) && fs::exists(jsonl) && fs::file_size(csv) > 150'000'000 && fs::file_size(jsonl) > 150'000'000)
        return;
    std::fprintf(stderr, "generating %s and %s ...\n", csv.c_str(), jsonl.c_str());
    std::mt19937_64 rng(20261126);
    std::ofstream c(csv, std::ios::binary), j(jsonl, std::ios::binary);
    c << "id,text,label\n";
    for (int64_t r = 0; r < kRows; ++r) {
        const std::string text = rowText(rng, r);
        const char* label = kLabels[rng() % 3];
        c << r << ',' << csvQuoted(text) << ',' << label << '\n';
        j << "{\"id\": " << r << ", \"text\": " << jsonQuoted(text) << ", \"label\": \"" << label << "\"}\n";
    }
}

double secondsOf(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void dropFromPageCache(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

// Runs `work` in a child process and returns the child's peak RSS in MB (-1 when it failed).
double childPeakRssMb(const std::function<bool()>& work) {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(work() ? 0 : 1);
    int status = 0;
    struct rusage usage {};
    if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

// Full streaming pass; every cell is touched so nothing is optimised away.
int64_t streamPass(const fs::path& file) {
    int64_t bytes = 0;
    auto info = ft::data::streamTable(file, {}, [&](const std::vector<std::string>&, const std::vector<std::string>& values, int64_t) {
        for (const auto& v : values) bytes += static_cast<int64_t>(v.size());
        return true;
    });
    if (!info) {
        std::fprintf(stderr, "%s\n", info.error().describe().c_str());
        return -1;
    }
    return info->rows + (bytes == 0 ? 1 : 0);
}

// Python's rows/s for each file: the reference script prints "REF<TAB>kind<TAB>seconds<TAB>rows".
std::map<std::string, double> pythonSeconds(const fs::path& csv, const fs::path& jsonl) {
    std::map<std::string, double> out;
    const std::string cmd = "/usr/bin/python3 " FT_BENCH_SOURCE_DIR "/data_read_reference.py '" + csv.string() + "' '" +
                            jsonl.string() + "'";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return out;
    char kind[64];
    double seconds = 0;
    long long rows = 0;
    char line[256];
    while (std::fgets(line, sizeof line, p))
        if (std::sscanf(line, "REF\t%63s\t%lf\t%lld", kind, &seconds, &rows) == 3) out[kind] = seconds;
    ::pclose(p);
    return out;
}

void bench(const char* rowName, const char* rowUnit, double figure, double reference, const char* referenceName) {
    if (reference > 0) std::printf("BENCH\t%s\t%.1f\t%s\t%.1f\t%s\n", rowName, figure, rowUnit, reference, referenceName);
    else std::printf("BENCH\t%s\t%.1f\t%s\t-\t%s\n", rowName, figure, rowUnit, referenceName);
}

}  // namespace

int main() {
    const char* dirEnv = std::getenv("FT_BENCH_DATA_DIR");
    const fs::path dir = dirEnv ? fs::path(dirEnv) : fs::path(FT_BENCH_BINARY_DIR) / "bench-data";
    fs::create_directories(dir);
    const fs::path csv = dir / "rows_1m.csv", jsonl = dir / "rows_1m.jsonl";
    generate(csv, jsonl);
    const std::map<std::string, double> python = pythonSeconds(csv, jsonl);

    for (const auto& [name, file] : {std::pair<std::string, fs::path>{"csv", csv}, {"jsonl", jsonl}}) {
        const double mb = static_cast<double>(fs::file_size(file)) / 1e6;
        double best = 1e300;
        int64_t rows = 0;
        for (int round = 0; round < kRounds; ++round) best = std::min(best, secondsOf([&] { rows = streamPass(file); }));
        if (rows != kRows) {
            std::fprintf(stderr, "%s: read %lld rows, expected %lld\n", file.c_str(), static_cast<long long>(rows),
                         static_cast<long long>(kRows));
            return 1;
        }
        const auto ref = python.find(name);
        const double refSeconds = ref == python.end() ? 0 : ref->second;
        const char* refName = name == "csv" ? "Python csv.reader" : "Python json.loads per line";
        bench(("read " + name + ", 1M rows").c_str(), "krows/s", rows / best / 1e3, refSeconds > 0 ? rows / refSeconds / 1e3 : 0,
              refName);
        bench(("read " + name + ", " + std::to_string(static_cast<int>(mb)) + " MB").c_str(), "MB/s", mb / best, refSeconds > 0 ? mb / refSeconds : 0, refName);

        const double streamRss = childPeakRssMb([&] { return streamPass(file) == kRows; });
        const double tableRss = childPeakRssMb([&] { return ft::data::readTable(file).ok(); });
        bench(("peak RSS " + name + ", streaming pass").c_str(), "MB", streamRss, 2 * mb, "2x file size (issue #5)");
        bench(("peak RSS " + name + ", whole table in memory").c_str(), "MB", tableRss, 2 * mb, "2x file size (issue #5)");
        // `finetune data FILE` / the Data step's full pass: schema, balance, lengths, duplicates.
        double analysisSeconds = 0;
        const double analysisRss = childPeakRssMb([&] {
            bool ok = false;
            analysisSeconds = secondsOf([&] { ok = ft::api::analyzeDataset(file.string()).ok(); });
            std::fprintf(stderr, "analysis of %s: %.2f s\n", file.c_str(), analysisSeconds);
            return ok;
        });
        bench(("peak RSS " + name + ", full analysis (finetune data)").c_str(), "MB", analysisRss, 2 * mb, "2x file size (issue #5)");

        // The Data step's table: the pass noting where rows start, then a page read from deep inside.
        ft::Result<ft::data::RowIndex> index = ft::Error{};
        const double indexSeconds = secondsOf([&] { index = ft::data::indexRows(file); });
        if (!index || index->rows() != kRows) return 1;
        bench(("row index " + name + " (table over the whole file)").c_str(), "s", indexSeconds, 0, "-");
        double worstPageMs = 0;
        std::mt19937_64 pick(5);
        for (int k = 0; k < 20; ++k) {
            const int64_t first = static_cast<int64_t>(pick() % kRows);
            bool pageOk = false;
            worstPageMs = std::max(worstPageMs, 1e3 * secondsOf([&] { pageOk = ft::data::readIndexedRows(*index, first, 256).ok(); }));
            if (!pageOk) return 1;
        }
        bench(("256-row page " + name + ", random place, slowest of 20").c_str(), "ms", worstPageMs, 16, "one frame at 60 Hz");

        dropFromPageCache(file);
        bool previewOk = false;
        const double previewMs = 1e3 * secondsOf([&] { previewOk = ft::data::previewTable(file, 100).ok(); });
        if (!previewOk) return 1;
        bench(("first preview " + name + " (100 rows, cold)").c_str(), "ms", previewMs, 200, "target (issue #5)");
    }
    return 0;
}

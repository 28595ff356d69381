// Encode throughput, one thread, on ~10 MB of English text: our byte-level BPE (the starter model's
// 8,192-token tokenizer) and WordPiece (8,192 tokens trained here on the same text), beside
// sentencepiece's own encoder (a unigram model trained by spm_train on the same text, run in process
// through the shim) as the reference. Prints BENCH lines (bench/run): MB/s and tokens/s.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/api/builtin_corpus.h"
#include "core/io/remove_tree.h"
#include "core/tokenize/spm_bridge.h"
#include "core/tokenize/tokenizer.h"
#include "core/tokenize/train_bpe.h"

namespace fs = std::filesystem;
using namespace ft;

namespace {

constexpr size_t kTargetBytes = 10u << 20;

// The built-in English sample and the demo's 1,500 definitions, repeated to ~10 MB; each pass numbers
// its lines differently so that not every line is an exact repeat.
std::vector<std::string> makeText() {
    std::vector<std::string> source = api::builtinEnglishCorpus();
    std::ifstream demo(FT_BENCH_SOURCE_DIR "/../resources/demo/definitions.csv");
    std::string line;
    std::getline(demo, line);  // header
    while (std::getline(demo, line)) {
        // text,label,... — the text is the first field, quoted when it holds a comma
        if (!line.empty() && line[0] == '"') source.push_back(line.substr(1, line.find('"', 1) - 1));
        else source.push_back(line.substr(0, line.find(',')));
    }
    std::vector<std::string> lines;
    size_t bytes = 0;
    for (int pass = 0; bytes < kTargetBytes; ++pass)
        for (const auto& s : source) {
            lines.push_back("(" + std::to_string(pass) + ") " + s);
            bytes += lines.back().size() + 1;
            if (bytes >= kTargetBytes) break;
        }
    return lines;
}

struct Speed {
    double mbPerSecond = 0, tokensPerSecond = 0;
};

// Best of three passes over all lines.
Speed measure(const std::vector<std::string>& lines, const std::function<size_t(const std::string&)>& encode) {
    size_t bytes = 0;
    for (const auto& l : lines) bytes += l.size();
    Speed best;
    for (int round = 0; round < 3; ++round) {
        size_t tokens = 0;
        const auto start = std::chrono::steady_clock::now();
        for (const auto& l : lines) tokens += encode(l);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (double(bytes) / seconds / 1e6 > best.mbPerSecond) best = {double(bytes) / seconds / 1e6, double(tokens) / seconds};
    }
    return best;
}

}  // namespace

int main() {
    const fs::path work = fs::temp_directory_path() / ("ft-bench-tokenize-" + std::to_string(::getpid()));
    fs::create_directories(work);
    const std::vector<std::string> lines = makeText();
    {
        std::ofstream out(work / "corpus.txt");
        for (size_t i = 0; i < lines.size() && i < 40000; ++i) out << lines[i] << '\n';  // ~2 MB to train on
    }

    // The reference: sentencepiece, unigram 8,000, its own encoder.
    // hard_vocab_limit off: the repeated sample holds fewer than 8,000 useful pieces.
    const Status trained = tok::trainSentencePieceWithFlags({{"input", (work / "corpus.txt").string()},
                                                             {"model_prefix", (work / "spm").string()},
                                                             {"model_type", "unigram"},
                                                             {"vocab_size", "8000"},
                                                             {"hard_vocab_limit", "false"}});
    if (!trained) return std::fprintf(stderr, "tokenize_throughput: %s\n", trained.error().describe().c_str()), 1;
    auto spm = tok::SentencePieceModel::load(work / "spm.model");
    if (!spm) return std::fprintf(stderr, "tokenize_throughput: %s\n", spm.error().describe().c_str()), 1;
    const Speed reference = measure(lines, [&](const std::string& l) { return spm->encode(l).size(); });

    auto bpe = tok::Tokenizer::load(FT_BENCH_SOURCE_DIR "/../resources/models/starter-gpt2");
    if (!bpe) return std::fprintf(stderr, "tokenize_throughput: %s\n", bpe.error().describe().c_str()), 1;
    const std::vector<std::string> sample(lines.begin(), lines.begin() + std::min<size_t>(lines.size(), 40000));
    auto wordPieceJson = tok::trainWordPiece(sample, 8192);
    if (!wordPieceJson) return std::fprintf(stderr, "tokenize_throughput: %s\n", wordPieceJson.error().describe().c_str()), 1;
    auto wordPiece = tok::Tokenizer::fromJsonString(wordPieceJson->dump());
    if (!wordPiece) return std::fprintf(stderr, "tokenize_throughput: %s\n", wordPiece.error().describe().c_str()), 1;

    const Speed bpeSpeed = measure(lines, [&](const std::string& l) { return bpe->encode(l, false).ids.size(); });
    const Speed wpSpeed = measure(lines, [&](const std::string& l) { return wordPiece->encode(l, false).ids.size(); });
    std::printf("BENCH\tencode byte-level BPE 8192 (10 MB, 1 thread)\t%.1f\tMB/s\t%.1f\tsentencepiece unigram encoder\n",
                bpeSpeed.mbPerSecond, reference.mbPerSecond);
    std::printf("BENCH\tencode byte-level BPE 8192 (10 MB, 1 thread)\t%.0f\ttokens/s\t%.0f\tsentencepiece unigram encoder\n",
                bpeSpeed.tokensPerSecond, reference.tokensPerSecond);
    std::printf("BENCH\tencode WordPiece 8192 (10 MB, 1 thread)\t%.1f\tMB/s\t%.1f\tsentencepiece unigram encoder\n",
                wpSpeed.mbPerSecond, reference.mbPerSecond);
    std::printf("BENCH\tencode WordPiece 8192 (10 MB, 1 thread)\t%.0f\ttokens/s\t%.0f\tsentencepiece unigram encoder\n",
                wpSpeed.tokensPerSecond, reference.tokensPerSecond);
    std::error_code ec;
    io::removeTree(work, ec);
    return 0;
}

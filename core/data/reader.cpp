#include "core/data/reader.h"

#include "core/data/csv_parser.h"
#include "core/data/encoding.h"
#include "core/data/format_parser.h"
#include "core/data/stream_positions.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <system_error>

namespace ft::data {

const char* formatName(Format format) {
    switch (format) {
        case Format::Csv: return "csv";
        case Format::Tsv: return "tsv";
        case Format::JsonLines: return "jsonl";
        case Format::JsonArray: return "json";
        case Format::Text: return "text";
        case Format::Auto: break;
    }
    return "auto";
}

namespace {

constexpr size_t kChunkBytes = 1 << 16;
constexpr size_t kSniffBytes = 1 << 16;

std::string lowerExtension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

Error withFile(Error e, const std::filesystem::path& file) {
    e.file = file.string();
    return e;
}

// Records of the sample, for header sniffing; the last, possibly cut, record is dropped unless
// the sample is the whole file.
std::vector<std::vector<std::string>> sampleRecords(std::string_view sample, char delimiter, bool wholeFile) {
    std::vector<std::vector<std::string>> records;
    CsvParser parser(delimiter);
    bool more = true;
    const auto collect = [&](std::vector<std::string>& f, int64_t) {
        records.push_back(f);
        return records.size() < 50;
    };
    (void)parser.feed(sample, collect, more);
    if (more && wholeFile) (void)parser.finish(collect, more);
    else if (more && !records.empty()) records.pop_back();
    return records;
}

}  // namespace

bool isKnownEncoding(const std::string& name) {
    std::string n;
    for (char c : name)
        if (c != '-' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* known : {"auto", "utf8", "utf16", "utf16le", "utf16be", "latin1", "iso88591"})
        if (n == known) return true;
    return false;
}

Format detectFormat(const std::filesystem::path& file, std::string_view sample) {
    const std::string ext = lowerExtension(file);
    if (ext == ".csv") return Format::Csv;
    if (ext == ".tsv" || ext == ".tab") return Format::Tsv;
    if (ext == ".jsonl" || ext == ".ndjson") return Format::JsonLines;
    if (ext == ".txt") return Format::Text;
    const size_t first = sample.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && sample[first] == '[') return Format::JsonArray;
    if (first != std::string_view::npos && sample[first] == '{') return Format::JsonLines;
    return Format::Csv;
}

Result<StreamInfo> streamTable(const std::filesystem::path& file, const ReadOptions& options,
                               const RowCallback& onRow, const std::atomic<bool>* cancel,
                               const ProgressCallback& progress) {
    return streamWithPositions(file, options, onRow, cancel, progress, StreamPositions{});
}

Result<StreamInfo> streamWithPositions(const std::filesystem::path& file, const ReadOptions& options, const RowCallback& onRow,
                                       const std::atomic<bool>* cancel, const ProgressCallback& progress,
                                       const StreamPositions& positions) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return makeError("data.file_not_found", "The dataset file does not exist.", file.string());
    if (std::filesystem::is_directory(file, ec))
        return makeError("data.read_failed", "The dataset path is a folder, not a file.", file.string());
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("data.read_failed", "The dataset file cannot be opened for reading.", file.string());

    StreamInfo info;
    info.totalBytes = static_cast<int64_t>(std::filesystem::file_size(file, ec));
    TextDecoder decoder = positions.startFileByte > 0 ? TextDecoder::midFile(positions.encoding) : TextDecoder(options.encoding);
    if (positions.startFileByte > 0) {
        in.seekg(positions.startFileByte);
        info.bytesRead = positions.startFileByte;
    }
    int64_t decoded = 0;  // bytes of text decoded so far
    int64_t toSkip = positions.skipDecoded;
    std::string text;
    bool eof = false;
    std::string chunk(kChunkBytes, '\0');
    const auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
    const auto readChunk = [&]() -> Status {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<size_t>(in.gcount());
        if (in.bad()) return makeError("data.read_failed", "Reading the dataset file failed.", file.string());
        eof = got < chunk.size() || in.peek() == std::char_traits<char>::eof();
        info.bytesRead += static_cast<int64_t>(got);
        if (progress) progress(info.bytesRead, info.totalBytes);
        const size_t before = text.size();
        Status st = decoder.decode(std::string_view(chunk.data(), got), eof, text);
        if (!st) return withFile(st.error(), file);
        decoded += static_cast<int64_t>(text.size() - before);
        if (positions.onRestartPoint && decoder.atCharacterBoundary()) positions.onRestartPoint(info.bytesRead, decoded);
        return st;
    };

    // Decode a sample first: format, delimiter and header are sniffed from it.
    while (!eof && text.size() < kSniffBytes) {
        Status st = readChunk();
        if (!st) return st.error();
    }
    info.encoding = encodingName(decoder.encoding());
    info.format = options.format == Format::Auto ? detectFormat(file, text) : options.format;

    int64_t emitted = 0;
    bool stop = false;
    std::unique_ptr<FormatParser> parser;
    RowFn emit = [&](const std::vector<std::string>& columns, std::vector<std::string>& values, int64_t line) {
        if (positions.onRowStart) positions.onRowStart(parser->rowOffset());
        if (!onRow(columns, values, line)) stop = true;
        ++emitted;
        if (options.maxRows >= 0 && emitted >= options.maxRows) stop = true;
        if (cancelled()) stop = true;
        return !stop;
    };
    if (options.maxRows == 0) stop = true;

    BadRowFn onBadRow;
    if (options.skipBadRows)
        onBadRow = [&](const Error& problem) {
            if (info.skippedExamples.size() < kSkippedExamples) info.skippedExamples.push_back(withFile(problem, file));
            ++info.skippedRows;
            return true;
        };
    switch (info.format) {
        case Format::JsonLines: parser = makeJsonLinesFormat(emit, onBadRow); break;
        case Format::JsonArray: parser = makeJsonArrayFormat(emit); break;
        case Format::Text: parser = makeTextFormat(emit); break;
        default: {
            info.delimiter = options.delimiter ? options.delimiter
                             : info.format == Format::Tsv ? '\t'
                                                          : sniffDelimiter(text);
            info.hasHeader = options.hasHeader >= 0 ? options.hasHeader != 0
                                                    : sniffHeader(sampleRecords(text, info.delimiter, eof));
            parser = makeCsvFormat(info.delimiter, info.hasHeader, emit, onBadRow);
        }
    }

    bool keepGoing = !stop;
    while (keepGoing) {
        if (toSkip > 0) {  // the text before the first row asked for
            const size_t n = static_cast<size_t>(std::min<int64_t>(toSkip, static_cast<int64_t>(text.size())));
            text.erase(0, n);
            toSkip -= static_cast<int64_t>(n);
        }
        Status st = parser->feed(text, keepGoing);
        text.clear();
        if (!st) return withFile(st.error(), file);
        if (!keepGoing || eof) break;
        if (cancelled()) break;
        st = readChunk();
        if (!st) return st.error();
    }
    if (keepGoing && !cancelled()) {
        Status st = parser->finish(keepGoing);
        if (!st) return withFile(st.error(), file);
    }
    if (cancelled()) return makeError("data.cancelled", "Reading the dataset was cancelled.", file.string());
    info.columns = parser->columns();
    info.rows = emitted;
    if (emitted == 0 && options.maxRows != 0)
        return makeError("data.empty", "The dataset file contains no data rows.", file.string());
    return info;
}

Result<Table> readTable(const std::filesystem::path& file, const ReadOptions& options) {
    Table table;
    table.source = file;
    Result<StreamInfo> info = streamTable(file, options,
                                          [&](const std::vector<std::string>&, const std::vector<std::string>& values,
                                              int64_t line) {
                                              table.rows.push_back(values);
                                              table.sourceLines.push_back(line);
                                              return true;
                                          });
    if (!info) return info.error();
    table.columns = info->columns;
    table.skippedRows = info->skippedRows;
    table.skippedExamples = info->skippedExamples;
    // JSON Lines rows read before a new key appeared are shorter; pad them as missing.
    for (auto& row : table.rows) row.resize(table.columns.size());
    return table;
}

Result<Table> previewTable(const std::filesystem::path& file, int64_t nRows, ReadOptions options) {
    options.maxRows = nRows;
    return readTable(file, options);
}

}  // namespace ft::data

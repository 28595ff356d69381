#pragma once
// Internal to core/data: streamTable with the positions a RowIndex needs — where each row starts in
// the decoded text, where decoding may restart in the file — and a start in the middle of a file.

#include "core/data/reader.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ft::data {

struct StreamPositions {
    // Before each row's callback: the byte offset of the row's start in the decoded (UTF-8) text.
    std::function<void(int64_t decodedOffset)> onRowStart;
    // After each chunk that ends on a character boundary: decoding restarted at `fileByte` gives the
    // decoded text from `decodedOffset` on.
    std::function<void(int64_t fileByte, int64_t decodedOffset)> onRestartPoint;
    // Where to begin instead of the file's start: decoding resumes at `startFileByte` in `encoding`
    // (no byte-order mark there), and the first `skipDecoded` bytes of text are dropped unparsed.
    int64_t startFileByte = 0;
    int64_t skipDecoded = 0;
    std::string encoding;
};

Result<StreamInfo> streamWithPositions(const std::filesystem::path& file, const ReadOptions& options, const RowCallback& onRow,
                                       const std::atomic<bool>* cancel, const ProgressCallback& progress,
                                       const StreamPositions& positions);

}  // namespace ft::data

#include "core/eval/report_io.h"

#include <fstream>
#include <system_error>

namespace ft::eval {

Status writeTextFile(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return makeError("eval.write_failed", "Cannot open the report file for writing.", file.string());
        out << text;
        if (!out.flush())
            return makeError("eval.write_failed", "Writing the report file failed.", file.string());
    }
    std::error_code ec;
    std::filesystem::rename(tmp, file, ec);
    if (ec) return makeError("eval.write_failed", "Cannot move the report into place: " + ec.message(), file.string());
    return Status::success();
}

}  // namespace ft::eval

#pragma once
// Writes a report file in one step (temp file + rename) so a crash never leaves half a report.

#include "core/common/result.h"

#include <filesystem>
#include <string>

namespace ft::eval {

Status writeTextFile(const std::filesystem::path& file, const std::string& text);

}  // namespace ft::eval

#pragma once
// `finetune export`: see cli_export.cpp.

namespace ft::cli {
int cmdExport(int argc, char** argv);
}

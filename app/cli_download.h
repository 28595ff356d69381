#pragma once
// `finetune download`: see cli_download.cpp.

namespace ft::cli {
int cmdDownload(int argc, char** argv);
}

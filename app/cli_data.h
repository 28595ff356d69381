#pragma once
// `finetune data`: see cli_data.cpp.

namespace ft::cli {
int cmdData(int argc, char** argv);
}

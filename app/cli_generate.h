#pragma once
// `finetune generate`: see cli_generate.cpp.

namespace ft::cli {
int cmdGenerate(int argc, char** argv);
}

#pragma once
// `finetune bundle`: see cli_bundle.cpp.

namespace ft::cli {
int cmdBundle(int argc, char** argv);
}

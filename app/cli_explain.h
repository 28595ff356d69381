#pragma once
// `finetune predict` and `finetune explain` for classifiers: see cli_explain.cpp.

namespace ft::cli {
int cmdPredict(int argc, char** argv);
int cmdExplain(int argc, char** argv);
}

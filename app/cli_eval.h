#pragma once
// `finetune eval`: a trained model on a labelled file it has not seen; see cli_eval.cpp.

namespace ft::cli {
int cmdEval(int argc, char** argv);
}

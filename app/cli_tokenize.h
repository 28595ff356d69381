#pragma once
// `finetune tokenize`: ids, tokens and offsets of a text, decoding of ids, chat-template rendering.

// argv[1] is "tokenize"; returns the process exit code (0, 1 on errors, 2 on usage errors).
int cmdTokenize(int argc, char** argv);

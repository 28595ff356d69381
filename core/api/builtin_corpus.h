#pragma once
// A small, built-in English text sample (written for this project) used to train the vocabulary of
// generated tiny models when no corpus is given.

#include <string>
#include <vector>

namespace ft::api {

const std::vector<std::string>& builtinEnglishCorpus();

}  // namespace ft::api

#pragma once
// Instruction / chat fine-tuning examples for causal LMs: the prompt and the response (or a whole
// conversation) rendered with the model's chat template when it has one, and a per-token mask so that
// the loss falls on the responses only (unless data.loss_on_prompt).
//
// Without a chat template, one turn is laid out as
//   "### Instruction:\n{prompt}\n\n### Response:\n{response}" + eos
// (alpaca's "input" is appended to the instruction after a blank line).

#include <string>
#include <vector>

#include "core/api/job_config.h"
#include "core/common/result.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/batching.h"

namespace ft::train {

// Column indices the format reads (-1 = not used).
struct SftColumns {
    int prompt = -1, response = -1, input = -1, messages = -1;
};

// Resolves the columns of data.format in a table's header; errors name the missing column.
Result<SftColumns> mapSftColumns(const std::vector<std::string>& header, const api::DataSection& data,
                                 const std::string& fileForMessages);

// The text shown for the row in reports (the prompt, or the first user message).
std::string sftDisplayText(const std::vector<std::string>& row, const SftColumns& columns, const api::DataSection& data);

// Fills ex.ids and ex.trainMask; returns true when the example was cut at maxLength. A malformed
// conversation is an error (the caller adds file and line).
Result<bool> encodeSftRow(const tok::Tokenizer& tokenizer, const std::vector<std::string>& row, const SftColumns& columns,
                          const api::DataSection& data, int64_t maxLength, Example& ex);

}  // namespace ft::train

#pragma once
// Internal: the plain config.json keys of each architecture as (key, member) tables, shared by the
// reader and the writer so a key cannot be read under one name and written under another.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/io/hf_config.h"

namespace ft::io::detail {

template <class C>
using FieldMember = std::variant<int64_t C::*, double C::*, bool C::*, std::string C::*,
                                 std::optional<int64_t> C::*, std::optional<double> C::*>;

template <class C>
struct FieldSpec {
    const char* key;
    FieldMember<C> member;
    const char* alias = nullptr;    // transformers attribute_map name, accepted when reading
    const char* onlyFor = nullptr;  // model_type that owns the key; others neither read nor write it
};

const std::vector<FieldSpec<Gpt2Config>>& gpt2Fields();
const std::vector<FieldSpec<BertConfig>>& bertFields();
const std::vector<FieldSpec<DistilBertConfig>>& distilBertFields();
const std::vector<FieldSpec<LlamaConfig>>& llamaFields();
const std::vector<FieldSpec<T5Config>>& t5Fields();  // RoPE, kv heads, head_dim, sliding window: by hand

}  // namespace ft::io::detail

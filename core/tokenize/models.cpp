#include "core/tokenize/models.h"

#include "core/tokenize/bpe.h"
#include "core/tokenize/json_util.h"
#include "core/tokenize/unigram.h"
#include "core/tokenize/wordpiece.h"

namespace ft::tok {

Result<std::unique_ptr<Model>> makeModel(const nlohmann::json& j, const std::string& path) {
    if (!j.is_object()) return jsonutil::fieldError(path, "must be an object");
    std::string type;
    if (auto it = j.find("type"); it != j.end() && it->is_string()) {
        type = it->get<std::string>();
    } else {
        // Old files omit "type": HF infers the model from the fields present.
        if (j.contains("merges"))
            type = "BPE";
        else if (j.contains("vocab") && j["vocab"].is_array())
            type = "Unigram";
        else if (j.contains("continuing_subword_prefix") || j.contains("max_input_chars_per_word"))
            type = "WordPiece";
        else if (j.contains("vocab"))
            type = "WordLevel";
        else
            return jsonutil::fieldError(path + ".type", "is missing");
    }
    auto wrap = [](auto r) -> Result<std::unique_ptr<Model>> {
        if (!r) return r.error();
        return std::unique_ptr<Model>(std::move(*r));
    };
    if (type == "BPE") return wrap(BpeModel::fromJson(j, path));
    if (type == "WordPiece") return wrap(WordPieceModel::fromJson(j, path));
    if (type == "WordLevel") return wrap(WordLevelModel::fromJson(j, path));
    if (type == "Unigram") return wrap(UnigramModel::fromJson(j, path));
    return makeError("tokenizer.unknown_model_type",
                     "The model type '" + type + "' at '" + path + ".type' is not supported.", {}, -1,
                     path + ".type");
}

}  // namespace ft::tok

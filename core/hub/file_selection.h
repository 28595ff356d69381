#pragma once
// Which files of a repository to download: by default what a Hugging Face model folder needs and
// nothing of the pickled or framework-specific weights; or the user's glob patterns instead.

#include <string>
#include <string_view>
#include <vector>

namespace ft::hub {

// fnmatch-style: '*' (any run, '/' included, as huggingface_hub's filter_repo_objects), '?', and
// '[abc]' / '[a-z]' / '[!abc]'. A pattern ending in '/' means everything below that folder.
bool globMatch(std::string_view pattern, std::string_view path);

// The default selection: top-level config.json, generation_config.json, *.safetensors,
// *.safetensors.index.json, tokenizer files, chat_template.jinja and README.md. Never *.bin, *.pt,
// *.pth, *.h5, *.msgpack or *.onnx.
bool isDefaultFile(std::string_view path);

// `include` empty: the default selection; otherwise the files matching any of the patterns.
bool isSelected(std::string_view path, const std::vector<std::string>& include);

}  // namespace ft::hub

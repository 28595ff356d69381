#include "core/export/model_card.h"

#include <cstdio>
#include <sstream>

namespace ft::exporting {

namespace {
std::string yamlQuoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string fixed4(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", v);
    return buffer;
}
}  // namespace

std::string modelCardMarkdown(const ModelCardInfo& info) {
    const bool classification = info.task == "sequence_classification";
    const bool textToText = info.task == "seq2seq_lm";
    std::ostringstream md;
    md << "---\n";
    md << "library_name: " << (info.adapter ? "peft" : "transformers") << "\n";
    if (!info.baseModel.empty()) md << "base_model: " << yamlQuoted(info.baseModel) << "\n";
    md << "pipeline_tag: " << (classification ? "text-classification" : textToText ? "text2text-generation" : "text-generation") << "\n";
    md << "tags:\n  - finetune-studio\n" << (info.adapter ? "  - lora\n" : "");
    md << "---\n\n";
    md << "# " << (info.title.empty() ? "Fine-tuned model" : info.title) << "\n\n";
    md << (info.adapter ? "A LoRA adapter" : "A model") << " fine-tuned with Finetune Studio"
       << (info.baseModel.empty() ? "" : " from `" + info.baseModel + "`") << " for "
       << (classification ? "sequence classification" : textToText ? "text-to-text generation" : "causal language modelling") << ". Weights are stored as "
       << info.dtype << " safetensors.\n\n";
    if (info.adapter)
        md << "Load it with PEFT: `PeftModel.from_pretrained(base_model, \"<this folder>\")`.\n\n";

    md << "## Data\n\n";
    if (!info.dataset.empty()) md << "- Training file: `" << info.dataset << "`\n";
    if (info.trainExamples > 0) md << "- Training examples: " << info.trainExamples << "\n";
    if (info.validationExamples > 0) md << "- Validation examples: " << info.validationExamples << "\n";
    if (!info.labels.empty()) {
        md << "- Labels:";
        for (size_t i = 0; i < info.labels.size(); ++i) md << (i ? ", " : " ") << "`" << info.labels[i] << "`";
        md << "\n";
    }
    md << "\n";
    if (!info.settings.empty()) {
        md << "## Training settings\n\n| setting | value |\n|---|---|\n";
        for (const auto& [k, v] : info.settings) md << "| " << k << " | " << v << " |\n";
        md << "\n";
    }
    if (!info.metrics.empty()) {
        md << "## Evaluation (validation split)\n\n| metric | value |\n|---|---|\n";
        for (const auto& [k, v] : info.metrics) md << "| " << k << " | " << fixed4(v) << " |\n";
        md << "\n";
    }
    if (!info.fairness.empty()) {
        md << "## Fairness slices\n\nPer-group results on the validation split (95% bootstrap intervals where given). "
              "Small groups make these estimates uncertain; read the intervals, not just the point values.\n\n";
        for (const auto& line : info.fairness) md << "- " << line << "\n";
        md << "\n";
    }
    md << "## Limitations\n\nThe model reflects its training data. Check it on data from your own setting before relying on it, "
          "especially for the groups listed above.\n";
    return md.str();
}

}  // namespace ft::exporting

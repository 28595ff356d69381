#include "core/train/token_logits.h"

#include <torch/torch.h>

#include "core/models/seq2seq.h"

namespace ft::train {

LabelKind labelKindOf(api::Task task) {
    switch (task) {
    case api::Task::CausalLM: return LabelKind::NextToken;
    case api::Task::Seq2SeqLM: return LabelKind::TargetSequence;
    case api::Task::SequenceClassification: break;
    }
    return LabelKind::ClassId;
}

LabelKind labelKindOf(const models::Model& model, bool asLanguageModel) {
    if (asLanguageModel || model.head() == models::Head::CausalLM) return LabelKind::NextToken;
    if (model.head() == models::Head::Seq2SeqLM) return LabelKind::TargetSequence;
    return LabelKind::ClassId;
}

TokenLogits tokenLogits(models::Model& model, const Batch& batch, LabelKind kind, int64_t padId, const torch::Device& device) {
    const torch::Tensor ids = batch.inputIds.to(device), mask = batch.attentionMask.to(device), labels = batch.labels.to(device);
    TokenLogits out;
    if (kind == LabelKind::TargetSequence) {
        auto* seq2seq = dynamic_cast<models::Seq2SeqModel*>(&model);
        TORCH_CHECK(seq2seq, "a text-to-text batch needs an encoder-decoder model");
        const torch::Tensor decoderIds = models::shiftTokensRight(labels, seq2seq->decoderStartTokenId(), padId);
        // No decoder mask, as transformers trains: padding sits after each target and the decoder is causal.
        out.logits = seq2seq->decode(decoderIds, torch::Tensor(), seq2seq->encode(ids, mask), mask);
        out.targets = labels;
        return out;
    }
    TORCH_CHECK(kind == LabelKind::NextToken, "tokenLogits: a classification batch has no token targets");
    out.logits = model.languageModelLogits(ids, mask).slice(1, 0, -1);
    out.targets = labels.slice(1, 1);
    return out;
}

}  // namespace ft::train

#include "core/train/evaluator.h"


#include <torch/torch.h>

#include "core/eval/metrics.h"
#include "core/train/token_logits.h"

namespace ft::train {

EvalSummary evaluate(models::Model& model, const std::vector<Example>& examples, int64_t batchSize, int64_t padId,
                     int numClasses, const torch::Device& device, bool asLanguageModel) {
    EvalSummary out;
    if (examples.empty()) return out;
    const LabelKind kind = labelKindOf(model, asLanguageModel);
    const bool tokenLevel = kind != LabelKind::ClassId;  // loss per predicted token, perplexity
    const bool wasTraining = model.is_training();
    model.eval();
    torch::NoGradGuard noGrad;
    double lossSum = 0, tokenSum = 0;
    for (size_t start = 0; start < examples.size(); start += static_cast<size_t>(batchSize)) {
        std::vector<int64_t> idx;
        for (size_t i = start; i < std::min(examples.size(), start + static_cast<size_t>(batchSize)); ++i) idx.push_back(int64_t(i));
        Batch batch = collate(examples, idx, padId, kind);
        if (tokenLevel) {
            const TokenLogits predicted = tokenLogits(model, batch, kind, padId, device);
            const torch::Tensor logits = predicted.logits.to(torch::kCPU).to(torch::kFloat);  // [B, N, V]
            const torch::Tensor targets = predicted.targets.to(torch::kCPU);                   // [B, N]
            auto nll = torch::nn::functional::cross_entropy(
                logits.reshape({-1, logits.size(-1)}), targets.reshape({-1}),
                torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100).reduction(torch::kNone));
            nll = nll.view({targets.size(0), targets.size(1)});
            auto valid = targets.ne(-100);
            for (int64_t b = 0; b < targets.size(0); ++b) {
                eval::Row row;
                row.nllSum = nll[b].masked_select(valid[b]).sum().item<double>();
                row.tokenCount = valid[b].sum().item<int64_t>();
                lossSum += row.nllSum;
                tokenSum += double(row.tokenCount);
                out.rows.push_back(std::move(row));
            }
        } else {
            const torch::Tensor logits = model.forward(batch.inputIds.to(device), batch.attentionMask.to(device)).to(torch::kCPU).to(torch::kFloat);
            auto logProbs = torch::log_softmax(logits, -1);  // [B, K]
            auto probs = logProbs.exp();
            auto preds = logits.argmax(-1);
            for (int64_t b = 0; b < logits.size(0); ++b) {
                eval::Row row;
                row.label = static_cast<int32_t>(batch.labels[b].item<int64_t>());
                row.prediction = static_cast<int32_t>(preds[b].item<int64_t>());
                auto p = probs[b].contiguous();
                row.scores.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
                lossSum -= logProbs[b][row.label].item<double>();
                out.rows.push_back(std::move(row));
            }
        }
    }
    if (tokenLevel) {
        out.loss = tokenSum > 0 ? lossSum / tokenSum : 0;
        out.perplexity = std::exp(out.loss);
    } else {
        out.loss = lossSum / double(examples.size());
        auto cm = eval::confusionMatrix(out.rows, numClasses);
        out.accuracy = eval::accuracy(cm).value;
        eval::MetricOptions opts;
        opts.zeroDivision = eval::ZeroDivision::Zero;  // a live curve needs a number; the report keeps NaN + reason
        opts.labels = eval::LabelSet::Declared;
        out.f1Macro = eval::precisionRecallF(cm, eval::Average::Macro, opts).f.value;
    }
    if (wasTraining) model.train();
    return out;
}

}  // namespace ft::train

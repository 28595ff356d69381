#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/export/hf_export.h"
#include "core/io/remove_tree.h"
#include "core/models/factory.h"
#include "core/train/augmented_examples.h"
#include "core/train/batching.h"
#include "core/train/distributed.h"
#include "core/train/early_stopping.h"
#include "core/train/evaluator.h"
#include "core/train/freezing.h"
#include "core/train/l2sp.h"
#include "core/train/model_store.h"
#include "core/train/precision.h"
#include "core/train/prepared_data.h"
#include "core/train/run_faults.h"
#include "core/train/run_folder.h"
#include "core/train/schedule.h"
#include "core/train/sharding.h"
#include "core/train/token_cache.h"
#include "core/train/token_logits.h"
#include "core/train/trainer_run.h"

namespace ft::train {
namespace detail {

namespace {

torch::Device chooseDevice(const std::string& wanted, std::string* warning) {
    if (wanted == "cpu") return torch::kCPU;
    if (torch::cuda::is_available()) return torch::kCUDA;
    if (wanted == "cuda") *warning = "CUDA was requested but this build or machine has no usable GPU; training on the CPU";
    return torch::kCPU;
}

// One optimizer group per (learning-rate scale, weight decay) pair, in a stable order so that the
// optimizer state saved in a checkpoint lines up on resume.
struct OptimizerGroups {
    std::vector<torch::optim::OptimizerParamGroup> groups;
    std::vector<double> lrScales;
};

OptimizerGroups buildGroups(const std::vector<ParameterPlan>& plan, const api::TrainingSection& t) {
    std::map<std::pair<double, bool>, std::vector<torch::Tensor>> byKey;
    for (const auto& p : plan)
        if (!p.frozen) byKey[{p.lrScale, p.decay}].push_back(p.tensor);
    OptimizerGroups out;
    for (auto& [key, tensors] : byKey) {
        std::unique_ptr<torch::optim::OptimizerOptions> options;
        const double wd = key.second ? t.weightDecay : 0.0;
        if (t.optimizer == api::Optimizer::AdamW)
            options = std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(t.learningRate * key.first)
                                                                       .betas({t.adamBeta1, t.adamBeta2})
                                                                       .eps(t.adamEpsilon)
                                                                       .weight_decay(wd));
        else
            options = std::make_unique<torch::optim::SGDOptions>(
                torch::optim::SGDOptions(t.learningRate * key.first).momentum(t.sgdMomentum).weight_decay(wd));
        out.groups.emplace_back(tensors, std::move(options));
        out.lrScales.push_back(key.first);
    }
    return out;
}

void setLearningRate(torch::optim::Optimizer& optimizer, const std::vector<double>& scales, double lr) {
    auto& groups = optimizer.param_groups();
    for (size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(lr * scales[i]);
}

}  // namespace

void Run::send(const api::TrainEvent& event) {
    // Rank 0 speaks for the job; the other ranks report only their own failures.
    if (!m_dist->isMain() && event.kind != api::EventKind::Failed) return;
    api::TrainEvent e = event;
    if (e.totalSteps == 0) e.totalSteps = m_totalSteps;
    if (e.step == 0) e.step = m_state.step;
    if (e.elapsedSeconds == 0) e.elapsedSeconds = elapsed();
    // metrics.jsonl keeps the curves for the Runs panel and for resumed runs.
    if (!m_runDir.empty() && (e.kind == api::EventKind::Step || e.kind == api::EventKind::Evaluation)) {
        nlohmann::json j = {{"event", api::eventKindName(e.kind)}, {"step", e.step}, {"epoch", e.epoch},
                            {"elapsed", e.elapsedSeconds}};
        if (e.kind == api::EventKind::Step) {
            j["loss"] = e.loss;
            j["lr"] = e.learningRate;
            j["grad_norm"] = e.gradNorm;
        } else {
            j["eval_loss"] = e.evalLoss;
            if (e.evalAccuracy >= 0) j["eval_accuracy"] = e.evalAccuracy;
            if (e.evalF1Macro >= 0) j["eval_f1_macro"] = e.evalF1Macro;
            if (e.evalPerplexity >= 0) j["eval_perplexity"] = e.evalPerplexity;
        }
        (void)appendJsonLine(m_runDir / "metrics.jsonl", j.dump());
    }
    if (m_emit) m_emit(e);
}

Status Run::setUp() {
    std::string warning;
    m_device = chooseDevice(m_job.training.device, &warning);
    if (!warning.empty()) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "train.no_cuda";
        w.message = warning;
        m_setupWarnings.push_back(w);
    }
    const PrecisionChoice precision = resolvePrecision(m_job.training.precision, m_device);
    m_precision = precision.precision;
    m_scaler = LossScaler(m_precision == Precision::Float16);
    if (!precision.warning.empty()) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "train.precision_unavailable";
        w.message = precision.warning;
        m_setupWarnings.push_back(w);
    }
    // "threads": 0 shares the cores among the workers on this machine.
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = m_job.training.threads > 0 ? m_job.training.threads : std::max(1, cores / std::max(1, m_launch.localWorldSize));
    torch::set_num_threads(threads);
    torch::manual_seed(m_job.training.seed);
    if (const char* steps = std::getenv("FT_DEBUG_NAN_AT_STEPS")) {
        std::stringstream list(steps);
        for (std::string item; std::getline(list, item, ',');)
            if (!item.empty()) m_injectNanAtSteps.push_back(std::atoll(item.c_str()));
    }

    if (Status st = joinProcessGroup(); !st) return st;
    if (m_dist->isMain()) {
        std::error_code ec;
        fs::create_directories(m_runDir, ec);
        if (ec) return makeError("run.create_failed", "cannot create the run folder: " + ec.message(), m_runDir.string());
        if (Status st = writeTextAtomic(m_runDir / "job.json", api::jobConfigToJson(m_job)); !st) return st;
    }

    auto tokenizer = tok::Tokenizer::load(m_job.model.path);
    if (!tokenizer) return tokenizer.error();
    m_tokenizer = std::make_unique<tok::Tokenizer>(std::move(*tokenizer));

    auto data = prepareDataCached(m_job, *m_tokenizer);
    if (!data) return data.error();
    m_data = std::move(data->data);
    m_tokenCacheHit = data->hit;
    if (!data->writeWarning.empty()) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "data.token_cache_write_failed";
        w.message = data->writeWarning;
        m_setupWarnings.push_back(w);
    }
    if (m_data.truncated > 0) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "data.truncated";
        w.message = m_job.task == api::Task::Seq2SeqLM
                        ? std::to_string(m_data.truncated) + " training examples have a source longer than max_length (" +
                              std::to_string(m_job.data.maxLength) + " tokens) or a target longer than max_target_length (" +
                              std::to_string(m_job.data.maxTargetLength) + " tokens) and were truncated"
                        : std::to_string(m_data.truncated) + " training examples are longer than max_length (" +
                              std::to_string(m_job.data.maxLength) + " tokens) and were truncated";
        m_setupWarnings.push_back(w);
    }
    if (m_data.skippedBadRows > 0) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "data.bad_rows_skipped";
        w.message = std::to_string(m_data.skippedBadRows) + " unreadable rows were left out (skip_bad_rows); the first:";
        for (const auto& e : m_data.skippedBadRowExamples) w.message += "\n  " + e;
        m_setupWarnings.push_back(w);
    }
    if (!m_data.cleaningNotes.empty()) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "data.cleaned";
        w.message = "data cleaning:";
        for (const auto& note : m_data.cleaningNotes) w.message += "\n  " + note;
        m_setupWarnings.push_back(w);
    }
    if (m_data.testRowsHeldOut > 0) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "data.test_rows_held_out";
        w.message = std::to_string(m_data.testRowsHeldOut) + " rows marked test in '" + m_job.data.splitColumn +
                    "' are held out; they are evaluated once at the end with the best model";
        m_setupWarnings.push_back(w);
    }
    if (!m_data.fewShotShortClasses.empty()) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "data.few_shot_short";
        w.message = "few_shot_per_class is " + std::to_string(m_job.data.fewShotPerClass) +
                    " but these classes have fewer training examples and keep all of them:";
        for (const auto& c : m_data.fewShotShortClasses) w.message += " '" + c + "'";
        m_setupWarnings.push_back(w);
    }
    if (m_job.data.augmentation.enabled) {
        std::string wordnetWarning;
        auto wordnet = AugmentedExamples::loadWordNet(m_job.data.augmentation, wordnetWarning);
        if (!wordnetWarning.empty()) {
            api::TrainEvent w = makeEvent(api::EventKind::Warning);
            w.code = "data.wordnet_missing";
            w.message = wordnetWarning;
            m_setupWarnings.push_back(w);
        }
        m_augmented = std::make_unique<AugmentedExamples>(m_job, *m_tokenizer, m_data, std::move(wordnet));
    }

    const bool classify = m_job.task == api::Task::SequenceClassification;
    models::ModelRequest request;
    request.head = m_job.task == api::Task::CausalLM    ? models::Head::CausalLM
                   : m_job.task == api::Task::Seq2SeqLM ? models::Head::Seq2SeqLM
                                                        : models::Head::SequenceClassification;
    request.numLabels = static_cast<int64_t>(m_data.labels.size());
    if (m_tokenizer->specialTokens().pad) request.padTokenId = *m_tokenizer->specialTokens().pad;
    if (m_job.training.dropout >= 0) request.dropout = m_job.training.dropout;

    auto resumed = checkpointToResume();
    if (!resumed) return resumed.error();
    const std::optional<fs::path> resumeFrom = *resumed;
    if (m_job.lora.enabled) m_lora.emplace();
    auto loaded = loadTrainingModel(m_job, request, resumeFrom, m_lora ? &*m_lora : nullptr);
    if (!loaded) return loaded.error();
    m_model = std::move(*loaded);
    if (classify) m_model.config.id2label = m_data.labels;
    m_model.config.padTokenId = m_model.padTokenId;
    if (!m_model.report.newlyInitialised.empty()) {
        api::TrainEvent w = makeEvent(api::EventKind::Warning);
        w.code = "model.new_head";
        w.message = "newly initialised (not in the checkpoint): ";
        for (const auto& n : m_model.report.newlyInitialised) w.message += n + " ";
        m_setupWarnings.push_back(w);
    }
    m_model.model->to(m_device);
    m_model.model->train();
    // The same starting weights on every rank (a new head is initialised on each).
    if (Status st = m_dist->broadcastTensors(m_model.model->parameters()); !st) return st;

    m_plan = planParameters(*m_model.model, m_job.freezing, m_lora ? &m_lora->adapter.modulesToSave : nullptr);
    if (m_job.training.l2sp > 0) {
        // w₀ is the job's model as loaded, also when resuming (the checkpoint holds trained weights).
        if (resumeFrom) {
            auto pretrained = models::loadModel(m_job.model.path, request);
            if (!pretrained) return pretrained.error();
            m_l2sp = L2SpPenalty(m_job.training.l2sp, *m_model.model, *pretrained->model, pretrained->report.newlyInitialised);
        } else {
            m_l2sp = L2SpPenalty(m_job.training.l2sp, *m_model.model, *m_model.model, m_model.report.newlyInitialised);
        }
    }
    m_totalParams = countParameters(m_plan);
    auto groups = buildGroups(m_plan, m_job.training);
    if (groups.groups.empty())
        return makeError("train.nothing_to_train", "every parameter is frozen: unfreeze at least the head", {}, -1, "freezing");
    m_lrScales = groups.lrScales;
    if (m_job.training.optimizer == api::Optimizer::AdamW)
        m_optimizer = std::make_unique<torch::optim::AdamW>(std::move(groups.groups), torch::optim::AdamWOptions(m_job.training.learningRate));
    else
        m_optimizer = std::make_unique<torch::optim::SGD>(std::move(groups.groups), torch::optim::SGDOptions(m_job.training.learningRate));

    m_layout = ShardLayout{m_job.training.batchSize, m_job.training.gradAccumSteps, m_dist->rank(), m_dist->worldSize()};
    m_stepsPerEpoch = stepsPerEpoch(static_cast<int64_t>(m_data.train.size()), m_layout);
    m_totalSteps = m_job.training.maxSteps > 0 ? m_job.training.maxSteps : m_stepsPerEpoch * m_job.training.epochs;
    m_warmupSteps = resolveWarmupSteps(m_job.training, m_totalSteps);

    if (resumeFrom)
        if (Status st = restore(*resumeFrom); !st) return st;
    m_floor = gradualUnfreezeFloor(m_job.freezing, m_model.model->numBlocks(), m_state.step);
    m_trainable = applyTrainable(m_plan, m_floor);

    api::TrainEvent started = makeEvent(api::EventKind::Started);
    started.trainableParams = m_trainable;
    started.totalParams = m_totalParams;
    started.path = m_runDir.string();
    started.message = resumeFrom ? "resumed from " + resumeFrom->filename().string() : "";
    if (m_device.is_cuda() || m_precision != Precision::Float32)
        started.message += (started.message.empty() ? "" : "; ") + std::string(m_device.is_cuda() ? "on the GPU" : "on the CPU") +
                           (m_precision == Precision::Float32 ? std::string() : std::string(", ") + precisionName(m_precision) + " mixed precision");
    if (m_l2sp.enabled()) {
        char l2sp[96];
        std::snprintf(l2sp, sizeof l2sp, "L2-SP (alpha %g) on %zu pretrained tensors", m_job.training.l2sp, m_l2sp.anchoredTensors());
        started.message += (started.message.empty() ? "" : "; ") + std::string(l2sp);
    }
    if (m_tokenCacheHit) started.message += (started.message.empty() ? "" : "; ") + std::string("tokenized data reused from the cache");
    if (m_dist->active())
        started.message += (started.message.empty() ? "" : "; ") + std::string("data-parallel over ") +
                           std::to_string(m_dist->worldSize()) + " processes";
    send(started);
    for (const auto& w : m_setupWarnings) send(w);
    return Status::success();
}

// A worker of a data-parallel job joins its process group before anything else, so that every later
// step can fail together.
Status Run::joinProcessGroup() {
    if (m_launch.distributed() && m_device.is_cuda()) {
        const int64_t gpus = std::max<int64_t>(1, static_cast<int64_t>(torch::cuda::device_count()));
        m_device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(m_launch.localRank % gpus));
    }
    auto dist = Distributed::connect(m_launch, m_device, std::chrono::seconds(m_job.training.distributedTimeoutS));
    if (!dist) return dist.error();
    m_dist = std::move(*dist);
    // Without output.run_dir the folder's name holds the start time: rank 0's is the job's.
    auto runDir = m_dist->fromMain("run_dir", resolveRunDir(m_job).string());
    if (!runDir) return runDir.error();
    m_runDir = *runDir;
    return Status::success();
}





Result<bool> Run::evaluateNow() {
    EvalSummary summary = evaluate(*m_model.model, m_data.validation, m_job.training.batchSize, m_model.padTokenId,
                                   static_cast<int>(m_data.labels.size()), m_device);
    api::TrainEvent e = makeEvent(api::EventKind::Evaluation);
    e.epoch = double(m_state.step) / double(m_stepsPerEpoch);
    e.evalLoss = summary.loss;
    e.evalAccuracy = summary.accuracy;
    e.evalF1Macro = summary.f1Macro;
    e.evalPerplexity = summary.perplexity;
    send(e);
    const double score = monitoredScore(monitoredMetric(m_job.training, m_job.task), summary);
    const EvaluationVerdict verdict = judgeEvaluation(score, m_state.bestMetric, m_job.training.earlyStoppingMinDelta);
    bool improved = verdict.best;
    if (improved) {
        m_state.bestMetric = score;
        m_state.bestStep = m_state.step;
    }
    if (verdict.resetsPatience) {
        m_state.evalsWithoutImprovement = 0;
    } else {
        ++m_state.evalsWithoutImprovement;
        if (m_job.training.earlyStoppingPatience > 0 && m_state.evalsWithoutImprovement >= m_job.training.earlyStoppingPatience)
            m_stopEarly = true;
    }
    if (m_dist->active()) {
        // Every rank evaluated the same weights; rank 0's verdict holds, so no rounding difference can split them.
        std::vector<double> shared{improved ? 1.0 : 0.0, m_state.bestMetric, double(m_state.bestStep),
                                   double(m_state.evalsWithoutImprovement), m_stopEarly ? 1.0 : 0.0};
        if (Status st = m_dist->broadcast(shared); !st) return st.error();
        improved = shared[0] > 0;
        m_state.bestMetric = shared[1];
        m_state.bestStep = static_cast<int64_t>(shared[2]);
        m_state.evalsWithoutImprovement = static_cast<int64_t>(shared[3]);
        m_stopEarly = shared[4] > 0;
    }
    return improved;
}

void Run::emitStep(double loss, double gradNorm, int64_t tokens, int64_t samples, double stepSeconds) {
    api::TrainEvent e = makeEvent(api::EventKind::Step);
    e.epoch = double(m_state.step) / double(m_stepsPerEpoch);
    e.loss = loss;
    e.learningRate = m_lastLr;
    e.gradNorm = gradNorm;
    e.tokensPerSecond = stepSeconds > 0 ? double(tokens) / stepSeconds : 0;
    e.samplesPerSecond = stepSeconds > 0 ? double(samples) / stepSeconds : 0;
    const double spent = elapsed();
    e.elapsedSeconds = spent;
    e.trainableParams = m_trainable;
    e.etaSeconds = m_state.step > 0 ? spent / double(m_state.step) * double(m_totalSteps - m_state.step) : -1;
    send(e);
}

bool Run::waitWhilePaused() {
    if (!m_control.pause.load()) return true;
    send(makeEvent(api::EventKind::Paused));
    while (m_control.pause.load() && !m_control.cancel.load()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (m_control.cancel.load()) return false;
    send(makeEvent(api::EventKind::Resumed));
    return true;
}

Result<bool> Run::cancelRequested() {
    if (!m_dist->active()) return !waitWhilePaused() || m_control.cancel.load();
    // The ranks stop at the same step. Pausing is for the desktop app's single process: not offered here.
    std::vector<double> cancel{m_control.cancel.load() ? 1.0 : 0.0};
    if (Status st = m_dist->sum(cancel); !st) return st.error();
    return cancel[0] > 0;
}

Result<Run::StepTotals> Run::computeGradients(const std::vector<int64_t>& order, int64_t stepInEpoch) {
    const LabelKind kind = labelKindOf(m_job.task);
    const bool tokenLevel = kind != LabelKind::ClassId;
    // A loss term is what the loss averages over: an example, or a predicted token of a language model.
    // With augmentation, this step's examples as this epoch sees them, made once each.
    std::unordered_map<int64_t, Example> augmented;
    const auto exampleAt = [&](int64_t i) -> const Example& {
        if (!m_augmented) return m_data.train[static_cast<size_t>(i)];
        auto it = augmented.find(i);
        if (it == augmented.end()) it = augmented.emplace(i, m_augmented->example(i, m_state.epoch)).first;
        return it->second;
    };
    const auto lossTerms = [&](int64_t i) { return tokenLevel ? exampleAt(i).predictedTokens() : int64_t(1); };
    const StepShard shard = shardStep(order, stepInEpoch, m_layout, lossTerms);
    StepTotals totals;
    totals.samples = shard.samples;
    for (const MicroBatch& micro : shard.micro) {
        if (micro.weight == 0) continue;  // nothing of this micro-batch on this rank
        Batch batch;
        if (m_augmented) {
            std::vector<Example> examples;
            std::vector<int64_t> positions;
            for (int64_t i : micro.indices) {
                positions.push_back(static_cast<int64_t>(examples.size()));
                examples.push_back(exampleAt(i));
            }
            batch = collate(examples, positions, m_model.padTokenId, kind);
        } else {
            batch = collate(m_data.train, micro.indices, m_model.padTokenId, kind);
        }
        totals.tokens += batch.tokens;
        torch::Tensor logits, targets;  // classification: [B, K] and [B]; token-level: [B, N, V] and [B, N]
        {
            AutocastScope autocast(m_precision, m_device);
            if (tokenLevel) {
                TokenLogits predicted = tokenLogits(*m_model.model, batch, kind, m_model.padTokenId, m_device);
                logits = predicted.logits;
                targets = predicted.targets;
            } else {
                logits = m_model.model->forward(batch.inputIds.to(m_device), batch.attentionMask.to(m_device));
                targets = batch.labels.to(m_device);
            }
        }
        logits = logits.to(torch::kFloat);  // the loss in float32, whatever the forward pass computed in
        const auto options =
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100).label_smoothing(m_job.training.labelSmoothing);
        torch::Tensor loss = tokenLevel ? torch::nn::functional::cross_entropy(logits.reshape({-1, logits.size(-1)}), targets.reshape({-1}), options)
                                        : torch::nn::functional::cross_entropy(logits, targets, options);
        if (std::find(m_injectNanAtSteps.begin(), m_injectNanAtSteps.end(), m_state.step + 1) != m_injectNanAtSteps.end())
            loss = loss * std::numeric_limits<double>::quiet_NaN();
        // Weighted so that the micro-batches, and the ranks' sums, add up to the mean loss of the whole step.
        // fp16: scaled up so that small gradients do not flush to zero (divided back before the step).
        (loss * (micro.weight * m_scaler.scale())).backward();
        totals.loss += loss.item<double>() * micro.weight;
    }
    if (!m_dist->active()) return totals;

    std::vector<torch::Tensor> trainable;
    for (const auto& p : m_plan)
        if (p.tensor.requires_grad()) trainable.push_back(p.tensor);
    if (Status st = m_dist->sumGradients(trainable); !st) return st.error();
    std::vector<double> sums{totals.loss, double(totals.tokens)};
    if (Status st = m_dist->sum(sums); !st) return st.error();
    totals.loss = sums[0];
    totals.tokens = static_cast<int64_t>(sums[1]);
    return totals;
}

Status Run::trainLoop() {
    const auto& t = m_job.training;
    const int64_t evalEvery = t.evalEverySteps > 0 ? t.evalEverySteps : m_stepsPerEpoch;
    const int64_t saveEvery = t.saveEverySteps > 0 ? t.saveEverySteps : evalEvery;
    const int64_t n = static_cast<int64_t>(m_data.train.size());

    while (m_state.step < m_totalSteps && !m_stopEarly) {
        const std::vector<int64_t> order = shuffledOrder(n, t.seed, m_state.epoch);
        for (int64_t b = m_state.batchInEpoch; b < m_stepsPerEpoch && m_state.step < m_totalSteps; ++b) {
            auto cancel = cancelRequested();
            if (!cancel) return cancel.error();
            if (*cancel) {
                if (Status st = saveCheckpoint(); !st) return st;
                api::TrainEvent e = makeEvent(api::EventKind::Cancelled);
                e.path = m_runDir.string();
                send(e);
                return makeError("train.cancelled", "training was cancelled; resume continues from the last checkpoint");
            }
            const auto stepStart = Clock::now();
            const int64_t floor = gradualUnfreezeFloor(m_job.freezing, m_model.model->numBlocks(), m_state.step);
            if (floor != m_floor) {
                m_floor = floor;
                m_trainable = applyTrainable(m_plan, m_floor);
            }
            m_lastLr = t.learningRate * lrMultiplier(t.schedule, m_state.step, m_warmupSteps, m_totalSteps);
            setLearningRate(*m_optimizer, m_lrScales, m_lastLr);
            m_optimizer->zero_grad();

            auto totals = computeGradients(order, b);
            if (!totals) return totals.error();
            const double lossSum = totals->loss;
            std::vector<torch::Tensor> withGrad;
            for (const auto& p : m_plan)
                if (p.tensor.grad().defined()) withGrad.push_back(p.tensor);
            // fp16: the gradients back at their true size. An overflow at this loss scale skips the
            // update quietly and halves the scale (as GradScaler does); it is not a diverging run.
            const bool gradsFit = m_scaler.unscale(withGrad);
            if (m_scaler.enabled()) {
                m_scaler.update(gradsFit);
                if (m_scaler.scale() < kMinLossScale)
                    return makeError("train.diverged", "the fp16 gradients overflowed at every loss scale (down to " +
                                                           std::to_string(m_scaler.scale()) + ", step " + std::to_string(m_state.step + 1) +
                                                           "); train in bf16 or fp32, or lower the learning rate");
            }
            const bool overflowed = !gradsFit && std::isfinite(lossSum);
            if (gradsFit && std::isfinite(lossSum)) m_l2sp.addToGradients();
            double gradNorm = 0;
            if (!withGrad.empty() && !overflowed) {
                gradNorm = t.maxGradNorm > 0 ? torch::nn::utils::clip_grad_norm_(withGrad, t.maxGradNorm)
                                             : torch::nn::utils::clip_grad_norm_(withGrad, 1e300);
            }
            // A non-finite loss or gradient skips the update (the weights stay as they were); only
            // several in a row end the run.
            if (overflowed) {
                m_optimizer->zero_grad();
            } else if (!std::isfinite(lossSum) || !std::isfinite(gradNorm)) {
                ++m_nonFiniteInARow;
                m_optimizer->zero_grad();
                if (m_nonFiniteInARow >= kMaxNonFiniteSteps)
                    return makeError("train.diverged", "the loss or gradients were not finite in " + std::to_string(m_nonFiniteInARow) +
                                                           " steps in a row (up to step " + std::to_string(m_state.step + 1) +
                                                           "); lower the learning rate or check the data");
                api::TrainEvent w = makeEvent(api::EventKind::Warning);
                w.code = "train.nonfinite_step";
                w.message = "step " + std::to_string(m_state.step + 1) + ": the loss was " + std::to_string(lossSum) +
                            "; this update was skipped";
                send(w);
            } else {
                m_nonFiniteInARow = 0;
                m_optimizer->step();
            }
            ++m_state.step;
            m_dist->recordDigest(m_state.step, m_model.model->parameters());
            m_state.batchInEpoch = b + 1;
            if (m_state.batchInEpoch >= m_stepsPerEpoch) {
                ++m_state.epoch;
                m_state.batchInEpoch = 0;
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - stepStart).count();
            if (t.logEverySteps <= 1 || m_state.step % t.logEverySteps == 0 || m_state.step == 1 || m_state.step == m_totalSteps)
                emitStep(lossSum, gradNorm, totals->tokens, totals->samples, seconds);

            const bool last = m_state.step == m_totalSteps;
            if (m_state.step % evalEvery == 0 || last) {
                auto improved = evaluateNow();
                if (!improved) return improved.error();
                if (*improved) {
                    Status st = m_dist->onMain("export " + (m_runDir / "best").string(), [&] {
                        Status saved = saveTrainingModel(m_runDir / "best", m_model, m_job, m_lora ? &*m_lora : nullptr);
                        return saved ? saved : writeFailed(saved.error(), m_runDir / "best", "the best model");
                    });
                    if (!st) return st;
                }
                if (m_stopEarly) {
                    api::TrainEvent w = makeEvent(api::EventKind::Warning);
                    w.code = "train.early_stopping";
                    const MonitoredMetric metric = monitoredMetric(t, m_job.task);
                    w.message = "no improvement of the validation " + metric.name + " in " + std::to_string(m_state.evalsWithoutImprovement) +
                                " evaluations: stopping early; best/ holds step " + std::to_string(m_state.bestStep);
                    send(w);
                }
            }
            if (m_state.step % saveEvery == 0 || last || m_stopEarly)
                if (Status st = saveCheckpoint(); !st) return st;
            if (m_stopEarly) break;
        }
    }
    return Status::success();
}





// The folder name of the run's newest complete checkpoint ("step-0000012"), or "" when there is none.
std::string newestCheckpointName(const fs::path& runDir) {
    const auto complete = completeCheckpoints(runDir);
    return complete.empty() ? std::string() : complete.front().filename().string();
}

Status Run::writeFailed(const Error& error, const fs::path& target, const std::string& what) {
    std::string detail;
    const bool full = diskIsFull(m_runDir, detail);
    // Nothing half-written stays behind: a checkpoint folder without its trainer_state.json, or an
    // export's staging folder. The previous checkpoint and best/ are untouched.
    std::error_code ec;
    io::removeTree(target.parent_path() / (target.filename().string() + ".partial"), ec);
    if (target.parent_path().filename() == "checkpoints" && !fs::exists(target / "trainer_state.json")) io::removeTree(target, ec);
    if (!full) return error;
    const std::string newest = newestCheckpointName(m_runDir);
    const std::string kept = newest.empty() ? "no checkpoint was saved yet" : "checkpoint " + newest + " is intact";
    return makeError("run.disk_full", "the disk is full (" + detail + "): cannot save " + what + "; " + kept +
                                          ". Free some space, then continue with `finetune resume " + m_runDir.string() + "`",
                     m_runDir.string());
}

Status Run::failFromException(const std::exception& e) {
    if (!isOutOfMemory(e)) return fail(makeError("train.internal", std::string("training stopped: ") + e.what()));
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    const std::string newest = m_runDir.empty() ? std::string() : newestCheckpointName(m_runDir);
    const std::string kept = newest.empty() ? "no checkpoint was saved yet" : "checkpoint " + newest + " is kept";
    return fail(makeError("train.out_of_memory", "out of memory at step " + std::to_string(m_state.step + 1) + " (" + what + "); " +
                                                     kept + ". " + outOfMemoryAdvice(m_job)));
}

Status Run::execute() {
    if (Status st = setUp(); !st) return fail(st.error());
    if (Status st = measureBeforeTraining(); !st) return fail(st.error());
    Status st = trainLoop();
    if (!st) {
        if (st.error().code == "train.cancelled") return st;
        return fail(st.error());
    }
    if (!m_dist->isMain()) return Status::success();  // rank 0 evaluates the best model and writes the report
    if (Status fin = finish(); !fin) return fail(fin.error());
    return Status::success();
}

}  // namespace detail

Status runTraining(const api::JobConfig& job, RunControl& control, const EventSink& emit, const api::DistributedLaunch& launch) {
    detail::Run run(job, launch, control, emit);
    try {
        return run.execute();
    } catch (const std::exception& e) {
        // LibTorch reports shape and memory problems as exceptions: they end the run, not the app.
        return run.failFromException(e);
    }
}

}  // namespace ft::train

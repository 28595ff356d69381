#include "core/api/job_config.h"

#include "core/data/reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ft::api {
namespace fs = std::filesystem;
using nlohmann::json;

const char* taskName(Task t) {
    switch (t) {
    case Task::CausalLM: return "causal_lm";
    case Task::Seq2SeqLM: return "seq2seq_lm";
    case Task::SequenceClassification: break;
    }
    return "sequence_classification";
}

const char* dataFormatName(DataFormat f) {
    switch (f) {
    case DataFormat::PromptResponse: return "prompt_response";
    case DataFormat::Alpaca: return "alpaca";
    case DataFormat::Chat: return "chat";
    case DataFormat::Text: break;
    }
    return "text";
}

const char* scheduleName(Schedule s) {
    switch (s) {
    case Schedule::Constant: return "constant";
    case Schedule::Cosine: return "cosine";
    case Schedule::Linear: break;
    }
    return "linear";
}

namespace {

// Reads one JSON object strictly: every key must be consumed, types must match.
class ObjectReader {
public:
    ObjectReader(const json& obj, std::string path, const std::string& file, std::optional<Error>& err)
        : m_obj(obj), m_path(std::move(path)), m_file(file), m_err(err) {
        if (!m_obj.is_object()) fail(m_path.empty() ? "the job must be a JSON object" : "'" + m_path + "' must be an object", m_path);
    }

    template <class T>
    void get(const char* key, T& out) {
        if (m_err || !m_obj.is_object()) return;
        m_seen.insert(key);
        auto it = m_obj.find(key);
        if (it == m_obj.end() || it->is_null()) return;
        const std::string where = qualified(key);
        try {
            if constexpr (std::is_same_v<T, bool>) {
                if (!it->is_boolean()) return fail("'" + where + "' must be true or false", where);
            } else if constexpr (std::is_integral_v<T>) {
                if (!it->is_number_integer()) return fail("'" + where + "' must be a whole number", where);
                if constexpr (std::is_unsigned_v<T>)
                    if (it->get<int64_t>() < 0 && !it->is_number_unsigned()) return fail("'" + where + "' must not be negative", where);
            } else if constexpr (std::is_floating_point_v<T>) {
                if (!it->is_number()) return fail("'" + where + "' must be a number", where);
            } else if constexpr (std::is_same_v<T, std::string>) {
                if (!it->is_string()) return fail("'" + where + "' must be a string", where);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                if (!it->is_array()) return fail("'" + where + "' must be a list of strings", where);
                for (const auto& v : *it)
                    if (!v.is_string()) return fail("'" + where + "' must be a list of strings", where);
            } else if constexpr (std::is_same_v<T, std::vector<std::vector<std::string>>>) {
                const std::string shape = "'" + where + "' must be a list of lists of column names, e.g. [[\"gender\", \"age\"]]";
                if (!it->is_array()) return fail(shape, where);
                for (const auto& inner : *it) {
                    if (!inner.is_array()) return fail(shape, where);
                    for (const auto& v : inner)
                        if (!v.is_string()) return fail(shape, where);
                }
            }
            out = it->get<T>();
        } catch (const std::exception& e) {
            fail("'" + where + "': " + e.what(), where);
        }
    }

    const json* child(const char* key) {
        m_seen.insert(key);
        auto it = m_obj.find(key);
        return (it == m_obj.end() || it->is_null()) ? nullptr : &*it;
    }

    std::string qualified(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }

    void finish() {
        if (m_err || !m_obj.is_object()) return;
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!m_seen.count(it.key()))
                return fail("unknown key '" + qualified(it.key()) + "' (check the spelling; see the job format in the README)",
                            qualified(it.key()), "job.unknown_key");
    }

    void fail(const std::string& message, const std::string& field, const std::string& code = "job.invalid_field") {
        if (!m_err) m_err = makeError(code, message, m_file, -1, field);
    }

private:
    const json& m_obj;
    std::string m_path;
    const std::string& m_file;
    std::optional<Error>& m_err;
    std::set<std::string> m_seen;
};

std::string resolvePath(const std::string& p, const std::string& baseDir) {
    if (p.empty() || baseDir.empty() || fs::path(p).is_absolute()) return p;
    return (fs::path(baseDir) / p).lexically_normal().string();
}

}  // namespace

Result<JobConfig> parseJobConfig(const std::string& text, const std::string& file, const std::string& baseDir) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset; turn it into a line for the user.
        const size_t upTo = std::min<size_t>(e.byte, text.size());
        const int64_t line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(upTo), '\n');
        return makeError("job.invalid_json", std::string("the job file is not valid JSON: ") + e.what(), file, line);
    }

    JobConfig job;
    std::optional<Error> err;
    ObjectReader top(j, "", file, err);
    top.get("version", job.version);
    top.get("name", job.name);
    std::string task = taskName(job.task);
    top.get("task", task);
    if (task == "sequence_classification") job.task = Task::SequenceClassification;
    else if (task == "causal_lm") job.task = Task::CausalLM;
    else if (task == "seq2seq_lm") job.task = Task::Seq2SeqLM;
    else top.fail("'task' must be \"sequence_classification\", \"causal_lm\" or \"seq2seq_lm\", not \"" + task + "\"", "task");

    if (const json* m = top.child("model")) {
        ObjectReader r(*m, "model", file, err);
        r.get("path", job.model.path);
        r.get("from_scratch", job.model.fromScratch);
        r.finish();
    }
    if (const json* d = top.child("data")) {
        ObjectReader r(*d, "data", file, err);
        r.get("train", job.data.train);
        r.get("validation", job.data.validation);
        r.get("test", job.data.test);
        r.get("text_column", job.data.textColumn);
        r.get("text_pair_column", job.data.textPairColumn);
        r.get("label_column", job.data.labelColumn);
        r.get("target_column", job.data.targetColumn);
        r.get("group_columns", job.data.groupColumns);
        r.get("validation_fraction", job.data.validationFraction);
        r.get("stratify_by_group", job.data.stratifyByGroup);
        r.get("split_column", job.data.splitColumn);
        r.get("max_length", job.data.maxLength);
        r.get("max_target_length", job.data.maxTargetLength);
        std::string format = dataFormatName(job.data.format);
        r.get("format", format);
        if (format == "text") job.data.format = DataFormat::Text;
        else if (format == "prompt_response") job.data.format = DataFormat::PromptResponse;
        else if (format == "alpaca") job.data.format = DataFormat::Alpaca;
        else if (format == "chat") job.data.format = DataFormat::Chat;
        else r.fail("'data.format' must be \"text\", \"prompt_response\", \"alpaca\" or \"chat\"", "data.format");
        r.get("prompt_column", job.data.promptColumn);
        r.get("response_column", job.data.responseColumn);
        r.get("messages_column", job.data.messagesColumn);
        r.get("loss_on_prompt", job.data.lossOnPrompt);
        r.get("pack", job.data.pack);
        r.get("skip_bad_rows", job.data.skipBadRows);
        r.get("encoding", job.data.encoding);
        if (!data::isKnownEncoding(job.data.encoding))
            r.fail("'data.encoding' must be \"auto\", \"utf-8\", \"utf-16\" or \"latin-1\", not \"" + job.data.encoding + "\"",
                   "data.encoding");
        r.get("few_shot_per_class", job.data.fewShotPerClass);
        r.get("token_cache", job.data.tokenCache);
        r.get("token_cache_dir", job.data.tokenCacheDir);
        if (const json* c = r.child("cleaning")) {
            ObjectReader cr(*c, "data.cleaning", file, err);
            auto& cleaning = job.data.cleaning;
            cr.get("trim", cleaning.trim);
            cr.get("drop_empty", cleaning.dropEmpty);
            cr.get("deduplicate", cleaning.deduplicate);
            cr.get("drop_missing_label", cleaning.dropMissingLabel);
            cr.finish();
        }
        if (const json* a = r.child("augmentation")) {
            ObjectReader ar(*a, "data.augmentation", file, err);
            auto& aug = job.data.augmentation;
            ar.get("enabled", aug.enabled);
            ar.get("probability", aug.probability);
            ar.get("synonym_replacement", aug.synonymReplacement);
            ar.get("random_swap", aug.randomSwap);
            ar.get("random_deletion", aug.randomDeletion);
            ar.get("wordnet_dir", aug.wordnetDir);
            ar.finish();
        }
        r.finish();
    }
    if (const json* t = top.child("training")) {
        ObjectReader r(*t, "training", file, err);
        auto& s = job.training;
        r.get("epochs", s.epochs);
        r.get("max_steps", s.maxSteps);
        r.get("batch_size", s.batchSize);
        r.get("grad_accum_steps", s.gradAccumSteps);
        r.get("learning_rate", s.learningRate);
        r.get("weight_decay", s.weightDecay);
        r.get("warmup_ratio", s.warmupRatio);
        r.get("warmup_steps", s.warmupSteps);
        std::string schedule = scheduleName(s.schedule);
        r.get("schedule", schedule);
        if (schedule == "constant") s.schedule = Schedule::Constant;
        else if (schedule == "linear") s.schedule = Schedule::Linear;
        else if (schedule == "cosine") s.schedule = Schedule::Cosine;
        else r.fail("'training.schedule' must be \"constant\", \"linear\" or \"cosine\"", "training.schedule");
        std::string optimizer = s.optimizer == Optimizer::Sgd ? "sgd" : "adamw";
        r.get("optimizer", optimizer);
        if (optimizer == "adamw") s.optimizer = Optimizer::AdamW;
        else if (optimizer == "sgd") s.optimizer = Optimizer::Sgd;
        else r.fail("'training.optimizer' must be \"adamw\" or \"sgd\"", "training.optimizer");
        r.get("adam_beta1", s.adamBeta1);
        r.get("adam_beta2", s.adamBeta2);
        r.get("adam_epsilon", s.adamEpsilon);
        r.get("sgd_momentum", s.sgdMomentum);
        r.get("max_grad_norm", s.maxGradNorm);
        r.get("seed", s.seed);
        r.get("threads", s.threads);
        r.get("device", s.device);
        r.get("precision", s.precision);
        r.get("eval_every_steps", s.evalEverySteps);
        r.get("log_every_steps", s.logEverySteps);
        r.get("save_every_steps", s.saveEverySteps);
        r.get("early_stopping_patience", s.earlyStoppingPatience);
        r.get("early_stopping_metric", s.earlyStoppingMetric);
        r.get("early_stopping_mode", s.earlyStoppingMode);
        r.get("early_stopping_min_delta", s.earlyStoppingMinDelta);
        r.get("label_smoothing", s.labelSmoothing);
        r.get("dropout", s.dropout);
        r.get("l2_sp", s.l2sp);
        r.get("distributed_timeout_s", s.distributedTimeoutS);
        r.finish();
    }
    if (const json* f = top.child("freezing")) {
        ObjectReader r(*f, "freezing", file, err);
        r.get("embeddings", job.freezing.embeddings);
        r.get("lower_blocks", job.freezing.lowerBlocks);
        r.get("head_only", job.freezing.headOnly);
        r.get("gradual_unfreeze_steps", job.freezing.gradualUnfreezeSteps);
        r.get("layer_lr_decay", job.freezing.layerLrDecay);
        r.finish();
    }
    if (const json* l = top.child("lora")) {
        ObjectReader r(*l, "lora", file, err);
        r.get("enabled", job.lora.enabled);
        r.get("r", job.lora.rank);
        r.get("alpha", job.lora.alpha);
        r.get("dropout", job.lora.dropout);
        r.get("target_modules", job.lora.targetModules);
        r.get("use_rslora", job.lora.rsLora);
        r.finish();
    }
    if (const json* e = top.child("evaluation")) {
        ObjectReader r(*e, "evaluation", file, err);
        r.get("counterfactual", job.evaluation.counterfactual);
        r.get("swap_list", job.evaluation.swapList);
        r.get("intersections", job.evaluation.intersections);
        r.get("before_training", job.evaluation.beforeTraining);
        r.get("reference_text", job.evaluation.referenceText);
        r.finish();
    }
    if (const json* o = top.child("output")) {
        ObjectReader r(*o, "output", file, err);
        r.get("runs_dir", job.output.runsDir);
        r.get("run_dir", job.output.runDir);
        r.finish();
    }
    top.finish();
    if (err) return *err;
    if (job.version != kJobConfigVersion)
        return makeError("job.unsupported_version",
                         "job format version " + std::to_string(job.version) + " is not supported (this build reads version " +
                             std::to_string(kJobConfigVersion) + ")",
                         file, -1, "version");

    job.model.path = resolvePath(job.model.path, baseDir);
    job.data.train = resolvePath(job.data.train, baseDir);
    job.data.validation = resolvePath(job.data.validation, baseDir);
    job.data.test = resolvePath(job.data.test, baseDir);
    job.data.augmentation.wordnetDir = resolvePath(job.data.augmentation.wordnetDir, baseDir);
    job.data.tokenCacheDir = resolvePath(job.data.tokenCacheDir, baseDir);
    job.output.runsDir = resolvePath(job.output.runsDir, baseDir);
    job.evaluation.swapList = resolvePath(job.evaluation.swapList, baseDir);
    job.evaluation.referenceText = resolvePath(job.evaluation.referenceText, baseDir);
    job.output.runDir = resolvePath(job.output.runDir, baseDir);
    Status valid = validateJobConfig(job);
    if (!valid) {
        Error e = valid.error();
        if (e.file.empty()) e.file = file;
        return e;
    }
    return job;
}

Result<JobConfig> readJobConfig(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("job.file_not_found", "cannot open the job file", file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parseJobConfig(buffer.str(), file, fs::absolute(fs::path(file)).parent_path().string());
}

Status validateJobConfig(const JobConfig& job) {
    auto bad = [](const std::string& field, const std::string& msg) {
        return Status(makeError("job.invalid_field", "'" + field + "' " + msg, {}, -1, field));
    };
    const auto& t = job.training;
    if (job.model.path.empty()) return bad("model.path", "is required: the folder of a Hugging Face-format model");
    if (job.data.train.empty()) return bad("data.train", "is required: the training data file");
    if (t.batchSize < 1) return bad("training.batch_size", "must be at least 1");
    if (t.gradAccumSteps < 1) return bad("training.grad_accum_steps", "must be at least 1");
    if (t.epochs < 1 && t.maxSteps <= 0) return bad("training.epochs", "must be at least 1 (or set max_steps)");
    if (!(t.learningRate > 0)) return bad("training.learning_rate", "must be greater than 0");
    if (t.weightDecay < 0) return bad("training.weight_decay", "must not be negative");
    if (t.warmupRatio < 0 || t.warmupRatio >= 1) return bad("training.warmup_ratio", "must be in [0, 1)");
    if (t.threads < 0) return bad("training.threads", "must not be negative (0 = all cores)");
    if (t.distributedTimeoutS < 1) return bad("training.distributed_timeout_s", "must be at least 1 second");
    if (t.device != "auto" && t.device != "cpu" && t.device != "cuda") return bad("training.device", "must be \"auto\", \"cpu\" or \"cuda\"");
    if (t.precision != "fp32" && t.precision != "bf16" && t.precision != "fp16" && t.precision != "auto")
        return bad("training.precision", "must be \"fp32\", \"bf16\", \"fp16\" or \"auto\"");
    if (job.data.maxLength < 2) return bad("data.max_length", "must be at least 2 tokens");
    {
        const auto& m = t.earlyStoppingMetric;
        if (m != "auto" && m != "loss" && m != "accuracy" && m != "f1_macro" && m != "perplexity")
            return bad("training.early_stopping_metric", "must be \"auto\", \"loss\", \"accuracy\", \"f1_macro\" or \"perplexity\"");
        if (job.task != Task::SequenceClassification && (m == "accuracy" || m == "f1_macro"))
            return bad("training.early_stopping_metric", "is \"" + m + "\", a classification metric: a language model has \"loss\" and \"perplexity\"");
        if (job.task == Task::SequenceClassification && m == "perplexity")
            return bad("training.early_stopping_metric", "is \"perplexity\", which only a language model has: use \"loss\", \"accuracy\" or \"f1_macro\"");
        const auto& mode = t.earlyStoppingMode;
        if (mode != "auto" && mode != "min" && mode != "max") return bad("training.early_stopping_mode", "must be \"auto\", \"min\" or \"max\"");
    }
    if (t.earlyStoppingPatience < 0) return bad("training.early_stopping_patience", "must not be negative (0 = off)");
    if (!(t.earlyStoppingMinDelta >= 0)) return bad("training.early_stopping_min_delta", "must not be negative");
    if (!(t.labelSmoothing >= 0 && t.labelSmoothing < 1)) return bad("training.label_smoothing", "must be in [0, 1)");
    if (t.dropout != -1 && !(t.dropout >= 0 && t.dropout < 1))
        return bad("training.dropout", "must be in [0, 1) (or null to keep the model's own dropout)");
    if (!(t.l2sp >= 0)) return bad("training.l2_sp", "must not be negative (0 = off)");
    if (t.l2sp > 0 && job.lora.enabled)
        return bad("training.l2_sp", "has nothing to pull with LoRA: the pretrained weights stay frozen (set it to 0)");
    if (t.l2sp > 0 && job.model.fromScratch)
        return bad("training.l2_sp", "pulls towards pretrained weights, which model.from_scratch does not use (set it to 0)");
    {
        const auto& c = job.data.cleaning;
        if (c.deduplicate != "none" && c.deduplicate != "exact" && c.deduplicate != "near")
            return bad("data.cleaning.deduplicate", "must be \"none\", \"exact\" or \"near\"");
        if ((c.trim || c.dropEmpty || c.deduplicate != "none") && job.data.format != DataFormat::Text)
            return bad("data.cleaning", "trims, drops and deduplicates the text column of plain-text rows: it needs \"format\": \"text\"");
    }
    if (!job.data.splitColumn.empty()) {
        if (!job.data.validation.empty())
            return bad("data.split_column", "and data.validation both choose the validation rows: use one of them");
        if (job.data.splitColumn == job.data.textColumn || job.data.splitColumn == job.data.labelColumn)
            return bad("data.split_column", "must be its own column, not the text or label column");
    }
    if (job.data.stratifyByGroup) {
        if (job.data.groupColumns.empty())
            return bad("data.stratify_by_group", "needs data.group_columns: the sensitive-attribute columns to stratify by");
        if (!job.data.validation.empty() || !job.data.splitColumn.empty())
            return bad("data.stratify_by_group", "applies to the seeded split, not to a validation file or data.split_column");
    }
    if (job.data.validation.empty() && job.data.splitColumn.empty() && (job.data.validationFraction <= 0 || job.data.validationFraction >= 1))
        return bad("data.validation_fraction", "must be in (0, 1) when no validation file is given");
    if (job.task == Task::SequenceClassification && job.data.labelColumn.empty())
        return bad("data.label_column", "is required for sequence classification");
    if (job.data.format == DataFormat::Text && job.data.textColumn.empty()) return bad("data.text_column", "is required");
    if (job.task == Task::Seq2SeqLM) {
        if (job.data.format != DataFormat::Text && job.data.format != DataFormat::PromptResponse)
            return bad("data.format", "a text-to-text job (seq2seq_lm) reads \"text\" rows (text_column → target_column) or "
                                      "\"prompt_response\" rows (prompt → response)");
        if (job.data.format == DataFormat::Text && job.data.targetColumn.empty())
            return bad("data.target_column", "is required for a text-to-text job (seq2seq_lm): the column the model learns to write");
        if (job.data.format == DataFormat::Text && job.data.targetColumn == job.data.textColumn)
            return bad("data.target_column", "must differ from data.text_column (the source the model reads)");
        if (job.data.maxTargetLength < 1) return bad("data.max_target_length", "must be at least 1 token");
        if (!job.data.textPairColumn.empty())
            return bad("data.text_pair_column", "pairs texts for classification; a text-to-text job reads one source column");
        if (job.data.augmentation.enabled)
            return bad("data.augmentation.enabled", "rewrites classification and language-model text; it does not apply to seq2seq_lm");
    } else if (job.data.format != DataFormat::Text && job.task != Task::CausalLM) {
        return bad("data.format", "instruction and chat formats train causal language models: set \"task\": \"causal_lm\"");
    }
    if (!job.evaluation.referenceText.empty()) {
        if (!fs::is_regular_file(job.evaluation.referenceText))
            return Status(makeError("job.file_not_found", "the reference text for the forgetting check does not exist",
                                    job.evaluation.referenceText, -1, "evaluation.reference_text"));
    }
    if (job.data.pack && (job.task != Task::CausalLM || job.data.format != DataFormat::Text))
        return bad("data.pack", "packing joins plain text for causal language modelling: it needs \"task\": \"causal_lm\" and \"format\": \"text\"");
    if (job.data.fewShotPerClass < 0) return bad("data.few_shot_per_class", "must not be negative (0 = every example)");
    if (job.data.fewShotPerClass > 0 && job.task != Task::SequenceClassification)
        return bad("data.few_shot_per_class", "keeps k examples per class, which needs \"task\": \"sequence_classification\"");
    if (const auto& a = job.data.augmentation; a.enabled) {
        if (!(a.probability > 0 && a.probability <= 1)) return bad("data.augmentation.probability", "must be in (0, 1]");
        for (const auto& [key, value] : {std::pair<const char*, double>{"synonym_replacement", a.synonymReplacement},
                                         {"random_swap", a.randomSwap},
                                         {"random_deletion", a.randomDeletion}})
            if (!(value >= 0 && value <= 1)) return bad(std::string("data.augmentation.") + key, "must be in [0, 1]");
        if (a.randomDeletion >= 1) return bad("data.augmentation.random_deletion", "must be below 1 (1 would delete every word)");
        if (a.synonymReplacement == 0 && a.randomSwap == 0 && a.randomDeletion == 0)
            return bad("data.augmentation.enabled", "is true but synonym_replacement, random_swap and random_deletion are all 0");
        if (job.data.format != DataFormat::Text || job.data.pack)
            return bad("data.augmentation.enabled", "applies to plain text rows: it needs \"format\": \"text\" and no \"pack\"");
    }
    if (job.freezing.lowerBlocks < 0) return bad("freezing.lower_blocks", "must not be negative");
    if (job.freezing.layerLrDecay <= 0 || job.freezing.layerLrDecay > 1) return bad("freezing.layer_lr_decay", "must be in (0, 1]");
    for (const auto& combo : job.evaluation.intersections) {
        if (combo.size() < 2) return bad("evaluation.intersections", "entries need at least two columns each");
        for (const auto& column : combo)
            if (std::find(job.data.groupColumns.begin(), job.data.groupColumns.end(), column) == job.data.groupColumns.end())
                return bad("evaluation.intersections", "names '" + column + "', which is not one of data.group_columns");
    }
    if (job.lora.enabled) {
        if (job.lora.rank < 1) return bad("lora.r", "must be at least 1");
        if (!(job.lora.alpha > 0)) return bad("lora.alpha", "must be greater than 0");
        if (job.lora.dropout < 0 || job.lora.dropout >= 1) return bad("lora.dropout", "must be in [0, 1)");
        if (job.model.fromScratch)
            return bad("lora.enabled", "cannot be combined with model.from_scratch: LoRA adapts pretrained weights, which stay frozen");
        const auto& f = job.freezing;
        if (f.embeddings || f.lowerBlocks > 0 || f.headOnly || f.gradualUnfreezeSteps > 0)
            return bad("lora.enabled", "cannot be combined with layer freezing (freezing.*): with LoRA the whole base model is frozen");
        for (const auto& t : job.lora.targetModules)
            if (t.empty()) return bad("lora.target_modules", "must not contain an empty name");
    }
    return Status::success();
}

std::string jobConfigToJson(const JobConfig& job) {
    const auto& t = job.training;
    json j = {
        {"version", job.version},
        {"name", job.name},
        {"task", taskName(job.task)},
        {"model", {{"path", job.model.path}, {"from_scratch", job.model.fromScratch}}},
        {"data",
         {{"train", job.data.train},
          {"validation", job.data.validation},
          {"test", job.data.test},
          {"text_column", job.data.textColumn},
          {"text_pair_column", job.data.textPairColumn},
          {"label_column", job.data.labelColumn},
          {"target_column", job.data.targetColumn},
          {"group_columns", job.data.groupColumns},
          {"validation_fraction", job.data.validationFraction},
          {"stratify_by_group", job.data.stratifyByGroup},
          {"split_column", job.data.splitColumn},
          {"cleaning",
           {{"trim", job.data.cleaning.trim},
            {"drop_empty", job.data.cleaning.dropEmpty},
            {"deduplicate", job.data.cleaning.deduplicate},
            {"drop_missing_label", job.data.cleaning.dropMissingLabel}}},
          {"max_length", job.data.maxLength},
          {"max_target_length", job.data.maxTargetLength},
          {"format", dataFormatName(job.data.format)},
          {"prompt_column", job.data.promptColumn},
          {"response_column", job.data.responseColumn},
          {"messages_column", job.data.messagesColumn},
          {"loss_on_prompt", job.data.lossOnPrompt},
          {"pack", job.data.pack},
          {"skip_bad_rows", job.data.skipBadRows},
          {"encoding", job.data.encoding},
          {"few_shot_per_class", job.data.fewShotPerClass},
          {"token_cache", job.data.tokenCache},
          {"token_cache_dir", job.data.tokenCacheDir},
          {"augmentation",
           {{"enabled", job.data.augmentation.enabled},
            {"probability", job.data.augmentation.probability},
            {"synonym_replacement", job.data.augmentation.synonymReplacement},
            {"random_swap", job.data.augmentation.randomSwap},
            {"random_deletion", job.data.augmentation.randomDeletion},
            {"wordnet_dir", job.data.augmentation.wordnetDir}}}}},
        {"training",
         {{"epochs", t.epochs},
          {"max_steps", t.maxSteps},
          {"batch_size", t.batchSize},
          {"grad_accum_steps", t.gradAccumSteps},
          {"learning_rate", t.learningRate},
          {"weight_decay", t.weightDecay},
          {"warmup_ratio", t.warmupRatio},
          {"warmup_steps", t.warmupSteps},
          {"schedule", scheduleName(t.schedule)},
          {"optimizer", t.optimizer == Optimizer::Sgd ? "sgd" : "adamw"},
          {"adam_beta1", t.adamBeta1},
          {"adam_beta2", t.adamBeta2},
          {"adam_epsilon", t.adamEpsilon},
          {"sgd_momentum", t.sgdMomentum},
          {"max_grad_norm", t.maxGradNorm},
          {"seed", t.seed},
          {"threads", t.threads},
          {"device", t.device},
          {"precision", t.precision},
          {"eval_every_steps", t.evalEverySteps},
          {"log_every_steps", t.logEverySteps},
          {"save_every_steps", t.saveEverySteps},
          {"early_stopping_patience", t.earlyStoppingPatience},
          {"early_stopping_metric", t.earlyStoppingMetric},
          {"early_stopping_mode", t.earlyStoppingMode},
          {"early_stopping_min_delta", t.earlyStoppingMinDelta},
          {"label_smoothing", t.labelSmoothing},
          {"dropout", t.dropout < 0 ? json(nullptr) : json(t.dropout)},
          {"l2_sp", t.l2sp},
          {"distributed_timeout_s", t.distributedTimeoutS}}},
        {"freezing",
         {{"embeddings", job.freezing.embeddings},
          {"lower_blocks", job.freezing.lowerBlocks},
          {"head_only", job.freezing.headOnly},
          {"gradual_unfreeze_steps", job.freezing.gradualUnfreezeSteps},
          {"layer_lr_decay", job.freezing.layerLrDecay}}},
        {"lora",
         {{"enabled", job.lora.enabled},
          {"r", job.lora.rank},
          {"alpha", job.lora.alpha},
          {"dropout", job.lora.dropout},
          {"target_modules", job.lora.targetModules},
          {"use_rslora", job.lora.rsLora}}},
        {"evaluation",
         {{"counterfactual", job.evaluation.counterfactual},
          {"swap_list", job.evaluation.swapList},
          {"intersections", job.evaluation.intersections},
          {"before_training", job.evaluation.beforeTraining},
          {"reference_text", job.evaluation.referenceText}}},
        {"output", {{"runs_dir", job.output.runsDir}, {"run_dir", job.output.runDir}}},
    };
    return j.dump(2) + "\n";
}

}  // namespace ft::api

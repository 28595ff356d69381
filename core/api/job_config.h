#pragma once
// One job format for the GUI and the CLI (job.json). Plain structs, no torch, no Qt, no JSON types:
// parse/serialize live in job_config.cpp. Field comments give the JSON key and the default.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

inline constexpr int kJobConfigVersion = 1;

enum class Task { SequenceClassification, CausalLM, Seq2SeqLM };

struct ModelSection {
    std::string path;              // "path": HF-format folder (config.json + *.safetensors + tokenizer)
    bool fromScratch = false;      // "from_scratch": same architecture, random weights (baseline)
};

// How rows become training text. Non-"text" formats are for causal LMs (instruction / chat SFT).
enum class DataFormat {
    Text,            // "text": text_column (+ text_pair_column) as is
    PromptResponse,  // "prompt_response": prompt_column → response_column
    Alpaca,          // "alpaca": instruction (+ input) → output columns
    Chat,            // "chat": messages_column holds [{"role", "content"}] (or ShareGPT's from/value)
};

// Seeded on-the-fly augmentation of the training split (never validation): in each epoch each training
// example is augmented with `probability`, from a generator seeded by (training.seed, epoch, example),
// then tokenized again. Plain-text formats only ("format": "text", no "pack").
struct AugmentationSection {
    bool enabled = false;                // "enabled"
    double probability = 0.5;            // "probability": share of training examples augmented in each epoch
    double synonymReplacement = 0.1;     // "synonym_replacement": share of words replaced by a WordNet synonym (0 = off)
    double randomSwap = 0.1;             // "random_swap": share of words, that many swaps of two words (0 = off)
    double randomDeletion = 0.1;         // "random_deletion": probability of deleting each word (one always stays)
    std::string wordnetDir;              // "wordnet_dir": WordNet's dict folder ("" = /usr/share/wordnet, Debian's
                                         //   wordnet-base); without it synonym replacement is skipped with a warning
};

// Cleaning applied to the training file (and a separate validation file) before splitting; each step's
// count is reported when the run starts (warning "data.cleaned").
struct CleaningSection {
    bool trim = false;                   // "trim": strip leading / trailing whitespace from the text and label cells
    bool dropEmpty = false;              // "drop_empty": drop rows whose text is empty or only whitespace
    std::string deduplicate = "none";    // "deduplicate": "none" | "exact" (same text) | "near" (same text after case,
                                         //   punctuation and whitespace folding); the first row of each group stays
    bool dropMissingLabel = true;        // "drop_missing_label": rows with an empty label are left out (counted); false
                                         //   makes an empty label an error naming the file and line
};

struct DataSection {
    std::string train;                        // "train": CSV/TSV/JSONL/JSON/TXT file
    std::string validation;                   // "validation": optional separate file ("" = split from train)
    std::string test;                         // "test": optional held-out file, evaluated once with the best model at
                                              //   the end (report in <run>/evaluations/test; never used for choices)
    std::string textColumn = "text";          // "text_column"
    std::string textPairColumn;               // "text_pair_column" ("" = none)
    std::string labelColumn = "label";        // "label_column" (classification)
    std::string targetColumn = "target";      // "target_column" (seq2seq_lm with "format": "text": text_column → target_column)
    std::vector<std::string> groupColumns;    // "group_columns": sensitive attributes for fairness slices
    double validationFraction = 0.2;          // "validation_fraction" when no validation file
    bool stratifyByGroup = false;             // "stratify_by_group": split stratified by label × the group_columns' values
                                              //   (each group keeps its share in both splits), not by label alone
    std::string splitColumn;                  // "split_column": a column naming each row's split ("train", "validation" /
                                              //   "valid" / "val" / "dev", "test"; case-insensitive) instead of a seeded split;
                                              //   "test" rows are held out and evaluated once at the end, as data.test
    CleaningSection cleaning;                 // "cleaning"
    int64_t maxLength = 128;                  // "max_length" in tokens (truncation; for seq2seq_lm the source side)
    int64_t maxTargetLength = 128;            // "max_target_length" (seq2seq_lm): the target side's truncation, as
                                              //   transformers' examples truncate labels (the end-of-text token kept)
    DataFormat format = DataFormat::Text;     // "format": "text" | "prompt_response" | "alpaca" | "chat"
    std::string promptColumn = "prompt";      // "prompt_column" (prompt_response)
    std::string responseColumn = "response";  // "response_column" (prompt_response)
    std::string messagesColumn = "messages";  // "messages_column" (chat)
    bool lossOnPrompt = false;                // "loss_on_prompt": also train on prompt / user tokens
    bool pack = false;                        // "pack": causal LM pretraining: rows joined with end-of-text and
                                              //   cut into max_length blocks (the rest dropped), as run_clm's group_texts
    std::string encoding = "auto";            // "encoding" of the data files: "auto" (UTF-8, or UTF-16 / UTF-8 by
                                              //   byte-order mark), "utf-8", "utf-16", "latin-1"
    bool skipBadRows = false;                 // "skip_bad_rows": leave out ragged CSV rows and broken JSON lines (counted and
                                              //   reported with the first examples) instead of stopping at the first
    int64_t fewShotPerClass = 0;              // "few_shot_per_class": keep k seeded training examples per class (0 = all;
                                              //   classes with fewer keep all, with a warning); classification only
    AugmentationSection augmentation;         // "augmentation"
    bool tokenCache = true;                   // "token_cache": reuse the tokenized data of an earlier run with the same
                                              //   data files, tokenizer files and data settings (a binary file per key)
    std::string tokenCacheDir;                // "token_cache_dir" ("" = .token-cache beside the run folders)
};

enum class Schedule { Constant, Linear, Cosine };
enum class Optimizer { AdamW, Sgd };

struct TrainingSection {
    int64_t epochs = 3;                  // "epochs"
    int64_t maxSteps = -1;               // "max_steps" (> 0 overrides epochs)
    int64_t batchSize = 16;              // "batch_size"
    int64_t gradAccumSteps = 1;          // "grad_accum_steps"
    double learningRate = 5e-5;          // "learning_rate" (peak)
    double weightDecay = 0.0;            // "weight_decay" (AdamW; never on biases and norms)
    double warmupRatio = 0.0;            // "warmup_ratio" of total steps
    int64_t warmupSteps = 0;             // "warmup_steps" (> 0 overrides warmup_ratio)
    Schedule schedule = Schedule::Linear;  // "schedule": "constant" | "linear" | "cosine"
    Optimizer optimizer = Optimizer::AdamW;  // "optimizer": "adamw" | "sgd"
    double adamBeta1 = 0.9, adamBeta2 = 0.999, adamEpsilon = 1e-8;  // "adam_beta1", "adam_beta2", "adam_epsilon"
    double sgdMomentum = 0.0;            // "sgd_momentum"
    double maxGradNorm = 1.0;            // "max_grad_norm" (<= 0 disables clipping)
    uint64_t seed = 42;                  // "seed"
    int threads = 0;                     // "threads" (0 = all cores)
    std::string device = "auto";         // "device": "auto" | "cpu" | "cuda"
    std::string precision = "fp32";      // "precision": "fp32" | "bf16" | "fp16" (mixed precision: autocast, float32
                                         //   master weights; fp16 with dynamic loss scaling, CUDA only) | "auto"
                                         //   (bf16 on a GPU that has it, else fp32)
    int64_t evalEverySteps = 0;          // "eval_every_steps" (0 = end of each epoch)
    int64_t logEverySteps = 10;          // "log_every_steps"
    int64_t saveEverySteps = 0;          // "save_every_steps" (0 = at each evaluation)
    int64_t earlyStoppingPatience = 0;   // "early_stopping_patience" in evaluations (0 = off)
    std::string earlyStoppingMetric = "auto";  // "early_stopping_metric": the validation metric that picks best/ and
                                         //   early stopping: "auto" (accuracy for classification, loss for causal LM) |
                                         //   "loss" | "accuracy" | "f1_macro" | "perplexity"
    std::string earlyStoppingMode = "auto";    // "early_stopping_mode": "min" | "max" | "auto" (min for loss and
                                         //   perplexity, max for accuracy and F1)
    double earlyStoppingMinDelta = 0.0;  // "early_stopping_min_delta": an evaluation resets the patience only when it
                                         //   beats the best by more than this (transformers' early_stopping_threshold)
    double labelSmoothing = 0.0;         // "label_smoothing": ε in [0, 1): the target is (1-ε) on the true class plus
                                         //   ε spread evenly over all classes (torch cross_entropy's label_smoothing,
                                         //   transformers' label_smoothing_factor); training loss only
    double dropout = -1;                 // "dropout": every dropout probability of the model (hidden, attention,
                                         //   classifier) set to this; -1 (or null) = as the checkpoint's config.json says
    double l2sp = 0.0;                   // "l2_sp": α of the L2-SP penalty α/2·‖w − w₀‖² pulling the pretrained weights
                                         //   towards their starting values w₀ against forgetting (Li et al. 2018); the new
                                         //   head is not pulled; 0 = off; not with LoRA
    int64_t distributedTimeoutS = 60;    // "distributed_timeout_s": multi-process runs fail when the workers' rendezvous
                                         //   or a collective waits longer (a dead worker is noticed at once)
};

struct FreezingSection {
    bool embeddings = false;             // "embeddings": freeze token/position embeddings
    int64_t lowerBlocks = 0;             // "lower_blocks": freeze the lowest N transformer blocks
    bool headOnly = false;               // "head_only": train only the task head
    int64_t gradualUnfreezeSteps = 0;    // "gradual_unfreeze_steps": unfreeze one more block top-down every K steps
    double layerLrDecay = 1.0;           // "layer_lr_decay": lr × decay^(distance from the top)
};

// LoRA (PEFT's LoraConfig): the base model stays frozen; low-rank adapters train on the target
// modules, plus the classification head. The run writes a PEFT adapter and the merged model.
struct LoraSection {
    bool enabled = false;                     // "enabled"
    int64_t rank = 8;                         // "r"
    double alpha = 16;                        // "alpha": scaling = alpha / r
    double dropout = 0.05;                    // "dropout" on the adapter's input
    std::vector<std::string> targetModules;   // "target_modules" ([] = PEFT's default for the architecture)
    bool rsLora = false;                      // "use_rslora": scaling = alpha / sqrt(r)
};

// The final evaluation beyond the metrics every run gets.
struct EvaluationSection {
    bool counterfactual = true;          // "counterfactual": identity-term swap test on the validation texts
    std::string swapList;                // "swap_list": swap file ("" = built-in English gender terms)
    std::vector<std::vector<std::string>> intersections;  // "intersections": e.g. [["gender", "age_group"]]
    bool beforeTraining = true;          // "before_training": evaluate the model once before the first step too
    std::string referenceText;           // "reference_text": causal LM forgetting check — perplexity on this plain
                                         //   text before and after fine-tuning ("" = off)
};

struct OutputSection {
    std::string runsDir = "runs";        // "runs_dir": parent folder of run folders
    std::string runDir;                  // "run_dir": exact run folder ("" = runs_dir/<date>-<name>)
};

struct JobConfig {
    int version = kJobConfigVersion;     // "version"
    std::string name = "run";            // "name"
    Task task = Task::SequenceClassification;  // "task": "sequence_classification" | "causal_lm" | "seq2seq_lm"
                                               //   (text-to-text with an encoder-decoder such as T5: "text" rows map
                                               //   text_column → target_column, "prompt_response" prompt → response)
    ModelSection model;                  // "model"
    DataSection data;                    // "data"
    TrainingSection training;            // "training"
    FreezingSection freezing;            // "freezing"
    LoraSection lora;                    // "lora"
    EvaluationSection evaluation;        // "evaluation"
    OutputSection output;                // "output"
};

// Unknown keys, wrong types and out-of-range values are errors naming the key path ("training.batch_size").
// Relative paths are resolved against `baseDir` (the job file's folder).
Result<JobConfig> parseJobConfig(const std::string& jsonText, const std::string& fileForMessages = {},
                                 const std::string& baseDir = {});
Result<JobConfig> readJobConfig(const std::string& file);
std::string jobConfigToJson(const JobConfig& job);   // complete, indented; parse(toJson(x)) == x
Status validateJobConfig(const JobConfig& job);       // cross-field checks (paths exist, columns given, ...)

const char* taskName(Task task);
const char* scheduleName(Schedule schedule);
const char* dataFormatName(DataFormat format);

}  // namespace ft::api

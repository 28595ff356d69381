#pragma once
// data.augmentation during training: the training split's examples as one epoch sees them, each
// augmented (or not) by a generator seeded with (training.seed, epoch, example index) and tokenized
// again. Validation examples are never passed through here.

#include <memory>
#include <string>

#include "core/api/job_config.h"
#include "core/data/augment.h"
#include "core/data/wordnet.h"
#include "core/tokenize/tokenizer.h"
#include "core/train/prepared_data.h"

namespace ft::train {

class AugmentedExamples {
public:
    // `wordnet` may be null: synonym replacement is then skipped. `data` must outlive this object and
    // hold trainTexts (prepareData keeps them when augmentation is on).
    AugmentedExamples(const api::JobConfig& job, const tok::Tokenizer& tokenizer, const PreparedData& data,
                      std::shared_ptr<const data::WordNet> wordnet);

    // Training example `index` as epoch `epoch` sees it.
    Example example(int64_t index, int64_t epoch) const;

    // WordNet for the job when synonym replacement is asked for; null with `warning` set when its
    // files are missing (the run goes on without synonyms), null and no warning when not asked for.
    static std::shared_ptr<const data::WordNet> loadWordNet(const api::AugmentationSection& options, std::string& warning);

private:
    const tok::Tokenizer& m_tokenizer;
    const PreparedData& m_data;
    std::shared_ptr<const data::WordNet> m_wordnet;
    data::AugmentOptions m_options;
    double m_probability;
    uint64_t m_seed;
    int64_t m_maxLength;
    bool m_classification;
    bool m_hasPair;
};

}  // namespace ft::train

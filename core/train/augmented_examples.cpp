#include "core/train/augmented_examples.h"

namespace ft::train {

AugmentedExamples::AugmentedExamples(const api::JobConfig& job, const tok::Tokenizer& tokenizer, const PreparedData& data,
                                     std::shared_ptr<const data::WordNet> wordnet)
    : m_tokenizer(tokenizer),
      m_data(data),
      m_wordnet(std::move(wordnet)),
      m_probability(job.data.augmentation.probability),
      m_seed(job.training.seed),
      m_maxLength(job.data.maxLength),
      m_classification(job.task == api::Task::SequenceClassification),
      m_hasPair(!job.data.textPairColumn.empty()) {
    m_options.synonymReplacement = job.data.augmentation.synonymReplacement;
    m_options.randomSwap = job.data.augmentation.randomSwap;
    m_options.randomDeletion = job.data.augmentation.randomDeletion;
}

Example AugmentedExamples::example(int64_t index, int64_t epoch) const {
    const Example& original = m_data.train[static_cast<size_t>(index)];
    if (static_cast<size_t>(index) >= m_data.trainTexts.size()) return original;
    std::mt19937_64 rng = data::exampleRng(m_seed, epoch, index);
    if (data::uniform01(rng) >= m_probability) return original;
    const std::string text = data::augmentText(m_data.trainTexts[static_cast<size_t>(index)], m_options, m_wordnet.get(), rng);
    const std::string& pair = m_data.trainPairTexts[static_cast<size_t>(index)];
    Example ex;
    ex.label = original.label;
    ex.row = original.row;
    encodeExample(m_tokenizer, text, m_hasPair ? &pair : nullptr, m_maxLength, m_classification, ex);
    return ex.ids.empty() ? original : ex;
}

std::shared_ptr<const data::WordNet> AugmentedExamples::loadWordNet(const api::AugmentationSection& options, std::string& warning) {
    if (!options.enabled || options.synonymReplacement <= 0) return nullptr;
    auto wordnet = data::WordNet::load(options.wordnetDir.empty() ? data::WordNet::defaultDir() : std::filesystem::path(options.wordnetDir));
    if (!wordnet) {
        warning = "synonym replacement is skipped: " + wordnet.error().describe();
        return nullptr;
    }
    return std::make_shared<const data::WordNet>(std::move(*wordnet));
}

}  // namespace ft::train

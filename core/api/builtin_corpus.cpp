#include "core/api/builtin_corpus.h"

namespace ft::api {

const std::vector<std::string>& builtinEnglishCorpus() {
    // Sentences combine subjects, verbs and objects so the vocabulary sees common words, punctuation,
    // digits and contractions in many contexts.
    static const std::vector<std::string> corpus = [] {
        const char* subjects[] = {"The product", "This phone", "My order", "The service", "Our team", "The movie",
                                  "The book", "This laptop", "The restaurant", "The hotel", "The support agent", "It"};
        const char* verbs[] = {"is", "was", "seems", "looks", "felt", "has been", "isn't", "wasn't", "became", "stays"};
        const char* objects[] = {"great", "terrible", "excellent value for the money", "slow and disappointing",
                                 "exactly what I wanted", "broken after 2 days", "friendly and helpful",
                                 "too expensive", "worth every penny", "not worth it", "amazing, really amazing",
                                 "okay, I guess", "the best I've ever had", "a waste of time", "fast; delivery took 3 days"};
        const char* tails[] = {".", "!", "?", " and I'd buy it again.", " but the price is high.", ", honestly.",
                               " - would not recommend.", " (5/5).", " (1/5).", " I'm happy.", " We're done."};
        std::vector<std::string> lines;
        size_t i = 0;
        for (const char* s : subjects)
            for (const char* v : verbs)
                for (const char* o : objects) {
                    lines.push_back(std::string(s) + " " + v + " " + o + tails[i % (sizeof(tails) / sizeof(*tails))]);
                    ++i;
                }
        lines.push_back("Numbers like 0 1 2 3 4 5 6 7 8 9 10 42 100 2026 appear too.");
        lines.push_back("Café, naïve, résumé: accents matter.\tTabs\nand newlines too.");
        return lines;
    }();
    return corpus;
}

}  // namespace ft::api

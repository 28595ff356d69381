// Training-text augmentation (core/data/augment, core/data/wordnet): seeded and reproducible,
// deletion keeps a word, swaps keep the words, synonyms come from WordNet's data files.
#include "core/data/augment.h"
#include "core/data/wordnet.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace ft::data;

namespace {

// A WordNet folder with two synsets: {happy, glad, felicitous} (adjective) and {car, automobile, motor_car}.
std::filesystem::path writeTinyWordNet(const QTemporaryDir& dir) {
    const std::filesystem::path root(dir.path().toStdString());
    std::ofstream adj(root / "data.adj");
    adj << "  1 This software and database is being provided to you, the LICENSEE, by\n"
        << "00001740 00 s 03 happy 0 glad(a) 0 felicitous 0 000 | enjoying or showing joy\n";
    std::ofstream noun(root / "data.noun");
    noun << "02958343 06 n 03 car 0 auto 0 motor_car 0 000 | a motor vehicle with four wheels\n";
    return root;
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

const char* const kSentence = "the quick brown fox jumps over the lazy dog near the river bank";

}  // namespace

class TestAugment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameText() {
        AugmentOptions options;
        options.randomSwap = 0.2;
        options.randomDeletion = 0.2;
        for (int64_t example = 0; example < 20; ++example) {
            auto a = exampleRng(42, 1, example), b = exampleRng(42, 1, example);
            QCOMPARE(augmentText(kSentence, options, nullptr, a), augmentText(kSentence, options, nullptr, b));
        }
        // Another seed, epoch or example gives another text (for most examples).
        int differ = 0;
        for (int64_t example = 0; example < 20; ++example) {
            auto a = exampleRng(42, 1, example), b = exampleRng(43, 1, example), c = exampleRng(42, 2, example);
            const std::string base = augmentText(kSentence, options, nullptr, a);
            differ += base != augmentText(kSentence, options, nullptr, b);
            differ += base != augmentText(kSentence, options, nullptr, c);
        }
        QVERIFY2(differ >= 30, qPrintable(QString::number(differ)));
    }

    void generatorDependsOnlyOnSeedEpochAndExample() {
        auto a = exampleRng(7, 3, 11);
        (void)a();  // draws from another generator do not matter
        auto b = exampleRng(7, 3, 11), c = exampleRng(7, 3, 11);
        QCOMPARE(b(), c());
        QVERIFY(exampleRng(7, 3, 11)() != exampleRng(7, 3, 12)());
        QVERIFY(exampleRng(7, 3, 11)() != exampleRng(7, 4, 11)());
    }

    void deletionKeepsAtLeastOneWord() {
        AugmentOptions options;
        options.randomDeletion = 0.99;
        const std::vector<std::string> original = words(kSentence);
        for (int64_t example = 0; example < 200; ++example) {
            auto rng = exampleRng(1, 0, example);
            const std::vector<std::string> out = words(augmentText(kSentence, options, nullptr, rng));
            QVERIFY(!out.empty());
            for (const auto& w : out) QVERIFY(std::find(original.begin(), original.end(), w) != original.end());
        }
        auto rng = exampleRng(1, 0, 0);
        QCOMPARE(augmentText("alone", options, nullptr, rng), std::string("alone"));
        QCOMPARE(augmentText("   ", options, nullptr, rng), std::string("   "));
    }

    void deletionRateFollowsTheProbability() {
        AugmentOptions options;
        options.randomDeletion = 0.3;
        size_t before = 0, after = 0;
        for (int64_t example = 0; example < 500; ++example) {
            auto rng = exampleRng(5, 0, example);
            before += words(kSentence).size();
            after += words(augmentText(kSentence, options, nullptr, rng)).size();
        }
        const double deleted = 1.0 - double(after) / double(before);
        QVERIFY2(deleted > 0.25 && deleted < 0.35, qPrintable(QString::number(deleted)));
    }

    void swapKeepsTheWords() {
        AugmentOptions options;
        options.randomSwap = 0.3;
        int changed = 0;
        for (int64_t example = 0; example < 50; ++example) {
            auto rng = exampleRng(9, 0, example);
            const std::string out = augmentText(kSentence, options, nullptr, rng);
            auto a = words(kSentence), b = words(out);
            changed += a != b;
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            QCOMPARE(b, a);
        }
        QVERIFY(changed > 40);
    }

    void synonymsComeFromWordNet() {
        QTemporaryDir dir;
        auto wordnet = WordNet::load(writeTinyWordNet(dir));
        QVERIFY2(wordnet.ok(), wordnet.ok() ? "" : wordnet.error().describe().c_str());
        QCOMPARE(*wordnet->synonyms("happy"), (std::vector<std::string>{"glad", "felicitous"}));
        QCOMPARE(*wordnet->synonyms("glad"), (std::vector<std::string>{"happy", "felicitous"}));  // "(a)" marker dropped
        QCOMPARE(*wordnet->synonyms("car"), (std::vector<std::string>{"auto", "motor car"}));
        QVERIFY(!wordnet->synonyms("river"));

        AugmentOptions options;
        options.synonymReplacement = 1.0;  // every word WordNet knows
        const std::vector<std::string> happy{"Glad", "Felicitous"}, car{"auto", "motor car"};
        for (int64_t example = 0; example < 30; ++example) {
            auto rng = exampleRng(3, 0, example);
            const std::string out = augmentText("Happy owners wash the car, daily.", options, &*wordnet, rng);
            // Capital and punctuation stay; words WordNet does not know stay.
            bool okHappy = false, okCar = false;
            for (const auto& h : happy) okHappy = okHappy || out.rfind(h + " owners wash the ", 0) == 0;
            for (const auto& c : car) okCar = okCar || out.find("the " + c + ", daily.") != std::string::npos;
            QVERIFY2(okHappy && okCar, out.c_str());
        }
    }

    void missingWordNetIsAnError() {
        QTemporaryDir dir;
        auto wordnet = WordNet::load(dir.path().toStdString());
        QVERIFY(!wordnet.ok());
        QCOMPARE(wordnet.error().code, std::string("wordnet.not_found"));
        QCOMPARE(wordnet.error().file, dir.path().toStdString());
    }

    void debiansWordNetWhenInstalled() {
        if (!std::filesystem::exists(WordNet::defaultDir() / "data.noun")) QSKIP("Debian's wordnet-base is not installed");
        auto wordnet = WordNet::load();
        QVERIFY(wordnet.ok());
        QVERIFY(wordnet->words() > 50000);
        const auto* car = wordnet->synonyms("car");
        QVERIFY(car && std::find(car->begin(), car->end(), "automobile") != car->end());
        const auto* good = wordnet->synonyms("good");
        QVERIFY(good && std::find(good->begin(), good->end(), "well") != good->end());
    }
};

QTEST_GUILESS_MAIN(TestAugment)
#include "test_augment.moc"

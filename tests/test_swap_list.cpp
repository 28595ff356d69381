// Swap lists for the counterfactual test: parsing with line-numbered errors, whole-word and
// case-preserving replacement, pair swaps in both directions at once, n-ary sets one per alternative.

#include <QtTest>

#include "core/eval/swap_list.h"

using namespace ft;

class TestSwapList : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultGenderSwap_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");   // "" = no counterfactual
        QTest::newRow("both directions") << "He said his sister likes her." << "She said her brother likes his.";
        QTest::newRow("upper case") << "HE is a KING" << "SHE is a QUEEN";
        QTest::newRow("one-way him") << "I told him" << "I told her";
        QTest::newRow("word boundaries") << "the shepherd herded sheep" << "";
        QTest::newRow("punctuation") << "(she) men's, women." << "(he) women's, men.";
        QTest::newRow("no terms") << "A fine product." << "";
        QTest::newRow("non-ascii neighbours") << "éhe heé he" << "éhe heé she";
    }

    void defaultGenderSwap() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto cfs = eval::counterfactualsOf(text.toStdString(), eval::defaultSwapList());
        if (expected.isEmpty()) {
            QVERIFY(cfs.empty());
            return;
        }
        QCOMPARE(cfs.size(), size_t(1));
        QCOMPARE(QString::fromStdString(cfs[0].text), expected);
        QCOMPARE(QString::fromStdString(cfs[0].set), QStringLiteral("gender"));
    }

    void naryNamesGiveOneCounterfactualPerAlternative() {
        auto list = eval::parseSwapList("# names\n[names]\nJohn | Mary | Aisha\n");
        QVERIFY(list.ok());
        const auto cfs = eval::counterfactualsOf("John met John's friend Bob", *list);
        QCOMPARE(cfs.size(), size_t(2));
        QCOMPARE(QString::fromStdString(cfs[0].text), QStringLiteral("Mary met Mary's friend Bob"));
        QCOMPARE(QString::fromStdString(cfs[1].text), QStringLiteral("Aisha met Aisha's friend Bob"));
        QCOMPARE(cfs[0].sourceTerm, std::string("john"));
        QCOMPARE(cfs[1].replacement, std::string("aisha"));
        QCOMPARE(eval::counterfactualsOf("John met John", *list, 1).size(), size_t(1));
    }

    void errorsNameTheLine_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::newRow("single term") << "[a]\nhe\n" << "swaps.invalid_line" << 2;
        QTest::newRow("empty term") << "he || she\n" << "swaps.invalid_line" << 1;
        QTest::newRow("duplicate") << "[g]\nhe | she\n\nshe | they\n" << "swaps.duplicate_term" << 4;
        QTest::newRow("bad header") << "[]\nhe | she\n" << "swaps.invalid_line" << 1;
        QTest::newRow("bad rule") << "him -> \n" << "swaps.invalid_line" << 1;
        QTest::newRow("empty") << "# nothing\n\n" << "swaps.empty" << -1;
    }

    void errorsNameTheLine() {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(int, line);
        auto list = eval::parseSwapList(text.toStdString(), "swaps.txt");
        QVERIFY(!list.ok());
        QCOMPARE(QString::fromStdString(list.error().code), code);
        QCOMPARE(int(list.error().line), line);
        QCOMPARE(list.error().file, std::string("swaps.txt"));
    }
};

QTEST_GUILESS_MAIN(TestSwapList)
#include "test_swap_list.moc"

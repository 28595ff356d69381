#pragma once
// One side of the Playground: which model, what it made of the text — generated text streaming in,
// or a probability bar per label — and, when an explanation arrives, the input text shaded by
// each span's attribution.

#include <QGroupBox>
#include <QStringList>
#include <QVector>

class QLabel;
class QStackedWidget;
class QTableWidget;
class QTextBrowser;

namespace ft::ui {

// A span of the input text [begin, end) in QString (UTF-16) offsets and its attribution: positive
// supports the predicted label, negative speaks against it.
struct TokenAttribution {
    int begin = 0;
    int end = 0;
    double score = 0;
};

class PlaygroundColumn : public QGroupBox {
    Q_OBJECT
public:
    PlaygroundColumn(const QString& title, QWidget* parent = nullptr);

    void setModelName(const QString& name);    // shown above the result; empty: "no model chosen"
    void clear();
    void setStatus(const QString& status, bool problem = false);
    QString status() const;

    // Generation: the prompt (bold) starts the view, the continuation follows as it streams in.
    void startText(const QString& prompt);
    void appendText(const QString& piece);     // streaming
    void setText(const QString& text);         // the final continuation replaces what streamed
    QString text() const;                      // the continuation only

    void setProbabilities(const QStringList& labels, const QVector<double>& probabilities);
    int labelCount() const;
    QString label(int row) const;
    double probability(int row) const;

    // Shows `text` below the result, each span shaded green (for) or red (against) by its score.
    void showAttributions(const QString& text, const QVector<TokenAttribution>& spans);
    bool showsAttributions() const;

private:
    QLabel* m_model = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTextBrowser* m_text = nullptr;
    QTextBrowser* m_explanation = nullptr;   // the input shaded by attribution, below the result
    QTableWidget* m_table = nullptr;
    QVector<double> m_probabilities;
    QString m_prompt;
    QString m_continuation;
};

}  // namespace ft::ui

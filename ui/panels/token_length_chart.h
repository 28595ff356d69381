#pragma once
// The Data step's token-length histogram: rows per length bin, a vertical line at max_length and
// the share of rows longer than it (those are truncated in training).

#include <QWidget>

#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace ft::ui {

class TokenLengthChart : public QWidget {
    Q_OBJECT
public:
    explicit TokenLengthChart(QWidget* parent = nullptr);

    // `sortedLengths`: every row's length in tokens, ascending. Empty shows `note` instead.
    void setLengths(std::vector<int64_t> sortedLengths, int64_t binWidth, const QString& note = {});
    void setMaxLength(int64_t maxLength);

    double truncatedShare() const;  // of rows longer than max length; 0 without lengths
    QString caption() const;        // the text under the title ("12.5% longer than 128 tokens ...")

private:
    void redraw();

    QCustomPlot* m_plot = nullptr;
    QCPItemStraightLine* m_cutOff = nullptr;
    QCPItemText* m_caption = nullptr;
    std::vector<int64_t> m_lengths;
    int64_t m_binWidth = 1;
    int64_t m_maxLength = 128;
    QString m_note;
};

}  // namespace ft::ui

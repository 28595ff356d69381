#include "ui/panels/token_length_chart.h"

#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/plot/plot_style.h"
#include "ui/plot/qcp.h"

namespace ft::ui {

TokenLengthChart::TokenLengthChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = createPlot(this);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Length in tokens (all rows)")));
    m_plot->xAxis->setLabel(tr("tokens"));
    m_plot->yAxis->setLabel(tr("rows"));
    m_cutOff = new QCPItemStraightLine(m_plot);
    m_cutOff->setPen(QPen(seriesColor(1), 2, Qt::DashLine));
    m_caption = new QCPItemText(m_plot);
    m_caption->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_caption->position->setCoords(0.98, 0.04);
    m_caption->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    m_caption->setTextAlignment(Qt::AlignRight);
    m_plot->setMinimumWidth(260);
    layout->addWidget(m_plot);
    redraw();
}

void TokenLengthChart::setLengths(std::vector<int64_t> sortedLengths, int64_t binWidth, const QString& note) {
    m_lengths = std::move(sortedLengths);
    m_binWidth = std::max<int64_t>(1, binWidth);
    m_note = note;
    redraw();
}

void TokenLengthChart::setMaxLength(int64_t maxLength) {
    m_maxLength = maxLength;
    redraw();
}

double TokenLengthChart::truncatedShare() const {
    if (m_lengths.empty()) return 0;
    const auto longer = m_lengths.end() - std::upper_bound(m_lengths.begin(), m_lengths.end(), m_maxLength);
    return static_cast<double>(longer) / static_cast<double>(m_lengths.size());
}

QString TokenLengthChart::caption() const {
    if (m_lengths.empty()) return m_note;
    // Two lines: the chart is narrow beside the class balance, and one line ran off its left edge.
    return tr("%1% longer than %2 tokens\n(truncated)")
        .arg(QLocale().toString(100.0 * truncatedShare(), 'f', 1))
        .arg(QLocale().toString(static_cast<qlonglong>(m_maxLength)));
}

void TokenLengthChart::redraw() {
    m_plot->clearPlottables();
    m_caption->setText(caption());
    m_cutOff->setVisible(!m_lengths.empty());
    if (!m_lengths.empty()) {
        // Bars centred on their bins: bin b holds lengths [b * width, (b + 1) * width).
        const int64_t top = std::max(m_lengths.back(), m_maxLength);
        const int64_t width = std::max(m_binWidth, (top + 60) / 60);  // at most ~60 bars, whatever the cut-off
        QVector<double> keys, values;
        for (int64_t b = 0; b * width <= top; ++b) {
            const auto lo = std::lower_bound(m_lengths.begin(), m_lengths.end(), b * width);
            const auto hi = std::lower_bound(m_lengths.begin(), m_lengths.end(), (b + 1) * width);
            keys.append((static_cast<double>(b) + 0.5) * static_cast<double>(width));
            values.append(static_cast<double>(hi - lo));
        }
        auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setData(keys, values, true);
        bars->setPen(Qt::NoPen);
        bars->setBrush(seriesColor(0));
        bars->setWidth(static_cast<double>(width) * 0.9);
        m_cutOff->point1->setCoords(static_cast<double>(m_maxLength), 0);
        m_cutOff->point2->setCoords(static_cast<double>(m_maxLength), 1);
        m_plot->xAxis->setRange(0, static_cast<double>(top + width));
        double maxValue = 1;
        for (double v : values) maxValue = std::max(maxValue, v);
        m_plot->yAxis->setRange(0, maxValue * 1.25);
    }
    m_plot->replot();
}

}  // namespace ft::ui

#include "ui/panels/data_quality_chart.h"

#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/plot/plot_style.h"
#include "ui/plot/qcp.h"

namespace ft::ui {

DataQualityChart::DataQualityChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("dataQuality"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = createPlot(this);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Rows to look at (whole file)")));
    m_plot->xAxis->setLabel(tr("rows"));
    m_note = new QCPItemText(m_plot);
    m_note->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_note->position->setCoords(0.5, 0.5);
    m_note->setPositionAlignment(Qt::AlignCenter);
    layout->addWidget(m_plot);
    clear(tr("Measured once the whole file is read."));
}

void DataQualityChart::setReport(const ft::api::DatasetReport& r) {
    m_rows = r.rows;
    m_bars = {{tr("Exact duplicates"), r.exactDuplicateRows},
              {tr("Near duplicates"), r.nearDuplicateRows},
              {tr("Empty texts"), r.emptyTexts},
              {tr("Missing labels"), r.missingLabels},
              {tr("Longer than max length"), r.truncatedRows},
              {tr("Also in validation"), r.leakedExact + r.leakedNear}};
    m_note->setText(QString());
    redraw();
}

void DataQualityChart::clear(const QString& note) {
    m_bars.clear();
    m_rows = 0;
    m_note->setText(note);
    redraw();
}

void DataQualityChart::redraw() {
    m_plot->clearPlottables();
    if (!m_bars.empty()) {
        QVector<double> keys, values;
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        double worst = 1;
        const int n = static_cast<int>(m_bars.size());
        for (int i = 0; i < n; ++i) {
            const double key = n - i;   // the first bar on top
            keys.append(key);
            values.append(double(m_bars[static_cast<size_t>(i)].second));
            ticker->addTick(key, m_bars[static_cast<size_t>(i)].first);
            worst = std::max(worst, double(m_bars[static_cast<size_t>(i)].second));
        }
        auto* bars = new QCPBars(m_plot->yAxis, m_plot->xAxis);  // horizontal: keys up the y axis
        bars->setData(keys, values, true);
        bars->setPen(Qt::NoPen);
        bars->setBrush(seriesColor(1));
        bars->setWidth(0.6);
        m_plot->yAxis->setTicker(ticker);
        m_plot->yAxis->setRange(0.4, n + 0.6);
        m_plot->xAxis->setRange(0, worst * 1.15);
    }
    m_plot->replot();
}

}  // namespace ft::ui

#include "ui/plot/plot_style.h"

#include <QApplication>
#include <QPalette>

#include "ui/plot/qcp.h"

namespace ft::ui {

QCustomPlot* createPlot(QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    const QPalette palette = QApplication::palette();
    plot->setBackground(palette.color(QPalette::Base));
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(90);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        axis->setBasePen(QPen(palette.color(QPalette::Mid)));
        axis->setTickPen(QPen(palette.color(QPalette::Mid)));
        axis->setSubTickPen(QPen(palette.color(QPalette::Mid)));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    plot->legend->setBrush(QBrush(palette.color(QPalette::Base)));
    plot->legend->setBorderPen(QPen(grid));
    plot->legend->setTextColor(text);
    plot->setMinimumHeight(160);
    plot->setNotAntialiasedElements(QCP::aeAll);
    plot->setAntialiasedElements(QCP::aePlottables);
    return plot;
}

QColor seriesColor(int index) {
    static const QColor colors[] = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x9e, 0x73),
                                    QColor(0xcc, 0x79, 0xa7), QColor(0xe6, 0x9f, 0x00), QColor(0x56, 0xb4, 0xe9)};
    return colors[static_cast<size_t>(index) % (sizeof(colors) / sizeof(colors[0]))];
}

}  // namespace ft::ui

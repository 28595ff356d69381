#include "ui/plot/plot_interaction.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QToolTip>

#include <cmath>
#include <limits>

#include "ui/plot/qcp.h"
#include "ui/settings.h"

namespace ft::ui {

namespace {
constexpr double kHoverPixels = 12;
}

PlotInteraction::PlotInteraction(QCustomPlot* plot, const QString& fileStem) : QObject(plot), m_plot(plot), m_fileStem(fileStem) {
    setObjectName(QStringLiteral("plotInteraction"));
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot->setMouseTracking(true);
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    plot->setToolTip(tr("Wheel: zoom. Drag: pan. Double-click: show all data again. Right-click: save as PNG or PDF."));
    connect(plot, &QCustomPlot::mouseWheel, this, [this]() { m_userView = true; });
    connect(plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        if (event->buttons() & Qt::LeftButton) {
            m_userView = true;
            return;
        }
        const QString text = hoverText(event->pos());
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    });
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this]() { followData(); });
    connect(plot, &QWidget::customContextMenuRequested, this, &PlotInteraction::showMenu);
}

void PlotInteraction::followData() {
    m_userView = false;
    Q_EMIT followDataRequested();
}

QString PlotInteraction::hoverText(const QPoint& pixel) const {
    double best = kHoverPixels;
    QString text;
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph* graph = m_plot->graph(g);
        if (!graph->visible()) continue;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            const double x = graph->keyAxis()->coordToPixel(it->key), y = graph->valueAxis()->coordToPixel(it->value);
            const double d = std::hypot(x - pixel.x(), y - pixel.y());
            if (d >= best) continue;
            best = d;
            const QLocale locale;
            const QString value = std::fabs(it->value) < 1e-3 && it->value != 0 ? locale.toString(it->value, 'g', 3)
                                                                                 : locale.toString(it->value, 'f', 4);
            text = tr("%1 \u2014 step %2: %3").arg(graph->name(), locale.toString(static_cast<qlonglong>(std::llround(it->key))), value);
        }
    }
    return text;
}

bool PlotInteraction::save(QCustomPlot* plot, const QString& file) {
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("pdf")) return plot->savePdf(file);
    return plot->savePng(file, 0, 0, 2.0);  // twice the screen's pixels: sharp in documents
}

void PlotInteraction::showMenu(const QPoint& pos) {
    QMenu menu(m_plot);
    QAction* png = menu.addAction(tr("Save as PNG\u2026"));
    QAction* pdf = menu.addAction(tr("Save as PDF\u2026"));
    menu.addSeparator();
    QAction* all = menu.addAction(tr("Show all data"));
    all->setEnabled(m_userView);
    QAction* chosen = menu.exec(m_plot->mapToGlobal(pos));
    if (chosen == all) return followData();
    if (chosen != png && chosen != pdf) return;
    const bool asPdf = chosen == pdf;
    const QString file = QFileDialog::getSaveFileName(
        m_plot, asPdf ? tr("Save chart as PDF") : tr("Save chart as PNG"),
        Settings::lastDirectory().get() + QLatin1Char('/') + m_fileStem + (asPdf ? QStringLiteral(".pdf") : QStringLiteral(".png")),
        asPdf ? tr("PDF documents (*.pdf)") : tr("PNG images (*.png)"));
    if (file.isEmpty()) return;
    Settings::lastDirectory().set(QFileInfo(file).absolutePath());
    if (!save(m_plot, file)) QToolTip::showText(m_plot->mapToGlobal(pos), tr("Could not write %1").arg(file), m_plot);
}

}  // namespace ft::ui

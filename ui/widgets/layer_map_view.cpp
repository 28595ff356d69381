#include "ui/widgets/layer_map_view.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

#include "ui/plot/plot_style.h"

namespace ft::ui {

namespace {
constexpr int kMaxHeight = 300;   // a 32-block model still fits: rows get thinner
constexpr int kMaxRow = 22, kMinRow = 5, kGap = 2;

QString compactCount(int64_t n) {
    const QLocale locale;
    if (n >= 1'000'000'000) return locale.toString(double(n) / 1e9, 'f', 2) + QStringLiteral("B");
    if (n >= 1'000'000) return locale.toString(double(n) / 1e6, 'f', 1) + QStringLiteral("M");
    if (n >= 1'000) return locale.toString(double(n) / 1e3, 'f', 1) + QStringLiteral("k");
    return locale.toString(static_cast<qlonglong>(n));
}
}  // namespace

LayerMapView::LayerMapView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("layerMap"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("The model's layers, head on top. Coloured layers train, grey ones are frozen. Click a block to freeze "
                  "it and everything below; click the embeddings to freeze or train them."));
    clear(tr("Choose a model to see its layers."));
}

void LayerMapView::setMap(const ft::api::LayerMap& map) {
    m_map = map;
    m_empty.clear();
    updateGeometry();
    update();
}

void LayerMapView::clear(const QString& why) {
    m_map = {};
    m_empty = why;
    updateGeometry();
    update();
}

int LayerMapView::rowHeight() const {
    const int rows = static_cast<int>(m_map.rows.size());
    if (rows == 0) return 0;
    return std::clamp((kMaxHeight - kGap * rows) / rows, kMinRow, kMaxRow);
}

QSize LayerMapView::sizeHint() const {
    const int rows = static_cast<int>(m_map.rows.size());
    const int height = rows == 0 ? fontMetrics().height() * 2 : rows * (rowHeight() + kGap);
    return {320, height};
}

QSize LayerMapView::minimumSizeHint() const { return {200, sizeHint().height()}; }

QRect LayerMapView::rowRect(int row) const {
    const int rows = static_cast<int>(m_map.rows.size());
    const int h = rowHeight();
    const int top = (rows - 1 - row) * (h + kGap);  // the head (last row) on top
    return {0, top, width() - 1, h};
}

int LayerMapView::rowAt(int y) const {
    for (int r = 0; r < static_cast<int>(m_map.rows.size()); ++r)
        if (y >= rowRect(r).top() && y <= rowRect(r).bottom() + kGap) return r;
    return -1;
}

QString LayerMapView::rowText(int row) const {
    const auto& r = m_map.rows[static_cast<size_t>(row)];
    QString name;
    switch (r.kind) {
    case ft::api::LayerRow::Kind::Embeddings: name = tr("Embeddings"); break;
    case ft::api::LayerRow::Kind::Head: name = tr("Head and final norm"); break;
    case ft::api::LayerRow::Kind::Block: name = tr("Block %1").arg(r.block); break;
    }
    QString state = r.trainable ? tr("trains") : tr("frozen");
    if (m_map.lora && r.kind != ft::api::LayerRow::Kind::Head) state = tr("frozen (LoRA adapters train)");
    else if (m_map.lora) state = tr("new head trains");
    else if (r.trainable && r.opensAtStep > 0) state = tr("opens at step %1").arg(r.opensAtStep);
    return tr("%1 \u00b7 %2 parameters \u00b7 %3").arg(name, compactCount(r.parameters), state);
}

void LayerMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_map.rows.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, m_empty);
        return;
    }
    const QColor accent = seriesColor(0);
    const QColor frozen = palette().color(QPalette::Mid);
    int64_t largest = 1;
    for (const auto& r : m_map.rows) largest = std::max(largest, r.parameters);
    const int h = rowHeight();
    for (int i = 0; i < static_cast<int>(m_map.rows.size()); ++i) {
        const auto& r = m_map.rows[static_cast<size_t>(i)];
        const QRect box = rowRect(i);
        const bool trains = r.trainable && !(m_map.lora && r.kind != ft::api::LayerRow::Kind::Head);
        const bool later = trains && r.opensAtStep > 0;
        // A light bar (its length: the layer's share of the parameters, a quarter of the width at
        // least) under dark text, and a solid edge on the left saying trains / frozen at a glance.
        QColor fill = trains ? accent : frozen;
        fill.setAlpha(later ? 45 : trains ? 80 : 60);
        const double share = 0.25 + 0.75 * double(r.parameters) / double(largest);
        QRectF bar(box.left(), box.top(), box.width() * share, box.height());
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(bar, 3, 3);
        QColor edge = trains ? accent : frozen;
        if (later) edge.setAlpha(120);
        p.setBrush(edge);
        p.drawRoundedRect(QRectF(box.left(), box.top(), 4, box.height()), 2, 2);
        if (h >= fontMetrics().height()) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(box.adjusted(9, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, rowText(i));
        }
    }
}

void LayerMapView::mousePressEvent(QMouseEvent* event) {
    const int row = rowAt(static_cast<int>(event->position().y()));
    if (row < 0 || m_map.lora) return;
    const auto& r = m_map.rows[static_cast<size_t>(row)];
    if (r.kind == ft::api::LayerRow::Kind::Embeddings) {
        Q_EMIT embeddingsFreezeRequested(r.trainable);
    } else if (r.kind == ft::api::LayerRow::Kind::Block) {
        // The topmost frozen block opens again; any other block freezes it and all below.
        const bool topmostFrozen = !r.trainable && (row + 1 >= static_cast<int>(m_map.rows.size()) ||
                                                    m_map.rows[static_cast<size_t>(row + 1)].trainable);
        Q_EMIT lowerBlocksRequested(static_cast<int>(topmostFrozen ? r.block : r.block + 1));
    }
}

bool LayerMapView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int row = rowAt(help->pos().y());
        if (row >= 0) {
            QToolTip::showText(help->globalPos(), rowText(row), this);
            return true;
        }
    }
    return QWidget::event(event);
}

}  // namespace ft::ui

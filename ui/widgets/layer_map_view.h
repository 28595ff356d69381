#pragma once
// The model as a stack of layers, head on top: trainable layers in the accent colour, frozen ones
// grey, each with its parameter count (and, with gradual unfreezing, the step it opens at). Clicking
// a block freezes everything up to it (or, on the topmost frozen block, opens it again); clicking
// the embeddings toggles their freezing (frozen lower blocks keep the embeddings frozen as well, so
// opening the embeddings opens those blocks too). The view only asks: the Configure step changes the job.

#include <QWidget>

#include "core/api/layer_map.h"

namespace ft::ui {

class LayerMapView : public QWidget {
    Q_OBJECT
public:
    explicit LayerMapView(QWidget* parent = nullptr);

    void setMap(const ft::api::LayerMap& map);
    void clear(const QString& why);
    const ft::api::LayerMap& map() const { return m_map; }
    // The row drawn at `y` (widget coordinates), or -1; rows are bottom-up as in LayerMap.
    int rowAt(int y) const;
    QString rowText(int row) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void lowerBlocksRequested(int blocks);
    void embeddingsFreezeRequested(bool frozen);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRect rowRect(int row) const;
    int rowHeight() const;

    ft::api::LayerMap m_map;
    QString m_empty;   // shown instead of a map
};

}  // namespace ft::ui

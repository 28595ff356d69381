#pragma once
// What a user expects of a live chart: wheel to zoom, drag to pan (then the chart stops following
// new data until a double-click or "Show all data"), the values of the point under the mouse in a
// tooltip, and a context menu that saves the chart as PNG or PDF.

#include <QObject>
#include <QPoint>
#include <QString>

class QCustomPlot;

namespace ft::ui {

class PlotInteraction : public QObject {
    Q_OBJECT
public:
    // `fileStem` names the suggested file ("training-loss"); the object belongs to `plot`.
    PlotInteraction(QCustomPlot* plot, const QString& fileStem);

    bool userView() const { return m_userView; }   // zoomed or panned by the user
    void followData();                              // back to the owner's ranges (followDataRequested)
    void markUserView() { m_userView = true; }
    void resetView() { m_userView = false; }       // quietly: the owner sets the ranges itself
    // The nearest data point within a few pixels of `pixel`: "series — step 12: 0.4321"; "" if none.
    QString hoverText(const QPoint& pixel) const;
    // PNG or PDF by the file's suffix; false when it cannot be written.
    static bool save(QCustomPlot* plot, const QString& file);

Q_SIGNALS:
    void followDataRequested();

private:
    void showMenu(const QPoint& pos);

    QCustomPlot* m_plot;
    QString m_fileStem;
    bool m_userView = false;
};

}  // namespace ft::ui

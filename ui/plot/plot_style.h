#pragma once
// One look for every plot in the app: palette-aware colors, readable fonts, no chart junk.

#include <QColor>
#include <QString>

class QCustomPlot;
class QWidget;

namespace ft::ui {

QCustomPlot* createPlot(QWidget* parent);

// Series colors, distinguishable for common color-vision deficiencies (Okabe–Ito).
QColor seriesColor(int index);

}  // namespace ft::ui

#include "ui/widgets/sci_spin_box.h"

#include <QLocale>

#include <cmath>

namespace ft::ui {

SciSpinBox::SciSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    // Many decimals so setValue() keeps typical rates (5e-5, 3e-4) exactly; the text uses 'g'.
    setDecimals(17);
    setRange(1e-9, 10.0);
}

QString SciSpinBox::textFromValue(double value) const { return QLocale::c().toString(value, 'g', 6); }

double SciSpinBox::valueFromText(const QString& text) const {
    bool ok = false;
    const double v = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok ? v : value();
}

QValidator::State SciSpinBox::validate(QString& text, int& pos) const {
    Q_UNUSED(pos);
    const QString t = text.trimmed();
    if (t.isEmpty()) return QValidator::Intermediate;
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    if (ok && v >= minimum() && v <= maximum()) return QValidator::Acceptable;
    return QValidator::Intermediate;  // "5e-" while typing
}

void SciSpinBox::stepBy(int steps) { setValue(value() * std::pow(2.0, steps)); }

}  // namespace ft::ui

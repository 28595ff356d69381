#pragma once
// A spin box for learning rates: shows 5e-05 instead of 0.00005000, steps by ×/÷ 2 on arrows.

#include <QDoubleSpinBox>

namespace ft::ui {

class SciSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit SciSpinBox(QWidget* parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;
};

}  // namespace ft::ui

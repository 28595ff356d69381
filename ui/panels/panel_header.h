#pragma once
// The title + one-line explanation at the top of every step panel.

#include <QString>

class QWidget;

namespace ft::ui {

QWidget* makePanelHeader(const QString& title, const QString& explanation, QWidget* parent);

}  // namespace ft::ui

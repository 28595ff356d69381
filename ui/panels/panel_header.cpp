#include "ui/panels/panel_header.h"

#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

namespace ft::ui {

QWidget* makePanelHeader(const QString& title, const QString& explanation, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->setSpacing(2);
    auto* titleLabel = new QLabel(title, box);
    QFont f = titleLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.45);
    f.setBold(true);
    titleLabel->setFont(f);
    auto* text = new QLabel(explanation, box);
    text->setWordWrap(true);
    text->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(titleLabel);
    layout->addWidget(text);
    return box;
}

}  // namespace ft::ui

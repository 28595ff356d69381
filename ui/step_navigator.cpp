#include "ui/step_navigator.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>

namespace ft::ui {

StepNavigator::StepNavigator(QWidget* parent) : QListWidget(parent) {
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(22, 22));
    setSpacing(2);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.1);
    setFont(f);
    for (int i = 0; i < kStepCount; ++i) {
        auto* item = new QListWidgetItem(stepTitle(static_cast<Step>(i)), this);
        item->setSizeHint(QSize(0, 38));
        item->setIcon(iconFor(static_cast<Step>(i), StepState::Pending));
    }
    setFixedWidth(190);
    connect(this, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) Q_EMIT stepActivated(static_cast<Step>(row));
    });
    setCurrentRow(0);
}

QString StepNavigator::stepTitle(Step step) {
    switch (step) {
    case Step::Model: return tr("Model");
    case Step::Data: return tr("Data");
    case Step::Configure: return tr("Configure");
    case Step::Train: return tr("Train");
    case Step::Evaluate: return tr("Evaluate");
    case Step::Export: return tr("Export");
    case Step::Playground: return tr("Playground");
    case Step::Runs: return tr("Runs");
    }
    return {};
}

void StepNavigator::setStepState(Step step, StepState state) {
    const int i = static_cast<int>(step);
    m_states[i] = state;
    QListWidgetItem* it = item(i);
    it->setIcon(iconFor(step, state));
    switch (state) {
    case StepState::Done: it->setToolTip(tr("%1: done").arg(stepTitle(step))); break;
    case StepState::NeedsAttention: it->setToolTip(tr("%1: needs attention").arg(stepTitle(step))); break;
    case StepState::Pending: it->setToolTip(stepTitle(step)); break;
    }
}

StepState StepNavigator::stepState(Step step) const { return m_states[static_cast<int>(step)]; }

Step StepNavigator::currentStep() const { return static_cast<Step>(qMax(0, currentRow())); }

void StepNavigator::setCurrentStep(Step step) { setCurrentRow(static_cast<int>(step)); }

// Drawn rather than loaded: crisp at any DPI and needs no image plugin.
QIcon StepNavigator::iconFor(Step step, StepState state) const {
    const qreal dpr = devicePixelRatioF();
    const int size = 22;
    QPixmap pm(QSize(size, size) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r(1.5, 1.5, size - 3, size - 3);
    QFont f = QApplication::font();
    f.setBold(true);
    f.setPixelSize(11);
    p.setFont(f);
    if (state == StepState::Done) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x2e, 0x8b, 0x57));
        p.drawEllipse(r);
        QPen pen(Qt::white, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        const QPointF check[] = {{6.5, 11.5}, {9.7, 14.6}, {15.5, 7.8}};
        p.drawPolyline(check, 3);
    } else if (state == StepState::NeedsAttention) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xe0, 0x8a, 0x00));
        p.drawEllipse(r);
        p.setPen(Qt::white);
        p.drawText(r, Qt::AlignCenter, QStringLiteral("!"));
    } else {
        const QColor c = palette().color(QPalette::Mid);
        p.setPen(QPen(c, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r);
        p.setPen(palette().color(QPalette::Text));
        const QString label = step == Step::Runs ? QStringLiteral("\u2261") : QString::number(static_cast<int>(step) + 1);
        p.drawText(r, Qt::AlignCenter, label);
    }
    return QIcon(pm);
}

}  // namespace ft::ui

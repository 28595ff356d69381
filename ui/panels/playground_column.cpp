#include "ui/panels/playground_column.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ft::ui {

namespace {
constexpr int kTextPage = 0, kTablePage = 1;
constexpr int kBarResolution = 1000;
}  // namespace

PlaygroundColumn::PlaygroundColumn(const QString& title, QWidget* parent) : QGroupBox(title, parent) {
    auto* layout = new QVBoxLayout(this);
    m_model = new QLabel(this);
    m_model->setWordWrap(true);
    m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_model->setForegroundRole(QPalette::PlaceholderText);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("generatedText"));
    m_text->setOpenLinks(false);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("probabilities"));
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Probability")});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_explanation = new QTextBrowser(this);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_explanation->setMaximumHeight(110);
    m_explanation->setVisible(false);
    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(kTextPage, m_text);
    m_stack->insertWidget(kTablePage, m_table);
    layout->addWidget(m_model);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_explanation);
    layout->addWidget(m_status);
    setModelName(QString());
}

void PlaygroundColumn::setModelName(const QString& name) {
    m_model->setText(name.isEmpty() ? tr("No model chosen") : name);
}

void PlaygroundColumn::clear() {
    m_text->clear();
    m_prompt.clear();
    m_continuation.clear();
    m_table->setRowCount(0);
    m_probabilities.clear();
    m_explanation->clear();
    m_explanation->setVisible(false);
    m_stack->setCurrentIndex(kTextPage);
    setStatus(QString());
}

void PlaygroundColumn::setStatus(const QString& status, bool problem) {
    m_status->setText(status);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b34700;") : QString());
}

QString PlaygroundColumn::status() const { return m_status->text(); }

void PlaygroundColumn::startText(const QString& prompt) {
    m_prompt = prompt;
    setText(QString());
}

void PlaygroundColumn::appendText(const QString& piece) {
    m_stack->setCurrentIndex(kTextPage);
    m_continuation += piece;
    QTextCursor end(m_text->document());
    end.movePosition(QTextCursor::End);
    end.insertText(piece, QTextCharFormat());
    m_text->setTextCursor(end);
    m_text->ensureCursorVisible();
}

void PlaygroundColumn::setText(const QString& text) {
    m_stack->setCurrentIndex(kTextPage);
    m_text->clear();
    m_continuation.clear();
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    QTextCursor(m_text->document()).insertText(m_prompt, bold);
    appendText(text);
}

QString PlaygroundColumn::text() const { return m_continuation; }

void PlaygroundColumn::setProbabilities(const QStringList& labels, const QVector<double>& probabilities) {
    m_probabilities = probabilities;
    m_table->setRowCount(int(labels.size()));
    const auto top = std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin();
    const QLocale locale;
    for (int row = 0; row < labels.size(); ++row) {
        auto* name = new QTableWidgetItem(labels[row]);
        QFont font = name->font();
        font.setBold(row == top);
        name->setFont(font);
        m_table->setItem(row, 0, name);
        auto* bar = new QProgressBar(m_table);
        bar->setRange(0, kBarResolution);
        const double p = row < probabilities.size() ? probabilities[row] : 0.0;
        bar->setValue(int(std::lround(p * kBarResolution)));
        bar->setFormat(locale.toString(100.0 * p, 'f', 1) + QStringLiteral(" %"));
        m_table->setCellWidget(row, 1, bar);
    }
    m_stack->setCurrentIndex(kTablePage);
}

int PlaygroundColumn::labelCount() const { return m_table->rowCount(); }
QString PlaygroundColumn::label(int row) const { return m_table->item(row, 0) ? m_table->item(row, 0)->text() : QString(); }
double PlaygroundColumn::probability(int row) const { return row < m_probabilities.size() ? m_probabilities[row] : 0.0; }

bool PlaygroundColumn::showsAttributions() const { return !m_explanation->isHidden(); }

void PlaygroundColumn::showAttributions(const QString& text, const QVector<TokenAttribution>& spans) {
    double largest = 0;
    for (const auto& s : spans) largest = std::max(largest, std::abs(s.score));
    QString html;
    int at = 0;
    for (const auto& s : spans) {
        if (s.begin < at || s.end <= s.begin || s.end > text.size()) continue;  // overlapping or outside: skipped
        html += text.mid(at, s.begin - at).toHtmlEscaped();
        const double strength = largest > 0 ? std::abs(s.score) / largest : 0;
        const QColor base = s.score >= 0 ? QColor(0x2e, 0x8b, 0x57) : QColor(0xc0, 0x39, 0x2b);
        QColor shade = base;
        shade.setAlphaF(0.15 + 0.6 * strength);
        html += QStringLiteral("<span style=\"background-color: rgba(%1,%2,%3,%4)\" title=\"%5\">%6</span>")
                    .arg(shade.red())
                    .arg(shade.green())
                    .arg(shade.blue())
                    .arg(shade.alphaF(), 0, 'f', 2)
                    .arg(QLocale().toString(s.score, 'g', 3), text.mid(s.begin, s.end - s.begin).toHtmlEscaped());
        at = s.end;
    }
    html += text.mid(at).toHtmlEscaped();
    m_explanation->setHtml(html);
    m_explanation->setVisible(true);
}

}  // namespace ft::ui

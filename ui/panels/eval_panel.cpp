#include "ui/panels/eval_panel.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

#include "ui/error_text.h"
#include "ui/models/class_metrics_model.h"
#include "ui/models/confusion_model.h"
#include "ui/models/counterfactual_model.h"
#include "ui/models/generated_samples_model.h"
#include "ui/models/group_metrics_model.h"
#include "ui/panels/panel_header.h"
#include "ui/qt_convert.h"

namespace ft::ui {

namespace {
constexpr int kCardCount = 5;

QTableView* makeTable(QWidget* parent, QAbstractItemModel* model) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}
}  // namespace

EvalPanel::EvalPanel(QWidget* parent)
    : StepPanel(parent),
      m_classModel(new ClassMetricsModel(this)),
      m_confusionModel(new ConfusionModel(this)),
      m_groupModel(new GroupMetricsModel(this)),
      m_counterfactualModel(new CounterfactualModel(this)),
      m_samplesModel(new GeneratedSamplesModel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(makePanelHeader(tr("Evaluate"),
                                      tr("How the fine-tuned model does on the held-out validation split, overall, "
                                         "per class and per group."),
                                      this));
    auto* titleRow = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_title, 1);
    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("reportSplit"));
    m_split->addItem(tr("Validation split"));
    m_split->addItem(tr("Test set"));
    m_split->setToolTip(tr("The run's report on its validation split, or on the held-out test file evaluated once at the end."));
    m_split->setVisible(false);
    titleRow->addWidget(m_split);
    connect(m_split, &QComboBox::activated, this, [this](int index) {
        loadReport(index == 0 ? m_runDir : QDir(m_runDir).filePath(QStringLiteral("evaluations/test")));
    });
    m_openHtmlButton = new QPushButton(tr("Open report"), this);
    m_openHtmlButton->setObjectName(QStringLiteral("openHtmlReport"));
    m_openHtmlButton->setToolTip(tr("Open the run's self-contained HTML report (tables and charts) in the web browser."));
    titleRow->addWidget(m_openHtmlButton);
    m_exportButton = new QPushButton(tr("Export\u2026"), this);
    m_exportButton->setObjectName(QStringLiteral("exportReport"));
    m_exportButton->setToolTip(tr("Save the report as one HTML page, as versioned JSON, or as a tidy CSV table."));
    titleRow->addWidget(m_exportButton);
    layout->addLayout(titleRow);
    connect(m_exportButton, &QPushButton::clicked, this, &EvalPanel::chooseExportFile);
    connect(m_openHtmlButton, &QPushButton::clicked, this, [this]() {
        const QString page = QDir(m_reportDir).filePath(QStringLiteral("eval/report.html"));
        if (!QFileInfo::exists(page)) {
            // Runs from before the HTML report: write it now.
            if (const QString error = exportReport(page); !error.isEmpty()) {
                QMessageBox::warning(this, tr("Open report"), error);
                return;
            }
        }
        QDesktopServices::openUrl(QUrl::fromLocalFile(page));
    });
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    m_cards = new QWidget(this);
    m_cardLayout = new QGridLayout(m_cards);
    m_cardLayout->setContentsMargins(0, 4, 0, 4);
    m_cardLayout->setHorizontalSpacing(10);
    for (int i = 0; i < kCardCount; ++i) {
        auto* card = new QFrame(m_cards);
        card->setFrameShape(QFrame::StyledPanel);
        auto* cardLayout = new QVBoxLayout(card);
        auto* value = new QLabel(card);
        QFont f = value->font();
        f.setPointSizeF(f.pointSizeF() * 1.8);
        f.setBold(true);
        value->setFont(f);
        value->setObjectName(QStringLiteral("value"));
        auto* caption = new QLabel(card);
        caption->setObjectName(QStringLiteral("caption"));
        caption->setForegroundRole(QPalette::PlaceholderText);
        cardLayout->addWidget(value);
        cardLayout->addWidget(caption);
        m_cardLayout->addWidget(card, 0, i);
    }
    layout->addWidget(m_cards);

    m_tabs = new QTabWidget(this);
    m_perClassView = makeTable(m_tabs, m_classModel);
    m_perClassView->setObjectName(QStringLiteral("perClass"));
    m_tabs->addTab(m_perClassView, tr("Per class"));
    m_confusionView = new QTableView(m_tabs);
    m_confusionView->setObjectName(QStringLiteral("confusion"));
    m_confusionView->setModel(m_confusionModel);
    m_confusionView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_confusionView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_confusionView->setToolTip(tr("Rows: true class; columns: predicted class. Shading: share of the row."));
    m_tabs->addTab(m_confusionView, tr("Confusion matrix"));
    // Text to text: what the model wrote for the first validation sources (the report keeps a few).
    m_samplesView = makeTable(m_tabs, m_samplesModel);
    m_samplesView->setObjectName(QStringLiteral("generated"));
    m_samplesView->setWordWrap(false);
    m_samplesView->setTextElideMode(Qt::ElideRight);
    auto* samplesHeader = m_samplesView->horizontalHeader();
    samplesHeader->setStretchLastSection(false);
    for (int column : {GeneratedSamplesModel::SourceColumn, GeneratedSamplesModel::TargetColumn, GeneratedSamplesModel::GeneratedColumn})
        samplesHeader->setSectionResizeMode(column, QHeaderView::Stretch);
    m_tabs->addTab(m_samplesView, tr("Generated text"));
    auto* fairness = new QSplitter(Qt::Vertical, m_tabs);
    m_fairnessView = fairness;
    fairness->setObjectName(QStringLiteral("fairness"));
    fairness->addWidget(makeTable(fairness, m_groupModel));
    m_disparities = new QListWidget(fairness);
    m_disparities->setToolTip(tr("Largest differences between groups, with 95% intervals."));
    fairness->addWidget(m_disparities);
    fairness->setStretchFactor(0, 3);
    fairness->setStretchFactor(1, 1);
    m_tabs->addTab(fairness, tr("Fairness"));

    auto* counterfactual = new QWidget(m_tabs);
    counterfactual->setObjectName(QStringLiteral("counterfactual"));
    auto* cfLayout = new QVBoxLayout(counterfactual);
    m_counterfactualSummary = new QLabel(counterfactual);
    m_counterfactualSummary->setWordWrap(true);
    m_counterfactualSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counterfactualSummary->setAlignment(Qt::AlignTop | Qt::AlignLeft);  // stays at the top without a table
    m_counterfactualSummary->setToolTip(
        tr("Identity terms in the validation texts were swapped (he \u2194 she, \u2026) and the model run again.\n"
           "Flip rate: share of pairs whose predicted class changed.\n"
           "Mean |\u0394|: mean change in the probability of the originally predicted class.\n"
           "Invariance failures: share of examples where some swap flipped the class or moved that probability "
           "by more than the tolerance (CheckList's invariance test)."));
    cfLayout->addWidget(m_counterfactualSummary);
    m_counterfactualView = makeTable(counterfactual, m_counterfactualModel);
    m_counterfactualView->setWordWrap(false);
    m_counterfactualView->setTextElideMode(Qt::ElideRight);
    auto* cfHeader = m_counterfactualView->horizontalHeader();
    cfHeader->setStretchLastSection(false);
    cfHeader->setSectionResizeMode(CounterfactualModel::OriginalColumn, QHeaderView::Stretch);
    cfHeader->setSectionResizeMode(CounterfactualModel::CounterfactualColumn, QHeaderView::Stretch);
    cfLayout->addWidget(m_counterfactualView, 1);
    m_tabs->addTab(counterfactual, tr("Counterfactual"));
    layout->addWidget(m_tabs, 1);
    m_emptySpace = new QWidget(this);
    m_emptySpace->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    layout->addWidget(m_emptySpace, 1);

    m_cards->setVisible(false);
    m_tabs->setVisible(false);
    m_exportButton->setVisible(false);
    m_openHtmlButton->setVisible(false);
    m_title->setText(tr("No evaluation yet"));
    m_message->setText(tr("Train a model, or open a finished run from the Runs step."));
}

void EvalPanel::loadJob(const ft::api::JobConfig&) {}
void EvalPanel::storeJob(ft::api::JobConfig&) const {}

QString EvalPanel::title() const {
    QTextDocument doc;
    doc.setHtml(m_title->text());
    return doc.toPlainText();
}

StepState EvalPanel::state() const { return m_hasReport ? StepState::Done : StepState::Pending; }

bool EvalPanel::openRun(const QString& runDir) {
    m_runDir = runDir;
    Q_EMIT runOpened(runDir);
    m_split->setCurrentIndex(0);
    m_split->setVisible(QFileInfo::exists(QDir(runDir).filePath(QStringLiteral("evaluations/test/eval/report.json"))));
    return loadReport(runDir);
}

bool EvalPanel::loadReport(const QString& dir) {
    m_reportDir = dir;
    const auto report = ft::api::readEvalReport(toStd(dir));
    if (!report.ok()) {
        m_hasReport = false;
        m_cards->setVisible(false);
        m_tabs->setVisible(false);
        m_exportButton->setVisible(false);
        m_openHtmlButton->setVisible(false);
        m_emptySpace->setVisible(true);
        m_title->setText(tr("Run %1").arg(QFileInfo(m_runDir).fileName()));
        m_message->setText(tr("No evaluation report could be read:\n%1").arg(errorText(report.error())));
        Q_EMIT stateChanged();
        return false;
    }
    m_loadingFromRun = true;
    showReport(report.value());
    m_loadingFromRun = false;
    return true;
}

void EvalPanel::setMetric(int index, const QString& caption, const QString& value, const QString& tip) {
    QWidget* card = m_cardLayout->itemAtPosition(0, index)->widget();
    card->findChild<QLabel*>(QStringLiteral("value"))->setText(value);
    card->findChild<QLabel*>(QStringLiteral("caption"))->setText(caption);
    card->setToolTip(tip);
}

void EvalPanel::showReport(const ft::api::EvalReport& report) {
    if (!report.runDir.empty()) {
        m_reportDir = toQ(report.runDir);
        if (!m_loadingFromRun) m_runDir = m_reportDir;  // a report shown on its own is its own run
    }
    m_hasReport = true;
    const QLocale locale;
    auto num = [&locale](double v) { return locale.toString(v, 'f', 3); };
    m_title->setText(tr("Run <b>%1</b> \u2014 %2 split, %n example(s)", nullptr, static_cast<int>(report.n))
                         .arg(QFileInfo(m_runDir).fileName().toHtmlEscaped(), toQ(report.split).toHtmlEscaped()));
    m_message->clear();
    // Base vs fine-tuned: the value measured before the first training step, under the caption.
    auto withBefore = [&](const QString& caption, double before, int decimals) {
        if (!report.hasBeforeTraining || !std::isfinite(before)) return caption;
        return caption + QLatin1Char('\n') + tr("before training: %1").arg(locale.toString(before, 'f', decimals));
    };
    setMetric(0, withBefore(tr("Accuracy"), report.accuracyBefore, 3), num(report.accuracy), tr("Share of examples classified correctly."));
    setMetric(1, tr("Balanced accuracy"), num(report.balancedAccuracy), tr("Mean recall over classes."));
    setMetric(2, withBefore(tr("Macro F1"), report.f1MacroBefore, 3), num(report.f1Macro),
              tr("F1 averaged over classes, each class weighted equally."));
    setMetric(3, tr("Weighted F1"), num(report.f1Weighted), tr("F1 averaged over classes, weighted by support."));
    if (report.perplexity > 0)
        setMetric(4, withBefore(tr("Perplexity"), report.perplexityBefore, 2), locale.toString(report.perplexity, 'f', 2),
                  tr("exp(mean token loss)."));
    else
        setMetric(4, withBefore(tr("Loss"), report.lossBefore, 4), locale.toString(report.loss, 'f', 4), tr("Mean validation loss."));
    // A language model has no classes: its cards are the token loss (and, text to text, exact match).
    const bool languageModel = report.perplexity > 0 && report.confusion.empty();
    for (int i = 0; i < 4; ++i) m_cardLayout->itemAtPosition(0, i)->widget()->setVisible(!languageModel);
    if (languageModel) {
        setMetric(1, withBefore(tr("Loss"), report.lossBefore, 4), locale.toString(report.loss, 'f', 4),
                  tr("Mean cross-entropy per predicted token."));
        m_cardLayout->itemAtPosition(0, 1)->widget()->setVisible(true);
    }
    if (std::isfinite(report.exactMatch)) {
        // Text to text: the model's own greedy generations for the first validation examples.
        setMetric(0, tr("Exact match"), num(report.exactMatch),
                  tr("Share of the first %n validation example(s) whose greedy generation equals the target.", nullptr,
                     static_cast<int>(report.generatedExamples)));
        m_cardLayout->itemAtPosition(0, 0)->widget()->setVisible(true);
        if (!report.samples.empty()) {
            const auto& s = report.samples.front();
            m_message->setText(tr("For example, \u201c%1\u201d \u2192 \u201c%2\u201d (target: \u201c%3\u201d).")
                                   .arg(toQ(s.source).left(80), toQ(s.prediction).left(80), toQ(s.target).left(80)));
        }
    }
    if (report.hasForgetting && std::isfinite(report.forgettingChange))
        m_message->setText(tr("Forgetting check on %1: perplexity %2 before fine-tuning, %3 after (%4%).")
                               .arg(QFileInfo(toQ(report.forgettingReference)).fileName(),
                                    locale.toString(report.referencePerplexityBefore, 'f', 2),
                                    locale.toString(report.referencePerplexityAfter, 'f', 2),
                                    (report.forgettingChange >= 0 ? QStringLiteral("+") : QString()) +
                                        locale.toString(100.0 * report.forgettingChange, 'f', 1)));
    // The tabs that fit the task: classes for a classifier, the model's own text for text to text.
    m_tabs->setTabVisible(m_tabs->indexOf(m_perClassView), !languageModel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_confusionView), !languageModel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_samplesView), !report.samples.empty());
    // A report of another kind opens on its own first tab; one of the same kind keeps the tab chosen.
    const TabSet tabSet = !languageModel ? TabSet::Classes : report.samples.empty() ? TabSet::LanguageModel : TabSet::TextToText;
    if (tabSet != m_tabSet) {
        m_tabSet = tabSet;
        m_tabs->setCurrentWidget(tabSet == TabSet::Classes         ? static_cast<QWidget*>(m_perClassView)
                                 : tabSet == TabSet::TextToText    ? static_cast<QWidget*>(m_samplesView)
                                                                   : m_fairnessView);
    }
    m_samplesModel->setRows(report.samples);
    m_classModel->setRows(report.perClass);
    m_confusionModel->setMatrix(report.labels, report.confusion);
    m_groupModel->setRows(report.groups);
    m_disparities->clear();
    for (const auto& d : report.disparities) m_disparities->addItem(toQ(d));
    if (report.groups.empty())
        m_disparities->addItem(tr("No sensitive attributes were selected in the Data step."));
    showCounterfactual(report.counterfactual);
    m_cards->setVisible(true);
    m_tabs->setVisible(true);
    m_exportButton->setVisible(!m_reportDir.isEmpty());
    m_openHtmlButton->setVisible(!m_reportDir.isEmpty());
    m_emptySpace->setVisible(false);
    Q_EMIT stateChanged();
}

void EvalPanel::showCounterfactual(const ft::api::CounterfactualResult& c) {
    m_counterfactualModel->setRows(c.worst);
    m_counterfactualView->setVisible(c.present && !c.worst.empty());
    if (!c.present) {
        m_counterfactualSummary->setText(
            tr("This run has no counterfactual swap test. Turn it on under Configure \u2192 Fairness evaluation."));
        return;
    }
    const QLocale locale;
    auto rate = [&locale](double v) { return std::isfinite(v) ? locale.toString(v, 'f', 3) : tr("n/a"); };
    const double coverage = c.examples > 0 ? 100.0 * double(c.examplesWithSwaps) / double(c.examples) : 0.0;
    // Core names its built-in list in English; word it here so it is translated.
    const bool builtIn = c.swapList.empty() || c.swapList == "built-in English gender terms";
    QString text =
        tr("Swap list: %1").arg(builtIn ? tr("built-in English gender terms") : toQ(c.swapList)) +
        QLatin1Char('\n') +
        tr("Coverage: %1 of %2 examples contain a swappable term (%3%), %4 pairs")
            .arg(locale.toString(c.examplesWithSwaps), locale.toString(c.examples), locale.toString(coverage, 'f', 1),
                 locale.toString(c.pairs)) +
        QLatin1Char('\n') +
        tr("Flip rate %1 \u00b7 mean |\u0394| %2 \u00b7 invariance failure rate %3")
            .arg(rate(c.flipRate), rate(c.meanAbsDelta), rate(c.invarianceFailRate));
    if (c.examplesWithSwaps == 0)
        text += QLatin1Char('\n') + tr("No validation text contains a term from the swap list, so nothing was compared.");
    else if (!c.worst.empty())
        text += QLatin1Char('\n') + tr("The pairs that moved the prediction most:");
    m_counterfactualSummary->setText(text);
}

QString EvalPanel::counterfactualSummary() const { return m_counterfactualSummary->text(); }

QString EvalPanel::exportReport(const QString& file) {
    const QString suffix = QFileInfo(file).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        const auto html = ft::api::evalReportHtml(toStd(m_reportDir));
        if (!html) return errorText(html.error());
        bytes = QByteArray::fromStdString(*html);
    } else if (suffix == QLatin1String("json") || suffix == QLatin1String("csv")) {
        const QString source = QDir(m_reportDir).filePath(QStringLiteral("eval/report.") + suffix);
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly)) return tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(source), in.errorString());
        bytes = in.readAll();
    } else {
        return tr("Choose a file name ending in .html, .json or .csv.");
    }
    QSaveFile out(file);   // written whole or not at all
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), out.errorString());
    return {};
}

void EvalPanel::chooseExportFile() {
    QString selected;
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export evaluation report"),
        QDir(m_runDir).filePath(QFileInfo(m_runDir).fileName() + (m_reportDir == m_runDir ? QString() : QStringLiteral("-test")) +
                                QStringLiteral("-report.html")),
        tr("HTML report (*.html);;JSON report (*.json);;CSV table (*.csv)"), &selected);
    if (file.isEmpty()) return;
    if (const QString error = exportReport(file); !error.isEmpty()) QMessageBox::warning(this, tr("Export evaluation report"), error);
}

}  // namespace ft::ui

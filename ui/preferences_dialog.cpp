#include "ui/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <thread>

#include "ui/settings.h"

namespace ft::ui {

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout;

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("As the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(Settings::language().get())));
    m_language->setToolTip(tr("The language of the interface; it changes at the next start."));
    form->addRow(tr("Language:"), m_language);

    auto* runsRow = new QHBoxLayout;
    m_runsDir = new QLineEdit(Settings::runsDir().get(), this);
    m_runsDir->setObjectName(QStringLiteral("runsDir"));
    m_runsDir->setToolTip(tr("Where new runs are written and where the Runs step looks for past ones."));
    auto* choose = new QPushButton(tr("Choose\u2026"), this);
    connect(choose, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs folder"), m_runsDir->text());
        if (!dir.isEmpty()) m_runsDir->setText(dir);
    });
    runsRow->addWidget(m_runsDir, 1);
    runsRow->addWidget(choose);
    form->addRow(tr("Runs folder:"), runsRow);

    m_threads = new QSpinBox(this);
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(std::max(1u, std::thread::hardware_concurrency())));
    m_threads->setValue(Settings::defaultThreads().get());
    m_threads->setToolTip(tr("CPU threads a new job trains with; each job can still set its own in the Configure step."));
    form->addRow(tr("Threads for new jobs:"), m_threads);

    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(tr("Automatic (GPU if present)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("GPU (CUDA)"), QStringLiteral("cuda"));
    m_device->setCurrentIndex(std::max(0, m_device->findData(Settings::defaultDevice().get())));
    m_device->setToolTip(tr("Where a new job trains; each job can still choose in the Configure step."));
    form->addRow(tr("Device for new jobs:"), m_device);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void PreferencesDialog::accept() {
    Settings::language().set(m_language->currentData().toString());
    const QString runs = m_runsDir->text().trimmed();
    if (!runs.isEmpty()) Settings::runsDir().set(runs);
    Settings::defaultThreads().set(m_threads->value());
    Settings::defaultDevice().set(m_device->currentData().toString());
    QDialog::accept();
}

}  // namespace ft::ui

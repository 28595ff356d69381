#include "ui/job_bundle_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace ft::ui {

JobBundleDialog::JobBundleDialog(const QString& startFolder, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export job bundle"));
    auto* intro = new QLabel(tr("Writes the job into a new folder together with scripts that train it with several "
                                "worker processes: run-local.sh on one machine, run-slurm.sh on a Slurm cluster. "
                                "README.txt in the folder explains both."),
                             this);
    intro->setWordWrap(true);

    m_folder = new QLineEdit(startFolder, this);
    m_folder->setPlaceholderText(tr("A new or empty folder"));
    auto* browseButton = new QPushButton(tr("Choose\u2026"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browseButton);

    m_workers = new QSpinBox(this);
    m_workers->setRange(1, 1024);
    m_workers->setValue(qBound(1, QThread::idealThreadCount(), 2));
    m_workers->setToolTip(tr("Worker processes per machine: run-local.sh's --nproc and the Slurm tasks per node"));

    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Workers per machine:"), m_workers);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(browseButton, &QPushButton::clicked, this, &JobBundleDialog::browse);
    connect(m_folder, &QLineEdit::textChanged, this, &JobBundleDialog::updateOk);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
    resize(520, sizeHint().height());
}

QString JobBundleDialog::folder() const { return m_folder->text().trimmed(); }

int JobBundleDialog::workers() const { return m_workers->value(); }

void JobBundleDialog::browse() {
    // A folder that does not exist yet is fine (it is created), so the line edit keeps the last word.
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Bundle folder"), folder());
    if (!dir.isEmpty()) m_folder->setText(dir);
}

void JobBundleDialog::updateOk() { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!folder().isEmpty()); }

}  // namespace ft::ui

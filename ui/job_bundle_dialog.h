#pragma once
// Asks where to write a job bundle and how many workers per machine it starts (File ▸ Export job bundle…).

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace ft::ui {

class JobBundleDialog : public QDialog {
    Q_OBJECT
public:
    explicit JobBundleDialog(const QString& startFolder, QWidget* parent = nullptr);

    QString folder() const;
    int workers() const;

private:
    void browse();
    void updateOk();

    QLineEdit* m_folder = nullptr;
    QSpinBox* m_workers = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace ft::ui

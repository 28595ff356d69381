#pragma once
// Edit ▸ Preferences: the interface language (from the next start), the runs folder the Runs step
// lists and new jobs write into, and the threads and device a new job starts with. Stored in
// QSettings (ui/settings.h) when accepted.

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace ft::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    QComboBox* languageCombo() const { return m_language; }
    QLineEdit* runsDirEdit() const { return m_runsDir; }
    QSpinBox* threadsSpin() const { return m_threads; }
    QComboBox* deviceCombo() const { return m_device; }

    void accept() override;   // writes the settings

private:
    QComboBox* m_language = nullptr;
    QLineEdit* m_runsDir = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_device = nullptr;
};

}  // namespace ft::ui

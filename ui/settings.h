#pragma once
// Typed settings, each declared once with its key and default (Tiled's Preference<T>). Core never
// sees QSettings: panels read these and hand plain values to the facade.

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace ft::ui {

template <class T>
class Setting {
public:
    Setting(const char* key, T defaultValue) : m_key(QLatin1String(key)), m_default(std::move(defaultValue)) {}

    T get() const {
        const QVariant v = QSettings().value(m_key);
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_default;
    }
    void set(const T& value) const { QSettings().setValue(m_key, QVariant::fromValue(value)); }
    const QString& key() const { return m_key; }
    const T& defaultValue() const { return m_default; }

private:
    QString m_key;
    T m_default;
};

struct Settings {
    // Folders the user added in the Model step (each a model folder or a folder of model folders).
    static const Setting<QStringList>& modelFolders();
    // Parent folder of run folders; the Runs step lists it.
    static const Setting<QString>& runsDir();
    // Where the last file dialog was, so the next one opens there.
    static const Setting<QString>& lastDirectory();
    // Job files opened or saved, newest first (File ▸ Open recent).
    static const Setting<QStringList>& recentJobs();
    // Preferences: the interface language ("" = the system's; "en", "de"), and the threads and device
    // a new job starts with.
    static const Setting<QString>& language();
    static const Setting<int>& defaultThreads();
    static const Setting<QString>& defaultDevice();
    // The main window's size, position and state, restored at the next start.
    static const Setting<QByteArray>& windowGeometry();
};

// Puts `file` first in the recent jobs (at most 8; the same file once).
void rememberRecentJob(const QString& file);

}  // namespace ft::ui

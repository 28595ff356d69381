#pragma once
// Typed settings, each declared once with its key and default (Tiled's Preference<T>). Core never
// sees QSettings: panels read these and hand plain values to the facade.

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
};

}  // namespace ft::ui

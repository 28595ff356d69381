#include "ui/settings.h"

#include <QDir>
#include <QStandardPaths>

namespace ft::ui {

const Setting<QStringList>& Settings::modelFolders() {
    static const Setting<QStringList> s("models/extraFolders", QStringList{});
    return s;
}

const Setting<QString>& Settings::runsDir() {
    static const Setting<QString> s(
        "runs/directory",
        QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QLatin1String("/runs"));
    return s;
}

const Setting<QString>& Settings::lastDirectory() {
    static const Setting<QString> s("ui/lastDirectory", QDir::homePath());
    return s;
}

}  // namespace ft::ui

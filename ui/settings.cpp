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

const Setting<QStringList>& Settings::recentJobs() {
    static const Setting<QStringList> s("ui/recentJobs", QStringList{});
    return s;
}

const Setting<QString>& Settings::language() {
    static const Setting<QString> s("ui/language", QString());
    return s;
}

const Setting<int>& Settings::defaultThreads() {
    static const Setting<int> s("training/defaultThreads", 0);
    return s;
}

const Setting<QString>& Settings::defaultDevice() {
    static const Setting<QString> s("training/defaultDevice", QStringLiteral("auto"));
    return s;
}

const Setting<QByteArray>& Settings::windowGeometry() {
    static const Setting<QByteArray> s("ui/windowGeometry", QByteArray());
    return s;
}

void rememberRecentJob(const QString& file) {
    constexpr int kMaxRecent = 8;
    QStringList recent = Settings::recentJobs().get();
    recent.removeAll(file);
    recent.prepend(file);
    while (recent.size() > kMaxRecent) recent.removeLast();
    Settings::recentJobs().set(recent);
}

}  // namespace ft::ui

#pragma once
// Start-up pieces shared by the app and the tests: resources, translations, the app icon.

#include <QIcon>
#include <QLocale>

class QCoreApplication;

namespace ft::ui {

// The resources live in a static library; referencing them here keeps the linker from dropping them.
void initResources();

// Installs Qt's own qtbase_<lang>.qm and ours for `locale`; returns true when ours was found.
bool installTranslations(QCoreApplication& app, const QLocale& locale = QLocale::system());

QIcon appIcon();

}  // namespace ft::ui

#include "ui/app_setup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// Q_INIT_RESOURCE must be used outside any namespace.
static void ftInitUiResources() { Q_INIT_RESOURCE(finetune_studio); }

namespace ft::ui {

void initResources() { ftInitUiResources(); }

bool installTranslations(QCoreApplication& app, const QLocale& locale) {
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;

    auto* ours = new QTranslator(&app);
    // qt_add_translations embeds the .qm files under :/i18n.
    if (ours->load(locale, QStringLiteral("finetune_studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ours);
        return true;
    }
    delete ours;
    return false;
}

QIcon appIcon() {
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/finetune-studio-%1.png").arg(size), QSize(size, size));
    return icon;
}

}  // namespace ft::ui

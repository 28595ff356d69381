#include "ui/error_text.h"

#include <QCoreApplication>
#include <QLocale>

#include "ui/qt_convert.h"

namespace ft::ui {

namespace {

// Hints keyed by the code's first segment: stable across the many detail codes of one area.
QString hintFor(const QString& code) {
    const QString area = code.section(QLatin1Char('.'), 0, 0);
    if (area == QLatin1String("job"))
        return QCoreApplication::translate("ft::ui::ErrorText", "Check the job settings named above.");
    if (area == QLatin1String("csv") || area == QLatin1String("jsonl") || area == QLatin1String("json") ||
        area == QLatin1String("data") || area == QLatin1String("dataset"))
        return QCoreApplication::translate("ft::ui::ErrorText",
                                           "Fix the dataset file at the given line, or choose another file.");
    if (area == QLatin1String("safetensors") || area == QLatin1String("model") || area == QLatin1String("config") ||
        area == QLatin1String("hf"))
        return QCoreApplication::translate("ft::ui::ErrorText",
                                           "The model folder looks damaged or unsupported; choose another model.");
    if (area == QLatin1String("tokenizer"))
        return QCoreApplication::translate("ft::ui::ErrorText", "The model folder needs a usable tokenizer.json.");
    if (area == QLatin1String("bundle"))
        return QCoreApplication::translate("ft::ui::ErrorText", "Choose a new or empty folder that you can write to.");
    if (code == QLatin1String("hub.network"))
        return QCoreApplication::translate("ft::ui::ErrorText",
                                           "Check the network connection; a new download continues where this one stopped.");
    if (code == QLatin1String("hub.disk"))
        return QCoreApplication::translate("ft::ui::ErrorText",
                                           "Free some disk space, or point HF_HOME at a folder with room and start again.");
    if (code == QLatin1String("hub.not_found") || code == QLatin1String("hub.revision_not_found") ||
        code == QLatin1String("hub.bad_repo_id"))
        return QCoreApplication::translate("ft::ui::ErrorText",
                                           "Copy the repository id from the model's page on huggingface.co.");
    if (area == QLatin1String("io") || area == QLatin1String("file"))
        return QCoreApplication::translate("ft::ui::ErrorText", "Check that the file exists and is readable.");
    return {};
}

}  // namespace

QString errorText(const ft::Error& error) {
    QString where;
    if (!error.file.empty()) {
        where = toQ(error.file);
        if (error.line >= 0) where += QLatin1Char(':') + QString::number(error.line);
        if (error.line >= 0 && error.column >= 0) where += QLatin1Char(':') + QString::number(error.column);
        where += QLatin1String(": ");
    }
    QString text = where + toQ(error.message);
    if (!error.field.empty() && !text.contains(toQ(error.field)))
        text += QLatin1String(" [") + toQ(error.field) + QLatin1Char(']');
    const QString hint = hintFor(toQ(error.code));
    if (!hint.isEmpty()) text += QLatin1Char('\n') + hint;
    return text;
}

QString formatBytes(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString formatCount(qint64 count) {
    const QLocale locale;
    if (count >= 1000000000) return locale.toString(count / 1e9, 'f', 2) + QLatin1String(" B");
    if (count >= 1000000) return locale.toString(count / 1e6, 'f', 1) + QLatin1String(" M");
    if (count >= 1000) return locale.toString(count / 1e3, 'f', 1) + QLatin1String(" k");
    return locale.toString(count);
}

QString formatDuration(double seconds) {
    if (seconds < 0) return QCoreApplication::translate("ft::ui::ErrorText", "unknown");
    const qint64 s = static_cast<qint64>(seconds + 0.5);
    if (s >= 3600)
        return QCoreApplication::translate("ft::ui::ErrorText", "%1 h %2 min")
            .arg(s / 3600)
            .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return QCoreApplication::translate("ft::ui::ErrorText", "%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("ft::ui::ErrorText", "%1 s").arg(s);
}

}  // namespace ft::ui

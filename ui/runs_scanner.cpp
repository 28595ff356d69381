#include "ui/runs_scanner.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

#include "core/api/eval_report.h"
#include "ui/qt_convert.h"

namespace ft::ui {

std::vector<RunEntry> scanRuns(const QString& runsDir) {
    std::vector<RunEntry> runs;
    const QDir dir(runsDir);
    if (runsDir.isEmpty() || !dir.exists()) return runs;
    const QFileInfoList folders = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& folder : folders) {
        const QString path = folder.absoluteFilePath();
        const QFileInfo job(path + QLatin1String("/job.json"));
        const QFileInfo report(path + QLatin1String("/eval/report.json"));
        if (!job.exists() && !report.exists()) continue;
        RunEntry run;
        run.name = folder.fileName();
        run.path = path;
        run.modified = folder.lastModified();
        if (report.exists()) {
            run.modified = std::max(run.modified, report.lastModified());
            const auto parsed = ft::api::readEvalReport(toStd(path));
            if (parsed.ok()) {
                run.hasReport = true;
                run.accuracy = parsed->accuracy;
                run.f1Macro = parsed->f1Macro;
            }
        }
        runs.push_back(std::move(run));
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const RunEntry& a, const RunEntry& b) { return a.modified > b.modified; });
    return runs;
}

}  // namespace ft::ui

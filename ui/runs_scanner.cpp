#include "ui/runs_scanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

#include "core/api/eval_report.h"
#include "ui/qt_convert.h"

namespace ft::ui {

namespace {

double orMissing(double v) {
    return std::isfinite(v) && v >= 0 ? v : -1;
}

// Only job.json's "model" section, read leniently: runs written by older versions still show it.
void readJobModel(const QString& jobFile, RunEntry& run) {
    QFile file(jobFile);
    if (!file.open(QIODevice::ReadOnly)) return;
    const QJsonObject model =
        QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("model")).toObject();
    run.modelPath = model.value(QLatin1String("path")).toString();
    run.fromScratch = model.value(QLatin1String("from_scratch")).toBool();
}

}  // namespace

RunEntry scanRun(const QString& runDir) {
    const QFileInfo folder(runDir);
    RunEntry run;
    run.name = folder.fileName();
    run.path = folder.absoluteFilePath();
    run.modified = folder.lastModified();
    readJobModel(run.path + QLatin1String("/job.json"), run);
    const QFileInfo report(run.path + QLatin1String("/eval/report.json"));
    if (report.exists()) {
        run.modified = std::max(run.modified, report.lastModified());
        const auto parsed = ft::api::readEvalReport(toStd(run.path));
        if (parsed.ok()) {
            run.hasReport = true;
            run.accuracy = orMissing(parsed->accuracy);
            run.f1Macro = orMissing(parsed->f1Macro);
            run.loss = orMissing(parsed->loss);
            run.perplexity = orMissing(parsed->perplexity);
        }
    }
    return run;
}

std::vector<RunEntry> scanRuns(const QString& runsDir) {
    std::vector<RunEntry> runs;
    const QDir dir(runsDir);
    if (runsDir.isEmpty() || !dir.exists()) return runs;
    const QFileInfoList folders = dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& folder : folders) {
        const QString path = folder.absoluteFilePath();
        if (!QFileInfo::exists(path + QLatin1String("/job.json")) &&
            !QFileInfo::exists(path + QLatin1String("/eval/report.json")))
            continue;
        runs.push_back(scanRun(path));
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const RunEntry& a, const RunEntry& b) { return a.modified > b.modified; });
    return runs;
}

}  // namespace ft::ui

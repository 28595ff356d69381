#pragma once
// Lists the run folders under a runs directory with what the Runs step shows about each.

#include <QDateTime>
#include <QString>

#include <vector>

namespace ft::ui {

struct RunEntry {
    QString name;        // folder name
    QString path;        // absolute folder path
    QDateTime modified;  // newest of the folder and its report
    bool hasReport = false;
    // From eval/report.json; -1 when absent or undefined.
    double accuracy = -1;
    double f1Macro = -1;
    double loss = -1;        // validation log-loss (a causal LM: mean token NLL)
    double perplexity = -1;  // causal LM
    // From job.json "model"; empty path when the job cannot be read.
    QString modelPath;
    bool fromScratch = false;
};

// Reads one run folder (it need not hold a report or a job yet).
RunEntry scanRun(const QString& runDir);

// Newest first. A folder counts as a run when it has job.json or eval/report.json.
std::vector<RunEntry> scanRuns(const QString& runsDir);

}  // namespace ft::ui

#pragma once
// Lists the run folders under a runs directory with what the Runs step shows about each.

#include <QDateTime>
#include <QString>

#include <vector>

namespace ft::ui {

struct RunEntry {
    QString name;          // folder name
    QString path;          // absolute folder path
    QDateTime modified;    // newest of the folder and its report
    bool hasReport = false;
    double accuracy = -1;  // from eval/report.json, -1 when absent
    double f1Macro = -1;
};

// Newest first. A folder counts as a run when it has job.json or eval/report.json.
std::vector<RunEntry> scanRuns(const QString& runsDir);

}  // namespace ft::ui

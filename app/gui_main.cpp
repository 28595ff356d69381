// finetune-studio: sets up the application and shows the main window. Logic lives in ft_ui.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTabWidget>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

#include "ui/app_setup.h"
#include "ui/main_window.h"
#include "ui/settings.h"
#include "ui/models/runs_model.h"
#include "ui/panels/eval_panel.h"
#include "ui/panels/playground_panel.h"
#include "ui/panels/run_compare_view.h"
#include "ui/panels/runs_panel.h"
#include "ui/step_navigator.h"

namespace {

// Folders shipped with the app: installed next to the binary, or the source tree in a build folder.
QStringList bundledModelFolders() {
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList out;
    for (const QString& candidate : {appDir + QLatin1String("/../share/finetune-studio/models"),
                                     appDir + QLatin1String("/../../resources/models")}) {
        const QFileInfo info(candidate);
        if (info.isDir()) out.append(info.canonicalFilePath());
    }
    return out;
}

// File names for the screenshots, in Step order; English whatever the UI language. The numbers are
// stable across releases (the Playground came later, so it is 09), so docs keep pointing at them.
constexpr const char* kStepShots[] = {"01-model", "02-data", "03-configure", "04-train", "05-evaluate",
                                      "06-export", "09-playground", "07-runs"};
static_assert(sizeof(kStepShots) / sizeof(kStepShots[0]) == ft::ui::kStepCount, "one file name per step");

struct Shot {
    std::function<void()> prepare;
    QString file;
    std::function<bool()> ready;  // optional: a background load the shot waits for
};

void takeShots(ft::ui::MainWindow& window, std::shared_ptr<std::vector<Shot>> shots, size_t i,
               const std::function<void()>& done);

// Grabs shot i once it is ready (or after ~6 s, so a stuck load cannot hang the tool).
void grabWhenReady(ft::ui::MainWindow& window, std::shared_ptr<std::vector<Shot>> shots, size_t i,
                   const std::function<void()>& done, int tries) {
    QTimer::singleShot(150, &window, [&window, shots, i, done, tries]() {
        const Shot& shot = (*shots)[i];
        if (shot.ready && !shot.ready() && tries < 40)
            return grabWhenReady(window, shots, i, done, tries + 1);
        window.grab().save(shot.file);
        takeShots(window, shots, i + 1, done);
    });
}

// Takes the shots one per timer tick, so every page is laid out (scroll areas sized, tables
// resized) before it is grabbed; then calls `done`.
void takeShots(ft::ui::MainWindow& window, std::shared_ptr<std::vector<Shot>> shots, size_t i,
               const std::function<void()>& done) {
    if (i == shots->size()) return done();
    (*shots)[i].prepare();
    grabWhenReady(window, shots, i, done, 0);
}

// Grabs every step into DIR/<nn>-<step>.png (kStepShots; and the Evaluate step's further tabs into
// <nn>-<step>-<tab>.png; with a run, the Playground's explanation into 09-playground-explain.png; with two or more runs, their comparison into 08-runs-compare.png), then
// quits: for docs and for looking at the UI headless.
void takeScreenshots(ft::ui::MainWindow& window, const QString& dir) {
    QDir().mkpath(dir);
    auto shots = std::make_shared<std::vector<Shot>>();
    auto* tabs = window.evalPanel()->findChild<QTabWidget*>();
    ft::ui::RunsPanel* runs = window.runsPanel();
    QStringList compared;  // the newest few runs
    for (const auto& run : runs->runsModel()->runs())
        if (compared.size() < 4) compared.append(run.path);
    // The report's tabs that fit its task (a classifier's classes, a text-to-text model's generations).
    std::vector<int> shownTabs;
    for (int t = 0; t < tabs->count(); ++t)
        if (tabs->isTabVisible(t)) shownTabs.push_back(t);
    const int firstTab = shownTabs.empty() ? 0 : shownTabs.front();
    for (int i = 0; i < ft::ui::kStepCount; ++i) {
        const auto step = static_cast<ft::ui::Step>(i);
        const QString name = dir + QLatin1Char('/') + QLatin1String(kStepShots[i]);
        ft::ui::PlaygroundPanel* playground = window.playgroundPanel();
        const bool play = step == ft::ui::Step::Playground;
        shots->push_back({[&window, step, tabs, firstTab, runs, compared, playground, play]() {
                              window.setCurrentStep(step);
                              tabs->setCurrentIndex(firstTab);
                              runs->showList();
                              if (step == ft::ui::Step::Runs) runs->selectRuns(compared);
                              if (play && !playground->fineTunedModel().isEmpty()) {  // a run is open: show it at work
                                  ft::api::GenerationSettings sampled;
                                  sampled.maxNewTokens = 40;
                                  sampled.temperature = 0.9;
                                  sampled.topP = 0.95;
                                  sampled.repetitionPenalty = 1.3;
                                  sampled.seed = 3;
                                  playground->setGenerationSettings(sampled);
                                  playground->setInputText(QStringLiteral("a small"));
                                  playground->generate();
                              }
                          },
                          name + QLatin1String(".png"),
                          play ? std::function<bool()>([playground]() { return !playground->isBusy(); }) : std::function<bool()>()});
        // With a run open, the Playground explaining a prediction too.
        if (play && !playground->fineTunedModel().isEmpty())
            shots->push_back({[playground]() {
                                  playground->setInputText(QStringLiteral("a small freshwater fish with a bony skeleton"));
                                  playground->explain();
                              },
                              name + QLatin1String("-explain.png"), [playground]() { return !playground->isBusy(); }});
        // The further tabs exist only with a report.
        if (step != ft::ui::Step::Evaluate || window.evalPanel()->state() != ft::ui::StepState::Done) continue;
        for (int t : shownTabs) {
            if (t == firstTab) continue;
            shots->push_back(
                {[tabs, t]() { tabs->setCurrentIndex(t); },
                 name + QLatin1Char('-') + tabs->widget(t)->objectName().toLower() + QLatin1String(".png"),
                 {}});
        }
    }
    if (compared.size() >= 2)
        shots->push_back({[runs, compared]() { runs->compareRuns(compared); },
                          dir + QStringLiteral("/08-runs-compare.png"),
                          [runs]() { return !runs->compareView()->isLoading(); }});
    takeShots(window, shots, 0, []() { QApplication::quit(); });
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("finetune-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Finetune Studio"));
    QApplication::setOrganizationName(QStringLiteral("finetune-studio"));
    QApplication::setApplicationVersion(QStringLiteral(FT_VERSION));
    // Wayland app id = the installed desktop entry's name (packaging/linux/), for icon and grouping.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.finetunestudio.FinetuneStudio"));
    ft::ui::initResources();
    // The language from Edit ▸ Preferences, else the system's.
    const QString language = ft::ui::Settings::language().get();
    ft::ui::installTranslations(app, language.isEmpty() ? QLocale::system() : QLocale(language));
    QApplication::setWindowIcon(ft::ui::appIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Point-and-click fine-tuning of Hugging Face models."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption jobOption(QStringList{QStringLiteral("j"), QStringLiteral("job")},
                                       QCoreApplication::translate("main", "Open this job file."),
                                       QCoreApplication::translate("main", "job.json"));
    const QCommandLineOption shotsOption(QStringLiteral("screenshot-dir"),
                                         QCoreApplication::translate("main", "Save a screenshot of every step into DIR and exit."),
                                         QCoreApplication::translate("main", "DIR"));
    const QCommandLineOption runOption(QStringLiteral("run"),
                                       QCoreApplication::translate("main", "Show this run's evaluation (and export it in the Export step)."),
                                       QCoreApplication::translate("main", "RUN_DIR"));
    const QCommandLineOption styleOption(QStringLiteral("fusion"),
                                         QCoreApplication::translate("main", "Use the Fusion style."));
    parser.addOption(jobOption);
    parser.addOption(shotsOption);
    parser.addOption(runOption);
    parser.addOption(styleOption);
    // A job file as a plain argument too: the desktop entry's "Exec=finetune-studio %f" (file managers).
    parser.addPositionalArgument(QStringLiteral("job"), QCoreApplication::translate("main", "Open this job file."),
                                 QStringLiteral("[job.json]"));
    parser.process(app);
    if (parser.isSet(styleOption) || QGuiApplication::platformName() == QLatin1String("offscreen"))
        QApplication::setStyle(QStringLiteral("Fusion"));

    ft::ui::MainWindowOptions options;
    options.bundledModelFolders = bundledModelFolders();
    ft::ui::MainWindow window(options);
    const QString jobFile = parser.isSet(jobOption) ? parser.value(jobOption) : parser.positionalArguments().value(0);
    if (!jobFile.isEmpty()) {
        const ft::Status status = window.openJob(jobFile);
        if (!status.ok()) {
            fprintf(stderr, "%s\n", status.error().describe().c_str());
            return 2;
        }
    }
    if (parser.isSet(runOption)) window.openRun(parser.value(runOption));
    window.show();

    if (parser.isSet(shotsOption)) {
        const QString dir = parser.value(shotsOption);
        // Give the background model scan and dataset preview a moment so the shots show real content.
        QTimer::singleShot(1500, &window, [&window, dir]() { takeScreenshots(window, dir); });
    }
    return app.exec();
}

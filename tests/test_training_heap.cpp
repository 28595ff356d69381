// The C heap while a run trains (core/train/training_heap): blocks a step frees stay for the next
// step instead of being faulted in again, and the end of the run hands them back to the kernel.

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include <QtTest>

#include "core/train/training_heap.h"

using namespace ft;

namespace {

constexpr size_t kBlock = size_t(1) << 20;  // 1 MiB, like a small model's activations
constexpr int kBlocks = 48;                 // one "step": 48 MiB allocated, written, freed

// One step's worth of tensors: allocated, written (each page touched), then all freed.
void oneStep() {
    std::vector<char*> blocks;
    for (int i = 0; i < kBlocks; ++i) {
        blocks.push_back(static_cast<char*>(std::malloc(kBlock)));
        std::memset(blocks.back(), i, kBlock);
    }
    for (char* b : blocks) std::free(b);
}

long minorFaultsOfThisThread() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_minflt;
}

// Page faults of `steps` steps after one warm-up step, on a thread of its own (where the desktop app trains).
long faultsPerStepOnAThread(int steps) {
    long faults = 0;
    std::thread worker([&] {
        oneStep();
        const long before = minorFaultsOfThisThread();
        for (int i = 0; i < steps; ++i) oneStep();
        faults = (minorFaultsOfThisThread() - before) / steps;
    });
    worker.join();
    return faults;
}

long residentKiB() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

}  // namespace

class TestTrainingHeap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
#if !defined(__GLIBC__)
        QSKIP("the heap settings are glibc's; other C libraries keep their own");
#endif
        qunsetenv("GLIBC_TUNABLES");
    }

    void stepsReuseTheHeapInsteadOfFaultingItBackIn() {
        const long pagesPerStep = long(kBlocks * kBlock / 4096);
        const long untuned = faultsPerStepOnAThread(10);
        train::TrainingHeap heap;
        QVERIFY(heap.active());
        const long tuned = faultsPerStepOnAThread(10);
        qInfo("page faults per 48 MiB step: %ld with glibc's defaults, %ld while training (%ld pages written)", untuned, tuned,
              pagesPerStep);
        QVERIFY2(tuned < pagesPerStep / 20, qPrintable(QString("%1 faults per step").arg(tuned)));
    }

    void theEndOfTheRunReturnsTheFreeHeap() {
        long keptKiB = 0, afterKiB = 0, beforeKiB = residentKiB();
        {
            train::TrainingHeap heap;
            QVERIFY(heap.active());
            oneStep();
            keptKiB = residentKiB();
        }
        afterKiB = residentKiB();
        qInfo("resident: %ld KiB before, %ld KiB after a step while training, %ld KiB after the run", beforeKiB, keptKiB, afterKiB);
        QVERIFY2(keptKiB - afterKiB > long(kBlocks * kBlock / 1024) / 2,
                 qPrintable(QString("only %1 KiB of the freed 48 MiB went back").arg(keptKiB - afterKiB)));
    }

    // Two runs at once (two engines in one app): the first to end leaves the other's heap as it is.
    void overlappingRunsKeepTheHeapUntilTheLastEnds() {
        long keptKiB = 0, afterFirstKiB = 0, afterBothKiB = 0;
        {
            auto first = std::make_unique<train::TrainingHeap>();
            train::TrainingHeap second;
            QVERIFY(first->active() && second.active());
            oneStep();
            keptKiB = residentKiB();
            first.reset();
            afterFirstKiB = residentKiB();
            QVERIFY2(keptKiB - afterFirstKiB < long(kBlocks * kBlock / 1024) / 2,
                     qPrintable(QString("%1 KiB went back while a run was still training").arg(keptKiB - afterFirstKiB)));
            QVERIFY(faultsPerStepOnAThread(3) < long(kBlocks * kBlock / 4096) / 20);
        }
        afterBothKiB = residentKiB();
        QVERIFY2(afterFirstKiB - afterBothKiB > long(kBlocks * kBlock / 1024) / 2,
                 qPrintable(QString("only %1 KiB went back after the last run").arg(afterFirstKiB - afterBothKiB)));
    }

    void theUsersOwnMallocTunablesWin() {
        qputenv("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1048576");
        {
            train::TrainingHeap heap;
            QVERIFY(!heap.active());
        }
        qputenv("MALLOC_TRIM_THRESHOLD_", "1048576");  // glibc's older spelling
        {
            train::TrainingHeap heap;
            QVERIFY(!heap.active());
        }
        qunsetenv("MALLOC_TRIM_THRESHOLD_");
        qputenv("GLIBC_TUNABLES", "glibc.rtld.nns=4");  // another namespace's tunable leaves the heap to us
        {
            train::TrainingHeap heap;
            QVERIFY(heap.active());
        }
        qunsetenv("GLIBC_TUNABLES");
    }
};

QTEST_GUILESS_MAIN(TestTrainingHeap)
#include "test_training_heap.moc"

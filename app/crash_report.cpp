#include "app/crash_report.h"

#include <csignal>
#include <cstring>
#include <initializer_list>

#if defined(__linux__) || defined(__APPLE__)
#include <execinfo.h>
#include <unistd.h>
#define FT_HAVE_BACKTRACE 1
#endif

namespace ft::cli {

#ifdef FT_HAVE_BACKTRACE
namespace {

const char* g_program = "finetune";
volatile std::sig_atomic_t g_crashing = 0;

// Only async-signal-safe calls here: write(2) and backtrace_symbols_fd (which does not allocate).
void writeText(const char* text) {
    ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
    (void)ignored;
}

void onCrash(int signal) {
    if (g_crashing) {  // a second thread, or a crash while reporting: no second report
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    g_crashing = 1;
    writeText("\n");
    writeText(g_program);
    writeText(": crashed (");
    writeText(signal == SIGSEGV ? "SIGSEGV" : signal == SIGBUS ? "SIGBUS" : signal == SIGFPE ? "SIGFPE"
              : signal == SIGILL ? "SIGILL" : "SIGABRT");
    writeText("). Please report this with the lines below.\n");
    void* frames[64];
    const int count = ::backtrace(frames, 64);
    ::backtrace_symbols_fd(frames, count, STDERR_FILENO);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

}  // namespace

void installCrashReport(const char* programName) {
    g_program = programName;
    void* warmUp[1];
    ::backtrace(warmUp, 1);  // loads libgcc's unwinder now, not inside the handler
    for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(signal, onCrash);
}
#else
void installCrashReport(const char*) {}
#endif

}  // namespace ft::cli

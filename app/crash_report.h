// A last word when the CLI crashes: the signal and a stack trace on stderr, so a report from a
// machine we cannot reach (a server, a user's desktop) says where it happened. POSIX only.
#pragma once

namespace ft::cli {

// Installs handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT; each prints, then re-raises
// the signal with its default action (core dumps and exit statuses stay as they were).
void installCrashReport(const char* programName);

}  // namespace ft::cli

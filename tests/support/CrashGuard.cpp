// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "support/CrashGuard.h"

#include <array>
#include <atomic>
#include <mutex>
#include <signal.h>

namespace taskmill::test {

namespace {

// Fixed slots of lock-free atomics: the signal handler may only read them and call kill().
constexpr int Slots = 64;
std::array<std::atomic<pid_t>, Slots> g_pids{};
constexpr std::array<int, 8> FatalSignals{SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGINT, SIGTERM, SIGHUP};
std::array<struct sigaction, FatalSignals.size()> g_previous{};
std::once_flag g_installed;

void onFatalSignal(int signum)
{
    for (auto &slot : g_pids) {
        const pid_t pid = slot.exchange(0);
        if (pid > 0)
            ::kill(pid, SIGKILL);
    }
    // Hand over to whoever was there before (QTest prints the crash and re-raises): restore and re-raise. A
    // synchronous fault re-triggers on return anyway; an asynchronous signal stays pending until we return.
    for (std::size_t i = 0; i < FatalSignals.size(); ++i) {
        if (FatalSignals[i] == signum) {
            ::sigaction(signum, &g_previous[i], nullptr);
            break;
        }
    }
    ::raise(signum);
}

void install()
{
    for (std::size_t i = 0; i < FatalSignals.size(); ++i) {
        struct sigaction action {};
        action.sa_handler = onFatalSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_ONSTACK; // use the alternate stack QTest sets up, so a stack overflow still cleans up
        ::sigaction(FatalSignals[i], &action, &g_previous[i]);
        // A signal ignored on purpose (nohup) must stay ignored rather than kill our servers.
        if (g_previous[i].sa_handler == SIG_IGN && !(g_previous[i].sa_flags & SA_SIGINFO))
            ::sigaction(FatalSignals[i], &g_previous[i], nullptr);
    }
}

} // namespace

void CrashGuard::watch(qint64 pid)
{
    if (pid <= 0)
        return;
    std::call_once(g_installed, install);
    for (auto &slot : g_pids) {
        pid_t expected = 0;
        if (slot.compare_exchange_strong(expected, pid_t(pid)))
            return;
    }
}

void CrashGuard::unwatch(qint64 pid)
{
    for (auto &slot : g_pids) {
        pid_t expected = pid_t(pid);
        if (slot.compare_exchange_strong(expected, 0))
            return;
    }
}

} // namespace taskmill::test

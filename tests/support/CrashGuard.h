// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QtGlobal>

namespace taskmill::test {

// Last-resort cleanup for servers a test started: when the test process dies from a fatal signal (crash,
// abort, QTest's watchdog, Ctrl+C, SIGTERM) every watched PID gets SIGKILL before the previous handler runs.
// Our servers live in their own sessions, so without this they would outlive a crashed test. A normal test
// end stops them through the owners' destructors instead, which also unwatch them.
class CrashGuard
{
public:
    static void watch(qint64 pid);
    static void unwatch(qint64 pid);
};

} // namespace taskmill::test

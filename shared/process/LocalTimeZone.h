// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

namespace taskmill {

// Call first thing in main(), before any thread starts. While TZ is unset, glibc re-reads the zone on every
// local-time conversion: a stat() of /etc/localtime, and a re-parse when it looks changed. QPSQL converts
// every timestamptz it reads to local time and QDateTime::toUTC() converts back, so a claimed task cost
// several path walks in the kernel: a fifth to a quarter of the executor's CPU per task in the drain
// benchmark. Pinning TZ to the same file makes glibc load it once. An explicit TZ is left alone.
void pinLocalTimeZone();

} // namespace taskmill

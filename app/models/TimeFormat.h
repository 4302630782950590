// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QDateTime>
#include <QString>

namespace taskmill {

// How every table and panel shows a timestamp: local time, sortable text; empty for "not yet".
// Tables use seconds; details panels add milliseconds, where attempt timings are read closely.
enum class TimePrecision { Seconds, Milliseconds };

inline QString formatTime(const QDateTime &t, TimePrecision precision = TimePrecision::Seconds)
{
    if (!t.isValid())
        return {};
    return t.toLocalTime().toString(precision == TimePrecision::Seconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                                        : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace taskmill

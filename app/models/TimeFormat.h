// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
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

// A duration in the largest units that keep it short: "850 ms", "4.2 s", "3 min 5 s", "2 h 7 min", "3 d 4 h".
inline QString formatDuration(qint64 ms)
{
    constexpr qint64 Second = 1000, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour;
    if (ms < 0)
        ms = 0;
    if (ms < Second)
        return QCoreApplication::translate("TimeFormat", "%1 ms").arg(ms);
    if (ms < 10 * Second)
        return QCoreApplication::translate("TimeFormat", "%1 s").arg(QLocale().toString(double(ms) / Second, 'f', 1));
    if (ms < Minute)
        return QCoreApplication::translate("TimeFormat", "%1 s").arg(ms / Second);
    if (ms < Hour)
        return QCoreApplication::translate("TimeFormat", "%1 min %2 s").arg(ms / Minute).arg(ms % Minute / Second);
    if (ms < Day)
        return QCoreApplication::translate("TimeFormat", "%1 h %2 min").arg(ms / Hour).arg(ms % Hour / Minute);
    return QCoreApplication::translate("TimeFormat", "%1 d %2 h").arg(ms / Day).arg(ms % Day / Hour);
}

} // namespace taskmill

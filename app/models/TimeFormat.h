// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

namespace taskmill {

// How the app writes a moment, everywhere (tables, panels, date editors, banners): the UI language's numeric
// date with a four-digit year and its clock as that language writes it (24-hour or with AM/PM), in local time.
// Russian: "05.12.2026 18:02:44"; US English: "12/5/2026 6:02:44 PM". Tables use seconds; details panels add
// milliseconds, where attempt timings are read closely; Minutes is for editors and the relative times' fallback.
// Files (exports) keep ISO 8601 in UTC: those are read by programs.
enum class TimePrecision { Minutes, Seconds, Milliseconds };

inline QString clockFormat(TimePrecision precision = TimePrecision::Seconds, const QLocale &locale = QLocale())
{
    QString clock = locale.timeFormat(QLocale::ShortFormat);
    if (precision == TimePrecision::Minutes) // some short formats carry seconds (the C locale's "HH:mm:ss")
        return clock.remove(QStringLiteral(":ss"));
    if (!clock.contains(QStringLiteral("ss")))
        clock.replace(QStringLiteral("mm"), QStringLiteral("mm:ss"));
    if (precision == TimePrecision::Milliseconds)
        clock.replace(QStringLiteral("ss"), QStringLiteral("ss.zzz"));
    return clock;
}

inline QString dateFormat(const QLocale &locale = QLocale())
{
    QString date = locale.dateFormat(QLocale::ShortFormat);
    if (!date.contains(QStringLiteral("yyyy"))) // "12/5/26" reads as three small numbers
        date.replace(QStringLiteral("yy"), QStringLiteral("yyyy"));
    return date;
}

inline QString dateTimeFormat(TimePrecision precision = TimePrecision::Seconds, const QLocale &locale = QLocale())
{
    return dateFormat(locale) + u' ' + clockFormat(precision, locale);
}

inline QString formatTime(const QDateTime &t, TimePrecision precision = TimePrecision::Seconds)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toLocalTime(), dateTimeFormat(precision));
}

// The clock only, for times of today (event log, "offline since").
inline QString formatClock(const QDateTime &t, TimePrecision precision = TimePrecision::Seconds)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toLocalTime().time(), clockFormat(precision));
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

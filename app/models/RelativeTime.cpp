// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/RelativeTime.h"

#include "models/TimeFormat.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QTimer>

namespace taskmill {

namespace {
constexpr qint64 SecondsPerMinute = 60;
constexpr qint64 SecondsPerHour = 60 * SecondsPerMinute;
// Server and desktop clocks drift a little; a time that far ahead still reads as "just now".
constexpr qint64 ClockSkewSeconds = 2 * SecondsPerMinute;
} // namespace

QString formatRelativeTime(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return {};
    const QDateTime local = t.toLocalTime();
    const QDateTime localNow = now.toLocalTime();
    const qint64 age = local.secsTo(localNow);
    const QLocale locale;
    if (age < -ClockSkewSeconds)
        return locale.toString(local, dateTimeFormat(TimePrecision::Minutes));
    if (age < SecondsPerMinute)
        return QCoreApplication::translate("RelativeTime", "just now");
    if (age < SecondsPerHour)
        return QCoreApplication::translate("RelativeTime", "%Ln min ago", nullptr, int(age / SecondsPerMinute));
    if (local.date() == localNow.date())
        return QCoreApplication::translate("RelativeTime", "%Ln h ago", nullptr, int(age / SecondsPerHour));
    if (local.date() == localNow.date().addDays(-1))
        return QCoreApplication::translate("RelativeTime", "yesterday %1", "time of day")
            .arg(locale.toString(local.time(), clockFormat(TimePrecision::Minutes)));
    return locale.toString(local, dateTimeFormat(TimePrecision::Minutes));
}

RelativeTimeRefresh::RelativeTimeRefresh(QAbstractItemModel *model, QList<int> columns)
    : QObject(model)
    , m_model(model)
    , m_columns(std::move(columns))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(RefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &RelativeTimeRefresh::refresh);
    m_timer->start();
}

void RelativeTimeRefresh::refresh()
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    for (int column : std::as_const(m_columns))
        emit m_model->dataChanged(m_model->index(0, column), m_model->index(rows - 1, column),
                                  {Qt::DisplayRole, Qt::ToolTipRole});
}

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

class QAbstractItemModel;
class QTimer;

namespace taskmill {

// How a column about recency shows a timestamp: "just now", "3 min ago", "2 h ago" (same day),
// "yesterday 14:05", older ones as "2026-11-30 09:12". Relative to `now`, in local time, so it is testable;
// empty for an invalid time. A time ahead of `now` by more than clock skew shows the absolute form.
QString formatRelativeTime(const QDateTime &t, const QDateTime &now);

// Relative texts go stale while a table stands still: every RefreshInterval this emits dataChanged on
// the model for the given columns only (display and tooltip roles), so views repaint without a reload.
// Owned by the model it refreshes.
class RelativeTimeRefresh final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelativeTimeRefresh)

public:
    static constexpr int RefreshIntervalMs = 30 * 1000;

    RelativeTimeRefresh(QAbstractItemModel *model, QList<int> columns);

    // What the timer does; public so tests need not wait 30 s.
    void refresh();

private:
    QAbstractItemModel *m_model;
    QList<int> m_columns;
    QTimer *m_timer;
};

} // namespace taskmill

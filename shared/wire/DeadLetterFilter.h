// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Task.h"
#include "wire/TaskFilter.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace taskmill {

// Which dead-lettered tasks an operator means: the DLQ list, bulk requeue and purge all take it.
// - types: task type in the list (empty = any); priorities: priority in the list (empty = any);
// - text: case-insensitive substring of the error or the title (lowered as TaskFilter's text: searchLower()),
//   or the task's id, its prefix or the app's short form (TaskIdSearch), as the Tasks list's search;
// - error: the exact error text (one group of GET /api/v1/dlq/groups);
// - from/to: dead_lettered_at in [from, to).
struct DeadLetterFilter
{
    QStringList types;
    QList<Priority> priorities;
    QString text;
    QString error;
    QDateTime from;
    QDateTime to;

    bool isEmpty() const;
    bool matches(const Task &task) const; // task must be dead-lettered

    static Result<DeadLetterFilter> fromQuery(const QUrlQuery &query); // type, priority, q, error, from, to
    static Result<DeadLetterFilter> fromJson(const QJsonObject &o, const QString &prefix = QStringLiteral("filter."));
    QJsonObject toJson() const;
    void addToQuery(QUrlQuery &query) const;

    bool operator==(const DeadLetterFilter &) const = default;
};

// The order of GET /api/v1/dlq (`sort=`, `order=`): when it entered the queue (default, newest first), when
// it was created, its type, its title or its attempts. Ties go by id in the same direction, so every order is
// total and pages by keyset (`after` = the last id of the previous page).
struct DeadLetterOrder
{
    enum class Key { DeadLettered, Created, Type, Title, Attempts };
    Key key = Key::DeadLettered;
    SortOrder order = SortOrder::Descending;

    static QString toString(Key key);
    static std::optional<Key> keyFromString(const QString &s);
    static Result<DeadLetterOrder> fromQuery(const QUrlQuery &query); // 422 naming `sort` or `order`
    void addToQuery(QUrlQuery &query) const;                         // nothing for the default

    bool operator==(const DeadLetterOrder &) const = default;
};

} // namespace taskmill

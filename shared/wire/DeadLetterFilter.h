// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Task.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrlQuery>

namespace taskmill {

// Which dead-lettered tasks an operator means: the DLQ list, bulk requeue and purge all take it.
// - types: task type in the list (empty = any);
// - text: case-insensitive substring of the error (lowered as TaskFilter's text: searchLower());
// - error: the exact error text (one group of GET /api/v1/dlq/groups);
// - from/to: dead_lettered_at in [from, to).
struct DeadLetterFilter
{
    QStringList types;
    QString text;
    QString error;
    QDateTime from;
    QDateTime to;

    bool isEmpty() const;
    bool matches(const Task &task) const; // task must be dead-lettered

    static Result<DeadLetterFilter> fromQuery(const QUrlQuery &query); // type, q, error, from, to
    static Result<DeadLetterFilter> fromJson(const QJsonObject &o, const QString &prefix = QStringLiteral("filter."));
    QJsonObject toJson() const;
    void addToQuery(QUrlQuery &query) const;

    bool operator==(const DeadLetterFilter &) const = default;
};

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Task.h"

#include <QJsonArray>
#include <QJsonObject>

namespace taskmill {

// What the server sends in place of payloads, results, errors and messages to a caller without the
// `payloads` permission (docs/security.md, "Payloads").
inline constexpr char RedactedValue[] = "<redacted>";

// Wire form of a task: snake_case keys, RFC 3339 UTC timestamps with milliseconds, null for unset times.
QJsonObject toJson(const Task &task);
QJsonObject toJson(const TaskHistoryEntry &entry);
QJsonArray toJson(const QList<Task> &tasks);

// Parses a task as the server sends it. Strict about types: a field of the wrong type is an error.
Result<Task> taskFromJson(const QJsonObject &o);
Result<TaskHistoryEntry> historyEntryFromJson(const QJsonObject &o);

QString formatTimestamp(const QDateTime &t); // "" for a null time
QDateTime parseTimestamp(const QString &s);  // RFC 3339; invalid QDateTime on failure

} // namespace taskmill

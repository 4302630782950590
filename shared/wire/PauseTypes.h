// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace taskmill {

// Paused work (docs/api.md, "Pausing a priority or a type"): nobody starts a queued task of a paused priority
// or of a paused type until it is resumed; the task stays queued, keeps its attempts and loses nothing.
// GET /api/v1/pauses, GET /api/v1/stats and the WebSocket "pauses" message carry the same items:
//   {"scope": "priority" | "type", "name": "HIGH" | "<task type>", "paused_by": "user:3", "paused_at": "…Z"}
enum class PauseScope { Priority, Type };
QString toString(PauseScope scope); // "priority" | "type"
std::optional<PauseScope> pauseScopeFromString(const QString &text);

struct Pause
{
    PauseScope scope = PauseScope::Priority;
    QString name;      // a priority's wire name (HIGH, MEDIUM, LOW) or a task type
    QString pausedBy;  // the actor of the principal who paused it ("user:3", "token:2", "local")
    QDateTime pausedAt;

    QJsonObject toJson() const;
    // Strict about types (BadRequest naming the field), lenient about keys a newer server may add.
    static Result<Pause> fromJson(const QJsonObject &o);
    bool operator==(const Pause &) const = default;
};

// Every pause in force, ordered by scope and name.
struct PauseSet
{
    QList<Pause> items;

    bool isEmpty() const { return items.isEmpty(); }
    bool priorityPaused(Priority p) const;
    bool typePaused(const QString &type) const;
    // HIGH, MEDIUM, LOW, without the paused ones.
    QList<Priority> runnablePriorities() const;

    QJsonArray toJson() const;
    static Result<PauseSet> fromJson(const QJsonArray &items);
    bool operator==(const PauseSet &) const = default;
};

} // namespace taskmill

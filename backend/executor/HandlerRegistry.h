// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/HandlerOutcome.h"
#include "handlers/HandlerSettings.h"

#include <QHash>

#include <functional>

namespace taskmill {

// Task type → handler: the built-ins of handlers/BuiltinCatalog (docs/handlers.md) bound to this process's
// [handlers] settings, and aliases of them.
class HandlerRegistry final
{
public:
    static HandlerRegistry withBuiltins(const HandlerSettings &settings = {});

    void add(const QString &type, TaskHandler handler);
    // Makes `type` run the handler registered as `target`; false when there is no such handler.
    bool addAlias(const QString &type, const QString &target);
    bool contains(const QString &type) const { return m_handlers.contains(type); }
    QStringList types() const;

    // Runs the handler for task.type; an unknown type or a thrown exception is a failed attempt.
    HandlerOutcome run(const Task &task, CancellationToken &token) const;

private:
    QHash<QString, TaskHandler> m_handlers;
};

} // namespace taskmill

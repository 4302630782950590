// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/HandlerRegistry.h"
#include "service/HandlerCatalog.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QStringList>

namespace taskmill {

// What this executor may take from the streams now, from the handler registry (docs/handlers.md): the types
// it has a handler for whose registry entry is enabled, and each type's timeout_ms. A task of any other type
// is left where it is: an external handler's task waits for its workers, a disabled handler's for enabling.
// Read by the fetcher thread (refresh, runnableTypes) and by worker threads (timeoutMs).
class TaskGate final
{
public:
    TaskGate(const HandlerRegistry &handlers, int refreshMs) : m_handlers(handlers), m_refreshMs(refreshMs) {}

    // Reloads the registry when it changed, at most once per handlers.refresh_ms; a failure keeps the last
    // copy (logged, counted).
    void refresh(QSqlDatabase &db);
    QStringList runnableTypes() const;
    // type -> concurrency for those of `types` whose handler has a limit (docs/handlers.md).
    QHash<QString, int> limitsOf(const QStringList &types) const { return m_catalog.limitsOf(types); }
    int timeoutMs(const QString &type) const; // 0: no limit

private:
    const HandlerRegistry &m_handlers;
    const int m_refreshMs;
    HandlerCatalog m_catalog;
    QElapsedTimer m_sinceRefresh;
};

} // namespace taskmill

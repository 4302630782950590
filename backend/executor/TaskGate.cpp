// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/TaskGate.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"

namespace taskmill {

void TaskGate::refresh(QSqlDatabase &db)
{
    if (m_sinceRefresh.isValid() && m_sinceRefresh.elapsed() < m_refreshMs)
        return;
    m_sinceRefresh.start();
    if (auto r = m_catalog.refreshIfChanged(db); !r) {
        Metrics::countFailure(Metrics::Failure::HandlerRegistry);
        qCWarning(lcExecutor).noquote() << "handler registry refresh failed (the last copy stays in use):" << r.error().message;
    }
}

QStringList TaskGate::runnableTypes() const
{
    const auto snap = m_catalog.snapshot();
    QStringList out;
    for (const QString &type : m_handlers.types()) {
        // Not in the registry yet (first refresh pending): runnable, as before the registry existed.
        const auto it = snap->constFind(type);
        if (it == snap->cend() || it->spec.enabled)
            out.append(type);
    }
    return out;
}

int TaskGate::timeoutMs(const QString &type) const
{
    const auto snap = m_catalog.snapshot();
    const auto it = snap->constFind(type);
    return it == snap->cend() ? 0 : it->spec.timeoutMs;
}

} // namespace taskmill

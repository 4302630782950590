// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/HandlerRegistry.h"

#include "handlers/BuiltinCatalog.h"
#include "observability/Metrics.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QScopeGuard>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
HandlerOutcome failed(const QString &message, bool permanent = false)
{
    return HandlerOutcome::failed(message, permanent);
}
} // namespace

HandlerRegistry HandlerRegistry::withBuiltins(const HandlerSettings &settings)
{
    HandlerRegistry r;
    for (const BuiltinHandler &h : builtinHandlers())
        r.add(h.name, [run = h.run, settings](const Task &task, CancellationToken &token) { return run(task, token, settings); });
    return r;
}

void HandlerRegistry::add(const QString &type, TaskHandler handler)
{
    m_handlers.insert(type, std::move(handler));
}

bool HandlerRegistry::addAlias(const QString &type, const QString &target)
{
    const auto it = m_handlers.constFind(target);
    if (it == m_handlers.cend())
        return false;
    m_handlers.insert(type, *it);
    return true;
}

QStringList HandlerRegistry::types() const
{
    QStringList t = m_handlers.keys();
    t.sort();
    return t;
}

HandlerOutcome HandlerRegistry::run(const Task &task, CancellationToken &token) const
{
    const auto it = m_handlers.constFind(task.type);
    if (it == m_handlers.cend())
        return failed(u"no handler registered for type '%1'"_s.arg(task.type), true);
    QElapsedTimer timer;
    timer.start();
    const auto observe = qScopeGuard([&] { Metrics::observeTaskDuration(task.type, double(timer.nsecsElapsed()) / 1e9); });
    try {
        return (*it)(task, token);
    } catch (const std::exception &e) {
        return failed(u"handler threw: %1"_s.arg(QString::fromUtf8(e.what())));
    } catch (...) {
        return failed(u"handler threw an unknown exception"_s);
    }
}

} // namespace taskmill

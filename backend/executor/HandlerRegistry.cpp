// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/HandlerRegistry.h"

#include "observability/Metrics.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QScopeGuard>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
HandlerOutcome failed(const QString &message, bool permanent = false)
{
    return {Status::Failed, QJsonValue(QJsonValue::Null), message, permanent};
}

HandlerOutcome noopHandler(const Task &, CancellationToken &)
{
    return {Status::Completed, QJsonObject{{u"ok"_s, true}}, {}, false};
}

HandlerOutcome sleepHandler(const Task &task, CancellationToken &token)
{
    const QJsonValue ms = task.payload.value(u"ms"_s);
    const double d = ms.toDouble(-1);
    if (!ms.isDouble() || d < 0 || d > 86'400'000 || d != double(qint64(d)))
        return failed(u"payload.ms must be an integer from 0 to 86400000"_s, true);
    if (token.waitFor(qint64(d)))
        return {Status::Cancelled, QJsonValue(QJsonValue::Null), u"cancelled while sleeping"_s, false};
    return {Status::Completed, QJsonObject{{u"slept_ms"_s, qint64(d)}}, {}, false};
}

HandlerOutcome failHandler(const Task &task, CancellationToken &)
{
    // {"times": N} fails the first N attempts and then succeeds: a flaky dependency, for retries.
    const QJsonValue times = task.payload.value(u"times"_s);
    if (times.isDouble() && task.attempts > times.toInt())
        return {Status::Completed, QJsonObject{{u"succeeded_on_attempt"_s, task.attempts}}, {}, false};
    const QString message = task.payload.value(u"message"_s).toString();
    return failed(message.isEmpty() ? u"failed on purpose (fail handler)"_s : message);
}
} // namespace

HandlerRegistry HandlerRegistry::withBuiltins()
{
    HandlerRegistry r;
    r.add(u"noop"_s, noopHandler);
    r.add(u"sleep"_s, sleepHandler);
    r.add(u"fail"_s, failHandler);
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

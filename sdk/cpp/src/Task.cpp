// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "taskmill_sdk/Task.h"

#include "Logging.h"
#include "TaskState.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace taskmill::sdk {

Task::Task() : m_state(std::make_shared<detail::TaskState>()) {}

std::optional<Task> Task::fromLeaseItem(const QJsonObject &item)
{
    Task task;
    task.m_lease = item.value(u"lease"_s).toString();
    task.m_id = item.value(u"id"_s).toString();
    if (task.m_lease.isEmpty() || task.m_id.isEmpty())
        return std::nullopt;
    task.m_type = item.value(u"type"_s).toString();
    task.m_title = item.value(u"title"_s).toString();
    task.m_payload = item.value(u"payload"_s).toObject();
    task.m_attempt = item.value(u"attempt"_s).toInt(1);
    task.m_maxAttempts = item.value(u"max_attempts"_s).toInt();
    task.m_priority = item.value(u"priority"_s).toString(u"MEDIUM"_s);
    task.m_traceId = item.value(u"trace_id"_s).toString();
    task.m_spanId = item.value(u"span_id"_s).toString();
    return task;
}

void Task::progress(int percent, const QString &message) const
{
    if (percent < 0 || percent > 100)
        qCWarning(detail::lcWorker).noquote() << u"task %1: progress %2 clamped to 0..100"_s.arg(m_id).arg(percent);
    if (m_state->report)
        m_state->report(std::clamp(percent, 0, 100), message);
}

bool Task::leaseLost() const
{
    return m_state->lost.load();
}

} // namespace taskmill::sdk

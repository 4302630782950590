// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace taskmill::sdk {

namespace detail {
class WorkerCore;
struct TaskState;
} // namespace detail

// One attempt of a task, as a lease delivered it (docs/workers.md). `attempt()` counts from 1 and includes
// attempts that failed or whose worker vanished; delivery is at least once, so the same task may arrive again
// and handlers must be idempotent. Copies share the progress hook and the lost flag; all methods are
// thread-safe.
class Task
{
public:
    // Builds a task from one `items` entry of a lease answer; nullopt when `lease` or `id` is missing.
    static std::optional<Task> fromLeaseItem(const QJsonObject &item);

    const QString &id() const { return m_id; }
    const QString &type() const { return m_type; }
    const QString &title() const { return m_title; }
    const QJsonObject &payload() const { return m_payload; }
    int attempt() const { return m_attempt; }
    int maxAttempts() const { return m_maxAttempts; }
    // "LOW", "MEDIUM" or "HIGH".
    const QString &priority() const { return m_priority; }
    const QString &traceId() const { return m_traceId; }
    const QString &spanId() const { return m_spanId; }
    // The opaque lease string; the worker passes it back on every report.
    const QString &lease() const { return m_lease; }

    // Reports progress (0–100, clamped) and an optional message (cut to 1,000 characters by the worker). Sent
    // with the next heartbeat, or at once when the last progress report is more than a second old.
    void progress(int percent, const QString &message = {}) const;
    // True once the server has given the task to someone else or the worker released it at shutdown. A long
    // handler may check it and give up: its outcome will be dropped anyway.
    bool leaseLost() const;

private:
    friend class detail::WorkerCore;
    Task();
    detail::TaskState &state() const { return *m_state; }

    std::shared_ptr<detail::TaskState> m_state;
    QString m_id;
    QString m_type;
    QString m_title;
    QJsonObject m_payload;
    int m_attempt = 1;
    int m_maxAttempts = 0;
    QString m_priority;
    QString m_traceId;
    QString m_spanId;
    QString m_lease;
};

} // namespace taskmill::sdk

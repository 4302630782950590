// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/ControlListener.h"

#include "executor/Executor.h"
#include "observability/Logging.h"
#include "queue/ControlChannel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QThread>

namespace taskmill {

ControlListener::ControlListener(ExecutorState &state, DbParams db, RedisEndpoint redis, QByteArray streamPrefix,
                                 QByteArray consumer, int visibilityTimeoutMs)
    : m_state(state), m_db(std::move(db), QStringLiteral("control")), m_redis(std::move(redis)),
      m_prefix(std::move(streamPrefix)), m_consumer(std::move(consumer)), m_visibilityTimeoutMs(visibilityTimeoutMs)
{
}

void ControlListener::run()
{
    RedisConnection subscriber(m_redis, Executor::RedisTimeoutMs, "taskmill-executor-control");
    RedisConnection commands(m_redis, Executor::RedisTimeoutMs, "taskmill-executor-control"); // a subscribed connection takes no other commands
    ControlChannel channel(subscriber, m_prefix);
    TaskStream stream(commands, m_prefix);
    bool subscribed = false;
    QElapsedTimer sinceCheck, sinceTouch;
    sinceCheck.start();
    sinceTouch.start();
    checkDatabase(stream, false);
    while (!m_state.stopping) {
        if (!subscribed) {
            auto s = channel.subscribe();
            subscribed = bool(s);
            // Nothing is lost while unsubscribed: the database check below cancels what a message would
            // have; the pause only keeps a dead Redis from being hammered.
            if (!subscribed)
                QThread::msleep(ResubscribePauseMs);
        }
        if (subscribed) {
            auto message = channel.next(PollMs);
            if (!message)
                subscribed = false;
            else if (*message)
                m_state.cancel((*message)->taskId);
        }
        // Entries must be touched well within the visibility timeout, however short it is configured.
        if (sinceCheck.elapsed() >= std::min(CheckIntervalMs, m_visibilityTimeoutMs / 3)) {
            sinceCheck.restart();
            const bool touch = sinceTouch.elapsed() >= m_visibilityTimeoutMs / 3;
            if (touch)
                sinceTouch.restart();
            checkDatabase(stream, touch);
        }
    }
    if (auto db = m_db.connection()) {
        auto stopped = ExecutionRepository(*db).heartbeat(QString::fromUtf8(m_consumer), QHostInfo::localHostName(),
                                                          QCoreApplication::applicationPid(), m_state.workers(), 0, true);
        if (!stopped)
            qCWarning(lcExecutor).noquote() << "could not mark this executor stopped (its heartbeat will expire):"
                                            << stopped.error().message;
    }
    m_db.closeThreadConnection();
}

void ControlListener::checkDatabase(TaskStream &stream, bool touchEntries)
{
    const QList<ExecutorState::Running> running = m_state.running();
    if (touchEntries && !running.isEmpty()) {
        QList<StreamEntry> entries;
        for (const auto &r : running)
            entries.append(r.entry);
        if (auto t = stream.touch(m_consumer, entries); !t)
            qCWarning(lcExecutor).noquote() << "heartbeat on stream entries failed:" << t.error().message;
    }
    if (auto db = m_db.connection()) {
        auto beat = ExecutionRepository(*db).heartbeat(QString::fromUtf8(m_consumer), QHostInfo::localHostName(),
                                                       QCoreApplication::applicationPid(), m_state.workers(),
                                                       int(running.size()));
        if (!beat) {
            // Missed beats only matter after visibility_timeout_ms; the next check (a second later) tries again.
            qCWarning(lcExecutor).noquote() << "heartbeat failed:" << beat.error().message;
            m_db.closeThreadConnection();
        }
    }
    // Only claimed tasks (attempt known): an entry registered just before its claim is still NEW/PENDING.
    QList<QUuid> ids;
    for (const ExecutorState::Running &r : running)
        if (r.attempt > 0)
            ids.append(r.entry.taskId);
    if (ids.isEmpty())
        return;
    auto db = m_db.connection();
    if (!db)
        return;
    auto gone = ExecutionRepository(*db).notRunning(ids);
    if (!gone) {
        qCWarning(lcExecutor).noquote() << "checking running tasks failed:" << gone.error().message;
        m_db.closeThreadConnection();
        return;
    }
    for (const QUuid &id : *gone)
        m_state.cancel(id);
}

} // namespace taskmill

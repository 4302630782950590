// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/ControlListener.h"

#include "observability/Logging.h"

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
    RedisConnection redis(m_redis, 2000);
    RedisConnection commands(m_redis, 2000); // a subscribed connection takes no other commands
    TaskStream stream(commands, m_prefix);
    const QByteArray channel = stream.controlChannel();
    bool subscribed = false;
    QElapsedTimer sinceCheck, sinceTouch;
    sinceCheck.start();
    sinceTouch.start();
    checkDatabase(stream, false);
    while (!m_state.stopping) {
        if (!subscribed) {
            subscribed = bool(redis.command({"SUBSCRIBE", channel}));
            if (!subscribed)
                QThread::msleep(200);
        }
        if (subscribed) {
            auto msg = redis.readPushed(200);
            if (!msg) {
                subscribed = false;
            } else if (*msg) {
                // ["message", channel, "cancel <uuid>"]
                const auto &parts = (*msg)->elements;
                if (parts.size() == 3 && parts.at(0).string == "message" && parts.at(2).string.startsWith("cancel ")) {
                    const QUuid id = QUuid::fromString(QLatin1String(parts.at(2).string.mid(7)));
                    m_state.cancel(id);
                }
            }
        }
        if (sinceCheck.elapsed() >= 1000) {
            sinceCheck.restart();
            const bool touch = sinceTouch.elapsed() >= m_visibilityTimeoutMs / 3;
            if (touch)
                sinceTouch.restart();
            checkDatabase(stream, touch);
        }
    }
    if (auto db = m_db.connection())
        ExecutionRepository(*db).heartbeat(QString::fromUtf8(m_consumer), QHostInfo::localHostName(),
                                           QCoreApplication::applicationPid(), m_state.workers(), 0, true);
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
        if (!ExecutionRepository(*db).heartbeat(QString::fromUtf8(m_consumer), QHostInfo::localHostName(),
                                                QCoreApplication::applicationPid(), m_state.workers(), int(running.size())))
            m_db.closeThreadConnection();
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
        m_db.closeThreadConnection();
        return;
    }
    for (const QUuid &id : *gone)
        m_state.cancel(id);
}

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/ControlListener.h"

#include "observability/Logging.h"

#include <QElapsedTimer>
#include <QThread>

namespace taskmill {

ControlListener::ControlListener(ExecutorState &state, DbParams db, RedisEndpoint redis, QByteArray channel)
    : m_state(state), m_db(std::move(db), QStringLiteral("control")), m_redis(std::move(redis)),
      m_channel(std::move(channel))
{
}

void ControlListener::run()
{
    RedisConnection redis(m_redis, 2000);
    bool subscribed = false;
    QElapsedTimer sinceCheck;
    sinceCheck.start();
    while (!m_state.stopping) {
        if (!subscribed) {
            subscribed = bool(redis.command({"SUBSCRIBE", m_channel}));
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
            checkDatabase();
        }
    }
    m_db.closeThreadConnection();
}

void ControlListener::checkDatabase()
{
    // Only claimed tasks (attempt known): an entry registered just before its claim is still NEW/PENDING.
    QList<QUuid> ids;
    for (const ExecutorState::Running &r : m_state.running())
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

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/ExecutorState.h"
#include "store/Database.h"

namespace taskmill {

// Stops handlers whose task was cancelled (or finished by hand) elsewhere. Two paths: the Redis
// control channel (prompt: "cancel <id>" published by the api), and once a second a PostgreSQL check
// of the tasks running here (catches messages lost while Redis or this connection was down).
class ControlListener final
{
public:
    ControlListener(ExecutorState &state, DbParams db, RedisEndpoint redis, QByteArray streamPrefix,
                    QByteArray consumer, int visibilityTimeoutMs);
    void run(); // until state.stopping

    // How often the tasks running here are checked against PostgreSQL (and the heartbeat written): the
    // longest a cancelled handler runs on when its message was lost.
    static constexpr int CheckIntervalMs = 1000;
    // How long one wait for a control message lasts; also how fast the thread notices a stop.
    static constexpr int PollMs = 200;
    static constexpr int ResubscribePauseMs = 200;

private:
    // Once a second: cancel handlers whose task left IN_PROGRESS, and refresh this executor's row in
    // `workers`; every visibility/3, reset the idle time of our running entries so no live task is
    // reclaimed by another executor.
    void checkDatabase(TaskStream &stream, bool touchEntries);

    ExecutorState &m_state;
    Database m_db;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
    QByteArray m_consumer;
    int m_visibilityTimeoutMs;
};

} // namespace taskmill

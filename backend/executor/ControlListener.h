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
    ControlListener(ExecutorState &state, DbParams db, RedisEndpoint redis, QByteArray channel);
    void run(); // until state.stopping

private:
    void checkDatabase();

    ExecutorState &m_state;
    Database m_db;
    RedisEndpoint m_redis;
    QByteArray m_channel;
};

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/ExecutorState.h"
#include "store/Database.h"

namespace taskmill {

// The executor's output: records finished attempts in PostgreSQL, grouped (everything that finished
// since the last commit, up to 1,000, in one statement), and only then acknowledges their stream
// entries. A crash between the two leaves an entry pending whose task is already recorded; running
// it again is refused by the claim, so it is only acknowledged.
class Recorder final
{
public:
    Recorder(ExecutorState &state, DbParams db, RedisEndpoint redis, QByteArray streamPrefix);

    // Runs until `drained` is set and everything completed has been recorded.
    void run(const std::atomic<bool> &drained);

    // Results recorded in one statement at most; a busy pool fills it, an idle one records each at once.
    static constexpr int BatchMax = 1000;
    // How long the recorder waits for a first completion; also how fast it notices the drain.
    static constexpr int CompletionWaitMs = 100;
    // Before recording again after PostgreSQL failed (the entries stay pending meanwhile).
    static constexpr int RetryPauseMs = 200;

private:
    bool record(std::vector<Completion> &batch, TaskStream &stream);

    ExecutorState &m_state;
    Database m_db;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
};

} // namespace taskmill

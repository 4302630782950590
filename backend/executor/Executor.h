// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "executor/ExecutorState.h"
#include "executor/HandlerRegistry.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QThread>
#include <QThreadPool>

#include <memory>

namespace taskmill {

class Fetcher;
class Recorder;
class ControlListener;
class Tracer;

// The executor role: a pool of `workers` handler threads fed by a Fetcher, drained by a Recorder,
// steered by a ControlListener. One consumer in the shared group per process.
class Executor final
{
public:
    // `tracer` (may be null) receives one span per attempt and must outlive the executor.
    Executor(const BackendConfig &config, DbParams db, RedisEndpoint redis, HandlerRegistry handlers,
             Tracer *tracer = nullptr);
    ~Executor();
    Executor(const Executor &) = delete;
    Executor &operator=(const Executor &) = delete;

    void start();
    // Graceful stop: take no new entries, let running handlers finish for up to graceMs, record their
    // results, then hand anything still running back to the queue (PENDING, re-dispatched) so that
    // nothing is marked failed because of a shutdown. Blocks the caller until done.
    void shutdown(int graceMs);

    QString consumerName() const { return QString::fromUtf8(m_consumer); }

    // Redis commands of the executor's own threads: past this, Redis counts as away and the step retries.
    static constexpr int RedisTimeoutMs = 2000;
    // After a hand-back, handlers were cancelled; built-ins stop within milliseconds. One that ignores its
    // token is not waited for longer than this: its result would be fenced off anyway.
    static constexpr int StuckHandlerWaitMs = 2000;

private:
    void handBackRemaining();

    BackendConfig m_config;
    DbParams m_db;
    RedisEndpoint m_redis;
    HandlerRegistry m_handlers;
    QByteArray m_consumer;
    ExecutorState m_state;
    QThreadPool m_pool;
    std::atomic<bool> m_drained{false};
    std::unique_ptr<Fetcher> m_fetcher;
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<ControlListener> m_control;
    std::unique_ptr<QThread> m_fetchThread, m_recordThread, m_controlThread;
    bool m_started = false;
};

} // namespace taskmill

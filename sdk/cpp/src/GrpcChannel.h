// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "Channel.h"
#include "taskmill_sdk/Worker.h"

#include <memory>

namespace taskmill::sdk::detail {

// The worker engine's calls over gRPC (proto/taskmill/v1/taskmill.proto). Handler registration maps to
// HandlerService (GET/POST/PUT /handlers…). The lease calls share one WorkerService.Work stream, opened by the
// first lease poll (Hello: worker, types, the capacity from setCapacity(), lease_ms) and again after it breaks:
// POST /workers/lease takes the tasks the server pushed (waiting up to wait_ms for the first), and
// POST /leases/{lease}/heartbeat|complete|fail|release become stream messages whose answers (HeartbeatAck,
// Recorded, LeaseLost, Rejected) come back in order per lease. A broken stream answers waiting calls with a
// transport error (status 0), which the engine retries with backoff; results may be reported on the next stream
// while their leases hold.
class GrpcChannel final : public Channel
{
public:
    GrpcChannel(const QString &target, const QString &token, const GrpcOptions &options);
    ~GrpcChannel() override;

    Result<QJsonValue> request(const QByteArray &method, const QString &path,
                               const std::optional<QJsonObject> &body = std::nullopt, int timeoutMs = 0,
                               const std::function<bool()> &cancelled = {}) const override;
    QString url() const override;
    void setCapacity(int capacity) override;
    void close() override;

    // A call on the stream that gets no answer in this long fails with a transport error (and is retried).
    static constexpr int AnswerTimeoutMs = 30000;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace taskmill::sdk::detail

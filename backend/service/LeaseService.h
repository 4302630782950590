// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "model/Task.h"
#include "queue/RedisConnection.h"
#include "wire/Result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QSqlDatabase>

#include <atomic>
#include <optional>

namespace taskmill {

class HandlerCatalog;

// A lease as the worker holds it: which task, which attempt, how long a heartbeat extends it and who holds it.
// On the wire it is one opaque string "<task id>.<attempt>.<lease ms>.<worker, base64url>" (docs/workers.md).
struct LeaseToken
{
    QUuid id;
    int attempt = 0;
    int leaseMs = 0;
    QString worker;

    QString toString() const;
    static std::optional<LeaseToken> parse(const QString &text);
};

struct LeaseRequest
{
    QString worker;
    QStringList types;
    int max = 1;
    int waitMs = 20'000;
    int leaseMs = 30'000;
    QString host; // the worker's address as the api saw it (Monitor)
};

struct LeasedTask
{
    Task task;
    LeaseToken token;
    QDateTime expiresAt;
};

// The lease protocol (docs/workers.md) over the same stores the built-in executor uses: entries are read
// from the external handlers' own streams with the shared consumer group, claimed in PostgreSQL with a lease
// time (IN_PROGRESS, attempt + 1, worker set: exactly a built-in run), and results recorded by the same
// fenced statement. Runs on a pool thread with that thread's PostgreSQL and Redis connections.
class LeaseService final
{
public:
    LeaseService(const BackendConfig &config, const HandlerCatalog &catalog, QSqlDatabase &db, RedisConnection &redis);

    // Long-polls up to request.waitMs; returns as soon as at least one task is leased. `clientGone` is set
    // (from the HTTP thread) when the worker hung up: the poll then stops within one BlockSliceMs and never
    // leases to it; entries read just before are put back for others.
    Result<QList<LeasedTask>> lease(const LeaseRequest &request, const std::atomic_bool &clientGone);

    // The longest single blocking read of a long-poll: how late a hung-up worker is noticed.
    static constexpr int BlockSliceMs = 500;
    Result<QDateTime> heartbeat(const LeaseToken &token, std::optional<int> progress, const std::optional<QString> &message);
    Result<Task> complete(const LeaseToken &token, const QJsonValue &result);
    // retry false: to the dead-letter queue now; true: the retry policy decides (RETRY_WAITING or, with no
    // attempt left, the dead-letter queue).
    Result<Task> fail(const LeaseToken &token, const QString &error, bool retry);
    // Back to PENDING without using an attempt, offered again at once.
    Result<Task> release(const LeaseToken &token);

private:
    // Of `lanes`, those not at their handler's concurrency limit now.
    Result<QStringList> openLanes(const QStringList &lanes, const QHash<QString, int> &limits);
    Result<Task> record(const LeaseToken &token, Status status, const QJsonValue &result, const QString &error, bool permanent);

    const BackendConfig &m_config;
    const HandlerCatalog &m_catalog;
    QSqlDatabase &m_db;
    RedisConnection &m_redis;
};

} // namespace taskmill

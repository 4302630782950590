// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/BackendClientCall.h"

namespace taskmill {

QFuture<Result<StatsSnapshot>> BackendClient::stats()
{
    return call<StatsSnapshot>(Verb::Get, QStringLiteral("/api/v1/stats"), {}, {},
                               objectDecoder<StatsSnapshot>(&StatsSnapshot::fromJson));
}

QFuture<Result<ThroughputHistory>> BackendClient::throughput(int minutes, int stepSeconds)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("minutes"), QString::number(minutes));
    query.addQueryItem(QStringLiteral("step"), QString::number(stepSeconds));
    return call<ThroughputHistory>(Verb::Get, QStringLiteral("/api/v1/stats/throughput"), query, {},
                                   objectDecoder<ThroughputHistory>(&ThroughputHistory::fromJson));
}

QFuture<Result<PendingReport>> BackendClient::pendingEntries(int limit, qint64 minIdleMs, const QString &consumer)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (minIdleMs > 0)
        query.addQueryItem(QStringLiteral("min_idle_ms"), QString::number(minIdleMs));
    if (!consumer.isEmpty())
        query.addQueryItem(QStringLiteral("consumer"), QString::fromUtf8(QUrl::toPercentEncoding(consumer)));
    return call<PendingReport>(Verb::Get, QStringLiteral("/api/v1/stats/pending"), query, {},
                               objectDecoder<PendingReport>(&PendingReport::fromJson));
}

} // namespace taskmill

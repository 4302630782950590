// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "support/BackendProcess.h"
#include "support/TestHttp.h"
#include "support/TestServers.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QTcpServer>
#include <QTest>

namespace taskmill::test {

// Arguments that point a taskmilld at a TestServers pair on a free port.
inline QStringList backendArgs(const TestServers &servers, QStringList extra = {})
{
    // gRPC on a free port too: tests run side by side, and the default 50051 would be taken by the first.
    QStringList args{QStringLiteral("--postgres"), servers.postgresUrl(), QStringLiteral("--redis"), servers.redisUrl(),
                     QStringLiteral("-a"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--set"),
                     QStringLiteral("grpc.listen=127.0.0.1:0")};
    return args + extra;
}

// Polls GET /api/v1/tasks/{id} until its status is `status` (or timeout); returns the last task seen.
inline QJsonObject waitForStatus(TestHttp &http, const QString &id, const QString &status, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    QJsonObject last;
    do {
        last = http.get(QStringLiteral("/api/v1/tasks/") + id).obj();
        if (last.value(QStringLiteral("status")).toString() == status)
            return last;
        QTest::qWait(20);
    } while (t.elapsed() < timeoutMs);
    return last;
}

inline QString createTask(TestHttp &http, const QJsonObject &body)
{
    const auto r = http.post(QStringLiteral("/api/v1/tasks"), QJsonValue(body));
    if (r.status != 201)
        qWarning() << "create failed" << r.status << r.body;
    return r.obj().value(QStringLiteral("id")).toString();
}

inline int countRows(const TestServers &servers, const QString &sql)
{
    QString out;
    if (!servers.psql(sql, &out))
        return -1;
    return out.trimmed().toInt();
}

// Text search sees a task once the batched indexer wrote its document (migration 0005): wait until the
// search queue is empty and every task has its document.
inline bool searchIndexed(const TestServers &servers, int timeoutMs = 10000)
{
    return QTest::qWaitFor([&] {
        return countRows(servers, QStringLiteral("SELECT (SELECT count(*) FROM task_search_queue) + "
                                                 "(SELECT count(*) FROM tasks) - (SELECT count(*) FROM task_search)")) == 0;
    }, timeoutMs);
}

// A TCP port on 127.0.0.1 that was free a moment ago (for metrics.listen and the like).
inline quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// Prometheus text format → {"name{labels}": value}.
inline QHash<QString, double> metricSamples(const QByteArray &body)
{
    QHash<QString, double> out;
    for (const QByteArray &line : body.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        out.insert(QString::fromUtf8(line.left(space)), line.mid(space + 1).toDouble());
    }
    return out;
}

} // namespace taskmill::test

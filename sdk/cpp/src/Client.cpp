// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "taskmill_sdk/Client.h"

#include "Transport.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace taskmill::sdk {

Client::Client(const QUrl &server, const QString &token)
    : m_transport(std::make_unique<detail::Transport>(server, token))
{
}

Client::~Client() = default;

Result<QJsonObject> Client::create(const QString &type, const QJsonObject &payload, const QString &priority,
                                   const QDateTime &runAt, const QJsonObject &fields, const QString &idempotencyKey) const
{
    QJsonObject body = fields;
    body.insert(u"type"_s, type);
    body.insert(u"payload"_s, payload);
    if (!priority.isEmpty())
        body.insert(u"priority"_s, priority);
    if (runAt.isValid())
        body.insert(u"run_at"_s, runAt.toUTC().toString(Qt::ISODateWithMs));
    detail::Transport::Headers headers;
    if (!idempotencyKey.isEmpty())
        headers.append({"Idempotency-Key", idempotencyKey.toUtf8()});
    auto answer = m_transport->request("POST", u"/tasks"_s, body, headers);
    if (!answer)
        return answer.error();
    return answer->toObject();
}

Result<QJsonObject> Client::get(const QString &id) const
{
    auto answer = m_transport->request("GET", u"/tasks/"_s + detail::Transport::segment(id));
    if (!answer)
        return answer.error();
    return answer->toObject();
}

Result<QJsonObject> Client::wait(const QString &id, int timeoutMs, int pollMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        auto task = get(id);
        if (!task)
            return task;
        const QString status = task->value(u"status"_s).toString();
        if (status == u"COMPLETED" || status == u"FAILED" || status == u"CANCELLED")
            return task;
        if (deadline.hasExpired())
            return ApiError{0, u"timeout"_s, u"task %1 still %2 after %3 ms"_s.arg(id, status).arg(timeoutMs), {}, {}};
        QThread::msleep(qMin<qint64>(std::max(pollMs, 1), std::max<qint64>(deadline.remainingTime(), 1)));
    }
}

} // namespace taskmill::sdk

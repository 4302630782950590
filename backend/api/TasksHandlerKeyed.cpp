// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Idempotent creates: POST /api/v1/tasks, /api/v1/tasks/batch, seed 000's POST /tasks and gRPC's Create and
// CreateBatch with an Idempotency-Key (docs/api.md, "Idempotent creates").
#include "api/TasksHandler.h"

#include "api/RouteRegistry.h"
#include "codec/TaskJson.h"
#include "observability/Tracer.h"
#include "service/KeyedCreate.h"
#include "store/TaskQueryRepository.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr qsizetype IdempotencyKeyMax = 255; // as long as the keys other services hand out, UUIDs with room to spare
const QString KeyField = u"Idempotency-Key"_s;
const QByteArray ReplayedHeader = "Idempotent-Replayed";

// What makes two requests "the same": the answer's shape (route) and the body as parsed, in JSON's compact
// form (QJsonObject orders keys, so spacing and key order do not matter).
QByteArray requestHash(TasksHandler::CreateAnswer answer, const QJsonValue &body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray(QByteArray::number(int(answer)) + '\n'));
    hash.addData(body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact));
    return hash.result();
}

QJsonArray idsJson(const QList<QUuid> &ids)
{
    QJsonArray a;
    for (const QUuid &id : ids)
        a.append(id.toString(QUuid::WithoutBraces));
    return a;
}

// A repeat's answer: what the first request answered, with the tasks as they are now.
HttpReply replayReply(QSqlDatabase &db, TasksHandler::CreateAnswer answer, const QList<QUuid> &ids)
{
    HttpReply reply;
    if (answer == TasksHandler::CreateAnswer::Ids || ids.isEmpty()) {
        reply = HttpReply::json(QJsonObject{{u"ids"_s, idsJson(ids)}, {u"count"_s, ids.size()}}, 200);
    } else if (answer == TasksHandler::CreateAnswer::SeedId) {
        reply = HttpReply::json(QJsonObject{{u"id"_s, ids.first().toString(QUuid::WithoutBraces)}}, 200);
    } else {
        auto task = TaskQueryRepository(db).get(ids.first());
        if (!task && task.error().code != ErrorCode::NotFound)
            return HttpReply::error(task.error());
        // Gone by retention since (the key outlived it): its id is all there is to tell.
        reply = task ? HttpReply::json(toJson(*task), 200)
                     : HttpReply::json(QJsonObject{{u"id"_s, ids.first().toString(QUuid::WithoutBraces)}}, 200);
    }
    reply.headers.append({ReplayedHeader, "true"});
    return reply;
}
} // namespace

std::optional<ApiError> TasksHandler::checkIdempotencyKey(const QByteArray &key)
{
    if (key.size() > IdempotencyKeyMax)
        return ApiError::validation(KeyField, u"%1 is at most %2 characters long"_s.arg(KeyField).arg(IdempotencyKeyMax));
    for (const char c : key)
        if (c < 0x21 || c > 0x7e)
            return ApiError::validation(KeyField, u"%1 may hold only visible ASCII characters (no spaces)"_s.arg(KeyField));
    return std::nullopt;
}

void TasksHandler::submitKeyed(ReplyTarget &&target, const RequestSpan &span, QList<Task> tasks, Durability durability,
                               const QByteArray &key, const QJsonValue &body, CreateAnswer answer,
                               std::function<HttpReply(Status)> success)
{
    if (auto refused = checkIdempotencyKey(key))
        return respond(std::move(target), HttpReply::error(*refused));
    const ApiContext &ctx = m_ctx;
    const QString owner = RouteRegistry::principal().actor();
    const QByteArray hash = requestHash(answer, body);
    const bool replicated = durability == Durability::Replicated;
    auto reply = m_ctx.withDb([&ctx, tasks, owner, key = QString::fromLatin1(key), hash, replicated, answer,
                               success = std::move(success), trace = span.context](QSqlDatabase &db) -> HttpReply {
        const TraceScope scope(trace);
        if (replicated)
            if (auto refused = refuseWithoutStandby(db))
                return HttpReply::error(*refused);
        auto outcome = KeyedCreate(db, ctx.dispatch(), ctx.handlers()).create(owner, key, hash, tasks, replicated);
        if (!outcome)
            return HttpReply::error(outcome.error());
        if (!outcome->replayed)
            return success(tasks.first().status); // as a durable create answers it
        if (!outcome->sameRequest)
            return HttpReply::error(ApiError::validation(
                KeyField, u"this %1 was used for a different request (another body or route); a new request needs a new key"_s.arg(KeyField)));
        return replayReply(db, answer, outcome->taskIds);
    });
    respondLater(this, std::move(target), reply, endSpan(span, tasks));
}

} // namespace taskmill

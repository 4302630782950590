// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskRepository.h"

#include "codec/TaskJson.h"
#include "observability/Metrics.h"
#include "store/Database.h"
#include "store/PgArray.h"
#include "store/TaskFilterSql.h"
#include "store/TaskQueryRepository.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"
#include "validation/StorableText.h"
#include "validation/TaskValidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The first field of `t` PostgreSQL could not store; `payloadJson` is its payload as written.
std::optional<QString> unstorableField(const Task &t, QByteArrayView payloadJson)
{
    if (!isStorableText(t.type))
        return QStringLiteral("type");
    if (!isStorableText(t.title))
        return QStringLiteral("title");
    if (!isStorableText(t.description))
        return QStringLiteral("description");
    if (mayHoldUnstorableEscape(payloadJson))
        return findUnstorableText(t.payload, QStringLiteral("payload")).value_or(QStringLiteral("payload"));
    return std::nullopt;
}
} // namespace

Result<Unit> TaskRepository::insert(const QList<Task> &input)
{
    // In id order: two inserts of overlapping rows (the api's group and an executor writing a "fast" task
    // from its entry) then wait for each other's keys in the same order instead of deadlocking.
    QList<Task> tasks = input;
    std::sort(tasks.begin(), tasks.end(), [](const Task &a, const Task &b) { return a.id < b.id; });
    QStringList ids, types, titles, descs, payloads, statuses, createdAt, runAt, traceIds, spanIds, policies, owners;
    QList<int> priorities, maxAttempts;
    for (const Task &t : tasks) {
        // Checked here too, whoever validated before: QPSQL writes values into the statement text, where a
        // NUL would cut the statement short and fail it as a syntax error instead of a value error.
        const QByteArray payload = QJsonDocument(t.payload).toJson(QJsonDocument::Compact);
        if (auto bad = unstorableField(t, payload))
            return unstorableTextError(*bad);
        ids << t.id.toString(QUuid::WithoutBraces);
        types << t.type;
        titles << t.title;
        descs << t.description;
        payloads << QString::fromUtf8(payload);
        statuses << toString(t.status);
        createdAt << formatTimestamp(t.createdAt);
        runAt << (t.runAt.isValid() ? formatTimestamp(t.runAt) : QString());
        traceIds << t.traceId;
        spanIds << t.spanId;
        policies << (t.retryPolicy ? QString::fromUtf8(QJsonDocument(t.retryPolicy->toJson()).toJson(QJsonDocument::Compact)) : QString());
        priorities << priorityToDb(t.priority);
        maxAttempts << t.maxAttempts;
        owners << t.owner;
    }
    // One statement for the rows and their history: 1,000 tasks cost one round trip.
    const QString sql = (QStringLiteral(
        "WITH n AS (INSERT INTO tasks (id, type, title, description, payload, priority, status, created_at, "
        "updated_at, run_at, max_attempts, trace_id, span_id, retry_policy, owner) "
        "SELECT id, type, coalesce(title, ''), coalesce(description, ''), payload::jsonb, priority, status, created_at, created_at, run_at, "
        "max_attempts, trace_id, span_id, retry_policy::jsonb, nullif(owner, '') FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], "
        "?::smallint[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) "
        "AS x(id, type, title, description, payload, priority, status, created_at, run_at, max_attempts, "
        "trace_id, span_id, retry_policy, owner) ON CONFLICT (id) DO NOTHING RETURNING id, status, created_at) "
        "INSERT INTO task_history (task_id, from_status, to_status, at) SELECT id, NULL, status, created_at FROM n"));
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(m_db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, QStringLiteral("prepare insert"));
    bindAll(*q, {pgTextArray(ids), pgTextArray(types), pgTextArray(titles), pgTextArray(descs),
                pgTextArray(payloads), pgIntArray(priorities), pgTextArray(statuses), pgTextArray(createdAt),
                pgTextArray(runAt), pgIntArray(maxAttempts), pgTextArray(traceIds), pgTextArray(spanIds),
                pgTextArray(policies), pgTextArray(owners)});
    if (!q->exec())
        return dbError(q->lastError(), QStringLiteral("insert tasks"));
    q->finish();
    return Unit{};
}

Result<Unit> TaskRepository::insertQuarantined(const Task &task, const QString &reason)
{
    auto storable = [](const QString &text) {
        if (isStorableText(text))
            return text;
        QString out;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                out += c;
                out += text.at(++i);
            } else {
                out += (c.unicode() == 0 || c.isSurrogate()) ? QChar(QChar::ReplacementCharacter) : c;
            }
        }
        return out;
    };
    const QByteArray original = QJsonDocument(task.payload).toJson(QJsonDocument::Compact);
    const QJsonObject payload{{u"unstorable_payload_base64"_s, QString::fromLatin1(original.toBase64())}};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "WITH n AS (INSERT INTO tasks (id, type, title, description, payload, priority, status, created_at, updated_at, "
        "completed_at, dead_lettered_at, max_attempts, trace_id, span_id, error) "
        "VALUES (?::uuid, coalesce(?, 'noop'), coalesce(?, ''), coalesce(?, ''), ?::jsonb, ?, 'FAILED', ?::timestamptz, now(), now(), now(), ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING RETURNING id, error) "
        "INSERT INTO task_history (task_id, from_status, to_status, message) "
        "SELECT id, NULL, 'FAILED', error || ' [dead-lettered]' FROM n"));
    q.addBindValue(task.id.toString(QUuid::WithoutBraces));
    q.addBindValue(storable(task.type));
    q.addBindValue(storable(task.title));
    q.addBindValue(storable(task.description));
    q.addBindValue(jsonText(payload));
    q.addBindValue(priorityToDb(task.priority));
    q.addBindValue(formatTimestamp(task.createdAt.isValid() ? task.createdAt : QDateTime::currentDateTimeUtc()));
    q.addBindValue(task.maxAttempts);
    q.addBindValue(task.traceId);
    q.addBindValue(task.spanId);
    q.addBindValue(storable(reason));
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("quarantine task"));
    return Unit{};
}

Result<Unit> TaskRepository::setSynchronousCommit(bool on)
{
    QSqlQuery q(m_db);
    if (!q.exec(on ? QStringLiteral("SET LOCAL synchronous_commit = on") : QStringLiteral("SET LOCAL synchronous_commit = off")))
        return dbError(q.lastError(), QStringLiteral("set synchronous_commit"));
    return Unit{};
}

Result<int> TaskRepository::markDispatched(const QList<QUuid> &ids, const QList<QByteArray> &entryIds)
{
    QStringList entries;
    for (const QByteArray &e : entryIds)
        entries << QString::fromLatin1(e);
    const QString sql = (QStringLiteral(
        "WITH x AS (SELECT * FROM unnest(?::uuid[], ?::text[]) AS x(id, entry)), "
        "o AS (SELECT t.id, t.status AS old, x.entry FROM x JOIN tasks t ON t.id = x.id "
        // Rows are locked in id order, as the executor's claim locks them: two statements that lock in
        // the same order cannot deadlock. (SKIP LOCKED would lose marks to any momentary lock.)
        // The status test is written so no index can serve it: with statistics stale after a burst the
        // planner would otherwise scan the status index for the whole backlog instead of probing the
        // primary key once per id.
        "WHERE (t.status || '') IN ('NEW', 'PENDING') ORDER BY t.id FOR NO KEY UPDATE OF t), "
        // The update joins the locked rows only (each already carries its entry): joining x again would
        // be planned as a nested loop over two CTEs the planner believes hold one row, quadratic in the batch.
        "u AS (UPDATE tasks t SET status = 'PENDING', stream_entry = o.entry, dispatched_at = now(), updated_at = now() "
        "FROM o WHERE t.id = o.id RETURNING t.id, o.old) "
        "INSERT INTO task_history (task_id, from_status, to_status) SELECT id, 'NEW', 'PENDING' FROM u WHERE old = 'NEW'"));
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(m_db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, QStringLiteral("prepare mark dispatched"));
    q->addBindValue(pgUuidArray(ids));
    q->addBindValue(pgTextArray(entries));
    if (!q->exec())
        return dbError(q->lastError(), QStringLiteral("mark dispatched"));
    const int n = q->numRowsAffected();
    q->finish();
    return n;
}

Result<TaskRepository::RetryOutcome> TaskRepository::retryNow(const QUuid &id, const QString &who)
{
    const QString idText = id.toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, attempts, dead_lettered_at IS NOT NULL FROM tasks WHERE id = ?::uuid FOR NO KEY UPDATE"));
    q.addBindValue(idText);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("lock task"));
    if (!q.next())
        return ApiError::notFound(QStringLiteral("no task with id %1").arg(idText));
    const Status from = statusFromString(q.value(0).toString()).value_or(Status::New);
    const int attempts = q.value(1).toInt();
    if (q.value(2).toBool()) {
        auto task = TaskQueryRepository(m_db).get(id);
        if (!task)
            return task.error();
        return RetryOutcome{*task, true};
    }
    QString sql;
    QString message;
    switch (from) {
    case Status::Failed:
    case Status::Cancelled:
        if (attempts >= limits::MaxAttemptsMax)
            return ApiError::conflict(QStringLiteral("task %1 has used all %2 attempts a task may have")
                                          .arg(idText).arg(limits::MaxAttemptsMax));
        // The attempt counter goes on (attempts + 1 next): a late result of the old attempt stays fenced off.
        sql = QStringLiteral("UPDATE tasks SET status = 'NEW', max_attempts = greatest(max_attempts, attempts + 1), "
                             "completed_at = NULL, error = NULL, result = NULL, run_at = NULL, dispatched_at = NULL, "
                             "updated_at = now() WHERE id = ?::uuid");
        message = QStringLiteral("retried by %1").arg(who);
        break;
    case Status::Postponed:
    case Status::RetryWaiting:
        sql = QStringLiteral("UPDATE tasks SET status = 'NEW', run_at = now(), updated_at = now() WHERE id = ?::uuid");
        message = QStringLiteral("run now by %1").arg(who);
        break;
    default:
        return ApiError::conflict(QStringLiteral("task %1 is %2: only FAILED, CANCELLED, POSTPONED and RETRY_WAITING "
                                                 "tasks can be retried now")
                                      .arg(idText, toString(from)));
    }
    QSqlQuery u(m_db);
    u.prepare(sql);
    u.addBindValue(idText);
    if (!u.exec())
        return dbError(u.lastError(), QStringLiteral("retry task"));
    QSqlQuery h(m_db);
    h.prepare(QStringLiteral("INSERT INTO task_history (task_id, from_status, to_status, attempt, message) "
                             "VALUES (?::uuid, ?, 'NEW', ?, ?)"));
    h.addBindValue(idText);
    h.addBindValue(toString(from));
    h.addBindValue(attempts);
    h.addBindValue(message);
    if (!h.exec())
        return dbError(h.lastError(), QStringLiteral("retry history"));
    if (!tx.commit())
        return dbError(m_db.lastError(), QStringLiteral("commit"));
    auto task = TaskQueryRepository(m_db).get(id);
    if (!task)
        return task.error();
    return RetryOutcome{*task, false};
}

Result<Task> TaskRepository::finishByHand(const QUuid &id, Status to, const QString &who, bool *wasRunning)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, attempts FROM tasks WHERE id = ?::uuid FOR NO KEY UPDATE"));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("lock task"));
    if (!q.next())
        return ApiError::notFound(QStringLiteral("no task with id %1").arg(id.toString(QUuid::WithoutBraces)));
    const Status from = statusFromString(q.value(0).toString()).value_or(Status::New);
    const int attempt = q.value(1).toInt();
    if (isTerminal(from))
        return ApiError::conflict(QStringLiteral("task %1 already finished as %2")
                                      .arg(id.toString(QUuid::WithoutBraces), toString(from)));
    if (wasRunning)
        *wasRunning = from == Status::InProgress;
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
        "WITH u AS (UPDATE tasks SET status = ?, completed_at = now(), updated_at = now() WHERE id = ?::uuid "
        "RETURNING id) INSERT INTO task_history (task_id, from_status, to_status, attempt, worker, message) "
        "SELECT id, ?, ?, ?, NULL, ? FROM u"));
    u.addBindValue(toString(to));
    u.addBindValue(id.toString(QUuid::WithoutBraces));
    u.addBindValue(toString(from));
    u.addBindValue(toString(to));
    u.addBindValue(attempt);
    u.addBindValue(who);
    if (!u.exec())
        return dbError(u.lastError(), QStringLiteral("finish task"));
    if (!tx.commit())
        return dbError(m_db.lastError(), QStringLiteral("commit"));
    auto task = TaskQueryRepository(m_db).get(id);
    if (task)
        Metrics::countTask(to == Status::Cancelled ? Metrics::TaskEvent::Cancelled : Metrics::TaskEvent::Completed,
                           task->type, task->priority);
    return task;
}

Result<QList<TaskRepository::Finished>> TaskRepository::finishManyByHand(const QList<QUuid> &ids, Status to, const QString &who)
{
    if (ids.isEmpty())
        return QList<Finished>{};
    // Locked in id order (as every multi-row writer here), so two batches never wait on each other in a cycle.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "WITH l AS (SELECT id, status, attempts FROM tasks WHERE id = ANY(?::uuid[]) "
        "AND status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED') ORDER BY id FOR NO KEY UPDATE), "
        "u AS (UPDATE tasks t SET status = ?, completed_at = now(), updated_at = now() FROM l WHERE t.id = l.id "
        "RETURNING t.id, l.status AS from_status, l.attempts, t.type, t.priority), "
        "h AS (INSERT INTO task_history (task_id, from_status, to_status, attempt, worker, message) "
        "SELECT id, from_status, ?, attempts, NULL, ? FROM u ORDER BY id) "
        "SELECT id, from_status, type, priority FROM u"));
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(toString(to));
    q.addBindValue(toString(to));
    q.addBindValue(who);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("finish tasks"));
    QList<Finished> out;
    while (q.next()) {
        Finished f{QUuid::fromString(q.value(0).toString()), statusFromString(q.value(1).toString()).value_or(Status::New),
                   q.value(2).toString(), priorityFromDb(q.value(3).toInt())};
        Metrics::countTask(to == Status::Cancelled ? Metrics::TaskEvent::Cancelled : Metrics::TaskEvent::Completed,
                           f.type, f.priority);
        out.append(std::move(f));
    }
    return out;
}

} // namespace taskmill

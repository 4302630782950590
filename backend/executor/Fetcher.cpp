// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/Fetcher.h"

#include "codec/TaskJson.h"
#include "executor/AttemptSpan.h"
#include "observability/Tracer.h"
#include "observability/Logging.h"
#include "store/TaskRepository.h"

#include <QJsonDocument>
#include <QSet>

#include <QElapsedTimer>
#include <QThread>

namespace taskmill {

Fetcher::Fetcher(ExecutorState &state, const HandlerRegistry &handlers, QThreadPool &pool, const BackendConfig &config,
                 DbParams db, RedisEndpoint redis, QByteArray consumer, Tracer *tracer)
    : m_state(state), m_handlers(handlers), m_pool(pool), m_db(std::move(db), QStringLiteral("fetcher")),
      m_redis(std::move(redis)), m_prefix(config.streamPrefix.toUtf8()), m_consumer(std::move(consumer)),
      m_config(config), m_fairnessEvery(config.fairnessEvery), m_tracer(tracer)
{
}

void Fetcher::reclaim(TaskStream &stream, bool own)
{
    for (Priority p : allPriorities()) {
        auto got = own ? stream.ownPending(m_consumer, p, 1000)
                       : stream.autoClaim(m_consumer, p, m_config.visibilityTimeoutMs, 100);
        if (!got) {
            qCWarning(lcExecutor).noquote() << "reclaiming entries failed:" << got.error().message;
            return;
        }
        if (got->isEmpty())
            continue;
        qCInfo(lcExecutor).noquote() << (own ? "resuming" : "reclaimed") << got->size() << toString(p)
                                     << (own ? "entries this consumer had taken before it stopped"
                                             : "entries from executors that stopped responding");
        claimAndStart(*got, true);
    }
}

QList<Priority> Fetcher::roundOrder(quint64 round, int fairnessEvery)
{
    const quint64 phase = round % quint64(fairnessEvery);
    if (phase == quint64(fairnessEvery - 1))
        return {Priority::Low, Priority::High, Priority::Medium};
    if (phase == quint64(fairnessEvery / 2 - 1))
        return {Priority::Medium, Priority::High, Priority::Low};
    return {Priority::High, Priority::Medium, Priority::Low};
}

QList<StreamEntry> Fetcher::fetch(TaskStream &stream, int capacity)
{
    QList<StreamEntry> entries;
    const QList<Priority> order = roundOrder(m_round++, m_fairnessEvery);
    // A fairness round takes ONE entry from the favoured lower stream, then fills by priority: lower
    // priorities always progress, and a high backlog loses at most one slot per fairness round.
    const bool fairness = order.first() != Priority::High;
    for (Priority p : order) {
        const int want = (fairness && p == order.first()) ? std::min(1, capacity) : capacity - int(entries.size());
        if (want <= 0)
            break;
        auto got = stream.read(m_consumer, p, want);
        if (!got) {
            qCWarning(lcExecutor).noquote() << "reading stream failed:" << got.error().message;
            QThread::msleep(200);
            return entries;
        }
        entries += *got;
    }
    if (!entries.isEmpty())
        return entries;
    // Nothing queued: block until something arrives on any stream (at most one entry per stream, so
    // capacity may be exceeded by two for a moment; those wait on the pool queue).
    auto got = stream.readAny(m_consumer, 500);
    if (!got) {
        qCWarning(lcExecutor).noquote() << "waiting on streams failed:" << got.error().message;
        QThread::msleep(200);
        return {};
    }
    return *got;
}

void Fetcher::run()
{
    RedisConnection redis(m_redis, 2000);
    TaskStream stream(redis, m_prefix);
    while (!m_state.stopping) {
        if (auto g = stream.ensureGroups(); g)
            break;
        else
            qCWarning(lcExecutor).noquote() << "cannot create consumer groups:" << g.error().message;
        QThread::msleep(500);
    }
    if (!m_state.stopping)
        reclaim(stream, true);
    QElapsedTimer sinceReclaim;
    sinceReclaim.start();
    while (!m_state.stopping) {
        if (sinceReclaim.elapsed() >= std::max(200, m_config.visibilityTimeoutMs / 2)) {
            reclaim(stream, false);
            sinceReclaim.restart();
        }
        const int capacity = m_state.waitForCapacity(200);
        if (capacity <= 0 || m_state.stopping)
            continue;
        const QList<StreamEntry> entries = fetch(stream, capacity);
        if (!entries.isEmpty())
            claimAndStart(entries);
    }
    m_db.closeThreadConnection();
}

QList<Task> Fetcher::materializeFast(const QList<StreamEntry> &entries, const QList<Task> &claimed, bool reclaimed)
{
    // A "fast" entry can arrive before the api's grouped insert: write the row from the entry (skipped if
    // it exists meanwhile) and claim it. Entries without a document are simply stale.
    QSet<QUuid> have;
    for (const Task &t : claimed)
        have.insert(t.id);
    QList<Task> rows;
    for (const StreamEntry &e : entries) {
        if (e.taskJson.isEmpty() || have.contains(e.taskId))
            continue;
        auto t = taskFromJson(QJsonDocument::fromJson(e.taskJson).object());
        if (t && t->id == e.taskId && t->status == Status::New)
            rows.append(*t);
    }
    if (rows.isEmpty())
        return {};
    auto db = m_db.connection();
    if (!db)
        return {};
    TaskRepository repo(*db);
    if (auto inserted = repo.insert(rows); !inserted) {
        qCWarning(lcExecutor).noquote() << "writing fast tasks from their entries failed:" << inserted.error().message;
        m_db.closeThreadConnection();
        return {};
    }
    QList<QUuid> ids;
    for (const Task &t : rows)
        ids.append(t.id);
    auto again = ExecutionRepository(*db).claim(ids, QString::fromUtf8(m_consumer), reclaimed);
    return again ? *again : QList<Task>{};
}

void Fetcher::claimAndStart(const QList<StreamEntry> &entries, bool reclaimed)
{
    m_state.addInFlight(int(entries.size()));
    QList<QUuid> ids;
    QHash<QUuid, std::shared_ptr<CancellationToken>> tokens;
    for (const StreamEntry &e : entries) {
        auto token = std::make_shared<CancellationToken>();
        tokens.insert(e.taskId, token);
        m_state.registerRunning(e, token);
        ids.append(e.taskId);
    }
    // Retry the claim while PostgreSQL is away: the entries are ours (pending in the group), and
    // giving up would strand them until another executor reclaims them.
    QList<Task> claimed;
    for (int backoff = 100;; backoff = std::min(backoff * 2, 2000)) {
        std::optional<ApiError> failure;
        {
            auto db = m_db.connection();
            if (db) {
                auto r = ExecutionRepository(*db).claim(ids, QString::fromUtf8(m_consumer), reclaimed);
                if (r)
                    claimed = *r;
                else
                    failure = r.error();
            } else {
                failure = db.error();
            }
        }
        if (!failure)
            break;
        qCWarning(lcExecutor).noquote() << "claim failed, retrying:" << failure->message;
        // Only a lost server needs a new connection; a deadlock or serialisation error is just retried.
        if (failure->code == ErrorCode::Unavailable)
            m_db.closeThreadConnection();
        if (m_state.stopping) {
            // Shutting down with PostgreSQL unreachable: the entries stay pending for a reclaim.
            for (const StreamEntry &e : entries)
                m_state.forget({e.taskId});
            return;
        }
        QThread::msleep(backoff);
    }

    claimed += materializeFast(entries, claimed, reclaimed);
    QHash<QUuid, Task> byId;
    for (const Task &t : claimed)
        byId.insert(t.id, t);
    for (const StreamEntry &e : entries) {
        auto it = byId.find(e.taskId);
        if (it == byId.end()) {
            // Cancelled, finished, unknown, or a duplicate entry: nothing to run, only to acknowledge.
            m_state.complete({e, std::nullopt});
            continue;
        }
        const Task task = *it;
        byId.erase(it); // a duplicate entry in the same batch runs once
        m_state.setAttempt(task.id, task.attempts);
        auto token = tokens.value(e.taskId);
        const RetryPolicy policy = task.retryPolicy.value_or(m_config.retryPolicyFor(task.type));
        m_pool.start([this, task, token, e, policy] { runAttempt(task, *token, e, policy); });
    }
}

void Fetcher::runAttempt(const Task &task, CancellationToken &token, const StreamEntry &entry, const RetryPolicy &policy)
{
    const TraceContext attempt{task.traceId.isEmpty() ? TraceContext::newTraceId() : task.traceId,
                               TraceContext::newSpanId()};
    const qint64 startNs = unixNanosNow();
    const TraceScope scope(attempt); // log lines of the handler and of this attempt carry its ids
    const HandlerOutcome out = m_handlers.run(task, token);
    const qint64 endNs = unixNanosNow();
    AttemptResult result = decideOutcome(task, out.status, out.result, out.error, out.permanent, policy,
                                         QDateTime::currentDateTimeUtc());
    qCDebug(lcExecutor).noquote() << "task" << task.id.toString(QUuid::WithoutBraces) << "attempt" << task.attempts
                                  << "ended:" << attemptOutcome(result);
    if (m_tracer && m_tracer->isEnabled())
        m_tracer->record(attemptSpan(task, attempt, startNs, endNs, result, QString::fromUtf8(m_consumer)));
    m_state.complete({entry, std::move(result)});
}

} // namespace taskmill

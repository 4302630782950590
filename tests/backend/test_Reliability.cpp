// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Retries, the dead-letter queue, cancellation in every state, reclaim after kill -9, fencing of a
// stale attempt, the reconciler after FLUSHALL, two schedulers side by side, and the audit log's filters and
// keyset paging — all on real servers.
#include "IntegrationHelpers.h"

#include <csignal>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

class TestReliability : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_api; // api + scheduler; executors are started per test
    TestHttp m_http;

    QStringList executorArgs(const QString &consumer, int workers = 2, int visibilityMs = 1000)
    {
        QStringList a{u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(), u"--role"_s,
                      u"executor"_s, u"--workers"_s, QString::number(workers), u"--set"_s,
                      u"executor.visibility_timeout_ms=%1"_s.arg(visibilityMs), u"--set"_s, u"shutdown.grace_ms=200"_s};
        if (!consumer.isEmpty())
            a << u"--set"_s << u"executor.consumer="_s + consumer;
        return a;
    }
    QStringList historyPath(const QString &id)
    {
        QStringList path;
        for (const auto &h : m_http.get(u"/api/v1/tasks/%1/history"_s.arg(id)).obj().value(u"items"_s).toArray())
            path << h.toObject().value(u"to_status"_s).toString();
        return path;
    }
    // Executors started with this log each attempt's end ("task <id> attempt <n> ended: …", Fetcher) and each
    // write of results that PostgreSQL refused ("… results were not recorded: …", Recorder) at debug level.
    static QProcessEnvironment executorDebugLog()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_LOGGING_RULES"_s, u"taskmill.backend.executor.debug=true"_s);
        return env;
    }
    // True once `log` shows attempt `attempt` of task `id` ending and, after it, the recorder's refused write:
    // the executor tried to record that attempt's result and the UPDATE matched no row (cancelled or fenced).
    static bool resultRefused(const QString &log, const QString &id, int attempt)
    {
        const qsizetype ended = log.indexOf(u"task %1 attempt %2 ended:"_s.arg(id).arg(attempt));
        return ended >= 0 && log.indexOf(u"results were not recorded: task cancelled, finished by hand or fenced"_s, ended) > ended;
    }
    static QJsonObject fastRetry()
    {
        return {{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 50}, {u"max_ms"_s, 50}, {u"jitter"_s, 0}};
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_api.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler"_s,
                                                      u"--set"_s, u"scheduler.reconcile_age_ms=300"_s,
                                                      u"--set"_s, u"scheduler.reconcile_interval_ms=200"_s,
                                                      u"--set"_s, u"executor.visibility_timeout_ms=1000"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_api.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_api.terminate()); }

    void retries_until_success()
    {
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        const QString id = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 5},
                                               {u"payload"_s, QJsonObject{{u"times"_s, 2}}}, {u"retry_policy"_s, fastRetry()}});
        const QJsonObject t = waitForStatus(m_http, id, u"COMPLETED"_s);
        QCOMPARE(t.value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(t.value(u"attempts"_s).toInt(), 3);
        QCOMPARE(historyPath(id).count(u"RETRY_WAITING"_s), 2);
        QCOMPARE(historyPath(id).count(u"IN_PROGRESS"_s), 3);
        QVERIFY(exec.terminate());
    }

    void exhausted_retries_go_to_the_dlq_with_their_history()
    {
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        const QString id = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 3}, {u"title"_s, u"doomed"_s},
                                               {u"payload"_s, QJsonObject{{u"message"_s, u"smtp timeout"_s}}},
                                               {u"retry_policy"_s, fastRetry()}});
        const QJsonObject t = waitForStatus(m_http, id, u"FAILED"_s);
        QCOMPARE(t.value(u"attempts"_s).toInt(), 3);
        QVERIFY(!t.value(u"dead_lettered_at"_s).isNull());
        const auto dlq = m_http.get(u"/api/v1/dlq/"_s + id);
        QCOMPARE(dlq.status, 200);
        int errors = 0;
        for (const auto &h : dlq.obj().value(u"history"_s).toArray())
            errors += h.toObject().value(u"message"_s).toString().startsWith(u"smtp timeout"_s);
        QCOMPARE(errors, 3); // every attempt's error is kept
        const auto groups = m_http.get(u"/api/v1/dlq/groups?q=smtp"_s).obj().value(u"groups"_s).toArray();
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.at(0).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(m_http.get(u"/api/v1/dlq?q=smtp"_s).obj().value(u"total"_s).toInt(), 1);
        QVERIFY(exec.terminate());
    }

    void tasks_of_other_and_disabled_handlers_wait_and_timeouts_fail_attempts()
    {
        // An external handler's task: the built-in executor neither runs it nor acknowledges its entry.
        QCOMPARE(m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, u"outside.job"_s}})).status, 201);
        BackendProcess exec;
        QStringList args = executorArgs({});
        args << u"--set"_s << u"handlers.aliases.paused.job=noop"_s << u"--set"_s << u"handlers.aliases.slow.job=sleep"_s
             << u"--set"_s << u"handlers.refresh_ms=0"_s;
        QVERIFY(exec.start(args, BackendProcess::Readiness::Ready));
        // The executor registered its aliases when it started; the api sees them within its refresh.
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/handlers/paused.job"_s).status, 200, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"slow.job"_s},
                                              {u"payload"_s, QJsonObject{{u"ms"_s, 0}}}})).status, 201, 5000);

        const auto disabled = m_http.put(u"/api/v1/handlers/paused.job"_s, QJsonValue(QJsonObject{{u"enabled"_s, false}}));
        QCOMPARE(disabled.status, 200);
        const QString outside = createTask(m_http, {{u"type"_s, u"outside.job"_s}});
        const QString paused = createTask(m_http, {{u"type"_s, u"paused.job"_s}});
        const QString after = createTask(m_http, {{u"type"_s, u"noop"_s}});
        QCOMPARE(waitForStatus(m_http, after, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        // Fetched before the noop (one stream, in order) and left alone: still waiting, entries still pending.
        // Their PENDING mark is the dispatcher's grouped write after the XADD, which may land after the noop
        // (already read from the stream) has run: wait for it rather than race it.
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/tasks/"_s + outside).obj().value(u"status"_s).toString(), u"PENDING"_s, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/tasks/"_s + paused).obj().value(u"status"_s).toString(), u"PENDING"_s, 5000);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + paused).obj().value(u"attempts"_s).toInt(), 0);
        // The external task is in its type's own stream, which built-in executors never read; the disabled
        // handler's entry stays in the built-in stream, pending.
        QVERIFY(m_servers.redisCli({u"XRANGE"_s, u"taskmill:type:outside.job:medium"_s, u"-"_s, u"+"_s}).contains(outside));
        QVERIFY(!m_servers.redisCli({u"XRANGE"_s, u"taskmill:tasks:medium"_s, u"-"_s, u"+"_s}).contains(outside));
        QVERIFY(m_servers.redisCli({u"XRANGE"_s, u"taskmill:tasks:medium"_s, u"-"_s, u"+"_s}).contains(paused));

        // Enabled again: a reclaim offers the entry once more (visibility timeout 1 s here) and it runs.
        QCOMPARE(m_http.put(u"/api/v1/handlers/paused.job"_s, QJsonValue(QJsonObject{{u"enabled"_s, true}})).status, 200);
        QCOMPARE(waitForStatus(m_http, paused, u"COMPLETED"_s, 20000).value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + outside).obj().value(u"status"_s).toString(), u"PENDING"_s);

        // timeout_ms: the attempt is cancelled at the deadline and fails with "timeout"; retries apply.
        QCOMPARE(m_http.put(u"/api/v1/handlers/slow.job"_s, QJsonValue(QJsonObject{{u"timeout_ms"_s, 150}})).status, 200);
        const QString slow = createTask(m_http, {{u"type"_s, u"slow.job"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 60000}}},
                                                 {u"max_attempts"_s, 2}, {u"retry_policy"_s, fastRetry()}});
        const QJsonObject timedOut = waitForStatus(m_http, slow, u"FAILED"_s, 20000);
        QCOMPARE(timedOut.value(u"error"_s).toString(), u"timeout"_s);
        QCOMPARE(timedOut.value(u"attempts"_s).toInt(), 2);
        QCOMPARE(historyPath(slow).count(u"RETRY_WAITING"_s), 1);
        QVERIFY(exec.terminate());
    }

    void requeue_plain_edited_and_invalid()
    {
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        const QString id = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1}});
        QCOMPARE(waitForStatus(m_http, id, u"FAILED"_s).value(u"status"_s).toString(), u"FAILED"_s);

        const auto bad = m_http.post(u"/api/v1/dlq/%1/requeue"_s.arg(id), QJsonValue(QJsonObject{{u"payload"_s, u"x"_s}}));
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"payload"_s);
        // An edited payload meets the handler's schema (fail: "times" is an integer) like a create's.
        const auto off = m_http.post(u"/api/v1/dlq/%1/requeue"_s.arg(id),
                                     QJsonValue(QJsonObject{{u"payload"_s, QJsonObject{{u"times"_s, u"never"_s}}}}));
        QCOMPARE(off.status, 422);
        QCOMPARE(off.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"validation_failed"_s);
        QCOMPARE(off.obj().value(u"error"_s).toObject().value(u"details"_s).toArray().at(0).toObject().value(u"path"_s).toString(), u"/times"_s);
        QVERIFY(!m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"dead_lettered_at"_s).isNull()); // untouched

        const auto edited = m_http.post(u"/api/v1/dlq/%1/requeue"_s.arg(id),
                                        QJsonValue(QJsonObject{{u"payload"_s, QJsonObject{{u"times"_s, 0}}}}),
                                        {{"X-Taskmill-Actor", "alice"}});
        QCOMPARE(edited.status, 200);
        const QJsonObject done = waitForStatus(m_http, id, u"COMPLETED"_s);
        QCOMPARE(done.value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(done.value(u"payload"_s).toObject().value(u"times"_s).toInt(), 0);
        const auto audit = m_http.get(u"/api/v1/audit?limit=5"_s).obj().value(u"items"_s).toArray();
        QVERIFY(!audit.isEmpty());
        const QJsonObject last = audit.at(0).toObject();
        QCOMPARE(last.value(u"action"_s).toString(), u"requeue_edited"_s);
        QVERIFY(last.value(u"actor"_s).toString().startsWith(u"alice@"_s));
        QCOMPARE(last.value(u"task_ids"_s).toArray().at(0).toString(), id);

        // Plain requeue of a task that is not in the DLQ (any more): 404.
        QCOMPARE(m_http.post(u"/api/v1/dlq/%1/requeue"_s.arg(id), QByteArray()).status, 404);
        QVERIFY(exec.terminate());
    }

    void bulk_requeue_and_purge_by_filter()
    {
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        QJsonArray items;
        for (int i = 0; i < 6; ++i)
            items.append(QJsonObject{{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1},
                                     {u"payload"_s, QJsonObject{{u"message"_s, i < 4 ? u"quota exceeded"_s : u"bad gateway"_s}}}});
        QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/dlq?q=quota"_s).obj().value(u"total"_s).toInt(), 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/dlq?q=gateway"_s).obj().value(u"total"_s).toInt(), 2, 10000);

        QCOMPARE(m_http.post(u"/api/v1/dlq/purge"_s, QJsonValue(QJsonObject{})).status, 422); // no selector
        const auto purged = m_http.post(u"/api/v1/dlq/purge"_s,
                                        QJsonValue(QJsonObject{{u"filter"_s, QJsonObject{{u"error"_s, u"quota exceeded"_s}}}}));
        QCOMPARE(purged.status, 200);
        QCOMPARE(purged.obj().value(u"count"_s).toInt(), 4);
        QCOMPARE(m_http.get(u"/api/v1/dlq?q=quota"_s).obj().value(u"total"_s).toInt(), 0);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM task_history h WHERE NOT EXISTS "
                                      "(SELECT 1 FROM tasks t WHERE t.id = h.task_id)"_s), 0);

        const auto requeued = m_http.post(u"/api/v1/dlq/requeue"_s,
                                          QJsonValue(QJsonObject{{u"filter"_s, QJsonObject{{u"q"_s, u"gateway"_s}}}}));
        QCOMPARE(requeued.status, 200);
        QCOMPARE(requeued.obj().value(u"count"_s).toInt(), 2);
        // They fail again (max_attempts 1) and return to the DLQ: nothing is dropped on the way.
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id "
                                                       "WHERE t.error = 'bad gateway' AND h.to_status = 'FAILED'"_s), 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/dlq?q=gateway"_s).obj().value(u"total"_s).toInt(), 2, 10000);
        QVERIFY(countRows(m_servers, u"SELECT count(*) FROM audit_log WHERE action IN ('purge', 'requeue')"_s) >= 2);
        QVERIFY(exec.terminate());
    }

    void dlq_finds_by_title_id_and_priority_and_sorts_every_way()
    {
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        QJsonArray items;
        const QStringList priorities{u"LOW"_s, u"HIGH"_s, u"MEDIUM"_s, u"HIGH"_s, u"LOW"_s};
        for (int i = 0; i < priorities.size(); ++i)
            items.append(QJsonObject{{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1 + i % 2}, {u"priority"_s, priorities.at(i)},
                                     {u"title"_s, u"sortme %1"_s.arg(QChar(u'e' - i))}, {u"retry_policy"_s, fastRetry()},
                                     {u"payload"_s, QJsonObject{{u"message"_s, u"sortable failure"_s}}}});
        const auto created = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items));
        QCOMPARE(created.status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/dlq?q=sortme"_s).obj().value(u"total"_s).toInt(), 5, 10000);

        // q reads the title and the id too; priority is a list.
        const QString id = m_http.get(u"/api/v1/dlq?q=sortme%20c"_s).obj().value(u"items"_s).toArray().at(0).toObject()
                               .value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        // The batch's ids share their first 12 digits (a version-7 id starts with its millisecond): the whole id and
        // the app's short form (first 8 and last 4 digits) name one task.
        for (const QString &q : QStringList{id, id.left(8) + u"%E2%80%A6"_s + id.right(4)}) {
            const auto byId = m_http.get(u"/api/v1/dlq?q="_s + q).obj();
            QCOMPARE(byId.value(u"total"_s).toInt(), 1);
            QCOMPARE(byId.value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toString(), id);
        }
        QCOMPARE(m_http.get(u"/api/v1/dlq?q=sortme&priority=HIGH,LOW"_s).obj().value(u"total"_s).toInt(), 4);
        QCOMPARE(m_http.get(u"/api/v1/dlq?priority=URGENT"_s).status, 422);
        QCOMPARE(m_http.get(u"/api/v1/dlq?sort=error"_s).status, 422);
        QCOMPARE(m_http.get(u"/api/v1/dlq?order=sideways"_s).status, 422);

        // Every order, read two rows a page through `after`, gives the rows in the order the column says.
        for (const QString &sort : {u"title"_s, u"attempts"_s, u"created"_s, u"dead_lettered"_s, u"type"_s})
            for (const QString &order : {u"asc"_s, u"desc"_s}) {
                QStringList titles;
                QList<int> attempts;
                QString after;
                for (int page = 0; page < 5 && titles.size() < 5; ++page) {
                    const auto body = m_http.get(u"/api/v1/dlq?q=sortme&limit=2&sort=%1&order=%2%3"_s
                                                     .arg(sort, order, after.isEmpty() ? QString() : u"&after="_s + after))
                                          .obj();
                    const QJsonArray rows = body.value(u"items"_s).toArray();
                    for (const auto &r : rows) {
                        titles << r.toObject().value(u"title"_s).toString();
                        attempts << r.toObject().value(u"attempts"_s).toInt();
                    }
                    after = body.value(u"next_after"_s).toString();
                    if (after.isEmpty())
                        break;
                }
                QCOMPARE(titles.size(), 5);
                QCOMPARE(QSet<QString>(titles.begin(), titles.end()).size(), 5); // no row twice, none lost
                if (sort == u"title"_s) {
                    QStringList sorted = titles;
                    std::sort(sorted.begin(), sorted.end());
                    if (order == u"desc"_s)
                        std::reverse(sorted.begin(), sorted.end());
                    QCOMPARE(titles, sorted);
                }
                if (sort == u"attempts"_s)
                    for (int i = 1; i < attempts.size(); ++i)
                        QVERIFY(order == u"asc"_s ? attempts[i - 1] <= attempts[i] : attempts[i - 1] >= attempts[i]);
            }
        QVERIFY(exec.terminate());
    }

    void audit_filters_paging_and_bad_input()
    {
        // Rows written straight into the table, so their times and task ids are the test's; their actors and
        // times keep them apart from the rows the other tests' actions wrote.
        const QString taskA = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString taskB = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(m_servers.psql(u"INSERT INTO audit_log (at, actor, action, task_ids, details) VALUES "
                               "('2020-01-01T10:00:00Z', 'auditor-1', 'requeue', ARRAY['%1']::uuid[], '{\"n\": 1}'), "
                               "('2020-01-01T11:00:00Z', 'auditor-1', 'purge', ARRAY['%1', '%2']::uuid[], '{\"n\": 2}'), "
                               "('2020-01-01T12:00:00Z', 'auditor-2', 'purge', '{}', '{\"n\": 3}'), "
                               "('2020-01-01T13:00:00Z', 'auditor-1', 'delete', ARRAY['%2']::uuid[], '{\"n\": 4}'), "
                               "('2020-01-01T14:00:00Z', 'auditor-1', 'requeue', '{}', '{\"n\": 5}')"_s.arg(taskA, taskB)));
        QJsonValue next;
        // The rows' "n" for a query, newest first; `next` receives the answer's cursor.
        auto rows = [&](const QString &query) {
            const auto r = m_http.get(u"/api/v1/audit?"_s + query);
            QList<int> out;
            if (r.status != 200) {
                qWarning() << query << r.status << r.body;
                return QList<int>{-r.status};
            }
            for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
                out << v.toObject().value(u"details"_s).toObject().value(u"n"_s).toInt();
            next = r.obj().value(u"next"_s);
            return out;
        };
        QCOMPARE(rows(u"actor=auditor-1"_s), (QList<int>{5, 4, 2, 1}));
        QVERIFY(next.isNull());
        QCOMPARE(rows(u"actor=auditor"_s), QList<int>()); // exact, not a prefix
        QCOMPARE(rows(u"actor=auditor-1&action=purge,delete"_s), (QList<int>{4, 2}));
        QCOMPARE(rows(u"actor=auditor-1&action=purge&action=requeue"_s), (QList<int>{5, 2, 1}));
        QCOMPARE(rows(u"task_id="_s + taskA), (QList<int>{2, 1}));
        QCOMPARE(rows(u"task_id="_s + taskB + u"&action=delete"_s), (QList<int>{4}));
        // [since, until), with an offset as well as Z.
        QCOMPARE(rows(u"since=2020-01-01T11:00:00Z&until=2020-01-01T14:00:00Z"_s), (QList<int>{4, 3, 2}));
        QCOMPARE(rows(u"since=2020-01-01T13:00:00%2B01:00&until=2020-01-01T12:00:01Z"_s), (QList<int>{3}));

        // Keyset pages: each answer's `next` is the following page's `before`; the last has none.
        QCOMPARE(rows(u"actor=auditor-1&limit=2"_s), (QList<int>{5, 4}));
        QVERIFY(next.isDouble());
        QCOMPARE(rows(u"actor=auditor-1&limit=2&before=%1"_s.arg(next.toInteger())), (QList<int>{2, 1}));
        QVERIFY(next.isNull()); // exactly two left: no empty third page
        QCOMPARE(rows(u"actor=auditor-1&limit=3"_s), (QList<int>{5, 4, 2}));
        QCOMPARE(rows(u"actor=auditor-1&limit=3&before=%1"_s.arg(next.toInteger())), (QList<int>{1}));
        QCOMPARE(rows(u"before=1"_s), QList<int>());

        const QJsonArray actions = m_http.get(u"/api/v1/audit/actions"_s).obj().value(u"actions"_s).toArray();
        QVERIFY(actions.contains(u"delete"_s) && actions.contains(u"purge"_s) && actions.contains(u"requeue"_s));
        QStringList sorted;
        for (const QJsonValue &a : actions)
            sorted << a.toString();
        QCOMPARE(sorted, [&] { QStringList s = sorted; s.sort(); s.removeDuplicates(); return s; }());

        // Every bad value: 422 naming its key, never a server error.
        const QList<std::pair<QString, QString>> bad = {
            {u"task_id=not-a-uuid"_s, u"task_id"_s}, {u"since=yesterday"_s, u"since"_s},
            {u"since=2020-01-01T10:00:00"_s, u"since"_s}, {u"until=2020-01-01"_s, u"until"_s},
            {u"since=2020-01-02T00:00:00Z&until=2020-01-01T00:00:00Z"_s, u"until"_s}, {u"before=0"_s, u"before"_s},
            {u"before=abc"_s, u"before"_s}, {u"before=-5"_s, u"before"_s}, {u"limit=0"_s, u"limit"_s},
            {u"limit=1001"_s, u"limit"_s}, {u"limit=1e3"_s, u"limit"_s}};
        for (const auto &[query, field] : bad) {
            const auto r = m_http.get(u"/api/v1/audit?"_s + query);
            QVERIFY2(r.status == 422, qPrintable(query + u" → "_s + QString::number(r.status)));
            QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        }
    }

    void cancel_in_every_state_stops_it_for_good()
    {
        // No executor yet: PENDING stays PENDING. POSTPONED: run_at in the future.
        const QString pending = createTask(m_http, {});
        const QString postponed = createTask(m_http, {{u"run_at"_s, QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate)}});
        QCOMPARE(waitForStatus(m_http, pending, u"PENDING"_s).value(u"status"_s).toString(), u"PENDING"_s);
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        QCOMPARE(waitForStatus(m_http, pending, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        QVERIFY(exec.terminate());
        const QString pending2 = createTask(m_http, {});
        QCOMPARE(waitForStatus(m_http, pending2, u"PENDING"_s).value(u"status"_s).toString(), u"PENDING"_s);

        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        const QString waiting = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 3},
                                                    {u"retry_policy"_s, QJsonObject{{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 3'600'000}, {u"max_ms"_s, 3'600'000}}}});
        const QString running = createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 60000}}}});
        QCOMPARE(waitForStatus(m_http, waiting, u"RETRY_WAITING"_s).value(u"status"_s).toString(), u"RETRY_WAITING"_s);
        QCOMPARE(waitForStatus(m_http, running, u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QVERIFY(exec.terminate()); // the running sleep is handed back after the 200 ms grace
        // pending2 was PENDING before this executor started; cancel what is still unfinished.
        for (const QString &id : {postponed, waiting}) {
            const auto r = m_http.del(u"/api/v1/tasks/"_s + id);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.obj().value(u"status"_s).toString(), u"CANCELLED"_s);
        }
        exec.setEnvironment(executorDebugLog());
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        const QJsonObject rerun = waitForStatus(m_http, running, u"IN_PROGRESS"_s);
        QCOMPARE(rerun.value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        const auto r = m_http.del(u"/api/v1/tasks/"_s + running);
        QCOMPARE(r.status, 200);
        // Evidence that the executor had its chance: its attempt ended and its write of the outcome was refused.
        QTRY_VERIFY2_WITH_TIMEOUT(resultRefused(exec.log(), running, rerun.value(u"attempts"_s).toInt()),
                                  qPrintable(exec.log().right(3000)), 10000);
        const QJsonObject afterRun = m_http.get(u"/api/v1/tasks/"_s + running).obj();
        QCOMPARE(afterRun.value(u"status"_s).toString(), u"CANCELLED"_s);
        for (const QString &id : {postponed, waiting})
            QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"status"_s).toString(), u"CANCELLED"_s);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + postponed).obj().value(u"attempts"_s).toInt(), 0);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + waiting).obj().value(u"attempts"_s).toInt(), 1);
        // Handler freed: the executor's next heartbeat (every second) reports nothing running.
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM workers WHERE running > 0 AND stopped_at IS NULL "
                                                       "AND heartbeat_at > now() - interval '2 seconds'"_s), 0, 5000);
        QVERIFY(exec.terminate());
    }

    void killed_executor_work_is_reclaimed()
    {
        BackendProcess a;
        QVERIFY(a.start(executorArgs(u"exec-a"_s, 1), BackendProcess::Readiness::Ready));
        const QString id = createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 800}}}});
        QCOMPARE(waitForStatus(m_http, id, u"IN_PROGRESS"_s).value(u"worker"_s).toString(), u"exec-a"_s);
        a.kill();
        BackendProcess b;
        QVERIFY(b.start(executorArgs(u"exec-b"_s, 1), BackendProcess::Readiness::Ready));
        const QJsonObject done = waitForStatus(m_http, id, u"COMPLETED"_s, 15000);
        QCOMPARE(done.value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(done.value(u"attempts"_s).toInt(), 2); // the lost attempt counts
        QCOMPARE(done.value(u"worker"_s).toString(), u"exec-b"_s);
        QVERIFY(b.terminate());
    }

    void restarted_consumer_resumes_its_own_pending_entries()
    {
        BackendProcess a;
        QVERIFY(a.start(executorArgs(u"exec-stable"_s, 1, 600'000), BackendProcess::Readiness::Ready));
        const QString id = createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 300}}}});
        QCOMPARE(waitForStatus(m_http, id, u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        a.kill();
        // Same consumer name, visibility 10 min: only "resume own pending" can pick it up this fast.
        QVERIFY(a.start(executorArgs(u"exec-stable"_s, 1, 600'000), BackendProcess::Readiness::Ready));
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s, 5000).value(u"status"_s).toString(), u"COMPLETED"_s);
        QVERIFY(a.terminate());
    }

    void a_stale_attempt_cannot_overwrite_a_newer_one()
    {
        BackendProcess zombie;
        zombie.setEnvironment(executorDebugLog());
        QVERIFY(zombie.start(executorArgs(u"zombie"_s, 1), BackendProcess::Readiness::Ready));
        const QString id = createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 2500}}}});
        QCOMPARE(waitForStatus(m_http, id, u"IN_PROGRESS"_s).value(u"worker"_s).toString(), u"zombie"_s);
        ::kill(pid_t(zombie.pid()), SIGSTOP); // frozen, not dead: its attempt will come back later
        BackendProcess fresh;
        QVERIFY(fresh.start(executorArgs(u"fresh"_s, 1), BackendProcess::Readiness::Ready));
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"attempts"_s).toInt(), 2, 15000);
        ::kill(pid_t(zombie.pid()), SIGCONT);
        const QJsonObject done = waitForStatus(m_http, id, u"COMPLETED"_s, 15000);
        QCOMPARE(done.value(u"worker"_s).toString(), u"fresh"_s);

        // The zombie's attempt 1 ran to its end, its recorder sent the result to PostgreSQL, and the fenced
        // UPDATE (… AND attempts = 1) matched no row: attempted, and refused.
        QTRY_VERIFY2_WITH_TIMEOUT(resultRefused(zombie.log(), id, 1), qPrintable(zombie.log().right(3000)), 15000);
        QVERIFY(!zombie.log().contains(u"recording results failed"_s)); // refused by the fence, not lost to an error

        // The row keeps attempt 2's outcome, and history holds no write by attempt 1 beyond its own claim.
        const QJsonObject after = m_http.get(u"/api/v1/tasks/"_s + id).obj();
        QCOMPARE(after.value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(after.value(u"attempts"_s).toInt(), 2);
        QCOMPARE(after.value(u"worker"_s).toString(), u"fresh"_s);
        QCOMPARE(after.value(u"completed_at"_s), done.value(u"completed_at"_s));
        QCOMPARE(after.value(u"result"_s), done.value(u"result"_s));
        QString attemptOne;
        QVERIFY(m_servers.psql(u"SELECT string_agg(to_status || ' ' || coalesce(worker, '-'), ',' ORDER BY id) "
                               "FROM task_history WHERE task_id = '%1' AND attempt = 1"_s.arg(id), &attemptOne));
        QCOMPARE(attemptOne, u"IN_PROGRESS zombie"_s); // its claim, nothing else
        QString finishes;
        QVERIFY(m_servers.psql(u"SELECT string_agg(to_status || ' ' || attempt || ' ' || coalesce(worker, '-'), ',' ORDER BY id) "
                               "FROM task_history WHERE task_id = '%1' AND from_status = 'IN_PROGRESS' "
                               "AND to_status <> 'IN_PROGRESS'"_s.arg(id), &finishes));
        QCOMPARE(finishes, u"COMPLETED 2 fresh"_s);
        QVERIFY(fresh.terminate());
        QVERIFY(zombie.terminate());
    }

    void reconciler_redispatches_after_flushall()
    {
        QJsonArray items;
        for (int i = 0; i < 50; ++i)
            items.append(QJsonObject{{u"title"_s, u"flushed %1"_s.arg(i)}});
        const auto created = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items));
        QCOMPARE(created.status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title LIKE 'flushed %' AND status = 'PENDING'"_s), 50, 10000);
        m_servers.redisCli({u"FLUSHALL"_s});
        QCOMPARE(m_servers.redisCli({u"EXISTS"_s, u"taskmill:tasks:medium"_s}), u"0"_s);
        // The reconciler notices the entries are gone and writes new ones, before any executor exists.
        QTRY_VERIFY_WITH_TIMEOUT(m_servers.redisCli({u"XLEN"_s, u"taskmill:tasks:medium"_s}).toInt() >= 50, 10000);
        BackendProcess exec;
        QVERIFY(exec.start(executorArgs({}), BackendProcess::Readiness::Ready));
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title LIKE 'flushed %' AND status = 'COMPLETED'"_s), 50, 15000);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id "
                                      "WHERE t.title LIKE 'flushed %' AND h.to_status = 'COMPLETED'"_s), 50);
        QVERIFY(exec.terminate());
    }

    void two_schedulers_never_dispatch_a_task_twice()
    {
        BackendProcess second;
        QVERIFY(second.start(backendArgs(m_servers, {u"--role"_s, u"scheduler"_s}), BackendProcess::Readiness::Ready));
        QJsonArray items;
        const QString runAt = QDateTime::currentDateTimeUtc().addMSecs(1500).toString(Qt::ISODateWithMs);
        for (int i = 0; i < 300; ++i)
            items.append(QJsonObject{{u"title"_s, u"twice %1"_s.arg(i)}, {u"run_at"_s, runAt}, {u"priority"_s, u"LOW"_s}});
        const int lowBefore = m_servers.redisCli({u"XLEN"_s, u"taskmill:tasks:low"_s}).toInt();
        QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title LIKE 'twice %' AND status = 'PENDING'"_s), 300, 10000);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id "
                                      "WHERE t.title LIKE 'twice %' AND h.from_status = 'POSTPONED'"_s), 300);
        const int added = m_servers.redisCli({u"XLEN"_s, u"taskmill:tasks:low"_s}).toInt() - lowBefore;
        if (added != 300)
            qWarning().noquote() << m_api.log().right(2500) << second.log().right(2500);
        QCOMPARE(added, 300);
        QVERIFY(second.terminate());
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "test_Reliability.moc"

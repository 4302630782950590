// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The task-view queries and actions against a real taskmilld on private PostgreSQL and Redis: every sort
// with keyset paging, payload search, finding a task by its id or the start of it, counts against a
// brute-force count, types, retry and cancel (single and bulk) with their conflicts and bad input.
#include "IntegrationHelpers.h"
#include "wire/TaskIdSearch.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

namespace {
const QStringList Statuses{u"NEW"_s, u"PENDING"_s, u"IN_PROGRESS"_s, u"COMPLETED"_s, u"FAILED"_s, u"CANCELLED"_s,
                           u"POSTPONED"_s, u"RETRY_WAITING"_s};
const QStringList Priorities{u"LOW"_s, u"MEDIUM"_s, u"HIGH"_s};

QJsonObject taskBody(const QString &tag, int i)
{
    // A spread of final states: noop completes, "fail" with one attempt is dead-lettered, a future run_at stays
    // POSTPONED; a few are cancelled by the test.
    QJsonObject o{{u"title"_s, u"%1 #%2"_s.arg(tag).arg(i)},
                  {u"priority"_s, Priorities.at(i % 3)},
                  {u"payload"_s, QJsonObject{{u"n"_s, i}}}};
    if (i % 5 == 1) {
        o.insert(u"type"_s, u"fail"_s);
        o.insert(u"max_attempts"_s, 1);
    } else if (i % 5 == 2) {
        o.insert(u"run_at"_s, u"2099-01-01T00:00:00Z"_s);
    } else {
        o.insert(u"type"_s, u"noop"_s);
    }
    return o;
}
} // namespace

class TestTaskQueries : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;
    QString m_tag;
    QList<QJsonObject> m_tasks; // every task of m_tag once settled

    // A second api on the same servers with test-only limits (TASKMILL_TEST_* environment variables).
    void startApiWith(BackendProcess &api, TestHttp &http, const QHash<QString, QString> &overrides)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
            env.insert(it.key(), it.value());
        api.setEnvironment(env);
        auto up = api.start(backendArgs(m_servers, {u"--role"_s, u"api"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        http.setBaseUrl(api.baseUrl());
    }

    QList<QJsonObject> allTagged(const QString &extra = {})
    {
        const auto r = m_http.get(u"/api/v1/tasks?limit=1000&q=%1%2"_s.arg(m_tag, extra));
        QList<QJsonObject> out;
        for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
            out.append(v.toObject());
        return out;
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers, {u"--workers"_s, u"2"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());

        m_tag = u"viewtag%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QJsonArray items;
        for (int i = 0; i < 40; ++i)
            items.append(taskBody(m_tag, i));
        const auto r = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items));
        QCOMPARE(r.status, 201);
        QVERIFY(searchIndexed(m_servers));
        // Let the executor settle everything runnable, so no sort key changes while the tests page.
        const bool settled = QTest::qWaitFor([this] {
            m_tasks = allTagged();
            return m_tasks.size() == 40 && std::all_of(m_tasks.cbegin(), m_tasks.cend(), [](const QJsonObject &o) {
                const QString s = o.value(u"status"_s).toString();
                return s == u"COMPLETED" || s == u"FAILED" || s == u"POSTPONED";
            });
        }, 30'000);
        QVERIFY2(settled, "tasks did not settle");
        // Two cancelled tasks, so status and completed sorts see every kind of key.
        int cancelled = 0;
        for (const QJsonObject &o : std::as_const(m_tasks))
            if (o.value(u"status"_s).toString() == u"POSTPONED" && cancelled < 2
                && m_http.del(u"/api/v1/tasks/"_s + o.value(u"id"_s).toString()).status == 200)
                ++cancelled;
        QCOMPARE(cancelled, 2);
        m_tasks = allTagged();
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void every_sort_pages_with_a_keyset_cursor_without_gaps_or_duplicates_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::addColumn<QString>("order");
        for (const QString &sort : {u"created"_s, u"started"_s, u"completed"_s, u"priority"_s, u"status"_s})
            for (const QString &order : {u"asc"_s, u"desc"_s})
                QTest::newRow(qPrintable(sort + u' ' + order)) << sort << order;
    }
    void every_sort_pages_with_a_keyset_cursor_without_gaps_or_duplicates()
    {
        QFETCH(QString, sort);
        QFETCH(QString, order);
        const QString key = sort == u"created" ? u"created_at"_s : sort == u"started" ? u"started_at"_s
                          : sort == u"completed" ? u"completed_at"_s : sort;
        auto rank = [&](const QJsonObject &o) -> QString {
            if (sort == u"priority")
                return QString::number(Priorities.indexOf(o.value(key).toString()));
            return o.value(key).toString(); // RFC 3339 UTC with ms: text order is time order
        };
        QStringList seen;
        QList<QJsonObject> rows;
        QString cursor;
        for (int pages = 0; pages < 20; ++pages) {
            QString path = u"/api/v1/tasks?q=%1&limit=7&sort=%2&order=%3"_s.arg(m_tag, sort, order);
            if (!cursor.isEmpty())
                path += u"&cursor="_s + cursor;
            const auto r = m_http.get(path);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.obj().value(u"total"_s).toInt(), 40);
            for (const QJsonValue &v : r.obj().value(u"items"_s).toArray()) {
                const QString id = v.toObject().value(u"id"_s).toString();
                QVERIFY2(!seen.contains(id), "a row appeared on two pages");
                seen << id;
                rows << v.toObject();
            }
            if (r.obj().value(u"next_cursor"_s).isNull())
                break;
            cursor = r.obj().value(u"next_cursor"_s).toString();
        }
        QCOMPARE(seen.size(), 40);
        // Keys in the requested direction; NULL keys (not started / not finished) after all others.
        const bool desc = order == u"desc";
        bool inNulls = false;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const bool null = rows.at(i).value(key).isNull();
            QVERIFY2(!(inNulls && !null), "a non-NULL key after the NULL keys");
            inNulls = inNulls || null;
            if (i == 0 || null || rows.at(i - 1).value(key).isNull())
                continue;
            const QString a = rank(rows.at(i - 1)), b = rank(rows.at(i));
            QVERIFY2(desc ? a >= b : a <= b, qPrintable(u"out of order: %1 then %2"_s.arg(a, b)));
            if (a == b && sort != u"created" && (sort == u"priority" || sort == u"status")) {
                // Ties go to created_at in the same direction.
                const QString ca = rows.at(i - 1).value(u"created_at"_s).toString();
                const QString cb = rows.at(i).value(u"created_at"_s).toString();
                QVERIFY(desc ? ca >= cb : ca <= cb);
            }
        }
        if (sort == u"started" || sort == u"completed")
            QVERIFY2(inNulls, "the POSTPONED tasks have NULL keys and must come last");
    }

    void legacy_after_cursor_still_pages_the_default_order()
    {
        QStringList seen;
        QString after;
        for (int pages = 0; pages < 20; ++pages) {
            const auto r = m_http.get(u"/api/v1/tasks?q=%1&limit=9%2"_s.arg(m_tag, after.isEmpty() ? QString() : u"&after="_s + after));
            for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
                seen << v.toObject().value(u"id"_s).toString();
            if (r.obj().value(u"next_after"_s).isNull())
                break;
            after = r.obj().value(u"next_after"_s).toString();
        }
        QCOMPARE(seen.size(), 40);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), 40);
    }

    void text_search_covers_title_description_and_payload()
    {
        const QString needle = u"zebra%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const QString inPayload = createTask(m_http, {{u"title"_s, u"plain"_s},
                                                      {u"payload"_s, QJsonObject{{u"customer"_s, QString(u"Acme "_s + needle)}}}});
        const QString inDescription = createTask(m_http, {{u"description"_s, QString(u"about "_s + needle.toUpper())}});
        const QString inTitle = createTask(m_http, {{u"title"_s, QString(needle + u" job"_s)}});
        createTask(m_http, {{u"title"_s, u"unrelated"_s}, {u"payload"_s, QJsonObject{{u"x"_s, u"zebra"_s}}}});
        QVERIFY(searchIndexed(m_servers));
        const auto r = m_http.get(u"/api/v1/tasks?q=%1"_s.arg(needle));
        QCOMPARE(r.status, 200);
        QSet<QString> found;
        for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
            found << v.toObject().value(u"id"_s).toString();
        QCOMPARE(found, (QSet<QString>{inPayload, inDescription, inTitle}));
        // A payload key and JSON punctuation as jsonb prints it are searchable too.
        QCOMPARE(m_http.get(u"/api/v1/tasks?q=%1"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(u"\"customer\": \"acme "_s + needle))))
                     .obj().value(u"total"_s).toInt(), 1);
        // Wildcards are literal.
        QCOMPARE(m_http.get(u"/api/v1/tasks?q=zebra%25_x"_s).obj().value(u"total"_s).toInt(), 0);
        // The trigram index serves the search.
        QString plan;
        QVERIFY(m_servers.psql(u"SET enable_seqscan = off; EXPLAIN SELECT task_id FROM task_search WHERE doc ILIKE '%%1%'"_s
                                   .arg(needle), &plan));
        QVERIFY2(plan.contains(u"task_search_trgm_idx"_s), qPrintable(plan));
        // Every task has exactly one search document (the indexer wrote them; none waits in the queue).
        QString counts;
        QVERIFY(m_servers.psql(u"SELECT (SELECT count(*) FROM tasks) - (SELECT count(*) FROM task_search)"_s, &counts));
        QCOMPARE(counts.trimmed(), u"0"_s);
    }

    void big_match_sets_are_estimated_and_still_paged()
    {
        // Past the exact-count limit the total and counts are the planner's estimates, answered at once,
        // and the page itself is still served (a second api process with the limit lowered to 5 rows).
        BackendProcess estimating;
        TestHttp http;
        startApiWith(estimating, http, {{u"TASKMILL_TEST_EXACT_COUNT_MAX_ROWS"_s, u"5"_s}});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_servers.psql(u"ANALYZE tasks"_s), true);
        const auto page = http.get(u"/api/v1/tasks?limit=10"_s);
        QCOMPARE(page.status, 200);
        QCOMPARE(page.obj().value(u"items"_s).toArray().size(), 10);
        QCOMPARE(page.obj().value(u"total_exact"_s).toBool(true), false);
        QVERIFY(page.obj().value(u"total"_s).toInteger() > 5);
        const auto exactPage = m_http.get(u"/api/v1/tasks?limit=10"_s);
        QCOMPARE(exactPage.obj().value(u"total_exact"_s).toBool(false), true);
        const auto counts = http.get(u"/api/v1/tasks/counts"_s);
        QCOMPARE(counts.status, 200);
        QCOMPARE(counts.obj().value(u"exact"_s).toBool(true), false);
        QVERIFY(estimating.terminate());
    }

    void text_search_pages_alike_whether_walked_or_indexed_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::addColumn<QString>("order");
        for (const QString &sort : {u"created"_s, u"completed"_s, u"priority"_s, u"status"_s})
            for (const QString &order : {u"asc"_s, u"desc"_s})
                QTest::newRow(qPrintable(sort + u' ' + order)) << sort << order;
    }
    void text_search_pages_alike_whether_walked_or_indexed()
    {
        // Pages of 3 make the list walk the sort order and test the text per row (every tag match fills a
        // page); one page of 1,000 takes the trigram index. A second api walks only 5 rows before it falls
        // back to the index, so walks that do and do not fill a page both occur. All must give one order.
        QFETCH(QString, sort);
        QFETCH(QString, order);
        BackendProcess shortWalk;
        TestHttp shortHttp;
        startApiWith(shortWalk, shortHttp, {{u"TASKMILL_TEST_TEXT_WALK_ROWS"_s, u"5"_s}, {u"TASKMILL_TEST_TEXT_SAMPLE_ROWS"_s, u"10"_s}});
        if (QTest::currentTestFailed())
            return;
        const QString base = u"/api/v1/tasks?q=%1&sort=%2&order=%3"_s.arg(m_tag, sort, order);
        const auto paged = [&](TestHttp &http, int limit) {
            QStringList ids;
            QString cursor;
            for (int guard = 0; guard < 100; ++guard) {
                const auto r = http.get(base + u"&limit=%1"_s.arg(limit) + (cursor.isEmpty() ? QString() : u"&cursor="_s + cursor));
                if (r.status != 200)
                    return QStringList{u"HTTP %1"_s.arg(r.status)};
                for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
                    ids << v.toObject().value(u"id"_s).toString();
                cursor = r.obj().value(u"next_cursor"_s).toString();
                if (cursor.isEmpty())
                    break;
            }
            return ids;
        };
        const QStringList indexed = paged(m_http, 1000);
        QCOMPARE(indexed.size(), m_tasks.size());
        QCOMPARE(paged(m_http, 3), indexed);
        QCOMPARE(paged(shortHttp, 3), indexed);
        // The walk's estimate of the total is small here, so the total is still counted exactly.
        const auto first = m_http.get(base + u"&limit=3"_s).obj();
        QCOMPARE(first.value(u"total_exact"_s).toBool(false), true);
        QCOMPARE(first.value(u"total"_s).toInteger(), m_tasks.size());
        // Counts on a sample of 10 rows in which the tag is common: scaled estimates, flagged as such.
        const auto counts = shortHttp.get(u"/api/v1/tasks/counts?q=%1"_s.arg(m_tag));
        QCOMPARE(counts.status, 200);
        QCOMPARE(counts.obj().value(u"exact"_s).toBool(true), false);
        qint64 sum = 0;
        for (const QJsonValue &v : counts.obj().value(u"status"_s).toObject())
            sum += v.toInteger();
        QVERIFY(sum > 0);
        QVERIFY(shortWalk.terminate());
    }

    void counts_match_a_brute_force_count_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("no filter") << QString();
        QTest::newRow("status filter") << u"&status=COMPLETED,FAILED"_s;
        QTest::newRow("priority filter") << u"&priority=HIGH"_s;
        QTest::newRow("both") << u"&status=POSTPONED,CANCELLED&priority=LOW,MEDIUM"_s;
        QTest::newRow("type") << u"&type=noop"_s;
    }
    void counts_match_a_brute_force_count()
    {
        QFETCH(QString, query);
        const auto r = m_http.get(u"/api/v1/tasks/counts?q=%1%2"_s.arg(m_tag, query));
        QCOMPARE(r.status, 200);
        QVERIFY(r.obj().value(u"exact"_s).toBool());
        QUrlQuery q(query.mid(1));
        const QStringList statuses = q.queryItemValue(u"status"_s).split(u',', Qt::SkipEmptyParts);
        const QStringList priorities = q.queryItemValue(u"priority"_s).split(u',', Qt::SkipEmptyParts);
        const QString type = q.queryItemValue(u"type"_s);
        for (const QString &s : Statuses) {
            qint64 expected = 0;
            for (const QJsonObject &t : std::as_const(m_tasks))
                if (t.value(u"status"_s).toString() == s
                    && (priorities.isEmpty() || priorities.contains(t.value(u"priority"_s).toString()))
                    && (type.isEmpty() || t.value(u"type"_s).toString() == type))
                    ++expected;
            QCOMPARE(r.obj().value(u"status"_s).toObject().value(s).toInteger(), expected);
        }
        for (const QString &p : Priorities) {
            qint64 expected = 0;
            for (const QJsonObject &t : std::as_const(m_tasks))
                if (t.value(u"priority"_s).toString() == p
                    && (statuses.isEmpty() || statuses.contains(t.value(u"status"_s).toString()))
                    && (type.isEmpty() || t.value(u"type"_s).toString() == type))
                    ++expected;
            QCOMPARE(r.obj().value(u"priority"_s).toObject().value(p).toInteger(), expected);
        }
    }

    void types_lists_every_distinct_type()
    {
        const auto r = m_http.get(u"/api/v1/tasks/types"_s);
        QCOMPARE(r.status, 200);
        QStringList types;
        for (const QJsonValue &v : r.obj().value(u"types"_s).toArray())
            types << v.toString();
        QVERIFY(types.contains(u"noop"_s));
        QVERIFY(types.contains(u"fail"_s));
        QStringList sorted = types;
        sorted.sort();
        QCOMPARE(types, sorted);
        QCOMPARE(QSet<QString>(types.cbegin(), types.cend()).size(), types.size());
        QCOMPARE(m_http.get(u"/api/v1/tasks/types?limit=0"_s).status, 422);
    }

    void retry_now_brings_back_failed_cancelled_and_delayed_tasks()
    {
        // Dead-lettered: through the DLQ requeue (audited), attempts start again.
        QString failed;
        for (const QJsonObject &t : std::as_const(m_tasks))
            if (t.value(u"status"_s).toString() == u"FAILED")
                failed = t.value(u"id"_s).toString();
        QVERIFY(!failed.isEmpty());
        const int audits = countRows(m_servers, u"SELECT count(*) FROM audit_log"_s);
        auto r = m_http.post(u"/api/v1/tasks/%1/retry"_s.arg(failed), QByteArray());
        QCOMPARE(r.status, 200);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM audit_log"_s), audits + 1);
        // It runs again (and, the "fail" handler failing always, lands in the DLQ again), with attempts
        // started afresh: two attempts that were both number 1.
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM task_history WHERE task_id = '%1' AND to_status = "
                                                       "'IN_PROGRESS' AND attempt = 1"_s.arg(failed)), 2, 10'000);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM task_history WHERE task_id = '%1' AND from_status = "
                                      "'FAILED' AND to_status = 'NEW'"_s.arg(failed)), 1);

        // Delayed: runs now.
        const QString delayed = createTask(m_http, {{u"type"_s, u"noop"_s}, {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        r = m_http.post(u"/api/v1/tasks/%1/retry"_s.arg(delayed), QByteArray());
        QCOMPARE(r.status, 200);
        QCOMPARE(waitForStatus(m_http, delayed, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);

        // Cancelled: one more attempt, counted after the old ones.
        const QString cancelled = createTask(m_http, {{u"type"_s, u"noop"_s}, {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + cancelled).status, 200);
        QCOMPARE(m_http.post(u"/api/v1/tasks/%1/retry"_s.arg(cancelled), QByteArray()).status, 200);
        QCOMPARE(waitForStatus(m_http, cancelled, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        const auto history = m_http.get(u"/api/v1/tasks/%1/history"_s.arg(cancelled)).obj().value(u"items"_s).toArray();
        QStringList path;
        for (const QJsonValue &h : history)
            path << h.toObject().value(u"to_status"_s).toString();
        QVERIFY2(path.join(u',').startsWith(u"POSTPONED,CANCELLED,NEW"_s), qPrintable(path.join(u',')));
        // Every change became an event: the requeue of the cancelled task is published as `requeued`.
        const auto requeuedEvent = [&] {
            const auto events = m_http.get(u"/api/v1/events?since=0&limit=10000"_s).obj().value(u"events"_s).toArray();
            return std::any_of(events.cbegin(), events.cend(), [&](const QJsonValue &e) {
                return e.toObject().value(u"task_id"_s).toString() == cancelled
                    && e.toObject().value(u"kind"_s).toString() == u"requeued";
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(requeuedEvent(), 10'000);
    }

    void retry_refuses_tasks_that_need_no_retry()
    {
        QString completed;
        for (const QJsonObject &t : std::as_const(m_tasks))
            if (t.value(u"status"_s).toString() == u"COMPLETED")
                completed = t.value(u"id"_s).toString();
        const auto r = m_http.post(u"/api/v1/tasks/%1/retry"_s.arg(completed), QByteArray());
        QCOMPARE(r.status, 409);
        QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"conflict"_s);
        QCOMPARE(m_http.post(u"/api/v1/tasks/%1/retry"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                             QByteArray()).status, 404);
        QCOMPARE(m_http.post(u"/api/v1/tasks/not-a-uuid/retry"_s, QByteArray()).status, 404);
    }

    void bulk_cancel_and_retry_report_each_id()
    {
        const QString a = createTask(m_http, {{u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        const QString b = createTask(m_http, {{u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        QString completed;
        for (const QJsonObject &t : std::as_const(m_tasks))
            if (t.value(u"status"_s).toString() == u"COMPLETED")
                completed = t.value(u"id"_s).toString();
        const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto r = m_http.post(u"/api/v1/tasks/cancel"_s, QJsonValue(QJsonObject{{u"ids"_s, QJsonArray{a, b, completed, unknown, a}}}));
        QCOMPARE(r.status, 200);
        QJsonArray items = r.obj().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 4); // the repeated id counts once
        QCOMPARE(r.obj().value(u"succeeded"_s).toInt(), 2);
        QCOMPARE(r.obj().value(u"failed"_s).toInt(), 2);
        QCOMPARE(items.at(0).toObject().value(u"status"_s).toString(), u"CANCELLED"_s);
        QCOMPARE(items.at(2).toObject().value(u"error"_s).toObject().value(u"code"_s).toString(), u"conflict"_s);
        QCOMPARE(items.at(3).toObject().value(u"error"_s).toObject().value(u"code"_s).toString(), u"not_found"_s);
        QCOMPARE(waitForStatus(m_http, b, u"CANCELLED"_s, 100).value(u"status"_s).toString(), u"CANCELLED"_s);

        r = m_http.post(u"/api/v1/tasks/retry"_s, QJsonValue(QJsonObject{{u"ids"_s, QJsonArray{a, completed}}}));
        QCOMPARE(r.status, 200);
        items = r.obj().value(u"items"_s).toArray();
        QVERIFY(items.at(0).toObject().value(u"ok"_s).toBool());
        QVERIFY(!items.at(1).toObject().value(u"ok"_s).toBool());
        QCOMPARE(items.at(1).toObject().value(u"error"_s).toObject().value(u"code"_s).toString(), u"conflict"_s);
        QCOMPARE(waitForStatus(m_http, a, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
    }

    void bad_input_names_the_field_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const QByteArray none;
        QTest::newRow("unknown sort") << u"GET"_s << u"/api/v1/tasks?sort=title"_s << none << 422 << u"sort"_s;
        QTest::newRow("unknown order") << u"GET"_s << u"/api/v1/tasks?order=up"_s << none << 422 << u"order"_s;
        QTest::newRow("junk cursor") << u"GET"_s << u"/api/v1/tasks?cursor=abc"_s << none << 422 << u"cursor"_s;
        QTest::newRow("control character in q") << u"GET"_s << u"/api/v1/tasks?q=a%1Fb"_s << none << 422 << u"q"_s;
        QTest::newRow("counts: unknown status") << u"GET"_s << u"/api/v1/tasks/counts?status=DONE"_s << none << 422 << u"status"_s;
        QTest::newRow("bulk: not json") << u"POST"_s << u"/api/v1/tasks/cancel"_s << QByteArray("{\"ids\": ") << 400 << QString();
        QTest::newRow("bulk: array body") << u"POST"_s << u"/api/v1/tasks/retry"_s << QByteArray("[]") << 400 << QString();
        QTest::newRow("bulk: ids missing") << u"POST"_s << u"/api/v1/tasks/cancel"_s << QByteArray("{}") << 422 << u"ids"_s;
        QTest::newRow("bulk: ids empty") << u"POST"_s << u"/api/v1/tasks/cancel"_s << QByteArray("{\"ids\": []}") << 422 << u"ids"_s;
        QTest::newRow("bulk: bad id") << u"POST"_s << u"/api/v1/tasks/retry"_s
                                      << QByteArray("{\"ids\": [\"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10\", 5]}") << 422 << u"ids[1]"_s;
    }
    void bad_input_names_the_field()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const auto r = method == u"GET" ? m_http.get(path)
                                        : m_http.post(path, body, {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, status);
        QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
    }

    void q_finds_a_task_by_its_id_or_the_start_of_it_data()
    {
        QTest::addColumn<QString>("form");
        QTest::newRow("whole id") << u"whole"_s;
        QTest::newRow("whole id, upper case") << u"upper"_s;
        QTest::newRow("whole id without dashes") << u"undashed"_s;
        QTest::newRow("8-digit prefix") << u"prefix8"_s;
        QTest::newRow("prefix across a dash, upper case") << u"prefix11"_s;
    }
    void q_finds_a_task_by_its_id_or_the_start_of_it()
    {
        QFETCH(QString, form);
        const QString id = m_tasks.at(7).value(u"id"_s).toString();
        const QString text = form == u"whole" ? id : form == u"upper" ? id.toUpper()
                           : form == u"undashed" ? QString(id).remove(u'-') : form == u"prefix8" ? id.left(8) : id.left(11).toUpper();
        const QString prefix = QString(text).remove(u'-').toLower();
        const auto r = m_http.get(u"/api/v1/tasks?q=%1"_s.arg(text));
        QCOMPARE(r.status, 200);
        QStringList found;
        for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
            found << v.toObject().value(u"id"_s).toString();
        QVERIFY2(found.contains(id), qPrintable(found.join(u", "_s)));
        // No false positives: every task found has that id start (no search document holds these digits).
        for (const QString &other : std::as_const(found))
            QVERIFY2(QString(other).remove(u'-').startsWith(prefix), qPrintable(other));
        QCOMPARE(r.obj().value(u"total"_s).toInteger(), found.size());
        // The other keys still apply, and the counts agree.
        const QString status = m_tasks.at(7).value(u"status"_s).toString();
        QVERIFY(m_http.get(u"/api/v1/tasks?q=%1&status=%2"_s.arg(text, status)).obj().value(u"total"_s).toInteger() >= 1);
        const QString otherStatus = status == u"COMPLETED" ? u"NEW"_s : u"COMPLETED"_s;
        const auto filtered = m_http.get(u"/api/v1/tasks?q=%1&status=%2"_s.arg(text, otherStatus)).obj();
        for (const QJsonValue &v : filtered.value(u"items"_s).toArray())
            QVERIFY(v.toObject().value(u"id"_s).toString() != id);
        const auto counts = m_http.get(u"/api/v1/tasks/counts?q=%1"_s.arg(text));
        QCOMPARE(counts.status, 200);
        QVERIFY(counts.obj().value(u"exact"_s).toBool());
        QCOMPARE(counts.obj().value(u"status"_s).toObject().value(status).toInteger(),
                 qint64(std::count_if(found.cbegin(), found.cend(), [&](const QString &f) {
                     return m_http.get(u"/api/v1/tasks/"_s + f).obj().value(u"status"_s).toString() == status;
                 })));
    }

    void the_short_id_the_app_shows_finds_that_one_task()
    {
        // A batch is made within a millisecond or two: the ids share their first eight digits (and more), so
        // only the short form's end ("01a246e2…4a13") tells them apart — through the primary key still.
        QJsonArray batch;
        for (int i = 0; i < 5; ++i)
            batch.append(QJsonObject{{u"title"_s, u"same minute %1"_s.arg(i)}});
        const auto made = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(batch));
        QCOMPARE(made.status, 201);
        const QJsonArray ids = made.obj().value(u"ids"_s).toArray();
        const QUuid target = QUuid::fromString(ids.at(3).toString());
        for (const QString &shown : {taskmill::TaskIdSearch::shortForm(target), taskmill::TaskIdSearch::shortForm(target).replace(QChar(0x2026), u"..."_s).toUpper()}) {
            const auto r = m_http.get(u"/api/v1/tasks?q=%1"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(shown))));
            QCOMPARE(r.status, 200);
            const QJsonArray items = r.obj().value(u"items"_s).toArray();
            QCOMPARE(items.size(), 1);
            QCOMPARE(QUuid::fromString(items.at(0).toObject().value(u"id"_s).toString()), target);
            const auto counts = m_http.get(u"/api/v1/tasks/counts?q=%1"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(shown))));
            qint64 total = 0;
            for (const QJsonValue &v : counts.obj().value(u"status"_s).toObject())
                total += v.toInteger();
            QCOMPARE(total, 1);
        }
    }

    void five_digits_are_text_not_an_id_and_ids_join_text_matches()
    {
        // A task whose id's first five digits occur in no search document: five digits are searched as text only.
        QString id, five;
        for (const QJsonObject &t : std::as_const(m_tasks)) {
            const QString candidate = t.value(u"id"_s).toString();
            if (countRows(m_servers, u"SELECT count(*) FROM task_search WHERE doc ILIKE '%%1%'"_s.arg(candidate.left(5))) == 0) {
                id = candidate;
                five = candidate.left(5);
                break;
            }
        }
        QVERIFY(!id.isEmpty());
        const auto r = m_http.get(u"/api/v1/tasks?q=%1"_s.arg(five));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(u"total"_s).toInteger(), 0);
        // Six digits are an id's start; a task that mentions them in its title is found beside it.
        const QString six = id.left(6);
        const QString mentions = createTask(m_http, {{u"title"_s, QString(u"follow-up of "_s + six.toUpper())}});
        QVERIFY(searchIndexed(m_servers));
        QSet<QString> found;
        for (const QJsonValue &v : m_http.get(u"/api/v1/tasks?q=%1"_s.arg(six)).obj().value(u"items"_s).toArray())
            found << v.toObject().value(u"id"_s).toString();
        QVERIFY(found.contains(id));
        QVERIFY(found.contains(mentions));
        // Not an id's shape: dashes out of place, or a non-hex letter.
        for (const QString &shape : {QString(id.left(4) + u'-' + id.mid(4, 4)), QString(id.left(7) + u'g')}) {
            const auto other = m_http.get(u"/api/v1/tasks?q=%1"_s.arg(shape));
            QCOMPARE(other.status, 200);
            for (const QJsonValue &v : other.obj().value(u"items"_s).toArray())
                QVERIFY2(v.toObject().value(u"id"_s).toString() != id, qPrintable(shape));
        }
    }

    void a_cursor_of_another_sort_is_refused()
    {
        const auto first = m_http.get(u"/api/v1/tasks?q=%1&limit=3&sort=priority"_s.arg(m_tag));
        const QString cursor = first.obj().value(u"next_cursor"_s).toString();
        QVERIFY(!cursor.isEmpty());
        const auto r = m_http.get(u"/api/v1/tasks?q=%1&limit=3&sort=status&cursor=%2"_s.arg(m_tag, cursor));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"cursor"_s);
    }
};

QTEST_GUILESS_MAIN(TestTaskQueries)
#include "test_TaskQueries.moc"

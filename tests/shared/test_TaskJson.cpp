// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/WireTypes.h"
#include "codec/TaskJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace taskmill;

Q_DECLARE_METATYPE(taskmill::Task)

namespace {
QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test data is not a JSON object: %s", json.constData());
    return doc.object();
}

// A task with every field set to a non-default value.
Task fullTask()
{
    Task t;
    t.id = QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    t.type = u"sleep"_s;
    t.title = u"Resize avatars"_s;
    t.description = u"nightly, ünïcödé \"quoted\""_s;
    t.payload = QJsonObject{{u"ms"_s, 250}, {u"nested"_s, QJsonObject{{u"a"_s, QJsonArray{1, u"two"_s, true}}}}};
    t.priority = Priority::High;
    t.status = Status::InProgress;
    t.createdAt = utc(2026, 1, 31, 12, 0, 0, 123);
    t.startedAt = utc(2026, 1, 31, 12, 0, 1, 5);
    t.completedAt = utc(2026, 1, 31, 12, 0, 2, 999);
    t.runAt = utc(2026, 2, 1, 0, 0, 0);
    t.updatedAt = utc(2026, 1, 31, 12, 0, 3);
    t.result = QJsonObject{{u"slept_ms"_s, 250}};
    t.error = u"boom"_s;
    t.attempts = 2;
    t.maxAttempts = 7;
    t.traceId = u"4bf92f3577b34da6a3ce929d0e0e4736"_s;
    t.spanId = u"00f067aa0ba902b7"_s;
    t.worker = u"host-42"_s;
    RetryPolicy policy;
    policy.strategy = RetryPolicy::Strategy::Linear;
    policy.baseMs = 250;
    policy.maxMs = 10'000;
    policy.jitter = 0.5;
    t.retryPolicy = policy;
    t.deadLetteredAt = utc(2026, 1, 31, 12, 0, 4, 1);
    t.progress = 40;
    t.progressMessage = u"resizing 2 of 5"_s;
    t.leaseExpiresAt = utc(2026, 1, 31, 12, 0, 35, 0);
    return t;
}

// The wire object of fullTask() with one key replaced.
QJsonObject fullTaskJsonWith(const QString &key, const QJsonValue &value)
{
    QJsonObject o = toJson(fullTask());
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return o;
}

QJsonObject historyJson()
{
    return parseObject(R"({"id": 17, "task_id": "0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10", "from_status": "PENDING",
                           "to_status": "IN_PROGRESS", "at": "2026-01-31T12:00:00.123Z", "worker": "w1",
                           "attempt": 1, "message": "started"})");
}
} // namespace

class TestTaskJson : public QObject
{
    Q_OBJECT

private slots:
    void a_redacted_task_reads_as_withheld_and_writes_back_the_marker();
    void task_round_trips_through_json_data();
    void task_round_trips_through_json();
    void task_json_uses_wire_spelling();
    void task_json_writes_null_for_unset_times_and_strings();
    void task_json_missing_optional_fields_take_defaults();
    void task_list_keeps_order();
    void task_with_wrong_field_type_is_rejected_naming_the_field_data();
    void task_with_wrong_field_type_is_rejected_naming_the_field();
    void history_entry_round_trips_through_json_data();
    void history_entry_round_trips_through_json();
    void history_entry_json_uses_wire_spelling();
    void history_entry_with_bad_field_is_rejected_naming_the_field_data();
    void history_entry_with_bad_field_is_rejected_naming_the_field();
    void timestamp_with_zone_is_parsed_as_utc_data();
    void timestamp_with_zone_is_parsed_as_utc();
    void timestamp_without_zone_or_malformed_is_refused_data();
    void timestamp_without_zone_or_malformed_is_refused();
    void timestamp_is_formatted_as_utc_with_milliseconds();
    void task_page_round_trips_through_json();
    void task_page_rejects_items_that_are_not_an_array();
    void task_page_rejects_an_invalid_item();
    void health_info_round_trips_through_json();
};

void TestTaskJson::task_round_trips_through_json_data()
{
    QTest::addColumn<Task>("task");

    QTest::newRow("all fields, object result") << fullTask();
    Task t = fullTask();
    t.startedAt = {};
    t.completedAt = {};
    t.runAt = {};
    t.result = QJsonValue(QJsonValue::Null);
    t.deadLetteredAt = {};
    t.error.clear();
    t.worker.clear();
    t.retryPolicy.reset();
    QTest::newRow("null times, null result, no retry policy") << t;
    t = fullTask();
    t.result = 42;
    QTest::newRow("integer result") << t;
    t.result = 2.5;
    QTest::newRow("fractional result") << t;
    t.result = u"done"_s;
    QTest::newRow("string result") << t;
    t.result = false;
    QTest::newRow("bool result") << t;
    t.result = QJsonArray{1, u"a"_s, QJsonObject{}};
    QTest::newRow("array result") << t;
    t = fullTask();
    t.createdAt = QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0, 123), QTimeZone(2 * 3600));
    QTest::newRow("time with an offset (same instant)") << t;
    for (Status s : allStatuses()) {
        t = fullTask();
        t.status = s;
        QTest::addRow("status %s", qPrintable(toString(s))) << t;
    }
    for (Priority p : allPriorities()) {
        t = fullTask();
        t.priority = p;
        QTest::addRow("priority %s", qPrintable(toString(p))) << t;
    }
}

void TestTaskJson::task_round_trips_through_json()
{
    QFETCH(Task, task);
    // Through bytes too: that is how it travels.
    const QByteArray bytes = QJsonDocument(toJson(task)).toJson(QJsonDocument::Compact);
    const Result<Task> back = taskFromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->id, task.id);
    QCOMPARE(back->type, task.type);
    QCOMPARE(back->title, task.title);
    QCOMPARE(back->description, task.description);
    QCOMPARE(back->payload, task.payload);
    QCOMPARE(toString(back->priority), toString(task.priority));
    QCOMPARE(toString(back->status), toString(task.status));
    QCOMPARE(back->createdAt, task.createdAt);
    QCOMPARE(back->startedAt, task.startedAt);
    QCOMPARE(back->completedAt, task.completedAt);
    QCOMPARE(back->runAt, task.runAt);
    QCOMPARE(back->updatedAt, task.updatedAt);
    QCOMPARE(back->result, task.result);
    QCOMPARE(back->error, task.error);
    QCOMPARE(back->attempts, task.attempts);
    QCOMPARE(back->maxAttempts, task.maxAttempts);
    QCOMPARE(back->traceId, task.traceId);
    QCOMPARE(back->spanId, task.spanId);
    QCOMPARE(back->worker, task.worker);
    QCOMPARE(back->retryPolicy, task.retryPolicy);
    QCOMPARE(back->deadLetteredAt, task.deadLetteredAt);
    QVERIFY(*back == task);
    QCOMPARE(back->createdAt.timeSpec(), Qt::UTC);
}

void TestTaskJson::task_json_uses_wire_spelling()
{
    const QJsonObject o = toJson(fullTask());
    const QStringList expectedKeys = {u"attempts"_s, u"completed_at"_s, u"created_at"_s, u"dead_lettered_at"_s,
                                      u"description"_s, u"error"_s, u"id"_s, u"lease_expires_at"_s, u"max_attempts"_s, u"owner"_s, u"payload"_s,
                                      u"priority"_s, u"progress"_s, u"progress_message"_s, u"result"_s, u"retry_policy"_s, u"run_at"_s, u"span_id"_s, u"started_at"_s, u"status"_s, u"title"_s, u"trace_id"_s, u"type"_s,
                                      u"updated_at"_s, u"worker"_s};
    QCOMPARE(o.keys(), expectedKeys);
    QCOMPARE(o.value(u"id"_s), QJsonValue(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s));
    QCOMPARE(o.value(u"type"_s), QJsonValue(u"sleep"_s));
    QCOMPARE(o.value(u"priority"_s), QJsonValue(u"HIGH"_s));
    QCOMPARE(o.value(u"status"_s), QJsonValue(u"IN_PROGRESS"_s));
    QCOMPARE(o.value(u"created_at"_s), QJsonValue(u"2026-01-31T12:00:00.123Z"_s));
    QCOMPARE(o.value(u"started_at"_s), QJsonValue(u"2026-01-31T12:00:01.005Z"_s));
    QCOMPARE(o.value(u"completed_at"_s), QJsonValue(u"2026-01-31T12:00:02.999Z"_s));
    QCOMPARE(o.value(u"run_at"_s), QJsonValue(u"2026-02-01T00:00:00.000Z"_s));
    QCOMPARE(o.value(u"updated_at"_s), QJsonValue(u"2026-01-31T12:00:03.000Z"_s));
    QCOMPARE(o.value(u"result"_s), QJsonValue(QJsonObject{{u"slept_ms"_s, 250}}));
    QCOMPARE(o.value(u"error"_s), QJsonValue(u"boom"_s));
    QCOMPARE(o.value(u"attempts"_s), QJsonValue(2));
    QCOMPARE(o.value(u"max_attempts"_s), QJsonValue(7));
    QCOMPARE(o.value(u"trace_id"_s), QJsonValue(u"4bf92f3577b34da6a3ce929d0e0e4736"_s));
    QCOMPARE(o.value(u"span_id"_s), QJsonValue(u"00f067aa0ba902b7"_s));
    QCOMPARE(o.value(u"worker"_s), QJsonValue(u"host-42"_s));
    QCOMPARE(o.value(u"payload"_s).toObject().value(u"ms"_s), QJsonValue(250));
    QCOMPARE(o.value(u"dead_lettered_at"_s), QJsonValue(u"2026-01-31T12:00:04.001Z"_s));
    QCOMPARE(o.value(u"retry_policy"_s).toObject().value(u"strategy"_s), QJsonValue(u"linear"_s));
}

void TestTaskJson::task_json_writes_null_for_unset_times_and_strings()
{
    Task t;
    t.id = QUuid::createUuid();
    const QJsonObject o = toJson(t);
    for (const QString &key : {u"created_at"_s, u"started_at"_s, u"completed_at"_s, u"run_at"_s, u"updated_at"_s,
                               u"dead_lettered_at"_s, u"retry_policy"_s, u"result"_s, u"error"_s, u"trace_id"_s, u"span_id"_s, u"worker"_s}) {
        QVERIFY2(o.contains(key), qPrintable(key));
        QVERIFY2(o.value(key).isNull(), qPrintable(key));
    }
    // Title and description stay strings even when empty: the UI shows them as text.
    QCOMPARE(o.value(u"title"_s), QJsonValue(u""_s));
    QCOMPARE(o.value(u"description"_s), QJsonValue(u""_s));
    QCOMPARE(o.value(u"payload"_s), QJsonValue(QJsonObject{}));
}

void TestTaskJson::task_json_missing_optional_fields_take_defaults()
{
    const auto r = taskFromJson(parseObject(
        R"({"id": "0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10", "priority": "low", "status": "completed"})"));
    QVERIFY(r.ok());
    QCOMPARE(toString(r->priority), toString(Priority::Low));
    QCOMPARE(toString(r->status), toString(Status::Completed));
    QCOMPARE(r->type, QString());
    QCOMPARE(r->payload, QJsonObject());
    QVERIFY(!r->createdAt.isValid());
    QVERIFY(r->result.isNull());
    QCOMPARE(r->attempts, 0);
    QCOMPARE(r->maxAttempts, 3);
}

void TestTaskJson::task_list_keeps_order()
{
    Task a = fullTask();
    Task b = fullTask();
    b.id = QUuid(u"11111111-2222-3333-4444-555555555555"_s);
    const QJsonArray arr = toJson(QList<Task>{b, a});
    QCOMPARE(arr.size(), 2);
    QCOMPARE(arr.at(0).toObject().value(u"id"_s).toString(), u"11111111-2222-3333-4444-555555555555"_s);
    QCOMPARE(arr.at(1).toObject(), toJson(a));
    QCOMPARE(toJson(QList<Task>{}), QJsonArray());
}

void TestTaskJson::task_with_wrong_field_type_is_rejected_naming_the_field_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("id not a string") << u"id"_s << QJsonValue(5);
    QTest::newRow("id not a UUID") << u"id"_s << QJsonValue(u"nope"_s);
    QTest::newRow("id missing") << u"id"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("type number") << u"type"_s << QJsonValue(1);
    QTest::newRow("title bool") << u"title"_s << QJsonValue(true);
    QTest::newRow("description object") << u"description"_s << QJsonValue(QJsonObject{});
    QTest::newRow("payload string") << u"payload"_s << QJsonValue(u"{}"_s);
    QTest::newRow("payload array") << u"payload"_s << QJsonValue(QJsonArray{1});
    QTest::newRow("priority number") << u"priority"_s << QJsonValue(2);
    QTest::newRow("priority unknown") << u"priority"_s << QJsonValue(u"URGENT"_s);
    QTest::newRow("priority missing") << u"priority"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("status unknown") << u"status"_s << QJsonValue(u"DONE"_s);
    QTest::newRow("status array") << u"status"_s << QJsonValue(QJsonArray{});
    QTest::newRow("created_at number") << u"created_at"_s << QJsonValue(1700000000);
    QTest::newRow("created_at without zone") << u"created_at"_s << QJsonValue(u"2026-01-31T12:00:00"_s);
    QTest::newRow("started_at garbage") << u"started_at"_s << QJsonValue(u"yesterday"_s);
    QTest::newRow("completed_at bool") << u"completed_at"_s << QJsonValue(false);
    QTest::newRow("run_at without zone") << u"run_at"_s << QJsonValue(u"2026-01-31T12:00:00.000"_s);
    QTest::newRow("updated_at bad month") << u"updated_at"_s << QJsonValue(u"2026-13-01T00:00:00Z"_s);
    QTest::newRow("error number") << u"error"_s << QJsonValue(3);
    QTest::newRow("attempts string") << u"attempts"_s << QJsonValue(u"2"_s);
    QTest::newRow("attempts fraction") << u"attempts"_s << QJsonValue(1.5);
    QTest::newRow("max_attempts bool") << u"max_attempts"_s << QJsonValue(true);
    QTest::newRow("max_attempts too large for int") << u"max_attempts"_s << QJsonValue(1e12);
    QTest::newRow("trace_id number") << u"trace_id"_s << QJsonValue(7);
    QTest::newRow("span_id object") << u"span_id"_s << QJsonValue(QJsonObject{});
    QTest::newRow("worker array") << u"worker"_s << QJsonValue(QJsonArray{u"w"_s});
    QTest::newRow("retry_policy string") << u"retry_policy"_s << QJsonValue(u"exponential"_s);
    QTest::newRow("retry_policy array") << u"retry_policy"_s << QJsonValue(QJsonArray{});
    QTest::newRow("dead_lettered_at without zone") << u"dead_lettered_at"_s << QJsonValue(u"2026-01-31 12:00:00"_s);
}

void TestTaskJson::task_with_wrong_field_type_is_rejected_naming_the_field()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const auto r = taskFromJson(fullTaskJsonWith(key, value));
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), toString(ErrorCode::Validation));
    QCOMPARE(r.error().field, key);
    QVERIFY2(r.error().message.startsWith(key + u' '), qPrintable(r.error().message));
}

void TestTaskJson::history_entry_round_trips_through_json_data()
{
    QTest::addColumn<bool>("withFrom");
    QTest::addColumn<bool>("withTime");
    QTest::addColumn<bool>("withStrings");

    QTest::newRow("all fields") << true << true << true;
    QTest::newRow("first transition: no from_status") << false << true << true;
    QTest::newRow("null time") << true << false << true;
    QTest::newRow("no worker, no message") << true << true << false;
}

void TestTaskJson::history_entry_round_trips_through_json()
{
    QFETCH(bool, withFrom);
    QFETCH(bool, withTime);
    QFETCH(bool, withStrings);

    TaskHistoryEntry h;
    h.id = 9'000'000'001LL; // beyond 32 bits: a bigserial
    h.taskId = QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    if (withFrom)
        h.fromStatus = Status::RetryWaiting;
    h.toStatus = Status::Pending;
    if (withTime)
        h.at = utc(2026, 1, 31, 23, 59, 59, 999);
    if (withStrings) {
        h.worker = u"host-1"_s;
        h.message = u"retry 2 of 3: timeout"_s;
    }
    h.attempt = 2;

    const QByteArray bytes = QJsonDocument(toJson(h)).toJson(QJsonDocument::Compact);
    const auto back = historyEntryFromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->id, h.id);
    QCOMPARE(back->taskId, h.taskId);
    QCOMPARE(back->fromStatus.has_value(), withFrom);
    if (withFrom)
        QCOMPARE(toString(*back->fromStatus), toString(Status::RetryWaiting));
    QCOMPARE(toString(back->toStatus), toString(h.toStatus));
    QCOMPARE(back->at, h.at);
    QCOMPARE(back->worker, h.worker);
    QCOMPARE(back->attempt, h.attempt);
    QCOMPARE(back->message, h.message);
    QVERIFY(*back == h);
}

void TestTaskJson::history_entry_json_uses_wire_spelling()
{
    TaskHistoryEntry h;
    h.id = 17;
    h.taskId = QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    h.toStatus = Status::New;
    h.at = utc(2026, 1, 31, 12, 0, 0, 123);
    const QJsonObject o = toJson(h);
    QCOMPARE(o.keys(), (QStringList{u"at"_s, u"attempt"_s, u"from_status"_s, u"id"_s, u"message"_s, u"task_id"_s,
                                    u"to_status"_s, u"worker"_s}));
    QCOMPARE(o.value(u"id"_s), QJsonValue(17));
    QCOMPARE(o.value(u"task_id"_s), QJsonValue(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s));
    QVERIFY(o.value(u"from_status"_s).isNull());
    QCOMPARE(o.value(u"to_status"_s), QJsonValue(u"NEW"_s));
    QCOMPARE(o.value(u"at"_s), QJsonValue(u"2026-01-31T12:00:00.123Z"_s));
    QVERIFY(o.value(u"worker"_s).isNull());
    QVERIFY(o.value(u"message"_s).isNull());
    QCOMPARE(o.value(u"attempt"_s), QJsonValue(0));

    const auto parsed = historyEntryFromJson(historyJson());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->id, qint64(17));
    QVERIFY(parsed->fromStatus.has_value());
    QCOMPARE(toString(*parsed->fromStatus), toString(Status::Pending));
    QCOMPARE(toString(parsed->toStatus), toString(Status::InProgress));
    QCOMPARE(parsed->at, utc(2026, 1, 31, 12, 0, 0, 123));
    QCOMPARE(parsed->worker, u"w1"_s);
    QCOMPARE(parsed->attempt, 1);
    QCOMPARE(parsed->message, u"started"_s);
}

void TestTaskJson::history_entry_with_bad_field_is_rejected_naming_the_field_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("id string") << u"id"_s << QJsonValue(u"17"_s);
    QTest::newRow("id fraction") << u"id"_s << QJsonValue(1.5);
    QTest::newRow("task_id number") << u"task_id"_s << QJsonValue(3);
    QTest::newRow("task_id not a UUID") << u"task_id"_s << QJsonValue(u"nope"_s);
    QTest::newRow("from_status number") << u"from_status"_s << QJsonValue(1);
    QTest::newRow("from_status unknown") << u"from_status"_s << QJsonValue(u"WAITING"_s);
    QTest::newRow("to_status unknown") << u"to_status"_s << QJsonValue(u"WAITING"_s);
    QTest::newRow("to_status missing") << u"to_status"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("at without zone") << u"at"_s << QJsonValue(u"2026-01-31T12:00:00"_s);
    QTest::newRow("at number") << u"at"_s << QJsonValue(0);
    QTest::newRow("worker bool") << u"worker"_s << QJsonValue(true);
    QTest::newRow("attempt string") << u"attempt"_s << QJsonValue(u"1"_s);
    QTest::newRow("message array") << u"message"_s << QJsonValue(QJsonArray{});
}

void TestTaskJson::history_entry_with_bad_field_is_rejected_naming_the_field()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject o = historyJson();
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    const auto r = historyEntryFromJson(o);
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), toString(ErrorCode::Validation));
    QCOMPARE(r.error().field, key);
    QVERIFY2(r.error().message.startsWith(key + u' '), qPrintable(r.error().message));
}

void TestTaskJson::timestamp_with_zone_is_parsed_as_utc_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("Z") << u"2026-01-31T12:00:00Z"_s << utc(2026, 1, 31, 12, 0, 0);
    QTest::newRow("Z with ms") << u"2026-01-31T12:00:00.123Z"_s << utc(2026, 1, 31, 12, 0, 0, 123);
    QTest::newRow("lower-case t and z") << u"2026-01-31t12:00:00.5z"_s << utc(2026, 1, 31, 12, 0, 0, 500);
    QTest::newRow("positive offset") << u"2026-01-31T12:00:00+01:00"_s << utc(2026, 1, 31, 11, 0, 0);
    QTest::newRow("negative half-hour offset") << u"2026-01-31T12:00:00.250-05:30"_s << utc(2026, 1, 31, 17, 30, 0, 250);
    QTest::newRow("offset crosses midnight") << u"2026-01-01T00:30:00+02:00"_s << utc(2025, 12, 31, 22, 30, 0);
    QTest::newRow("zero offset") << u"2026-06-15T08:09:10+00:00"_s << utc(2026, 6, 15, 8, 9, 10);
    QTest::newRow("leap day") << u"2028-02-29T23:59:59.999Z"_s << utc(2028, 2, 29, 23, 59, 59, 999);
}

void TestTaskJson::timestamp_with_zone_is_parsed_as_utc()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime t = parseTimestamp(text);
    QVERIFY(t.isValid());
    QCOMPARE(t, expected);
    QCOMPARE(t.timeSpec(), Qt::UTC);
    QCOMPARE(t.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestTaskJson::timestamp_without_zone_or_malformed_is_refused_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("no zone") << u"2026-01-31T12:00:00"_s;
    QTest::newRow("no zone, ms") << u"2026-01-31T12:00:00.123"_s;
    QTest::newRow("no zone, minutes only") << u"2026-01-31T12:00"_s;
    QTest::newRow("date only") << u"2026-01-31"_s;
    QTest::newRow("date only, compact") << u"20260131"_s;
    QTest::newRow("offset without colon") << u"2026-01-31T12:00:00+0100"_s;
    QTest::newRow("garbage") << u"yesterday"_s;
    QTest::newRow("garbage ending in Z") << u"soonZ"_s;
    QTest::newRow("bad month") << u"2026-13-01T00:00:00Z"_s;
    QTest::newRow("bad day") << u"2026-02-30T00:00:00Z"_s;
    QTest::newRow("bad hour") << u"2026-01-31T25:00:00Z"_s;
    QTest::newRow("epoch number") << u"1769860800"_s;
}

void TestTaskJson::timestamp_without_zone_or_malformed_is_refused()
{
    QFETCH(QString, text);
    const QDateTime t = parseTimestamp(text);
    QVERIFY2(!t.isValid(), qPrintable(t.toString(Qt::ISODateWithMs)));
}

void TestTaskJson::timestamp_is_formatted_as_utc_with_milliseconds()
{
    QCOMPARE(formatTimestamp(QDateTime()), QString());
    QCOMPARE(formatTimestamp(utc(2026, 1, 31, 12, 0, 0)), u"2026-01-31T12:00:00.000Z"_s);
    const QDateTime offset(QDate(2026, 1, 31), QTime(12, 0, 0, 7), QTimeZone(-5 * 3600));
    QCOMPARE(formatTimestamp(offset), u"2026-01-31T17:00:00.007Z"_s);
    QCOMPARE(parseTimestamp(formatTimestamp(offset)), offset);
}

void TestTaskJson::task_page_round_trips_through_json()
{
    TaskPage page;
    page.items = {fullTask(), fullTask()};
    page.items[1].id = QUuid(u"11111111-2222-3333-4444-555555555555"_s);
    page.items[1].result = 3;
    page.total = 5'000'000'000LL;
    page.nextAfter = page.items[1].id;
    const QJsonObject o = page.toJson();
    QCOMPARE(o.value(u"next_after"_s), QJsonValue(u"11111111-2222-3333-4444-555555555555"_s));
    QCOMPARE(o.value(u"items"_s).toArray().size(), 2);
    const auto back = TaskPage::fromJson(o);
    QVERIFY(back.ok());
    QCOMPARE(back->items, page.items);
    QCOMPARE(back->total, page.total);
    QCOMPARE(back->nextAfter, page.nextAfter);

    TaskPage last;
    const QJsonObject lastJson = last.toJson();
    QVERIFY(lastJson.value(u"next_after"_s).isNull());
    QCOMPARE(lastJson.value(u"total"_s), QJsonValue(0));
    const auto lastBack = TaskPage::fromJson(lastJson);
    QVERIFY(lastBack.ok());
    QVERIFY(lastBack->items.isEmpty());
    QVERIFY(lastBack->nextAfter.isNull());
}

void TestTaskJson::task_page_rejects_items_that_are_not_an_array()
{
    const auto r = TaskPage::fromJson(parseObject(R"({"items": {}, "total": 0})"));
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), toString(ErrorCode::BadRequest));
    QCOMPARE(r.error().field, u"items"_s);
}

void TestTaskJson::task_page_rejects_an_invalid_item()
{
    QJsonObject bad = toJson(fullTask());
    bad.insert(u"status"_s, u"DONE"_s);
    const auto r = TaskPage::fromJson(QJsonObject{{u"items"_s, QJsonArray{toJson(fullTask()), bad}}, {u"total"_s, 2}});
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), toString(ErrorCode::Validation));
    QCOMPARE(r.error().field, u"status"_s);
}

void TestTaskJson::health_info_round_trips_through_json()
{
    HealthInfo h;
    h.status = u"degraded"_s;
    h.postgres = true;
    h.redis = false;
    h.version = u"0.1.0"_s;
    const QJsonObject o = h.toJson();
    QCOMPARE(o, parseObject(R"({"status": "degraded", "postgres": "up", "redis": "down", "version": "0.1.0", "protocol": 1})"));
    const HealthInfo back = HealthInfo::fromJson(o);
    QCOMPARE(back.status, h.status);
    QCOMPARE(back.postgres, true);
    QCOMPARE(back.redis, false);
    QCOMPARE(back.version, h.version);
    QCOMPARE(back.protocol, ProtocolVersion);
    QCOMPARE(HealthInfo::fromJson(QJsonObject{}).protocol, 0);
}

void TestTaskJson::a_redacted_task_reads_as_withheld_and_writes_back_the_marker()
{
    // What a caller without `payloads` gets (docs/security.md): the list must still load.
    Task t;
    t.id = QUuid::createUuid();
    t.createdAt = QDateTime::currentDateTimeUtc();
    QJsonObject o = toJson(t);
    o.insert(u"payload"_s, QLatin1String(RedactedValue));
    o.insert(u"result"_s, QLatin1String(RedactedValue));
    o.insert(u"error"_s, QLatin1String(RedactedValue));
    const Result<Task> back = taskFromJson(o);
    QVERIFY2(back.ok(), back ? "" : qPrintable(back.error().message));
    QVERIFY(back->payloadRedacted);
    QVERIFY(back->payload.isEmpty());
    QCOMPARE(toJson(*back).value(u"payload"_s).toString(), QLatin1String(RedactedValue));
    // Any other string is still a malformed payload.
    o.insert(u"payload"_s, u"{}"_s);
    QVERIFY(!taskFromJson(o).ok());
}

QTEST_GUILESS_MAIN(TestTaskJson)
#include "test_TaskJson.moc"

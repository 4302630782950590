// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "codec/TaskJson.h"
#include "validation/TaskValidation.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test data is not a JSON object: %s", json.constData());
    return doc.object();
}

QString repeated(char c, int n)
{
    return QString(n, QLatin1Char(c));
}
} // namespace

class TestTaskValidation : public QObject
{
    Q_OBJECT

private slots:
    void empty_body_takes_defaults();
    void full_body_is_accepted_with_exact_values();
    void null_values_count_as_absent();
    void unknown_keys_are_ignored();
    void values_at_the_limits_are_accepted_data();
    void values_at_the_limits_are_accepted();
    void max_retries_sets_max_attempts_data();
    void max_retries_sets_max_attempts();
    void bad_input_is_a_validation_error_naming_the_field_data();
    void bad_input_is_a_validation_error_naming_the_field();
    void batch_prefix_names_the_element_data();
    void batch_prefix_names_the_element();
    void create_request_round_trips_through_json();
    void json_body_parsing_data();
    void json_body_parsing();
    void task_type_syntax_data();
    void task_type_syntax();
    void trace_id_syntax_data();
    void trace_id_syntax();
    void generated_trace_and_span_ids_are_valid();
};

void TestTaskValidation::empty_body_takes_defaults()
{
    const auto r = parseCreateTask(QJsonObject{});
    QVERIFY(r.ok());
    QCOMPARE(r->type, u"noop"_s);
    QCOMPARE(r->title, QString());
    QCOMPARE(r->description, QString());
    QCOMPARE(r->payload, QJsonObject());
    QCOMPARE(toString(r->priority), u"MEDIUM"_s);
    QCOMPARE(r->maxAttempts, 3);
    QVERIFY(!r->runAt.isValid());
}

void TestTaskValidation::full_body_is_accepted_with_exact_values()
{
    const auto r = parseCreateTask(parseObject(R"({
        "type": "mail.send:v2", "title": "Welcome mail", "description": "for ünïcode users",
        "payload": {"to": "a@example.org", "n": [1, 2]}, "priority": "high", "max_attempts": 5,
        "run_at": "2030-01-01T01:30:00+01:30"})"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->type, u"mail.send:v2"_s);
    QCOMPARE(r->title, u"Welcome mail"_s);
    QCOMPARE(r->description, u"for ünïcode users"_s);
    QCOMPARE(r->payload, parseObject(R"({"to": "a@example.org", "n": [1, 2]})"));
    QCOMPARE(toString(r->priority), u"HIGH"_s);
    QCOMPARE(r->maxAttempts, 5);
    QCOMPARE(r->runAt, QDateTime(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(r->runAt.timeSpec(), Qt::UTC);
}

void TestTaskValidation::null_values_count_as_absent()
{
    const auto r = parseCreateTask(parseObject(R"({"type": null, "title": null, "description": null, "payload": null,
        "priority": null, "max_attempts": null, "run_at": null})"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->type, u"noop"_s);
    QCOMPARE(toString(r->priority), u"MEDIUM"_s);
    QCOMPARE(r->maxAttempts, 3);
    QVERIFY(!r->runAt.isValid());
    QCOMPARE(r->payload, QJsonObject());
}

void TestTaskValidation::unknown_keys_are_ignored()
{
    const auto r = parseCreateTask(parseObject(R"({"title": "x", "colour": 5, "tags": ["a"], "status": "COMPLETED"})"));
    QVERIFY(r.ok());
    QCOMPARE(r->title, u"x"_s);
}

void TestTaskValidation::values_at_the_limits_are_accepted_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("title of 256") << u"title"_s << QJsonValue(repeated('t', 256));
    QTest::newRow("title empty") << u"title"_s << QJsonValue(u""_s);
    QTest::newRow("description of 10000") << u"description"_s << QJsonValue(repeated('d', 10'000));
    QTest::newRow("type of 64") << u"type"_s << QJsonValue(repeated('a', 64));
    QTest::newRow("type of 1") << u"type"_s << QJsonValue(u"x"_s);
    QTest::newRow("type with every punctuation") << u"type"_s << QJsonValue(u"A-z_0.9:x"_s);
    QTest::newRow("priority lower case") << u"priority"_s << QJsonValue(u"low"_s);
    QTest::newRow("priority mixed case") << u"priority"_s << QJsonValue(u"Medium"_s);
    QTest::newRow("max_attempts 1") << u"max_attempts"_s << QJsonValue(1);
    QTest::newRow("max_attempts 100") << u"max_attempts"_s << QJsonValue(100);
    QTest::newRow("max_attempts as 7.0") << u"max_attempts"_s << QJsonValue(7.0);
    QTest::newRow("payload empty object") << u"payload"_s << QJsonValue(QJsonObject{});
    QTest::newRow("run_at negative offset") << u"run_at"_s << QJsonValue(u"2030-01-01T00:00:00-08:00"_s);
    QTest::newRow("run_at in the past") << u"run_at"_s << QJsonValue(u"2001-01-01T00:00:00Z"_s);
}

void TestTaskValidation::values_at_the_limits_are_accepted()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const auto r = parseCreateTask(QJsonObject{{key, value}});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    if (key == u"title")
        QCOMPARE(r->title, value.toString());
    else if (key == u"description")
        QCOMPARE(r->description, value.toString());
    else if (key == u"type")
        QCOMPARE(r->type, value.toString());
    else if (key == u"priority")
        QCOMPARE(toString(r->priority), value.toString().toUpper());
    else if (key == u"max_attempts")
        QCOMPARE(r->maxAttempts, value.toInt());
    else if (key == u"run_at")
        QCOMPARE(r->runAt, parseTimestamp(value.toString()));
}

void TestTaskValidation::max_retries_sets_max_attempts_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("maxAttempts");

    QTest::newRow("0 retries") << QByteArray(R"({"max_retries": 0})") << 1;
    QTest::newRow("4 retries") << QByteArray(R"({"max_retries": 4})") << 5;
    QTest::newRow("99 retries") << QByteArray(R"({"max_retries": 99})") << 100;
    QTest::newRow("max_attempts wins over max_retries") << QByteArray(R"({"max_retries": 9, "max_attempts": 2})") << 2;
    QTest::newRow("null max_attempts is absent") << QByteArray(R"({"max_retries": 4, "max_attempts": null})") << 5;
    QTest::newRow("null max_retries is absent") << QByteArray(R"({"max_retries": null})") << 3;
}

void TestTaskValidation::max_retries_sets_max_attempts()
{
    QFETCH(QByteArray, body);
    QFETCH(int, maxAttempts);
    const auto r = parseCreateTask(parseObject(body));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->maxAttempts, maxAttempts);
}

void TestTaskValidation::bad_input_is_a_validation_error_naming_the_field_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const QString notString = u" must be a string"_s;
    const QString typeRule = u" must be 1-64 characters of A-Z a-z 0-9 _ . : -"_s;
    const QString attemptsRule = u" must be an integer from 1 to 100"_s;
    const QString retriesRule = u" must be an integer from 0 to 99"_s;

    QTest::newRow("type number") << QByteArray(R"({"type": 5})") << u"type"_s << notString;
    QTest::newRow("title number") << QByteArray(R"({"title": 5})") << u"title"_s << notString;
    QTest::newRow("title object") << QByteArray(R"({"title": {}})") << u"title"_s << notString;
    QTest::newRow("description bool") << QByteArray(R"({"description": true})") << u"description"_s << notString;
    QTest::newRow("priority number") << QByteArray(R"({"priority": 2})") << u"priority"_s << notString;
    QTest::newRow("run_at number") << QByteArray(R"({"run_at": 1767225600})") << u"run_at"_s << notString;
    QTest::newRow("durability number") << QByteArray(R"({"durability": 1})") << u"durability"_s << notString;

    QTest::newRow("type empty") << QByteArray(R"({"type": ""})") << u"type"_s << typeRule;
    QTest::newRow("type with a space") << QByteArray(R"({"type": "send mail"})") << u"type"_s << typeRule;
    QTest::newRow("type with a slash") << QByteArray(R"({"type": "a/b"})") << u"type"_s << typeRule;
    QTest::newRow("type non-ASCII letter") << QByteArray(R"({"type": "résumé"})") << u"type"_s << typeRule;
    QTest::newRow("type non-ASCII digit") << QByteArray(R"({"type": "x١"})") << u"type"_s << typeRule;
    QTest::newRow("type of 65") << QByteArray("{\"type\": \"" + QByteArray(65, 'a') + "\"}") << u"type"_s << typeRule;

    QTest::newRow("title of 257") << QByteArray("{\"title\": \"" + QByteArray(257, 't') + "\"}") << u"title"_s
                                  << u" must be at most 256 characters"_s;
    QTest::newRow("description of 10001") << QByteArray("{\"description\": \"" + QByteArray(10'001, 'd') + "\"}")
                                          << u"description"_s << u" must be at most 10000 characters"_s;

    QTest::newRow("priority unknown") << QByteArray(R"({"priority": "URGENT"})") << u"priority"_s
                                      << u" must be one of LOW, MEDIUM, HIGH"_s;
    QTest::newRow("priority empty") << QByteArray(R"({"priority": ""})") << u"priority"_s
                                    << u" must be one of LOW, MEDIUM, HIGH"_s;
    QTest::newRow("priority with a space") << QByteArray(R"({"priority": "HIGH "})") << u"priority"_s
                                           << u" must be one of LOW, MEDIUM, HIGH"_s;

    const QString runAtRule = u" must be an RFC 3339 timestamp with a zone, e.g. 2026-01-31T12:00:00Z"_s;
    QTest::newRow("run_at without zone") << QByteArray(R"({"run_at": "2030-01-01T00:00:00"})") << u"run_at"_s << runAtRule;
    QTest::newRow("run_at date only") << QByteArray(R"({"run_at": "2030-01-01"})") << u"run_at"_s << runAtRule;
    QTest::newRow("run_at garbage") << QByteArray(R"({"run_at": "tomorrow"})") << u"run_at"_s << runAtRule;
    QTest::newRow("run_at empty") << QByteArray(R"({"run_at": ""})") << u"run_at"_s << runAtRule;

    const QString payloadRule = u" must be a JSON object"_s;
    QTest::newRow("payload string") << QByteArray(R"({"payload": "{}"})") << u"payload"_s << payloadRule;
    QTest::newRow("payload array") << QByteArray(R"({"payload": [1, 2]})") << u"payload"_s << payloadRule;
    QTest::newRow("payload number") << QByteArray(R"({"payload": 0})") << u"payload"_s << payloadRule;
    QTest::newRow("payload bool") << QByteArray(R"({"payload": false})") << u"payload"_s << payloadRule;

    QTest::newRow("max_attempts 0") << QByteArray(R"({"max_attempts": 0})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts 101") << QByteArray(R"({"max_attempts": 101})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts negative") << QByteArray(R"({"max_attempts": -3})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts fraction") << QByteArray(R"({"max_attempts": 2.5})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts string") << QByteArray(R"({"max_attempts": "3"})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts bool") << QByteArray(R"({"max_attempts": true})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts huge") << QByteArray(R"({"max_attempts": 1e300})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_attempts beyond int64") << QByteArray(R"({"max_attempts": 1e19})") << u"max_attempts"_s << attemptsRule;
    QTest::newRow("max_retries negative") << QByteArray(R"({"max_retries": -1})") << u"max_retries"_s << retriesRule;
    QTest::newRow("max_retries 100") << QByteArray(R"({"max_retries": 100})") << u"max_retries"_s << retriesRule;
    QTest::newRow("max_retries fraction") << QByteArray(R"({"max_retries": 1.5})") << u"max_retries"_s << retriesRule;
    QTest::newRow("max_retries string") << QByteArray(R"({"max_retries": "2"})") << u"max_retries"_s << retriesRule;
    QTest::newRow("max_retries bad even with max_attempts")
        << QByteArray(R"({"max_attempts": 3, "max_retries": -1})") << u"max_retries"_s << retriesRule;

    QTest::newRow("durability unknown") << QByteArray(R"({"durability": "eventual"})") << u"durability"_s
                                        << u" must be one of durable, fast, replicated"_s;
    QTest::newRow("retry_policy not an object") << QByteArray(R"({"retry_policy": "exponential"})")
                                                << u"retry_policy"_s << payloadRule;
}

void TestTaskValidation::bad_input_is_a_validation_error_naming_the_field()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto r = parseCreateTask(parseObject(body));
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), u"validation"_s);
    QCOMPARE(r.error().field, field);
    QCOMPARE(r.error().message, field + message);
}

void TestTaskValidation::batch_prefix_names_the_element_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    QTest::newRow("unknown priority") << QByteArray(R"({"priority": "URGENT"})") << u"[3].priority"_s;
    QTest::newRow("wrong type") << QByteArray(R"({"title": 1})") << u"[3].title"_s;
    QTest::newRow("bad type name") << QByteArray(R"({"type": "a b"})") << u"[3].type"_s;
    QTest::newRow("payload") << QByteArray(R"({"payload": []})") << u"[3].payload"_s;
    QTest::newRow("max_attempts") << QByteArray(R"({"max_attempts": 0})") << u"[3].max_attempts"_s;
    QTest::newRow("max_retries") << QByteArray(R"({"max_retries": 100})") << u"[3].max_retries"_s;
    QTest::newRow("run_at") << QByteArray(R"({"run_at": "2030-01-01T00:00:00"})") << u"[3].run_at"_s;
    QTest::newRow("retry_policy key") << QByteArray(R"({"retry_policy": {"strategy": "random"}})")
                                      << u"[3].retry_policy.strategy"_s;
}

void TestTaskValidation::batch_prefix_names_the_element()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const auto r = parseCreateTask(parseObject(body), u"[3]."_s);
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), u"validation"_s);
    QCOMPARE(r.error().field, field);
    QVERIFY2(r.error().message.startsWith(field + u' '), qPrintable(r.error().message));
}

void TestTaskValidation::create_request_round_trips_through_json()
{
    CreateTaskRequest req;
    req.type = u"sleep"_s;
    req.title = u"Nap"_s;
    req.description = u"short"_s;
    req.payload = QJsonObject{{u"ms"_s, 5}};
    req.priority = Priority::Low;
    req.maxAttempts = 9;
    req.runAt = QDateTime(QDate(2030, 5, 6), QTime(7, 8, 9, 10), QTimeZone::utc());
    const QJsonObject o = req.toJson();
    QCOMPARE(o.value(u"priority"_s), QJsonValue(u"LOW"_s));
    QCOMPARE(o.value(u"run_at"_s), QJsonValue(u"2030-05-06T07:08:09.010Z"_s));
    const auto back = parseCreateTask(o);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->type, req.type);
    QCOMPARE(back->title, req.title);
    QCOMPARE(back->description, req.description);
    QCOMPARE(back->payload, req.payload);
    QCOMPARE(toString(back->priority), toString(req.priority));
    QCOMPARE(back->maxAttempts, req.maxAttempts);
    QCOMPARE(back->runAt, req.runAt);

    // Run now: no run_at key at all.
    QVERIFY(!CreateTaskRequest{}.toJson().contains(u"run_at"_s));
    QVERIFY(parseCreateTask(CreateTaskRequest{}.toJson()).ok());
}

void TestTaskValidation::json_body_parsing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("isObject");

    QTest::newRow("object") << QByteArray(R"({"a": 1})") << true << true;
    QTest::newRow("array") << QByteArray(R"([{"a": 1}])") << true << false;
    QTest::newRow("object with whitespace") << QByteArray(" \n{}\n ") << true << true;
    QTest::newRow("empty body") << QByteArray() << false << false;
    QTest::newRow("unterminated object") << QByteArray(R"({"a": 1)") << false << false;
    QTest::newRow("missing value") << QByteArray(R"({"a": })") << false << false;
    QTest::newRow("trailing comma") << QByteArray(R"({"a": 1,})") << false << false;
    QTest::newRow("single quotes") << QByteArray(R"({'a': 1})") << false << false;
    QTest::newRow("trailing garbage") << QByteArray(R"({"a": 1} x)") << false << false;
    QTest::newRow("not JSON") << QByteArray("title=hello") << false << false;
}

void TestTaskValidation::json_body_parsing()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(bool, isObject);
    const auto r = parseJsonBody(body);
    QCOMPARE(r.ok(), ok);
    if (ok) {
        QCOMPARE(r->isObject(), isObject);
    } else {
        QCOMPARE(toString(r.error().code), u"bad_request"_s);
        QVERIFY2(r.error().message.startsWith(u"malformed JSON at offset "_s), qPrintable(r.error().message));
        QCOMPARE(r.error().field, QString());
    }
}

void TestTaskValidation::task_type_syntax_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("valid");

    QTest::newRow("noop") << u"noop"_s << true;
    QTest::newRow("all allowed punctuation") << u"a_b.c:d-e"_s << true;
    QTest::newRow("upper case and digits") << u"ABC123"_s << true;
    QTest::newRow("64 chars") << repeated('z', 64) << true;
    QTest::newRow("65 chars") << repeated('z', 65) << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("comma") << u"a,b"_s << false;
    QTest::newRow("non-ASCII letter") << u"é"_s << false;
    QTest::newRow("non-ASCII digit") << u"٣"_s << false;
    QTest::newRow("tab") << u"a\tb"_s << false;
}

void TestTaskValidation::task_type_syntax()
{
    QFETCH(QString, type);
    QFETCH(bool, valid);
    QCOMPARE(isValidTaskType(type), valid);
}

void TestTaskValidation::trace_id_syntax_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("W3C example") << u"4bf92f3577b34da6a3ce929d0e0e4736"_s << true;
    QTest::newRow("one non-zero digit") << u"00000000000000000000000000000001"_s << true;
    QTest::newRow("all zero") << u"00000000000000000000000000000000"_s << false;
    QTest::newRow("upper case") << u"4BF92F3577B34DA6A3CE929D0E0E4736"_s << false;
    QTest::newRow("31 chars") << u"4bf92f3577b34da6a3ce929d0e0e473"_s << false;
    QTest::newRow("33 chars") << u"4bf92f3577b34da6a3ce929d0e0e47360"_s << false;
    QTest::newRow("non-hex letter") << u"4bf92f3577b34da6a3ce929d0e0e473g"_s << false;
    QTest::newRow("dashes (UUID form)") << u"4bf92f35-77b3-4da6-a3ce-929d0e0e"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestTaskValidation::trace_id_syntax()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(isValidTraceId(id), valid);
}

void TestTaskValidation::generated_trace_and_span_ids_are_valid()
{
    for (int i = 0; i < 200; ++i) {
        const QString trace = newTraceId();
        QVERIFY2(isValidTraceId(trace), qPrintable(trace));
        const QString span = newSpanId();
        QCOMPARE(span.size(), 16);
        QVERIFY(span != QString(16, u'0'));
        for (QChar c : span)
            QVERIFY((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'));
    }
    QVERIFY(newTraceId() != newTraceId());
}

QTEST_GUILESS_MAIN(TestTaskValidation)
#include "test_TaskValidation.moc"

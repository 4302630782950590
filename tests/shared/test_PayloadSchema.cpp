// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// PayloadSchema (valijson, draft-07) and the handler body parser: every violation listed once with a JSON
// Pointer, enclosing "failed to validate property" noise dropped, a bad schema reported and never aborting
// the process, and handler bodies refused field by field.
#include "validation/PayloadSchema.h"
#include "wire/HandlerTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QStringList pathsOf(const QJsonArray &details)
{
    QStringList out;
    for (const QJsonValue &d : details)
        out << d.toObject().value(u"path"_s).toString();
    return out;
}
} // namespace

class TestPayloadSchema : public QObject
{
    Q_OBJECT

private slots:
    void valid_payloads_have_no_violations()
    {
        auto s = PayloadSchema::compile(obj(R"({"type": "object", "required": ["to"],
            "properties": {"to": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}}})"));
        QVERIFY(s);
        QVERIFY((*s)->violations(obj(R"({"to": "a@b.c"})")).isEmpty());
        QVERIFY((*s)->violations(obj(R"({"to": ["a@b.c", "d@e.f"]})")).isEmpty());
        QVERIFY(!(*s)->acceptsEveryObject());
    }

    void every_violation_is_listed_at_its_leaf()
    {
        auto s = PayloadSchema::compile(obj(R"({"type": "object", "required": ["path"], "additionalProperties": false,
            "properties": {"path": {"type": "string"}, "blur": {"type": "number", "exclusiveMinimum": 0},
                           "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}}}})"));
        QVERIFY(s);
        const QJsonArray v = (*s)->violations(obj(R"({"blur": 0, "tags": ["ok", "toolong"], "extra": 1})"));
        const QStringList paths = pathsOf(v);
        QVERIFY2(paths.contains(u""_s), qPrintable(paths.join(u','))); // missing "path", and "extra" not allowed
        QVERIFY2(paths.contains(u"/blur"_s), qPrintable(paths.join(u',')));
        QVERIFY2(paths.contains(u"/tags/1"_s), qPrintable(paths.join(u',')));
        for (const QJsonValue &d : v)
            QVERIFY2(!d.toObject().value(u"message"_s).toString().startsWith(u"Failed to validate against schema associated"_s),
                     qPrintable(d.toObject().value(u"message"_s).toString()));
        QVERIFY(!paths.contains(u"/tags"_s)); // the enclosing array's own "item #1 failed" is dropped
    }

    void pointers_escape_slash_and_tilde()
    {
        auto s = PayloadSchema::compile(obj(R"({"type": "object", "properties": {"a/b~c": {"type": "integer"}}})"));
        QVERIFY(s);
        QCOMPARE(pathsOf((*s)->violations(obj(R"({"a/b~c": "x"})"))), QStringList{u"/a~1b~0c"_s});
    }

    void trivial_schemas_accept_every_object()
    {
        for (const char *json : {"{}", R"({"type": "object"})"}) {
            auto s = PayloadSchema::compile(obj(json));
            QVERIFY(s);
            QVERIFY((*s)->acceptsEveryObject());
        }
    }

    void a_bad_schema_is_an_error_not_an_abort()
    {
        // Plain literals here: moc 6.4 loses track of a raw string list inside a range-for.
        for (const char *json : {"{\"type\": 5}", "{\"properties\": {\"a\": {\"minimum\": \"x\"}}}",
                                 "{\"$ref\": \"http://example.org/remote.json\"}", "{\"pattern\": 7}"}) {
            auto s = PayloadSchema::compile(obj(json));
            QVERIFY2(!s, json);
            QVERIFY(s.error().startsWith(u"schema: "_s));
        }
    }

    void handler_bodies_are_refused_field_by_field_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("name missing") << QByteArray("{}") << u"name"_s;
        QTest::newRow("name upper case") << QByteArray(R"({"name": "Resize"})") << u"name"_s;
        QTest::newRow("name of 65") << QByteArray("{\"name\": \"" + QByteArray(65, 'a') + "\"}") << u"name"_s;
        QTest::newRow("builtin kind") << QByteArray(R"({"name": "a", "kind": "builtin"})") << u"kind"_s;
        QTest::newRow("kind unknown") << QByteArray(R"({"name": "a", "kind": "lambda"})") << u"kind"_s;
        QTest::newRow("schema array") << QByteArray(R"({"name": "a", "schema": []})") << u"schema"_s;
        QTest::newRow("schema invalid") << QByteArray(R"({"name": "a", "schema": {"type": 1}})") << u"schema"_s;
        QTest::newRow("priority") << QByteArray(R"({"name": "a", "default_priority": "NOW"})") << u"default_priority"_s;
        QTest::newRow("attempts 0") << QByteArray(R"({"name": "a", "max_attempts": 0})") << u"max_attempts"_s;
        QTest::newRow("timeout negative") << QByteArray(R"({"name": "a", "timeout_ms": -1})") << u"timeout_ms"_s;
        QTest::newRow("concurrency fraction") << QByteArray(R"({"name": "a", "concurrency": 1.5})") << u"concurrency"_s;
        QTest::newRow("enabled string") << QByteArray(R"({"name": "a", "enabled": "yes"})") << u"enabled"_s;
        QTest::newRow("retry policy") << QByteArray(R"({"name": "a", "retry_policy": 3})") << u"retry_policy"_s;
        QTest::newRow("description number") << QByteArray(R"({"name": "a", "description": 3})") << u"description"_s;
    }
    void handler_bodies_are_refused_field_by_field()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        auto r = parseHandlerBody(QJsonDocument::fromJson(body).object(), std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().field, field);
        QVERIFY(r.error().code == ErrorCode::Validation);
    }

    void a_put_keeps_what_it_omits_and_carries_its_version()
    {
        auto created = parseHandlerBody(obj(R"({"name": "resize", "max_attempts": 9, "default_priority": "HIGH"})"), std::nullopt);
        QVERIFY(created);
        QVERIFY(created->kind == HandlerKind::External);
        HandlerSpec stored = *created;
        stored.version = 4;
        auto edited = parseHandlerBody(obj(R"({"enabled": false, "version": 4})"), stored, u"resize"_s);
        QVERIFY(edited);
        QCOMPARE(edited->maxAttempts, 9);
        QVERIFY(edited->defaultPriority == Priority::High);
        QCOMPARE(edited->enabled, false);
        QCOMPARE(edited->version, 4);
        auto unversioned = parseHandlerBody(obj(R"({"enabled": true})"), stored, u"resize"_s);
        QVERIFY(unversioned);
        QCOMPARE(unversioned->version, -1);
        auto renamed = parseHandlerBody(obj(R"({"name": "other"})"), stored, u"resize"_s);
        QVERIFY(!renamed);
        QCOMPARE(renamed.error().field, u"name"_s);
    }

    void handler_json_round_trips()
    {
        auto h = parseHandlerBody(obj(R"({"name": "mail.send", "schema": {"type": "object"}, "timeout_ms": 500,
            "retry_policy": {"strategy": "constant", "base_ms": 10, "max_ms": 10, "jitter": 0}})"), std::nullopt);
        QVERIFY(h);
        auto back = HandlerSpec::fromJson(h->toJson());
        QVERIFY(back);
        QCOMPARE(back->name, u"mail.send"_s);
        QCOMPARE(back->timeoutMs, 500);
        QVERIFY(back->retryPolicy);
        QCOMPARE(back->retryPolicy->baseMs, 10);
        QCOMPARE(back->toJson(), h->toJson());
    }
};

QTEST_GUILESS_MAIN(TestPayloadSchema)
#include "test_PayloadSchema.moc"

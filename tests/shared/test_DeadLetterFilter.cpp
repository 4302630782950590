// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/DeadLetterFilter.h"
#include "codec/TaskJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace taskmill;

Q_DECLARE_METATYPE(taskmill::DeadLetterFilter)

namespace {
QDateTime utc(int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(2026, 1, 31), QTime(h, mi, s, ms), QTimeZone::utc());
}

Task deadTask()
{
    Task t;
    t.id = QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    t.type = u"resize"_s;
    t.title = u"Resize Avatars"_s;
    t.description = u"Nightly batch"_s;
    t.status = Status::Failed;
    t.attempts = 3;
    t.error = u"Timeout after 30s: Über-host unreachable"_s;
    t.createdAt = utc(11, 0, 0);
    t.deadLetteredAt = utc(12, 0, 0);
    return t;
}

DeadLetterFilter types(const QStringList &t)
{
    DeadLetterFilter f;
    f.types = t;
    return f;
}
DeadLetterFilter priorities(const QList<Priority> &p)
{
    DeadLetterFilter f;
    f.priorities = p;
    return f;
}
DeadLetterFilter text(const QString &q)
{
    DeadLetterFilter f;
    f.text = q;
    return f;
}
DeadLetterFilter error(const QString &e)
{
    DeadLetterFilter f;
    f.error = e;
    return f;
}
DeadLetterFilter window(const QDateTime &from, const QDateTime &to)
{
    DeadLetterFilter f;
    f.from = from;
    f.to = to;
    return f;
}

DeadLetterFilter everyField()
{
    DeadLetterFilter f;
    f.types = {u"resize"_s, u"mail.send"_s};
    f.priorities = {Priority::High, Priority::Low};
    f.text = u"50% off & more +plus #hash ?q=1 über 日本"_s;
    f.error = u"Timeout after 30s: a=b&c, d/e%41"_s;
    f.from = utc(1, 2, 3, 4);
    f.to = utc(23, 59, 59, 999);
    return f;
}

QJsonObject parse(const char *json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON in test table: %s", json);
    return doc.object();
}

void compareFilters(const DeadLetterFilter &actual, const DeadLetterFilter &expected)
{
    QCOMPARE(actual.types, expected.types);
    QVERIFY(actual.priorities == expected.priorities); // QCOMPARE would print Priority through ADL's toString
    QCOMPARE(actual.text, expected.text);
    QCOMPARE(actual.error, expected.error);
    QCOMPARE(actual.from, expected.from);
    QCOMPARE(actual.to, expected.to);
    QVERIFY(actual == expected);
}
} // namespace

class TestDeadLetterFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_applies_each_rule_data();
    void matches_applies_each_rule();
    void never_matches_a_task_not_dead_lettered_data();
    void never_matches_a_task_not_dead_lettered();
    void matches_requires_every_rule();
    void is_empty_only_without_any_rule();
    void from_query_parses_every_key_data();
    void from_query_parses_every_key();
    void from_query_rejects_bad_timestamps_naming_the_key_data();
    void from_query_rejects_bad_timestamps_naming_the_key();
    void from_json_parses_every_key();
    void from_json_ignores_missing_and_null_keys();
    void from_json_rejects_bad_values_naming_the_field_data();
    void from_json_rejects_bad_values_naming_the_field();
    void to_json_writes_only_set_keys();
    void to_json_round_trips_through_from_json_data();
    void to_json_round_trips_through_from_json();
    void add_to_query_round_trips_through_from_query_data();
    void add_to_query_round_trips_through_from_query();
    void add_to_query_keeps_existing_items();
    void order_round_trips_through_the_query();
    void order_rejects_unknown_values_naming_the_field();
};

void TestDeadLetterFilter::matches_applies_each_rule_data()
{
    QTest::addColumn<DeadLetterFilter>("filter");
    QTest::addColumn<bool>("expected");

    // deadTask(): type "resize", error "Timeout after 30s: Über-host unreachable", dead-lettered 12:00:00.000Z.
    QTest::newRow("empty filter") << DeadLetterFilter{} << true;

    QTest::newRow("type in set of one") << types({u"resize"_s}) << true;
    QTest::newRow("type in set of two") << types({u"noop"_s, u"resize"_s}) << true;
    QTest::newRow("type not in set") << types({u"noop"_s, u"sleep"_s}) << false;
    QTest::newRow("type is case-sensitive") << types({u"Resize"_s}) << false;
    QTest::newRow("type is not a substring match") << types({u"res"_s}) << false;

    QTest::newRow("text, same case") << text(u"Timeout"_s) << true;
    QTest::newRow("text, other case") << text(u"tIMEOUT AFTER"_s) << true;
    QTest::newRow("text in the middle") << text(u"30s: "_s) << true;
    QTest::newRow("text non-ASCII, other case") << text(u"über-HOST"_s) << true;
    QTest::newRow("text is the whole error") << text(u"timeout after 30s: über-host unreachable"_s) << true;
    QTest::newRow("text not in error") << text(u"connection refused"_s) << false;
    QTest::newRow("text longer than error") << text(u"Timeout after 30s: Über-host unreachable!"_s) << false;
    QTest::newRow("text wildcards are literal") << text(u"Timeout%"_s) << false;
    QTest::newRow("text in the title, other case") << text(u"avatars"_s) << true;
    QTest::newRow("text does not look at the description") << text(u"Nightly"_s) << false;
    QTest::newRow("text is the whole id") << text(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s) << true;
    QTest::newRow("text is a 6-digit id prefix") << text(u"0B6F1C"_s) << true;
    QTest::newRow("text is a 5-digit id prefix: plain text") << text(u"0b6f1"_s) << false;
    QTest::newRow("text is the short id form") << text(u"0b6f1c8e…9a10"_s) << true;
    QTest::newRow("text is another id's short form") << text(u"0b6f1c8e…9a11"_s) << false;
    QTest::newRow("text is another id's prefix") << text(u"0b6f1d"_s) << false;

    QTest::newRow("priority in set") << priorities({Priority::Medium, Priority::High}) << true;
    QTest::newRow("priority not in set") << priorities({Priority::Low}) << false;

    QTest::newRow("error exact") << error(u"Timeout after 30s: Über-host unreachable"_s) << true;
    QTest::newRow("error other case") << error(u"timeout after 30s: über-host unreachable"_s) << false;
    QTest::newRow("error prefix only") << error(u"Timeout after 30s"_s) << false;
    QTest::newRow("error with trailing space") << error(u"Timeout after 30s: Über-host unreachable "_s) << false;
    QTest::newRow("error different") << error(u"connection refused"_s) << false;

    QTest::newRow("from equal (inclusive)") << window(utc(12, 0, 0), {}) << true;
    QTest::newRow("from 1 ms before") << window(utc(11, 59, 59, 999), {}) << true;
    QTest::newRow("from 1 ms after") << window(utc(12, 0, 0, 1), {}) << false;
    QTest::newRow("to equal (exclusive)") << window({}, utc(12, 0, 0)) << false;
    QTest::newRow("to 1 ms after") << window({}, utc(12, 0, 0, 1)) << true;
    QTest::newRow("to 1 ms before") << window({}, utc(11, 59, 59, 999)) << false;
    QTest::newRow("window containing it") << window(utc(11, 0, 0), utc(13, 0, 0)) << true;
    QTest::newRow("window of exactly that ms") << window(utc(12, 0, 0), utc(12, 0, 0, 1)) << true;
    QTest::newRow("empty window at it") << window(utc(12, 0, 0), utc(12, 0, 0)) << false;
    QTest::newRow("window before it") << window(utc(10, 0, 0), utc(11, 0, 0)) << false;
    QTest::newRow("created_at is not the dead-letter time") << window(utc(11, 0, 0), utc(11, 0, 0, 1)) << false;
    const QTimeZone plusTwo(2 * 3600);
    QTest::newRow("from with an offset, same instant")
        << window(QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), plusTwo), {}) << true;
    QTest::newRow("to with an offset, same instant")
        << window({}, QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), plusTwo)) << false;
}

void TestDeadLetterFilter::matches_applies_each_rule()
{
    QFETCH(DeadLetterFilter, filter);
    QFETCH(bool, expected);
    QCOMPARE(filter.matches(deadTask()), expected);
}

void TestDeadLetterFilter::never_matches_a_task_not_dead_lettered_data()
{
    QTest::addColumn<DeadLetterFilter>("filter");

    QTest::newRow("empty filter") << DeadLetterFilter{};
    QTest::newRow("type") << types({u"resize"_s});
    QTest::newRow("text") << text(u"timeout"_s);
    QTest::newRow("error") << error(u"Timeout after 30s: Über-host unreachable"_s);
    QTest::newRow("open window") << window(QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc()), {});
    DeadLetterFilter all = types({u"resize"_s});
    all.text = u"timeout"_s;
    all.error = deadTask().error;
    QTest::newRow("every rule that would match") << all;
}

void TestDeadLetterFilter::never_matches_a_task_not_dead_lettered()
{
    QFETCH(DeadLetterFilter, filter);
    QVERIFY(filter.matches(deadTask()));
    Task t = deadTask();
    t.deadLetteredAt = QDateTime();
    QVERIFY(!filter.matches(t));
    t.status = Status::RetryWaiting;
    QVERIFY(!filter.matches(t));
}

void TestDeadLetterFilter::matches_requires_every_rule()
{
    DeadLetterFilter f;
    f.types = {u"resize"_s};
    f.text = u"über-host"_s;
    f.error = deadTask().error;
    f.from = utc(11, 0, 0);
    f.to = utc(13, 0, 0);
    QVERIFY(f.matches(deadTask()));

    auto failsWith = [&](auto change) {
        Task t = deadTask();
        change(t);
        return !f.matches(t);
    };
    QVERIFY(failsWith([](Task &t) { t.type = u"noop"_s; }));
    QVERIFY(failsWith([](Task &t) { t.error = u"Über-host unreachable"_s; }));         // text matches, error not
    QVERIFY(failsWith([](Task &t) { t.error = u"Timeout after 30s: host unreachable"_s; })); // neither
    QVERIFY(failsWith([](Task &t) { t.deadLetteredAt = utc(10, 59, 59, 999); }));
    QVERIFY(failsWith([](Task &t) { t.deadLetteredAt = utc(13, 0, 0); }));
    QVERIFY(failsWith([](Task &t) { t.deadLetteredAt = QDateTime(); }));

    f.error.clear();
    Task t = deadTask();
    t.error = u"Über-host unreachable"_s;
    QVERIFY(f.matches(t));
}

void TestDeadLetterFilter::is_empty_only_without_any_rule()
{
    QVERIFY(DeadLetterFilter{}.isEmpty());
    QVERIFY(!types({u"noop"_s}).isEmpty());
    QVERIFY(!text(u"x"_s).isEmpty());
    QVERIFY(!error(u"x"_s).isEmpty());
    QVERIFY(!window(utc(1, 0, 0), {}).isEmpty());
    QVERIFY(!window({}, utc(1, 0, 0)).isEmpty());
    QVERIFY(!everyField().isEmpty());
    QVERIFY(DeadLetterFilter::fromQuery(QUrlQuery()).value().isEmpty());
    QVERIFY(DeadLetterFilter::fromJson(QJsonObject{}).value().isEmpty());
}

void TestDeadLetterFilter::from_query_parses_every_key_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<DeadLetterFilter>("expected");

    QTest::newRow("nothing") << QString() << DeadLetterFilter{};
    QTest::newRow("empty values") << u"type=&q=&error=&from=&to="_s << DeadLetterFilter{};
    QTest::newRow("unknown keys ignored") << u"status=FAILED&limit=5"_s << DeadLetterFilter{};
    QTest::newRow("one type") << u"type=resize"_s << types({u"resize"_s});
    QTest::newRow("type list keeps case and order") << u"type=noop,Sleep,a.b:c-d"_s
                                                    << types({u"noop"_s, u"Sleep"_s, u"a.b:c-d"_s});
    QTest::newRow("type list trims and skips empty parts") << u"type=,noop,,%20sleep%20,"_s
                                                           << types({u"noop"_s, u"sleep"_s});
    QTest::newRow("q is decoded, not trimmed") << u"q=%2050%25%20off%26more"_s << text(u" 50% off&more"_s);
    QTest::newRow("q keeps a plus sign") << u"q=a%2Bb"_s << text(u"a+b"_s);
    QTest::newRow("q non-ASCII") << u"q=%C3%BCber"_s << text(u"über"_s);
    QTest::newRow("error keeps commas") << u"error=a,b%3A%20c"_s << error(u"a,b: c"_s);
    QTest::newRow("from and to, Z") << u"from=2026-01-31T11:00:00Z&to=2026-01-31T13:00:00.500Z"_s
                                    << window(utc(11, 0, 0), utc(13, 0, 0, 500));
    QTest::newRow("from with an offset") << u"from=2026-01-31T14:00:00%2B02:00"_s << window(utc(12, 0, 0), {});
    QTest::newRow("to with a negative offset") << u"to=2026-01-31T07:00:00-05:00"_s << window({}, utc(12, 0, 0));
    QTest::newRow("lower-case t and z") << u"from=2026-01-31t11:00:00z"_s << window(utc(11, 0, 0), {});
    DeadLetterFilter all;
    all.types = {u"resize"_s, u"noop"_s};
    all.text = u"time"_s;
    all.error = u"Timeout"_s;
    all.from = utc(1, 0, 0);
    all.to = utc(2, 0, 0);
    QTest::newRow("every key") << u"to=2026-01-31T02:00:00Z&error=Timeout&q=time&type=resize,noop&from=2026-01-31T01:00:00Z"_s
                               << all;
}

void TestDeadLetterFilter::from_query_parses_every_key()
{
    QFETCH(QString, encoded);
    QFETCH(DeadLetterFilter, expected);
    const auto f = DeadLetterFilter::fromQuery(QUrlQuery(encoded));
    QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().message));
    compareFilters(*f, expected);
}

void TestDeadLetterFilter::from_query_rejects_bad_timestamps_naming_the_key_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QString>("field");

    QTest::newRow("from without zone") << u"from=2026-01-31T12:00:00"_s << u"from"_s;
    QTest::newRow("from date only") << u"from=2026-01-31"_s << u"from"_s;
    QTest::newRow("from garbage") << u"from=yesterday"_s << u"from"_s;
    QTest::newRow("from epoch millis") << u"from=1769860800000"_s << u"from"_s;
    QTest::newRow("from impossible date") << u"from=2026-02-30T12:00:00Z"_s << u"from"_s;
    QTest::newRow("to without zone") << u"to=2026-01-31T12:00:00"_s << u"to"_s;
    QTest::newRow("to garbage") << u"to=tomorrow"_s << u"to"_s;
    QTest::newRow("to with a bad offset") << u"to=2026-01-31T12:00:00%2B2"_s << u"to"_s;
    QTest::newRow("from checked before to") << u"to=nope&from=nope"_s << u"from"_s;
    QTest::newRow("good from, bad to") << u"from=2026-01-31T12:00:00Z&to=soon"_s << u"to"_s;
}

void TestDeadLetterFilter::from_query_rejects_bad_timestamps_naming_the_key()
{
    QFETCH(QString, encoded);
    QFETCH(QString, field);
    const auto f = DeadLetterFilter::fromQuery(QUrlQuery(encoded));
    QVERIFY(!f.ok());
    QCOMPARE(toString(f.error().code), toString(ErrorCode::Validation));
    QCOMPARE(f.error().field, field);
    QVERIFY2(f.error().message.startsWith(field + u' '), qPrintable(f.error().message));
}

void TestDeadLetterFilter::from_json_parses_every_key()
{
    const QJsonObject o = parse(R"({"types":["resize"," noop "],"q":" über ","error":"Timeout",)"
                                R"("from":"2026-01-31T14:00:00+02:00","to":"2026-01-31T13:00:00.250Z","extra":1})");
    DeadLetterFilter expected;
    expected.types = {u"resize"_s, u"noop"_s};
    expected.text = u" über "_s;
    expected.error = u"Timeout"_s;
    expected.from = utc(12, 0, 0);
    expected.to = utc(13, 0, 0, 250);
    for (const QString &prefix : {u"filter."_s, QString(), u"[3].filter."_s}) {
        const auto f = DeadLetterFilter::fromJson(o, prefix);
        QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().message));
        compareFilters(*f, expected);
    }
    const auto byDefault = DeadLetterFilter::fromJson(o);
    QVERIFY(byDefault.ok());
    compareFilters(*byDefault, expected);
}

void TestDeadLetterFilter::from_json_ignores_missing_and_null_keys()
{
    for (const char *json : {"{}", R"({"types":null,"q":null,"error":null,"from":null,"to":null})", R"({"types":[]})"}) {
        const auto f = DeadLetterFilter::fromJson(parse(json));
        QVERIFY2(f.ok(), json);
        QVERIFY2(f->isEmpty(), json);
    }
}

void TestDeadLetterFilter::from_json_rejects_bad_values_naming_the_field_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("field");

    struct Row
    {
        const char *name;
        const char *json;
        const char *key;
    };
    const Row rows[] = {
        {"types as string", R"({"types":"resize"})", "types"},
        {"types as object", R"({"types":{"0":"resize"}})", "types"},
        {"types as number", R"({"types":1})", "types"},
        {"types with a number", R"({"types":["resize",1]})", "types"},
        {"types with a null", R"({"types":[null]})", "types"},
        {"types with an array", R"({"types":[["resize"]]})", "types"},
        {"q as number", R"({"q":42})", "q"},
        {"q as array", R"({"q":["x"]})", "q"},
        {"error as bool", R"({"error":false})", "error"},
        {"error as object", R"({"error":{"message":"x"}})", "error"},
        {"from without zone", R"({"from":"2026-01-31T12:00:00"})", "from"},
        {"from date only", R"({"from":"2026-01-31"})", "from"},
        {"from as number", R"({"from":1769860800000})", "from"},
        {"from empty string", R"({"from":""})", "from"},
        {"to garbage", R"({"to":"later"})", "to"},
        {"to as bool", R"({"to":true})", "to"},
        {"types checked first", R"({"to":"x","q":1,"types":"x"})", "types"},
    };
    for (const Row &r : rows) {
        const QString key = QString::fromLatin1(r.key);
        QTest::addRow("%s, default prefix", r.name) << parse(r.json) << u"<default>"_s << u"filter."_s + key;
        QTest::addRow("%s, no prefix", r.name) << parse(r.json) << QString() << key;
        QTest::addRow("%s, prefix [3].filter.", r.name) << parse(r.json) << u"[3].filter."_s << u"[3].filter."_s + key;
    }
}

void TestDeadLetterFilter::from_json_rejects_bad_values_naming_the_field()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, prefix);
    QFETCH(QString, field);
    const auto f = prefix == u"<default>" ? DeadLetterFilter::fromJson(json) : DeadLetterFilter::fromJson(json, prefix);
    QVERIFY(!f.ok());
    QCOMPARE(toString(f.error().code), toString(ErrorCode::Validation));
    QCOMPARE(f.error().field, field);
    QVERIFY2(f.error().message.startsWith(field + u' '), qPrintable(f.error().message));
}

void TestDeadLetterFilter::to_json_writes_only_set_keys()
{
    QCOMPARE(DeadLetterFilter{}.toJson(), QJsonObject{});
    QCOMPARE(text(u"x"_s).toJson(), (QJsonObject{{u"q"_s, u"x"_s}}));
    const QJsonObject o = everyField().toJson();
    QCOMPARE(o.keys(), (QStringList{u"error"_s, u"from"_s, u"priorities"_s, u"q"_s, u"to"_s, u"types"_s}));
    QCOMPARE(o.value(u"priorities"_s).toArray(), (QJsonArray{u"HIGH"_s, u"LOW"_s}));
    QCOMPARE(o.value(u"types"_s).toArray(), (QJsonArray{u"resize"_s, u"mail.send"_s}));
    QCOMPARE(o.value(u"from"_s).toString(), u"2026-01-31T01:02:03.004Z"_s);
    QCOMPARE(o.value(u"to"_s).toString(), u"2026-01-31T23:59:59.999Z"_s);
    // A zone offset is written as the same instant in UTC.
    const QJsonObject offset = window(QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), QTimeZone(2 * 3600)), {}).toJson();
    QCOMPARE(offset.value(u"from"_s).toString(), u"2026-01-31T12:00:00.000Z"_s);
}

void TestDeadLetterFilter::to_json_round_trips_through_from_json_data()
{
    QTest::addColumn<DeadLetterFilter>("filter");

    QTest::newRow("empty") << DeadLetterFilter{};
    QTest::newRow("types") << types({u"resize"_s, u"mail.send"_s, u"Sleep"_s});
    QTest::newRow("priorities") << priorities({Priority::Medium});
    QTest::newRow("text with spaces") << text(u"  padded  "_s);
    QTest::newRow("error") << error(u"Timeout after 30s: Über-host unreachable"_s);
    QTest::newRow("from only") << window(utc(0, 0, 0), {});
    QTest::newRow("to only") << window({}, utc(23, 59, 59, 999));
    QTest::newRow("window with an offset")
        << window(QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), QTimeZone(2 * 3600)), utc(13, 0, 0, 1));
    QTest::newRow("every field, awkward text") << everyField();
}

void TestDeadLetterFilter::to_json_round_trips_through_from_json()
{
    QFETCH(DeadLetterFilter, filter);
    const auto direct = DeadLetterFilter::fromJson(filter.toJson());
    QVERIFY2(direct.ok(), qPrintable(direct.ok() ? QString() : direct.error().message));
    compareFilters(*direct, filter);

    const QByteArray wire = QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact);
    const auto back = DeadLetterFilter::fromJson(QJsonDocument::fromJson(wire).object(), QString());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    compareFilters(*back, filter);
    QCOMPARE(back->matches(deadTask()), filter.matches(deadTask()));
}

void TestDeadLetterFilter::add_to_query_round_trips_through_from_query_data()
{
    QTest::addColumn<DeadLetterFilter>("filter");

    QTest::newRow("empty") << DeadLetterFilter{};
    QTest::newRow("types") << types({u"resize"_s, u"mail.send"_s, u"a.b:c-d"_s});
    QTest::newRow("priorities") << priorities({Priority::Low, Priority::High});
    QTest::newRow("text, awkward") << text(u"50% off & more +plus #hash ?q=1 über 日本"_s);
    QTest::newRow("text, percent escapes stay literal") << text(u"%41%2B%%"_s);
    QTest::newRow("error, awkward") << error(u"a=b&c, d/e; f+g %20 \"quoted\""_s);
    QTest::newRow("window") << window(utc(1, 2, 3, 4), utc(23, 59, 59, 999));
    QTest::newRow("window with an offset")
        << window(QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), QTimeZone(2 * 3600)), {});
    QTest::newRow("every field") << everyField();
}

void TestDeadLetterFilter::add_to_query_round_trips_through_from_query()
{
    QFETCH(DeadLetterFilter, filter);

    QUrlQuery q;
    filter.addToQuery(q);
    QCOMPARE(q.isEmpty(), filter.isEmpty());
    const auto direct = DeadLetterFilter::fromQuery(q);
    QVERIFY2(direct.ok(), qPrintable(direct.ok() ? QString() : direct.error().message));
    compareFilters(*direct, filter);

    // Through a full URL, as BackendClient sends it and the server reads it.
    QUrl url(u"http://127.0.0.1:8080/api/v1/dlq"_s);
    url.setQuery(q);
    const QUrl received(url.toString(QUrl::FullyEncoded), QUrl::StrictMode);
    QVERIFY(received.isValid());
    const auto back = DeadLetterFilter::fromQuery(QUrlQuery(received));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    compareFilters(*back, filter);
}

void TestDeadLetterFilter::add_to_query_keeps_existing_items()
{
    QUrlQuery q(u"limit=20"_s);
    everyField().addToQuery(q);
    QCOMPARE(q.queryItemValue(u"limit"_s), u"20"_s);
    QCOMPARE(q.queryItemValue(u"type"_s), u"resize,mail.send"_s);
    const auto back = DeadLetterFilter::fromQuery(q);
    QVERIFY(back.ok());
    compareFilters(*back, everyField());
}

void TestDeadLetterFilter::order_round_trips_through_the_query()
{
    QVERIFY(DeadLetterOrder::fromQuery(QUrlQuery()).value() == DeadLetterOrder{}); // default: newest first
    QUrlQuery none;
    DeadLetterOrder{}.addToQuery(none);
    QVERIFY(none.isEmpty());
    for (auto key : {DeadLetterOrder::Key::DeadLettered, DeadLetterOrder::Key::Created, DeadLetterOrder::Key::Type,
                     DeadLetterOrder::Key::Title, DeadLetterOrder::Key::Attempts})
        for (auto order : {SortOrder::Ascending, SortOrder::Descending}) {
            const DeadLetterOrder o{key, order};
            QUrlQuery q;
            o.addToQuery(q);
            const auto back = DeadLetterOrder::fromQuery(q);
            QVERIFY(back.ok());
            QVERIFY(*back == o);
        }
    QVERIFY((DeadLetterOrder::fromQuery(QUrlQuery(u"sort=TYPE&order=ASC"_s)).value() == DeadLetterOrder{DeadLetterOrder::Key::Type, SortOrder::Ascending}));
}

void TestDeadLetterFilter::order_rejects_unknown_values_naming_the_field()
{
    const auto sort = DeadLetterOrder::fromQuery(QUrlQuery(u"sort=error"_s));
    QVERIFY(!sort.ok());
    QCOMPARE(sort.error().field, u"sort"_s);
    const auto order = DeadLetterOrder::fromQuery(QUrlQuery(u"order=up"_s));
    QVERIFY(!order.ok());
    QCOMPARE(order.error().field, u"order"_s);
    const auto priority = DeadLetterFilter::fromQuery(QUrlQuery(u"priority=URGENT"_s));
    QVERIFY(!priority.ok());
    QCOMPARE(priority.error().field, u"priorities"_s);
}

QTEST_GUILESS_MAIN(TestDeadLetterFilter)
#include "test_DeadLetterFilter.moc"

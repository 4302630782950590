// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "model/RetryPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace taskmill;

Q_DECLARE_METATYPE(taskmill::RetryPolicy)

namespace {
constexpr qint64 Week = 604'800'000;
// The largest r that generateDouble() can return: "r → 1".
const double AlmostOne = std::nextafter(1.0, 0.0);

RetryPolicy policy(RetryPolicy::Strategy s, qint64 base, qint64 max, double jitter = 0.0)
{
    RetryPolicy p;
    p.strategy = s;
    p.baseMs = base;
    p.maxMs = max;
    p.jitter = jitter;
    return p;
}

QString describe(const RetryPolicy &p)
{
    return u"%1 base=%2 max=%3 jitter=%4"_s.arg(toString(p.strategy)).arg(p.baseMs).arg(p.maxMs).arg(p.jitter);
}

QJsonObject parse(const char *json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("bad JSON in test table: %s", json);
    return doc.object();
}
} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void defaults_are_exponential_1s_to_5min_with_20pct_jitter();
    void strategy_names_are_lower_case();
    void delay_follows_the_strategy_without_jitter_data();
    void delay_follows_the_strategy_without_jitter();
    void delay_is_capped_at_max_without_overflow_data();
    void delay_is_capped_at_max_without_overflow();
    void jitter_takes_a_fraction_off_the_capped_delay_data();
    void jitter_takes_a_fraction_off_the_capped_delay();
    void random_draws_stay_within_the_jitter_bounds_data();
    void random_draws_stay_within_the_jitter_bounds();
    void attempt_zero_or_negative_counts_as_the_first_data();
    void attempt_zero_or_negative_counts_as_the_first();
    void jitter_outside_zero_to_one_is_clamped_data();
    void jitter_outside_zero_to_one_is_clamped();
    void draw_outside_zero_to_one_is_clamped();
    void to_json_writes_wire_names();
    void json_round_trips_data();
    void json_round_trips();
    void from_json_uses_defaults_for_missing_or_null_keys_data();
    void from_json_uses_defaults_for_missing_or_null_keys();
    void from_json_accepts_boundary_values_data();
    void from_json_accepts_boundary_values();
    void from_json_rejects_bad_values_naming_the_field_data();
    void from_json_rejects_bad_values_naming_the_field();
};

void TestRetryPolicy::defaults_are_exponential_1s_to_5min_with_20pct_jitter()
{
    const RetryPolicy p;
    QCOMPARE(toString(p.strategy), u"exponential"_s);
    QCOMPARE(p.baseMs, 1000);
    QCOMPARE(p.maxMs, 300'000);
    QCOMPARE(p.jitter, 0.2);
}

void TestRetryPolicy::strategy_names_are_lower_case()
{
    QCOMPARE(toString(RetryPolicy::Strategy::Constant), u"constant"_s);
    QCOMPARE(toString(RetryPolicy::Strategy::Linear), u"linear"_s);
    QCOMPARE(toString(RetryPolicy::Strategy::Exponential), u"exponential"_s);
}

void TestRetryPolicy::delay_follows_the_strategy_without_jitter_data()
{
    QTest::addColumn<RetryPolicy>("policy");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("expected");

    using S = RetryPolicy::Strategy;
    struct Table
    {
        const char *name;
        RetryPolicy p;
        qint64 expected[10];
    };
    const Table tables[] = {
        {"constant", policy(S::Constant, 1500, Week),
         {1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500, 1500}},
        {"linear", policy(S::Linear, 250, Week), {250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250, 2500}},
        {"exponential", policy(S::Exponential, 250, Week),
         {250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000}},
        // Caps reached inside the first ten attempts.
        {"constant, base equal to max", policy(S::Constant, 7000, 7000),
         {7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000}},
        {"linear, capped at 1000", policy(S::Linear, 300, 1000), {300, 600, 900, 1000, 1000, 1000, 1000, 1000, 1000, 1000}},
        {"exponential, default cap 300000", policy(S::Exponential, 1000, 300'000),
         {1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000}},
        {"exponential, cap exactly 2^4 base", policy(S::Exponential, 100, 1600),
         {100, 200, 400, 800, 1600, 1600, 1600, 1600, 1600, 1600}},
        {"exponential, base 0", policy(S::Exponential, 0, 1000), {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
        {"linear, base 0", policy(S::Linear, 0, 1000), {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    };
    for (const Table &t : tables)
        for (int n = 1; n <= 10; ++n)
            QTest::addRow("%s, attempt %d", t.name, n) << t.p << n << t.expected[n - 1];
}

void TestRetryPolicy::delay_follows_the_strategy_without_jitter()
{
    QFETCH(RetryPolicy, policy);
    QFETCH(int, attempt);
    QFETCH(qint64, expected);
    QCOMPARE(policy.delayMs(attempt, 0.0), expected);
    QCOMPARE(policy.delayMs(attempt, 0.5), expected);     // jitter 0: the draw is irrelevant
    QCOMPARE(policy.delayMs(attempt, AlmostOne), expected);
    QCOMPARE(policy.delayMs(attempt), expected);
}

void TestRetryPolicy::delay_is_capped_at_max_without_overflow_data()
{
    QTest::addColumn<RetryPolicy>("policy");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("expected");

    using S = RetryPolicy::Strategy;
    const int Max = std::numeric_limits<int>::max();
    QTest::newRow("exponential, attempt 40") << policy(S::Exponential, 1000, 300'000) << 40 << qint64(300'000);
    QTest::newRow("exponential, attempt 64") << policy(S::Exponential, 1000, 300'000) << 64 << qint64(300'000);
    QTest::newRow("exponential, attempt 1024") << policy(S::Exponential, 1000, 300'000) << 1024 << qint64(300'000);
    QTest::newRow("exponential, attempt 1025 (2^1024 is inf)") << policy(S::Exponential, 1000, 300'000) << 1025
                                                              << qint64(300'000);
    QTest::newRow("exponential, attempt 2000") << policy(S::Exponential, 1000, 300'000) << 2000 << qint64(300'000);
    QTest::newRow("exponential, attempt INT_MAX") << policy(S::Exponential, 1000, 300'000) << Max << qint64(300'000);
    QTest::newRow("exponential, week bounds, attempt 2000") << policy(S::Exponential, Week, Week) << 2000 << Week;
    QTest::newRow("exponential, base 1, max a week, attempt 40") << policy(S::Exponential, 1, Week) << 40 << Week;
    QTest::newRow("exponential, base 0, attempt 40") << policy(S::Exponential, 0, Week) << 40 << qint64(0);
    QTest::newRow("exponential, base 0, attempt 2000") << policy(S::Exponential, 0, Week) << 2000 << qint64(0);
    QTest::newRow("exponential, base 0, attempt INT_MAX") << policy(S::Exponential, 0, Week) << Max << qint64(0);
    QTest::newRow("linear, attempt 2000") << policy(S::Linear, 1000, 300'000) << 2000 << qint64(300'000);
    QTest::newRow("linear, week base, attempt INT_MAX") << policy(S::Linear, Week, Week) << Max << Week;
    QTest::newRow("constant, attempt INT_MAX") << policy(S::Constant, 1000, 300'000) << Max << qint64(1000);
    QTest::newRow("max 0") << policy(S::Exponential, 0, 0) << 2000 << qint64(0);
}

void TestRetryPolicy::delay_is_capped_at_max_without_overflow()
{
    QFETCH(RetryPolicy, policy);
    QFETCH(int, attempt);
    QFETCH(qint64, expected);
    QCOMPARE(policy.delayMs(attempt, 0.0), expected);
    QCOMPARE(policy.delayMs(attempt), expected);
    // With jitter the value only goes down, never below zero.
    RetryPolicy jittered = policy;
    jittered.jitter = 1.0;
    const qint64 low = jittered.delayMs(attempt, AlmostOne);
    QVERIFY2(low >= 0 && low <= expected, qPrintable(QString::number(low)));
    QCOMPARE(jittered.delayMs(attempt, 0.0), expected);
}

void TestRetryPolicy::jitter_takes_a_fraction_off_the_capped_delay_data()
{
    QTest::addColumn<RetryPolicy>("policy");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("r");
    QTest::addColumn<qint64>("expected");

    using S = RetryPolicy::Strategy;
    const RetryPolicy exp = policy(S::Exponential, 1000, 300'000, 0.2);
    QTest::newRow("r 0 gives the full delay") << exp << 3 << 0.0 << qint64(4000);
    QTest::newRow("r 0.5 takes half the jitter off") << exp << 3 << 0.5 << qint64(3600);
    QTest::newRow("r 0.25") << exp << 4 << 0.25 << qint64(7600);
    QTest::newRow("r -> 1 takes the full jitter off") << exp << 3 << AlmostOne << qint64(3200);
    QTest::newRow("capped, r 0") << exp << 40 << 0.0 << qint64(300'000);
    QTest::newRow("capped, r 0.5") << exp << 40 << 0.5 << qint64(270'000);
    QTest::newRow("capped, r -> 1") << exp << 40 << AlmostOne << qint64(240'000);
    QTest::newRow("jitter 1, r 0") << policy(S::Linear, 1000, Week, 1.0) << 5 << 0.0 << qint64(5000);
    QTest::newRow("jitter 1, r 0.5") << policy(S::Linear, 1000, Week, 1.0) << 5 << 0.5 << qint64(2500);
    QTest::newRow("jitter 1, r -> 1 floors to 0") << policy(S::Linear, 1000, Week, 1.0) << 5 << AlmostOne << qint64(0);
    QTest::newRow("jitter 0.5, constant, r -> 1") << policy(S::Constant, 999, Week, 0.5) << 7 << AlmostOne << qint64(499);
    QTest::newRow("fraction is floored") << policy(S::Constant, 1001, Week, 0.5) << 1 << 0.5 << qint64(750);
}

void TestRetryPolicy::jitter_takes_a_fraction_off_the_capped_delay()
{
    QFETCH(RetryPolicy, policy);
    QFETCH(int, attempt);
    QFETCH(double, r);
    QFETCH(qint64, expected);
    QCOMPARE(policy.delayMs(attempt, r), expected);
}

void TestRetryPolicy::random_draws_stay_within_the_jitter_bounds_data()
{
    QTest::addColumn<RetryPolicy>("policy");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("capped");

    using S = RetryPolicy::Strategy;
    QTest::newRow("defaults, attempt 1") << RetryPolicy{} << 1 << qint64(1000);
    QTest::newRow("defaults, attempt 5") << RetryPolicy{} << 5 << qint64(16000);
    QTest::newRow("defaults, capped") << RetryPolicy{} << 40 << qint64(300'000);
    QTest::newRow("linear, jitter 0.5") << policy(S::Linear, 333, Week, 0.5) << 7 << qint64(2331);
    QTest::newRow("constant, jitter 1") << policy(S::Constant, 10'000, Week, 1.0) << 3 << qint64(10'000);
    QTest::newRow("exponential, jitter 0.01, week cap") << policy(S::Exponential, 1000, Week, 0.01) << 2000 << Week;
    QTest::newRow("jitter 0 is exact") << policy(S::Exponential, 1000, Week, 0.0) << 4 << qint64(8000);
}

void TestRetryPolicy::random_draws_stay_within_the_jitter_bounds()
{
    QFETCH(RetryPolicy, policy);
    QFETCH(int, attempt);
    QFETCH(qint64, capped);

    const qint64 low = qint64(std::floor(double(capped) * (1.0 - policy.jitter)));
    QCOMPARE(policy.delayMs(attempt, 0.0), capped);
    QCOMPARE(policy.delayMs(attempt, AlmostOne), low);

    QSet<qint64> seen;
    for (int i = 0; i < 10'000; ++i) {
        const qint64 d = policy.delayMs(attempt);
        if (d < low || d > capped)
            QFAIL(qPrintable(u"draw %1 of %2: %3 outside [%4, %5]"_s.arg(i).arg(describe(policy)).arg(d).arg(low).arg(capped)));
        seen.insert(d);
    }
    if (policy.jitter == 0.0)
        QCOMPARE(seen.size(), 1);
    else
        QVERIFY2(seen.size() > 1, "jitter actually spreads the delays");
}

void TestRetryPolicy::attempt_zero_or_negative_counts_as_the_first_data()
{
    QTest::addColumn<RetryPolicy>("policy");
    QTest::addColumn<int>("attempt");

    using S = RetryPolicy::Strategy;
    for (const RetryPolicy &p : {policy(S::Constant, 700, Week), policy(S::Linear, 700, Week), policy(S::Exponential, 700, Week),
                                 policy(S::Exponential, 700, Week, 0.3)}) {
        for (int n : {0, -1, -2, -1000, std::numeric_limits<int>::min()})
            QTest::addRow("%s jitter %g, attempt %d", qPrintable(toString(p.strategy)), p.jitter, n) << p << n;
    }
}

void TestRetryPolicy::attempt_zero_or_negative_counts_as_the_first()
{
    QFETCH(RetryPolicy, policy);
    QFETCH(int, attempt);
    QCOMPARE(policy.delayMs(attempt, 0.0), qint64(700));
    for (double r : {0.0, 0.25, 0.5, AlmostOne})
        QCOMPARE(policy.delayMs(attempt, r), policy.delayMs(1, r));
}

void TestRetryPolicy::jitter_outside_zero_to_one_is_clamped_data()
{
    QTest::addColumn<double>("jitter");
    QTest::addColumn<double>("clampedTo");

    QTest::newRow("negative small") << -0.1 << 0.0;
    QTest::newRow("minus one") << -1.0 << 0.0;
    QTest::newRow("very negative") << -1e9 << 0.0;
    QTest::newRow("just over one") << 1.0001 << 1.0;
    QTest::newRow("two") << 2.0 << 1.0;
    QTest::newRow("huge") << 1e300 << 1.0;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 1.0;
    QTest::newRow("minus infinity") << -std::numeric_limits<double>::infinity() << 0.0;
}

void TestRetryPolicy::jitter_outside_zero_to_one_is_clamped()
{
    QFETCH(double, jitter);
    QFETCH(double, clampedTo);
    RetryPolicy p = policy(RetryPolicy::Strategy::Exponential, 1000, 300'000, jitter);
    RetryPolicy ref = p;
    ref.jitter = clampedTo;
    for (int n : {1, 3, 40}) {
        for (double r : {0.0, 0.25, 0.5, AlmostOne}) {
            const qint64 d = p.delayMs(n, r);
            QCOMPARE(d, ref.delayMs(n, r));
            QVERIFY(d >= 0);
            QVERIFY(d <= p.maxMs);
        }
        for (int i = 0; i < 1000; ++i) {
            const qint64 d = p.delayMs(n);
            QVERIFY(d >= 0 && d <= ref.delayMs(n, 0.0));
        }
    }
}

void TestRetryPolicy::draw_outside_zero_to_one_is_clamped()
{
    const RetryPolicy p = policy(RetryPolicy::Strategy::Constant, 1000, Week, 0.5);
    QCOMPARE(p.delayMs(1, -0.5), qint64(1000));
    QCOMPARE(p.delayMs(1, 1.0), qint64(500));
    QCOMPARE(p.delayMs(1, 7.0), qint64(500));
}

void TestRetryPolicy::to_json_writes_wire_names()
{
    const RetryPolicy p = policy(RetryPolicy::Strategy::Linear, 1500, 60'000, 0.25);
    const QJsonObject o = p.toJson();
    QCOMPARE(o.size(), 4);
    QCOMPARE(o.value(u"strategy"_s).toString(), u"linear"_s);
    QCOMPARE(o.value(u"base_ms"_s).toInteger(), 1500);
    QCOMPARE(o.value(u"max_ms"_s).toInteger(), 60'000);
    QCOMPARE(o.value(u"jitter"_s).toDouble(), 0.25);
    QCOMPARE(QJsonDocument(RetryPolicy{}.toJson()).toJson(QJsonDocument::Compact),
             QByteArray(R"({"base_ms":1000,"jitter":0.2,"max_ms":300000,"strategy":"exponential"})"));
}

void TestRetryPolicy::json_round_trips_data()
{
    QTest::addColumn<RetryPolicy>("policy");

    using S = RetryPolicy::Strategy;
    QTest::newRow("defaults") << RetryPolicy{};
    QTest::newRow("constant") << policy(S::Constant, 5000, 5000, 0.0);
    QTest::newRow("linear") << policy(S::Linear, 1500, 60'000, 0.25);
    QTest::newRow("exponential, full jitter") << policy(S::Exponential, 1, Week, 1.0);
    QTest::newRow("zeros") << policy(S::Exponential, 0, 0, 0.0);
    QTest::newRow("week bounds") << policy(S::Linear, Week, Week, 0.5);
    QTest::newRow("awkward jitter") << policy(S::Exponential, 123, 456'789, 0.1 + 0.2);
}

void TestRetryPolicy::json_round_trips()
{
    QFETCH(RetryPolicy, policy);
    const auto direct = RetryPolicy::fromJson(policy.toJson());
    QVERIFY2(direct.ok(), qPrintable(direct.ok() ? QString() : direct.error().message));
    QVERIFY(*direct == policy);

    // Through serialized text, as it travels on the wire.
    const QByteArray text = QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact);
    const auto back = RetryPolicy::fromJson(QJsonDocument::fromJson(text).object(), u"[7]."_s);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(toString(back->strategy), toString(policy.strategy));
    QCOMPARE(back->baseMs, policy.baseMs);
    QCOMPARE(back->maxMs, policy.maxMs);
    QCOMPARE(back->jitter, policy.jitter);
    QVERIFY(*back == policy);
}

void TestRetryPolicy::from_json_uses_defaults_for_missing_or_null_keys_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<RetryPolicy>("expected");

    using S = RetryPolicy::Strategy;
    QTest::newRow("empty object") << QJsonObject{} << RetryPolicy{};
    QTest::newRow("all null") << parse(R"({"strategy":null,"base_ms":null,"max_ms":null,"jitter":null})") << RetryPolicy{};
    QTest::newRow("only strategy") << parse(R"({"strategy":"constant"})") << policy(S::Constant, 1000, 300'000, 0.2);
    QTest::newRow("strategy in any case") << parse(R"({"strategy":"LiNeAr"})") << policy(S::Linear, 1000, 300'000, 0.2);
    QTest::newRow("only jitter") << parse(R"({"jitter":0})") << policy(S::Exponential, 1000, 300'000, 0.0);
    QTest::newRow("only base, below default max") << parse(R"({"base_ms":250})") << policy(S::Exponential, 250, 300'000, 0.2);
    QTest::newRow("only max, above default base") << parse(R"({"max_ms":5000})") << policy(S::Exponential, 1000, 5000, 0.2);
    QTest::newRow("unknown keys ignored") << parse(R"({"retries":5,"strategy":"linear"})")
                                          << policy(S::Linear, 1000, 300'000, 0.2);
    QTest::newRow("integral double accepted") << parse(R"({"base_ms":2000.0,"max_ms":4e3})")
                                              << policy(S::Exponential, 2000, 4000, 0.2);
}

void TestRetryPolicy::from_json_uses_defaults_for_missing_or_null_keys()
{
    QFETCH(QJsonObject, json);
    QFETCH(RetryPolicy, expected);
    const auto p = RetryPolicy::fromJson(json);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    QCOMPARE(describe(*p), describe(expected));
    QVERIFY(*p == expected);
}

void TestRetryPolicy::from_json_accepts_boundary_values_data()
{
    QTest::addColumn<QJsonObject>("json");

    QTest::newRow("base 0") << parse(R"({"base_ms":0})");
    QTest::newRow("base and max 0") << parse(R"({"base_ms":0,"max_ms":0})");
    QTest::newRow("max one week") << parse(R"({"max_ms":604800000})");
    QTest::newRow("base and max one week") << parse(R"({"base_ms":604800000,"max_ms":604800000})");
    QTest::newRow("base equal to max") << parse(R"({"base_ms":5000,"max_ms":5000})");
    QTest::newRow("jitter 0") << parse(R"({"jitter":0})");
    QTest::newRow("jitter 1") << parse(R"({"jitter":1})");
    QTest::newRow("jitter 1.0") << parse(R"({"jitter":1.0})");
}

void TestRetryPolicy::from_json_accepts_boundary_values()
{
    QFETCH(QJsonObject, json);
    const auto p = RetryPolicy::fromJson(json);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    for (const QString &key : json.keys()) {
        if (key == u"jitter")
            QCOMPARE(p->jitter, json.value(key).toDouble());
        else if (key == u"base_ms")
            QCOMPARE(p->baseMs, json.value(key).toInteger());
        else if (key == u"max_ms")
            QCOMPARE(p->maxMs, json.value(key).toInteger());
    }
}

void TestRetryPolicy::from_json_rejects_bad_values_naming_the_field_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("field");

    struct Row
    {
        const char *name;
        const char *json;
        const char *field;
    };
    const Row rows[] = {
        {"unknown strategy", R"({"strategy":"fibonacci"})", "retry_policy.strategy"},
        {"empty strategy", R"({"strategy":""})", "retry_policy.strategy"},
        {"strategy with spaces", R"({"strategy":" linear "})", "retry_policy.strategy"},
        {"strategy as number", R"({"strategy":2})", "retry_policy.strategy"},
        {"strategy as bool", R"({"strategy":true})", "retry_policy.strategy"},
        {"strategy as array", R"({"strategy":["linear"]})", "retry_policy.strategy"},
        {"strategy as object", R"({"strategy":{"name":"linear"}})", "retry_policy.strategy"},
        {"strategy wins over bad numbers", R"({"strategy":"x","base_ms":-1})", "retry_policy.strategy"},

        {"base as string", R"({"base_ms":"1000"})", "retry_policy.base_ms"},
        {"base as bool", R"({"base_ms":true})", "retry_policy.base_ms"},
        {"base as array", R"({"base_ms":[1000]})", "retry_policy.base_ms"},
        {"base as object", R"({"base_ms":{}})", "retry_policy.base_ms"},
        {"base negative", R"({"base_ms":-1})", "retry_policy.base_ms"},
        {"base negative fraction", R"({"base_ms":-0.5})", "retry_policy.base_ms"},
        {"base non-integer", R"({"base_ms":1.5})", "retry_policy.base_ms"},
        {"base tiny fraction", R"({"base_ms":1000.001})", "retry_policy.base_ms"},
        {"base over a week", R"({"base_ms":604800001,"max_ms":604800000})", "retry_policy.base_ms"},
        {"base huge", R"({"base_ms":1e300})", "retry_policy.base_ms"},
        {"base wins over max", R"({"base_ms":-1,"max_ms":-1})", "retry_policy.base_ms"},

        {"max as string", R"({"max_ms":"300000"})", "retry_policy.max_ms"},
        {"max as bool", R"({"max_ms":false})", "retry_policy.max_ms"},
        {"max negative", R"({"max_ms":-1})", "retry_policy.max_ms"},
        {"max non-integer", R"({"max_ms":300000.5})", "retry_policy.max_ms"},
        {"max over a week", R"({"max_ms":604800001})", "retry_policy.max_ms"},
        {"max far over a week", R"({"max_ms":9223372036854775807})", "retry_policy.max_ms"},
        {"max below base", R"({"base_ms":2000,"max_ms":1999})", "retry_policy.max_ms"},
        {"max below default base", R"({"max_ms":999})", "retry_policy.max_ms"},
        {"max 0 below base 1", R"({"base_ms":1,"max_ms":0})", "retry_policy.max_ms"},

        {"jitter as string", R"({"jitter":"0.2"})", "retry_policy.jitter"},
        {"jitter as bool", R"({"jitter":true})", "retry_policy.jitter"},
        {"jitter as array", R"({"jitter":[0.2]})", "retry_policy.jitter"},
        {"jitter negative", R"({"jitter":-0.1})", "retry_policy.jitter"},
        {"jitter negative tiny", R"({"jitter":-1e-9})", "retry_policy.jitter"},
        {"jitter over one", R"({"jitter":1.0001})", "retry_policy.jitter"},
        {"jitter as percent", R"({"jitter":20})", "retry_policy.jitter"},
    };
    for (const Row &r : rows) {
        QTest::addRow("%s", r.name) << parse(r.json) << QString() << QString::fromLatin1(r.field);
        QTest::addRow("%s, prefix [3].", r.name) << parse(r.json) << u"[3]."_s << u"[3]."_s + QString::fromLatin1(r.field);
        QTest::addRow("%s, prefix tasks[12].", r.name)
            << parse(r.json) << u"tasks[12]."_s << u"tasks[12]."_s + QString::fromLatin1(r.field);
    }
}

void TestRetryPolicy::from_json_rejects_bad_values_naming_the_field()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, prefix);
    QFETCH(QString, field);
    const auto p = prefix.isNull() ? RetryPolicy::fromJson(json) : RetryPolicy::fromJson(json, prefix);
    QVERIFY(!p.ok());
    QCOMPARE(toString(p.error().code), toString(ErrorCode::Validation));
    QCOMPARE(p.error().field, field);
    QVERIFY2(p.error().message.startsWith(field), qPrintable(p.error().message));
    QVERIFY(p.error().message.size() > field.size());
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "test_RetryPolicy.moc"

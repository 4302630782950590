// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/TaskFilter.h"
#include "codec/TaskJson.h"
#include "wire/QueryParams.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace taskmill;

Q_DECLARE_METATYPE(taskmill::TaskFilter)
Q_DECLARE_METATYPE(taskmill::TaskListQuery)

namespace {
QDateTime utc(int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(2026, 1, 31), QTime(h, mi, s, ms), QTimeZone::utc());
}

Task sampleTask()
{
    Task t;
    t.id = QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    t.type = u"resize"_s;
    t.title = u"Resize Avatars"_s;
    t.description = u"Nightly batch for the Über-team"_s;
    t.priority = Priority::High;
    t.status = Status::Pending;
    t.createdAt = utc(12, 0, 0);
    return t;
}

TaskFilter statuses(std::initializer_list<Status> s)
{
    TaskFilter f;
    f.statuses = QSet<Status>(s);
    return f;
}
TaskFilter priorities(std::initializer_list<Priority> p)
{
    TaskFilter f;
    f.priorities = QSet<Priority>(p);
    return f;
}
TaskFilter types(const QStringList &t)
{
    TaskFilter f;
    f.types = t;
    return f;
}
TaskFilter text(const QString &q)
{
    TaskFilter f;
    f.text = q;
    return f;
}
TaskFilter created(const QDateTime &from, const QDateTime &to)
{
    TaskFilter f;
    f.createdFrom = from;
    f.createdTo = to;
    return f;
}

QUrlQuery query(const QString &encoded)
{
    return QUrlQuery(encoded);
}
} // namespace

class TestTaskFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_applies_each_rule_data();
    void matches_applies_each_rule();
    void matches_requires_every_rule();
    void is_empty_only_without_any_rule();
    void from_query_parses_every_key_data();
    void from_query_parses_every_key();
    void from_query_rejects_bad_values_naming_the_key_data();
    void from_query_rejects_bad_values_naming_the_key();
    void list_query_defaults_without_keys();
    void list_query_accepts_paging_bounds_data();
    void list_query_accepts_paging_bounds();
    void to_query_writes_sorted_canonical_keys();
    void to_query_round_trips_through_from_query_data();
    void to_query_round_trips_through_from_query();
    void text_matches_the_payload_as_jsonb_prints_it();
    void payload_numbers_print_as_jsonb_prints_them_data();
    void payload_numbers_print_as_jsonb_prints_them();
    void text_case_is_lowered_per_code_point_like_ilike_data();
    void text_case_is_lowered_per_code_point_like_ilike();
    void events_match_on_the_keys_they_carry_data();
    void events_match_on_the_keys_they_carry();
    void subscription_reads_the_websocket_keys();
    void subscription_refuses_task_only_keys_and_bad_values_data();
    void subscription_refuses_task_only_keys_and_bad_values();
    void sort_and_order_round_trip_and_reject_unknown_values();
    void cursor_round_trips_and_rejects_junk();
    void non_characters_are_found_in_and_beyond_the_bmp();
};

void TestTaskFilter::matches_applies_each_rule_data()
{
    QTest::addColumn<TaskFilter>("filter");
    QTest::addColumn<bool>("expected");

    // sampleTask(): PENDING, HIGH, type "resize", title "Resize Avatars", created 12:00:00.000Z.
    QTest::newRow("empty filter") << TaskFilter{} << true;

    QTest::newRow("status in set of one") << statuses({Status::Pending}) << true;
    QTest::newRow("status in larger set") << statuses({Status::New, Status::Pending, Status::Failed}) << true;
    QTest::newRow("status not in set") << statuses({Status::New, Status::InProgress}) << false;
    QTest::newRow("status terminal only") << statuses({Status::Completed, Status::Failed, Status::Cancelled}) << false;

    QTest::newRow("priority in set") << priorities({Priority::High}) << true;
    QTest::newRow("priority in set of two") << priorities({Priority::Low, Priority::High}) << true;
    QTest::newRow("priority not in set") << priorities({Priority::Low, Priority::Medium}) << false;

    QTest::newRow("type in set") << types({u"noop"_s, u"resize"_s}) << true;
    QTest::newRow("type not in set") << types({u"noop"_s, u"sleep"_s}) << false;
    QTest::newRow("type is case-sensitive (SQL type = ANY)") << types({u"Resize"_s}) << false;
    QTest::newRow("type is not a substring match") << types({u"res"_s}) << false;

    QTest::newRow("text in title, same case") << text(u"Avatars"_s) << true;
    QTest::newRow("text in title, other case") << text(u"rESIZE av"_s) << true;
    QTest::newRow("text in description only") << text(u"nightly BATCH"_s) << true;
    QTest::newRow("text non-ASCII, other case") << text(u"über"_s) << true;
    QTest::newRow("text in neither") << text(u"thumbnail"_s) << false;
    QTest::newRow("text spanning title and description") << text(u"Avatars Nightly"_s) << false;
    QTest::newRow("text wildcards are literal") << text(u"Resize%"_s) << false;
    QTest::newRow("text does not match the type") << text(u"resize avatars batch"_s) << false;

    QTest::newRow("from equal to created_at (inclusive)") << created(utc(12, 0, 0), {}) << true;
    QTest::newRow("from 1 ms after created_at") << created(utc(12, 0, 0, 1), {}) << false;
    QTest::newRow("from 1 ms before created_at") << created(utc(11, 59, 59, 999), {}) << true;
    QTest::newRow("to equal to created_at (exclusive)") << created({}, utc(12, 0, 0)) << false;
    QTest::newRow("to 1 ms after created_at") << created({}, utc(12, 0, 0, 1)) << true;
    QTest::newRow("to 1 ms before created_at") << created({}, utc(11, 59, 59, 999)) << false;
    QTest::newRow("window containing created_at") << created(utc(11, 0, 0), utc(13, 0, 0)) << true;
    QTest::newRow("window of exactly that ms") << created(utc(12, 0, 0), utc(12, 0, 0, 1)) << true;
    QTest::newRow("empty window at created_at") << created(utc(12, 0, 0), utc(12, 0, 0)) << false;
    const QTimeZone plusTwo(2 * 3600);
    QTest::newRow("from given with an offset, same instant")
        << created(QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), plusTwo), {}) << true;
    QTest::newRow("to given with an offset, same instant")
        << created({}, QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), plusTwo)) << false;
}

void TestTaskFilter::matches_applies_each_rule()
{
    QFETCH(TaskFilter, filter);
    QFETCH(bool, expected);
    QCOMPARE(filter.matches(sampleTask()), expected);
}

void TestTaskFilter::matches_requires_every_rule()
{
    TaskFilter f;
    f.statuses = {Status::Pending};
    f.priorities = {Priority::High};
    f.types = {u"resize"_s};
    f.text = u"avatars"_s;
    f.createdFrom = utc(11, 0, 0);
    f.createdTo = utc(13, 0, 0);
    QVERIFY(f.matches(sampleTask()));

    auto failsWith = [&](auto change) {
        Task t = sampleTask();
        change(t);
        return !f.matches(t);
    };
    QVERIFY(failsWith([](Task &t) { t.status = Status::Completed; }));
    QVERIFY(failsWith([](Task &t) { t.priority = Priority::Low; }));
    QVERIFY(failsWith([](Task &t) { t.type = u"noop"_s; }));
    QVERIFY(failsWith([](Task &t) { t.title = u"Crop"_s; }));
    QVERIFY(failsWith([](Task &t) { t.createdAt = utc(10, 59, 59, 999); }));
    QVERIFY(failsWith([](Task &t) { t.createdAt = utc(13, 0, 0); }));
}

void TestTaskFilter::is_empty_only_without_any_rule()
{
    QVERIFY(TaskFilter{}.isEmpty());
    QVERIFY(!statuses({Status::New}).isEmpty());
    QVERIFY(!priorities({Priority::Low}).isEmpty());
    QVERIFY(!types({u"noop"_s}).isEmpty());
    QVERIFY(!text(u"x"_s).isEmpty());
    QVERIFY(!created(utc(1, 0, 0), {}).isEmpty());
    QVERIFY(!created({}, utc(1, 0, 0)).isEmpty());
}

void TestTaskFilter::from_query_parses_every_key_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<TaskFilter>("expected");

    QTest::newRow("nothing") << QString() << TaskFilter{};
    QTest::newRow("empty values") << u"status=&priority=&type=&q=&created_from=&created_to="_s << TaskFilter{};
    QTest::newRow("one status") << u"status=PENDING"_s << statuses({Status::Pending});
    QTest::newRow("statuses, any case, spaces, empty parts")
        << u"status=pending,%20Completed%20,,retry_waiting"_s
        << statuses({Status::Pending, Status::Completed, Status::RetryWaiting});
    QTest::newRow("priorities") << u"priority=high,Low"_s << priorities({Priority::High, Priority::Low});
    QTest::newRow("types keep their case") << u"type=noop,Sleep,a.b:c-d"_s
                                           << types({u"noop"_s, u"Sleep"_s, u"a.b:c-d"_s});
    QTest::newRow("text is decoded and trimmed") << u"q=%2050%25%20off%26more%20"_s << text(u"50% off&more"_s);
    QTest::newRow("text keeps a plus sign") << u"q=a%2Bb"_s << text(u"a+b"_s);
    QTest::newRow("text non-ASCII") << u"q=%C3%BCber"_s << text(u"über"_s);
    QTest::newRow("text outside the BMP") << u"q=%F0%9F%98%80"_s << text(u"\U0001F600"_s);
    QTest::newRow("created window, Z") << u"created_from=2026-01-31T11:00:00Z&created_to=2026-01-31T13:00:00.500Z"_s
                                       << created(utc(11, 0, 0), utc(13, 0, 0, 500));
    QTest::newRow("created_from with an offset") << u"created_from=2026-01-31T14:00:00%2B02:00"_s
                                                 << created(utc(12, 0, 0), {});
}

void TestTaskFilter::from_query_parses_every_key()
{
    QFETCH(QString, encoded);
    QFETCH(TaskFilter, expected);
    const auto f = TaskFilter::fromQuery(query(encoded));
    QVERIFY2(f.ok(), qPrintable(f.ok() ? QString() : f.error().message));
    QCOMPARE(f->statuses, expected.statuses);
    QCOMPARE(f->priorities, expected.priorities);
    QCOMPARE(f->types, expected.types);
    QCOMPARE(f->text, expected.text);
    QCOMPARE(f->createdFrom, expected.createdFrom);
    QCOMPARE(f->createdTo, expected.createdTo);
    QVERIFY(*f == expected);
}

void TestTaskFilter::from_query_rejects_bad_values_naming_the_key_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QString>("field");

    QTest::newRow("unknown status") << u"status=PENDING,DONE"_s << u"status"_s;
    QTest::newRow("status by number") << u"status=1"_s << u"status"_s;
    QTest::newRow("unknown priority") << u"priority=URGENT"_s << u"priority"_s;
    QTest::newRow("created_from without zone") << u"created_from=2026-01-31T12:00:00"_s << u"created_from"_s;
    QTest::newRow("created_from date only") << u"created_from=2026-01-31"_s << u"created_from"_s;
    QTest::newRow("created_to garbage") << u"created_to=yesterday"_s << u"created_to"_s;
    QTest::newRow("skip negative") << u"skip=-1"_s << u"skip"_s;
    QTest::newRow("skip not a number") << u"skip=ten"_s << u"skip"_s;
    QTest::newRow("skip fraction") << u"skip=1.5"_s << u"skip"_s;
    QTest::newRow("skip too large") << u"skip=100000001"_s << u"skip"_s;
    QTest::newRow("limit zero") << u"limit=0"_s << u"limit"_s;
    QTest::newRow("limit over maximum") << u"limit=1001"_s << u"limit"_s;
    QTest::newRow("limit not a number") << u"limit=all"_s << u"limit"_s;
    QTest::newRow("limit overflows int") << u"limit=99999999999"_s << u"limit"_s;
    QTest::newRow("after not a UUID") << u"after=42"_s << u"after"_s;
    QTest::newRow("after truncated UUID") << u"after=0b6f1c8e-5f3a-4c3e-9d55"_s << u"after"_s;
    QTest::newRow("filter error wins over paging") << u"status=DONE&limit=0"_s << u"status"_s;
}

void TestTaskFilter::from_query_rejects_bad_values_naming_the_key()
{
    QFETCH(QString, encoded);
    QFETCH(QString, field);
    const auto r = TaskListQuery::fromQuery(query(encoded));
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), toString(ErrorCode::Validation));
    QCOMPARE(r.error().field, field);
    QVERIFY2(!r.error().message.isEmpty(), "an error explains itself");
    if (field == u"status" || field == u"priority" || field == u"created_to" || field == u"created_from") {
        const auto f = TaskFilter::fromQuery(query(encoded));
        QVERIFY(!f.ok());
        QCOMPARE(f.error().field, field);
    }
}

void TestTaskFilter::list_query_defaults_without_keys()
{
    const auto q = TaskListQuery::fromQuery(QUrlQuery());
    QVERIFY(q.ok());
    QVERIFY(q->filter.isEmpty());
    QCOMPARE(q->skip, 0);
    QCOMPARE(q->limit, TaskListQuery::DefaultLimit);
    QCOMPARE(q->limit, 50);
    QVERIFY(q->after.isNull());
}

void TestTaskFilter::list_query_accepts_paging_bounds_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<int>("skip");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QUuid>("after");

    QTest::newRow("limit 1") << u"limit=1"_s << 0 << 1 << QUuid();
    QTest::newRow("limit 1000") << u"limit=1000"_s << 0 << 1000 << QUuid();
    QTest::newRow("skip 0") << u"skip=0"_s << 0 << 50 << QUuid();
    QTest::newRow("skip 100000000") << u"skip=100000000"_s << 100'000'000 << 50 << QUuid();
    QTest::newRow("after without braces") << u"after=0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10&limit=20"_s << 0 << 20
                                          << QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    QTest::newRow("after with braces") << u"after=%7B0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10%7D"_s << 0 << 50
                                       << QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
}

void TestTaskFilter::list_query_accepts_paging_bounds()
{
    QFETCH(QString, encoded);
    QFETCH(int, skip);
    QFETCH(int, limit);
    QFETCH(QUuid, after);
    const auto q = TaskListQuery::fromQuery(query(encoded));
    QVERIFY2(q.ok(), qPrintable(q.ok() ? QString() : q.error().message));
    QCOMPARE(q->skip, skip);
    QCOMPARE(q->limit, limit);
    QCOMPARE(q->after, after);
}

void TestTaskFilter::to_query_writes_sorted_canonical_keys()
{
    TaskListQuery q;
    q.filter.statuses = {Status::Pending, Status::Completed, Status::New};
    q.filter.priorities = {Priority::Low, Priority::High};
    q.filter.createdFrom = QDateTime(QDate(2026, 1, 31), QTime(14, 0, 0), QTimeZone(2 * 3600));
    QCOMPARE(q.toQuery().toString(QUrl::FullyEncoded),
             u"status=COMPLETED,NEW,PENDING&priority=HIGH,LOW&created_from=2026-01-31T12:00:00.000Z&limit=50"_s);
    QCOMPARE(TaskListQuery{}.toQuery().toString(QUrl::FullyEncoded), u"limit=50"_s);
}

void TestTaskFilter::to_query_round_trips_through_from_query_data()
{
    QTest::addColumn<TaskListQuery>("lq");

    QTest::newRow("defaults") << TaskListQuery{};
    TaskListQuery q;
    q.filter.statuses = {Status::New, Status::InProgress, Status::RetryWaiting, Status::Postponed};
    q.filter.priorities = {Priority::Medium};
    q.filter.types = {u"sleep"_s, u"mail.send"_s};
    q.filter.text = u"50% off & more +plus #hash ?q=1 über 日本"_s;
    q.filter.createdFrom = utc(1, 2, 3, 4);
    q.filter.createdTo = utc(23, 59, 59, 999);
    q.skip = 300;
    q.limit = 1000;
    QTest::newRow("every field, awkward text") << q;
    q.skip = 0;
    q.limit = 1;
    q.after = QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    QTest::newRow("keyset cursor") << q;
    TaskListQuery all;
    for (Status s : allStatuses())
        all.filter.statuses.insert(s);
    for (Priority p : allPriorities())
        all.filter.priorities.insert(p);
    QTest::newRow("every status and priority") << all;
}

void TestTaskFilter::to_query_round_trips_through_from_query()
{
    QFETCH(TaskListQuery, lq);
    // Through a full URL, as BackendClient sends it and the server reads it.
    QUrl url(u"http://127.0.0.1:8080/api/v1/tasks"_s);
    url.setQuery(lq.toQuery());
    const QUrl received(url.toString(QUrl::FullyEncoded), QUrl::StrictMode);
    QVERIFY(received.isValid());
    const auto back = TaskListQuery::fromQuery(QUrlQuery(received));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->filter.statuses, lq.filter.statuses);
    QCOMPARE(back->filter.priorities, lq.filter.priorities);
    QCOMPARE(back->filter.types, lq.filter.types);
    QCOMPARE(back->filter.text, lq.filter.text);
    QCOMPARE(back->filter.createdFrom, lq.filter.createdFrom);
    QCOMPARE(back->filter.createdTo, lq.filter.createdTo);
    QVERIFY(back->filter == lq.filter);
    QCOMPARE(back->skip, lq.skip);
    QCOMPARE(back->limit, lq.limit);
    QCOMPARE(back->after, lq.after);
}

// Query strings cannot carry them (QUrl decodes a non-character to U+FFFD), JSON bodies and subscriptions can.
void TestTaskFilter::non_characters_are_found_in_and_beyond_the_bmp()
{
    QVERIFY(!hasNonCharacter(u"plain über text"_s));
    QVERIFY(!hasNonCharacter(u"\U0001F600 emoji"_s));
    QVERIFY(hasNonCharacter(u"a\uFFFEb"_s));
    QVERIFY(hasNonCharacter(u"a\uFDD0b"_s));
    // Beyond the BMP as surrogate pairs: the pair is read high then low (an unsequenced read once read the low
    // surrogate twice, and these passed).
    QVERIFY(hasNonCharacter(u"a\U0001FFFEb"_s));
    QVERIFY(hasNonCharacter(u"\U0010FFFF"_s));
    QVERIFY(!hasNonCharacter(u"\U0001FFFD"_s));
    QVERIFY(!hasNonCharacter(QString(QChar(0xD83D)))); // a lone high surrogate is not a non-character
}

QTEST_GUILESS_MAIN(TestTaskFilter)
#include "test_TaskFilter.moc"

void TestTaskFilter::text_matches_the_payload_as_jsonb_prints_it()
{
    Task t = sampleTask();
    t.payload = QJsonObject{{u"customer_id"_s, 184831}, {u"to"_s, u"Ann@Example.com"_s},
                            {u"items"_s, QJsonArray{QJsonObject{{u"qty"_s, 2}}}}};
    // jsonb: shorter keys first, ", " and ": " separators.
    QCOMPARE(payloadSearchText(t.payload), u"{\"to\": \"Ann@Example.com\", \"items\": [{\"qty\": 2}], \"customer_id\": 184831}"_s);
    QVERIFY(text(u"ann@example"_s).matches(t));
    QVERIFY(text(u"\"customer_id\": 184831"_s).matches(t));
    QVERIFY(!text(u"\"customer_id\":184831"_s).matches(t)); // not the compact form
    QVERIFY(!text(u"zebra"_s).matches(t));
    QCOMPARE(payloadSearchText(QJsonObject{{u"s"_s, u"a\"b\n"_s}}), u"{\"s\": \"a\\\"b\\n\"}"_s);
}

void TestTaskFilter::payload_numbers_print_as_jsonb_prints_them_data()
{
    // What PostgreSQL's numeric prints for the text Qt JSON wrote: plain notation, the shortest digits.
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("printed");
    QTest::newRow("integer") << QJsonValue(42) << u"42"_s;
    QTest::newRow("negative integer") << QJsonValue(-17550) << u"-17550"_s;
    QTest::newRow("integer past 2^53 stays exact") << QJsonValue(qint64(9007199254740993LL)) << u"9007199254740993"_s;
    QTest::newRow("integral double") << QJsonValue(2.0) << u"2"_s;
    QTest::newRow("fraction") << QJsonValue(0.1) << u"0.1"_s;
    QTest::newRow("negative fraction") << QJsonValue(-3.25) << u"-3.25"_s;
    QTest::newRow("17 digits") << QJsonValue(0.30000000000000004) << u"0.30000000000000004"_s;
    QTest::newRow("small: no exponent") << QJsonValue(1.5e-7) << u"0.00000015"_s;
    QTest::newRow("large: no exponent") << QJsonValue(1e20) << u"100000000000000000000"_s;
    QTest::newRow("large, beyond qint64") << QJsonValue(1.2345678901234567e19) << u"12345678901234567000"_s;
    QTest::newRow("negative zero") << QJsonValue(-0.0) << u"0"_s;
}

void TestTaskFilter::payload_numbers_print_as_jsonb_prints_them()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, printed);
    QCOMPARE(payloadSearchText(QJsonObject{{u"n"_s, value}}), u"{\"n\": "_s + printed + u'}');
    // The payload as the app reads it back from the API's JSON prints the same.
    const QByteArray wire = QJsonDocument(QJsonObject{{u"n"_s, value}}).toJson(QJsonDocument::Compact);
    QCOMPARE(payloadSearchText(QJsonDocument::fromJson(wire).object()), u"{\"n\": "_s + printed + u'}');
}

void TestTaskFilter::text_case_is_lowered_per_code_point_like_ilike_data()
{
    // PostgreSQL's ILIKE lowers text and pattern character by character (UnicodeData.txt's simple
    // lowercase mapping); it does not case-fold. test_TaskFilterSql checks every code point against it.
    QTest::addColumn<QString>("haystack");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("expected");
    QTest::newRow("Cyrillic") << u"ЁЛКА"_s << u"ёлка"_s << true;
    QTest::newRow("capital sharp s lowers to ß") << u"STRAẞE"_s << u"straße"_s << true;
    QTest::newRow("ß is not SS") << u"Straße"_s << u"STRASSE"_s << false;
    QTest::newRow("dotted capital I lowers to i") << u"İstanbul"_s << u"istanbul"_s << true;
    QTest::newRow("dotless i is not i") << u"ısı"_s << u"isi"_s << false;
    QTest::newRow("final sigma is not sigma") << u"λόγος"_s << u"λόγοσ"_s << false;
    QTest::newRow("capital sigma lowers to sigma") << u"ΛΌΓΟΣ"_s << u"λόγοσ"_s << true;
    QTest::newRow("micro sign is not mu") << u"5 µs"_s << u"5 μs"_s << false;
    QTest::newRow("long s is not s") << u"ſun"_s << u"sun"_s << false;
    QTest::newRow("Kelvin sign lowers to k") << u"5 \u212A"_s << u"5 k"_s << true;
    QTest::newRow("outside the BMP") << u"𐐀𐐁"_s << u"𐐨𐐩"_s << true;
}

void TestTaskFilter::text_case_is_lowered_per_code_point_like_ilike()
{
    QFETCH(QString, haystack);
    QFETCH(QString, needle);
    QFETCH(bool, expected);
    Task t = sampleTask();
    t.title = haystack;
    QCOMPARE(text(needle).matches(t), expected);
    QCOMPARE(searchLower(haystack).contains(searchLower(needle)), expected);
}

void TestTaskFilter::events_match_on_the_keys_they_carry_data()
{
    QTest::addColumn<TaskFilter>("filter");
    QTest::addColumn<bool>("expected");
    // The event: COMPLETED, HIGH, type "resize", task sampleTask().id.
    QTest::newRow("empty filter") << TaskFilter{} << true;
    QTest::newRow("status is the event's new status") << statuses({Status::Completed}) << true;
    QTest::newRow("the previous status does not count") << statuses({Status::InProgress}) << false;
    QTest::newRow("priority") << priorities({Priority::High}) << true;
    QTest::newRow("other priority") << priorities({Priority::Low}) << false;
    QTest::newRow("type") << types({u"resize"_s}) << true;
    QTest::newRow("other type") << types({u"noop"_s}) << false;
    TaskFilter id;
    id.ids = {sampleTask().id};
    QTest::newRow("task id") << id << true;
    id.ids = {QUuid::createUuid()};
    QTest::newRow("other task id") << id << false;
    // Keys an event cannot be judged on: never a match (the hub refuses such subscriptions).
    QTest::newRow("text, even one in the title") << text(u"Resize"_s) << false;
    QTest::newRow("created bounds") << created(utc(0, 0, 0), {}) << false;
}

void TestTaskFilter::events_match_on_the_keys_they_carry()
{
    QFETCH(TaskFilter, filter);
    QFETCH(bool, expected);
    TaskEvent e;
    e.kind = TaskEvent::Kind::Completed;
    e.taskId = sampleTask().id;
    e.from = Status::InProgress;
    e.status = Status::Completed;
    e.priority = Priority::High;
    e.type = u"resize"_s;
    e.title = u"Resize Avatars"_s;
    QCOMPARE(filter.matchesEvent(e), expected);
}

void TestTaskFilter::subscription_reads_the_websocket_keys()
{
    const QUuid id = sampleTask().id;
    const auto f = TaskFilter::fromSubscription(QJsonObject{
        {u"type"_s, u"subscribe"_s},
        {u"types"_s, QJsonArray{u"resize"_s, u"noop"_s}},
        {u"priorities"_s, QJsonArray{u"high"_s}},
        {u"statuses"_s, QJsonArray{u"COMPLETED"_s, u"failed"_s}},
        {u"task_ids"_s, QJsonArray{id.toString(QUuid::WithoutBraces)}}});
    QVERIFY(f);
    TaskFilter expected;
    expected.types = {u"resize"_s, u"noop"_s};
    expected.priorities = {Priority::High};
    expected.statuses = {Status::Completed, Status::Failed};
    expected.ids = {id};
    QCOMPARE(*f, expected);
    // Every key is optional; the app's bare subscription is the empty filter.
    const auto all = TaskFilter::fromSubscription(QJsonObject{{u"type"_s, u"subscribe"_s}});
    QVERIFY(all && all->isEmpty());
    QVERIFY(TaskFilter::fromSubscription(QJsonObject{{u"statuses"_s, QJsonArray{}}, {u"types"_s, QJsonValue()}})->isEmpty());
}

void TestTaskFilter::subscription_refuses_task_only_keys_and_bad_values_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<QString>("field");
    QTest::newRow("q") << QJsonObject{{u"q"_s, u"avatars"_s}} << u"q"_s;
    QTest::newRow("created_from") << QJsonObject{{u"created_from"_s, u"2026-01-31T00:00:00Z"_s}} << u"created_from"_s;
    QTest::newRow("created_to") << QJsonObject{{u"created_to"_s, u"2026-01-31T00:00:00Z"_s}} << u"created_to"_s;
    QTest::newRow("unknown status") << QJsonObject{{u"statuses"_s, QJsonArray{u"DONE"_s}}} << u"statuses"_s;
    QTest::newRow("unknown priority") << QJsonObject{{u"priorities"_s, QJsonArray{u"URGENT"_s}}} << u"priorities"_s;
    QTest::newRow("task id not a UUID") << QJsonObject{{u"task_ids"_s, QJsonArray{u"42"_s}}} << u"task_ids"_s;
    QTest::newRow("a string, not a list") << QJsonObject{{u"statuses"_s, u"COMPLETED"_s}} << u"statuses"_s;
    QTest::newRow("a number in the list") << QJsonObject{{u"types"_s, QJsonArray{1}}} << u"types"_s;
}

void TestTaskFilter::subscription_refuses_task_only_keys_and_bad_values()
{
    QFETCH(QJsonObject, message);
    QFETCH(QString, field);
    const auto f = TaskFilter::fromSubscription(message);
    QVERIFY(!f);
    QVERIFY(f.error().code == ErrorCode::Validation);
    QCOMPARE(f.error().field, field);
}

void TestTaskFilter::sort_and_order_round_trip_and_reject_unknown_values()
{
    TaskListQuery q;
    q.sort = TaskSort::Completed;
    q.order = SortOrder::Ascending;
    auto back = TaskListQuery::fromQuery(q.toQuery());
    QVERIFY(back);
    QVERIFY(back->sort == TaskSort::Completed);
    QVERIFY(back->order == SortOrder::Ascending);
    QVERIFY(!TaskListQuery{}.toQuery().hasQueryItem(u"sort"_s)); // defaults stay implicit
    QCOMPARE(TaskListQuery::fromQuery(QUrlQuery(u"sort=title"_s)).error().field, u"sort"_s);
    QCOMPARE(TaskListQuery::fromQuery(QUrlQuery(u"order=sideways"_s)).error().field, u"order"_s);
    QCOMPARE(TaskFilter::fromQuery(QUrlQuery(u"q=a%07b"_s)).error().field, u"q"_s);
}

void TestTaskFilter::cursor_round_trips_and_rejects_junk()
{
    TaskCursor c{TaskSort::Status, SortOrder::Ascending, u"FAILED"_s, u"2026-01-31 12:00:00.123456+00"_s,
                 QUuid(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s)};
    auto back = TaskCursor::decode(c.encode());
    QVERIFY(back);
    QVERIFY(*back == c);
    TaskCursor nullKey{TaskSort::Started, SortOrder::Descending, QString(), QString(), c.id};
    QVERIFY(TaskCursor::decode(nullKey.encode())->key.isNull());
    QCOMPARE(TaskCursor::decode(u"not base64 !"_s).error().field, u"cursor"_s);
    TaskCursor badKey = c;
    badKey.key = u"1; DROP TABLE tasks"_s;
    QVERIFY(!TaskCursor::decode(badKey.encode()));
    // A cursor of another sort is refused by the list query.
    QUrlQuery q(u"sort=priority"_s);
    q.addQueryItem(u"cursor"_s, c.encode());
    QCOMPARE(TaskListQuery::fromQuery(q).error().field, u"cursor"_s);
}

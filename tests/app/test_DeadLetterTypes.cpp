// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/DeadLetterTypes.h"
#include "codec/TaskJson.h"
#include "models/DeadLetterPayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace taskmill;

namespace {
QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

TaskHistoryEntry entry(std::optional<Status> from, Status to, int attempt, const QString &message = {},
                       const QString &worker = {}, int second = 0)
{
    TaskHistoryEntry e;
    e.fromStatus = from;
    e.toStatus = to;
    e.attempt = attempt;
    e.message = message;
    e.worker = worker;
    e.at = QDateTime(QDate(2026, 11, 23), QTime(12, 0, second), Qt::UTC);
    return e;
}
} // namespace

// The DLQ wire types (shared/wire/DeadLetterTypes) and the payload check of the edit-and-requeue editor.
class TestDeadLetterTypes final : public QObject
{
    Q_OBJECT

private slots:
    void group_round_trips()
    {
        DeadLetterGroup g;
        g.error = QStringLiteral("boom & 50% + café");
        g.count = 12;
        g.firstSeen = QDateTime(QDate(2026, 11, 23), QTime(12, 0, 0, 125), Qt::UTC);
        g.lastSeen = g.firstSeen.addSecs(60);
        g.types = {QStringLiteral("email.send"), QStringLiteral("fail")};
        const Result<DeadLetterGroup> back = DeadLetterGroup::fromJson(g.toJson());
        QVERIFY(back);
        QCOMPARE(back->error, g.error);
        QCOMPARE(back->count, g.count);
        QCOMPARE(back->firstSeen, g.firstSeen);
        QCOMPARE(back->lastSeen, g.lastSeen);
        QCOMPARE(back->types, g.types);
        QVERIFY(*back == g);
    }

    void groups_answer_parses_and_rejects_wrong_types_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("field");
        QTest::newRow("ok") << QByteArray(R"({"groups":[{"error":"x","count":2,"first_seen":"2026-11-23T12:00:00.000Z",)"
                                          R"("last_seen":"2026-11-23T12:01:00.000Z","types":["fail"]}]})")
                            << true << QString();
        QTest::newRow("empty") << QByteArray(R"({"groups":[]})") << true << QString();
        QTest::newRow("no groups") << QByteArray(R"({"items":[]})") << false << QStringLiteral("groups");
        QTest::newRow("count string") << QByteArray(R"({"groups":[{"error":"x","count":"2"}]})") << false
                                      << QStringLiteral("count");
        QTest::newRow("bad time") << QByteArray(R"({"groups":[{"error":"x","count":2,"first_seen":"yesterday"}]})")
                                  << false << QStringLiteral("first_seen");
        QTest::newRow("types not strings") << QByteArray(R"({"groups":[{"error":"x","count":2,"types":[1]}]})") << false
                                           << QStringLiteral("types");
    }

    void groups_answer_parses_and_rejects_wrong_types()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QString, field);
        const auto groups = deadLetterGroupsFromJson(parse(json));
        QCOMPARE(bool(groups), ok);
        if (!ok)
            QCOMPARE(groups.error().field, field);
    }

    void selection_body_round_trips_data()
    {
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("kind");
        QTest::newRow("ids") << QByteArray(R"({"ids":["00000000-0000-4000-8000-000000000001"]})") << 0;
        QTest::newRow("group") << QByteArray(R"({"filter":{"error":"a & b"}})") << 1;
        QTest::newRow("all") << QByteArray(R"({"all":true})") << 2;
    }

    void selection_body_round_trips()
    {
        QFETCH(QByteArray, expected);
        QFETCH(int, kind);
        DeadLetterFilter filter;
        filter.error = QStringLiteral("a & b");
        const DeadLetterSelection s = kind == 0
            ? DeadLetterSelection::ofIds({QUuid(QStringLiteral("00000000-0000-4000-8000-000000000001"))})
            : kind == 1 ? DeadLetterSelection::ofFilter(filter) : DeadLetterSelection::everything();
        QCOMPARE(QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact), expected);
        const Result<DeadLetterSelection> back = DeadLetterSelection::fromJson(s.toJson());
        QVERIFY(back);
        QVERIFY(*back == s);
    }

    void empty_selection_is_refused()
    {
        const Result<DeadLetterSelection> s = DeadLetterSelection::fromJson(DeadLetterSelection().toJson());
        QVERIFY(!s);
        QCOMPARE(toString(s.error().code), toString(ErrorCode::Validation));
        QCOMPARE(s.error().field, QStringLiteral("ids"));
    }

    void bulk_result_parses()
    {
        const auto requeued = DeadLetterBulkResult::fromJson(
            parse(R"({"count":1,"ids":["00000000-0000-4000-8000-000000000001"]})"));
        QVERIFY(requeued);
        QCOMPARE(requeued->count, 1);
        QCOMPARE(requeued->ids.size(), 1);
        const auto purged = DeadLetterBulkResult::fromJson(parse(R"({"count":3})"));
        QVERIFY(purged);
        QCOMPARE(purged->count, 3);
        QVERIFY(purged->ids.isEmpty());
        QVERIFY(!DeadLetterBulkResult::fromJson(parse(R"({"ids":[]})")));
        QVERIFY(!DeadLetterBulkResult::fromJson(parse(R"({"count":1,"ids":["nope"]})")));
    }

    void details_round_trip()
    {
        DeadLetterDetails d;
        d.task.id = QUuid::createUuid();
        d.task.type = QStringLiteral("fail");
        d.task.status = Status::Failed;
        d.task.payload = QJsonObject{{QStringLiteral("times"), 5}};
        d.task.createdAt = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
        d.task.deadLetteredAt = d.task.createdAt.addSecs(3);
        TaskHistoryEntry e = entry(Status::InProgress, Status::Failed, 1, QStringLiteral("boom"), QStringLiteral("w1"));
        e.id = 7;
        e.taskId = d.task.id;
        d.history = {e};
        const auto back = DeadLetterDetails::fromJson(d.toJson());
        QVERIFY(back);
        QCOMPARE(back->task.payload, d.task.payload);
        QCOMPARE(back->task.deadLetteredAt, d.task.deadLetteredAt);
        QCOMPARE(back->history.size(), 1);
        QVERIFY(back->history.first() == e);
        QVERIFY(!DeadLetterDetails::fromJson(parse(R"({"task":{}})")));
    }

    void attempts_follow_the_history_across_requeues()
    {
        const QList<TaskHistoryEntry> history = {
            entry(std::nullopt, Status::New, 0, {}, {}, 0),
            entry(Status::New, Status::Pending, 0, {}, {}, 1),
            entry(Status::Pending, Status::InProgress, 1, {}, QStringLiteral("w1"), 2),
            entry(Status::InProgress, Status::RetryWaiting, 1, QStringLiteral("e1"), QStringLiteral("w1"), 3),
            entry(Status::RetryWaiting, Status::New, 1, {}, {}, 4),
            entry(Status::Pending, Status::InProgress, 2, {}, QStringLiteral("w2"), 5),
            entry(Status::InProgress, Status::Failed, 2, QStringLiteral("e2 [dead-lettered]"), QStringLiteral("w2"), 6),
            entry(Status::Failed, Status::New, 0, QStringLiteral("requeued from the dead-letter queue by x"), {}, 7),
            entry(Status::New, Status::InProgress, 1, {}, QStringLiteral("w3"), 8),
            entry(Status::InProgress, Status::Failed, 1, QStringLiteral("e3 [dead-lettered]"), QStringLiteral("w3"), 9),
        };
        const QList<DeadLetterAttempt> attempts = deadLetterAttempts(history);
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.at(0).run, 1);
        QCOMPARE(attempts.at(0).attempt, 1);
        QCOMPARE(attempts.at(0).worker, QStringLiteral("w1"));
        QCOMPARE(attempts.at(0).error, QStringLiteral("e1"));
        QCOMPARE(attempts.at(0).started, history.at(2).at);
        QCOMPARE(attempts.at(0).finished, history.at(3).at);
        QVERIFY(attempts.at(0).outcome == Status::RetryWaiting);
        QCOMPARE(attempts.at(1).attempt, 2);
        QCOMPARE(attempts.at(1).error, QStringLiteral("e2 [dead-lettered]"));
        QCOMPARE(attempts.at(2).run, 2);
        QCOMPARE(attempts.at(2).attempt, 1);
        QCOMPARE(attempts.at(2).worker, QStringLiteral("w3"));
    }

    void unfinished_attempt_has_no_end()
    {
        const auto attempts = deadLetterAttempts({entry(Status::Pending, Status::InProgress, 1, {}, QStringLiteral("w"))});
        QCOMPARE(attempts.size(), 1);
        QVERIFY(!attempts.first().finished.isValid());
        QVERIFY(!attempts.first().outcome);
    }

    void payload_check_reports_line_and_column_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("object") << QStringLiteral("{\n  \"times\": 0\n}") << true << 0 << 0;
        QTest::newRow("empty object") << QStringLiteral("{}") << true << 0 << 0;
        QTest::newRow("blank") << QStringLiteral("  \n") << false << 0 << 0;
        // After the comma a key must follow: parsing stops at the '}' on line 4.
        QTest::newRow("missing value") << QStringLiteral("{\n  \"a\": 1\n  ,\n}") << false << 4 << 1;
        QTest::newRow("unterminated string") << QStringLiteral("{\"a\": \"x}") << false << 1 << 10; // the end of the text
        QTest::newRow("array") << QStringLiteral("\n  [1, 2]") << false << 2 << 3;
        QTest::newRow("non-ASCII before error") << QStringLiteral("{\"é\": 1,, }") << false << 1 << 9;
        // Valid JSON, but not storable: the editor points at the escape.
        QTest::newRow("NUL escape") << QStringLiteral("{\n  \"to\": \"a\\u0000\"\n}") << false << 2 << 11;
        QTest::newRow("lone surrogate") << QStringLiteral("{\"é\": \"\\uD83D\"}") << false << 1 << 8;
        QTest::newRow("surrogate pair is fine") << QStringLiteral("{\"smile\": \"\\ud83d\\ude00\"}") << true << 0 << 0;
    }

    void payload_check_reports_line_and_column()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, line);
        QFETCH(int, column);
        const DeadLetterPayload check = DeadLetterPayload::check(text);
        QCOMPARE(check.valid, valid);
        if (valid) {
            QVERIFY(check.message.isEmpty());
            return;
        }
        QVERIFY(!check.message.isEmpty());
        QCOMPARE(check.line, line);
        QCOMPARE(check.column, column);
        if (line > 0)
            QVERIFY2(check.message.contains(QStringLiteral("%1").arg(line)), qPrintable(check.message));
    }
};

QTEST_GUILESS_MAIN(TestDeadLetterTypes)
#include "test_DeadLetterTypes.moc"

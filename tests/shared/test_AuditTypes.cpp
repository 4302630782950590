// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The audit log's wire types: entries and pages round trip, the filter survives a trip through a query
// string (the app writes it, the backend reads it), and every bad filter value names its query key.
#include "wire/AuditTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
const QDateTime At = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);

// What the server reads back from what a client sent: the query passes through its text form.
QUrlQuery overTheWire(const QUrlQuery &query)
{
    return QUrlQuery(query.toString(QUrl::FullyEncoded));
}
} // namespace

class TestAuditTypes : public QObject
{
    Q_OBJECT

private slots:
    void entry_and_page_round_trip()
    {
        const AuditEntry e{42, At, u"<img src=x> (user:3)@10.0.0.5"_s, u"purge"_s,
                           {u"1b4e28ba-2fa1-11d2-883f-0016d3cca427"_s}, QJsonObject{{u"count"_s, 1}}};
        const Result<AuditEntry> back = AuditEntry::fromJson(e.toJson());
        QVERIFY(back);
        QCOMPARE(*back, e);

        AuditPage page{{e}, 42};
        Result<AuditPage> p = AuditPage::fromJson(page.toJson());
        QVERIFY(p);
        QCOMPARE(p->items.size(), 1);
        QCOMPARE(p->next, std::optional<qint64>(42));
        page.next.reset();
        QVERIFY(page.toJson().value(u"next"_s).isNull());
        p = AuditPage::fromJson(page.toJson());
        QVERIFY(p);
        QVERIFY(!p->next);
    }

    void older_answers_without_next_parse()
    {
        const auto p = AuditPage::fromJson(QJsonDocument::fromJson(R"({"items": [{"id": 1, "at": "2026-11-23T12:00:00Z",
            "actor": "a", "action": "requeue", "task_ids": [], "details": {}}]})").object());
        QVERIFY(p);
        QVERIFY(!p->next);
        const auto bad = AuditPage::fromJson(QJsonObject{{u"items"_s, QJsonArray()}, {u"next"_s, u"7"_s}});
        QVERIFY(!bad);
        QCOMPARE(bad.error().field, u"next"_s);
        const auto badEntry = AuditEntry::fromJson(QJsonObject{{u"id"_s, 1}, {u"at"_s, u"now"_s}});
        QVERIFY(!badEntry);
        QCOMPARE(badEntry.error().field, u"at"_s);
    }

    void filter_survives_the_query_string()
    {
        AuditFilter f;
        f.actor = u"ops+1@example.org (user:3)@127.0.0.1"_s; // '+', '@', spaces and parentheses
        f.actions = {u"purge"_s, u"handler.delete"_s};
        f.taskId = QUuid::createUuid();
        f.since = At;
        f.until = At.addSecs(3600);
        QUrlQuery q;
        f.addToQuery(q);
        const Result<AuditFilter> back = AuditFilter::fromQuery(overTheWire(q));
        QVERIFY(back);
        QCOMPARE(*back, f);
        QVERIFY(!back->isEmpty());
        QVERIFY(AuditFilter().isEmpty());
    }

    void actions_repeat_or_come_as_a_comma_list()
    {
        const auto f = AuditFilter::fromQuery(QUrlQuery(u"action=purge,requeue&action=delete&action=%20,purge"_s));
        QVERIFY(f);
        QCOMPARE(f->actions, (QStringList{u"purge"_s, u"requeue"_s, u"delete"_s}));
    }

    void bad_values_name_their_key_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("task id") << u"task_id=not-a-uuid"_s << u"task_id"_s;
        QTest::newRow("since text") << u"since=yesterday"_s << u"since"_s;
        QTest::newRow("since without zone") << u"since=2026-11-23T12:00:00"_s << u"since"_s;
        QTest::newRow("until date only") << u"until=2026-11-23"_s << u"until"_s;
        QTest::newRow("until before since") << u"since=2026-11-23T12:00:00Z&until=2026-11-23T11:00:00Z"_s << u"until"_s;
    }
    void bad_values_name_their_key()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const auto f = AuditFilter::fromQuery(QUrlQuery(query));
        QVERIFY(!f);
        QVERIFY(f.error().code == ErrorCode::Validation);
        QCOMPARE(f.error().field, field);
    }

    void actions_list_parses()
    {
        const auto a = auditActionsFromJson(QJsonObject{{u"actions"_s, QJsonArray{u"delete"_s, u"purge"_s}}});
        QVERIFY(a);
        QCOMPARE(*a, (QStringList{u"delete"_s, u"purge"_s}));
        QVERIFY(!auditActionsFromJson(QJsonObject{{u"actions"_s, QJsonArray{1}}}));
        QVERIFY(!auditActionsFromJson(QJsonObject{}));
    }
};

QTEST_GUILESS_MAIN(TestAuditTypes)
#include "test_AuditTypes.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Wire types of registration by invite (/api/v1/invites, POST /api/register): round trips, the answers as
// taskmilld writes them (nulls for "anyone", "unused", "made by the server"), the request bodies (optional
// fields left out), and malformed answers rejected with the offending field named.
#include "wire/InviteTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
const QDateTime Created = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// One open invite for anyone, as InviteHandler writes it; `patch` replaces or adds fields.
QJsonObject openInvite(const QJsonObject &patch = {})
{
    QJsonObject o = parse(R"({"id": 4, "role": "user", "email": null, "state": "open", "created_by": "user:1",
        "created_at": "2026-11-23T12:00:00.000Z", "expires_at": "2026-11-30T12:00:00.000Z", "used_at": null,
        "used_by": null})");
    for (auto it = patch.begin(); it != patch.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}
} // namespace

class TestInviteTypes : public QObject
{
    Q_OBJECT

private slots:
    void invite_round_trips_open_and_used()
    {
        InviteInfo i{4, u"operator"_s, u"new@example.org"_s, u"open"_s, u"user:1"_s, Created, Created.addDays(7), {}, 0};
        Result<InviteInfo> back = InviteInfo::fromJson(i.toJson());
        QVERIFY(back);
        QCOMPARE(*back, i);
        QVERIFY(i.toJson().value(u"used_at"_s).isNull());
        QVERIFY(i.toJson().value(u"used_by"_s).isNull());
        QVERIFY(!i.toJson().contains(u"code"_s));

        i.state = u"used"_s;
        i.usedAt = Created.addSecs(3600);
        i.usedBy = 9;
        i.email.clear();
        i.createdBy.clear();
        back = InviteInfo::fromJson(i.toJson());
        QVERIFY(back);
        QCOMPARE(*back, i);
        QVERIFY(i.toJson().value(u"email"_s).isNull()); // anyone: null on the wire, as the server sends it
    }

    void server_answers_parse()
    {
        const auto list = inviteListFromJson(QJsonObject{{u"items"_s, QJsonArray{openInvite(),
            openInvite({{u"id"_s, 5}, {u"state"_s, u"used"_s}, {u"used_at"_s, u"2026-11-24T08:00:00Z"_s}, {u"used_by"_s, QJsonValue()}}),
            openInvite({{u"id"_s, 6}, {u"state"_s, u"expired"_s}, {u"email"_s, u"late@example.org"_s}, {u"created_by"_s, QJsonValue()}})}}});
        QVERIFY2(list, qPrintable(list ? QString() : list.error().message));
        QCOMPARE(list->size(), 3);
        const InviteInfo &open = list->at(0);
        QCOMPARE(open.state, u"open"_s);
        QVERIFY(open.email.isEmpty());
        QCOMPARE(open.createdBy, u"user:1"_s);
        QCOMPARE(open.expiresAt, QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
        QVERIFY(!open.usedAt.isValid());
        QCOMPARE(open.usedBy, 0);
        // Used, its account deleted since: a time and no user.
        QVERIFY(list->at(1).usedAt.isValid());
        QCOMPARE(list->at(1).usedBy, 0);
        QCOMPARE(list->at(2).email, u"late@example.org"_s);
        QVERIFY(list->at(2).createdBy.isEmpty());

        QJsonObject created = openInvite();
        created.insert(u"code"_s, u"inv_secret"_s);
        const auto made = CreatedInvite::fromJson(created);
        QVERIFY(made);
        QCOMPARE(made->code, u"inv_secret"_s);
        QCOMPARE(made->info.id, 4);
    }

    void malformed_answers_name_the_field_data()
    {
        QTest::addColumn<QJsonObject>("invite");
        QTest::addColumn<QString>("field");
        QTest::newRow("id text") << openInvite({{u"id"_s, u"4"_s}}) << u"id"_s;
        QTest::newRow("id zero") << openInvite({{u"id"_s, 0}}) << u"id"_s;
        QTest::newRow("no role") << openInvite({{u"role"_s, QJsonValue()}}) << u"role"_s;
        QTest::newRow("state number") << openInvite({{u"state"_s, 1}}) << u"state"_s;
        QTest::newRow("state empty") << openInvite({{u"state"_s, u""_s}}) << u"state"_s;
        QTest::newRow("email number") << openInvite({{u"email"_s, 3}}) << u"email"_s;
        QTest::newRow("created_by bool") << openInvite({{u"created_by"_s, true}}) << u"created_by"_s;
        QTest::newRow("no created_at") << openInvite({{u"created_at"_s, QJsonValue()}}) << u"created_at"_s;
        QTest::newRow("expires_at text") << openInvite({{u"expires_at"_s, u"next week"_s}}) << u"expires_at"_s;
        QTest::newRow("used_at text") << openInvite({{u"used_at"_s, u"yesterday"_s}}) << u"used_at"_s;
        QTest::newRow("used_by text") << openInvite({{u"used_by"_s, u"user:3"_s}}) << u"used_by"_s;
    }
    void malformed_answers_name_the_field()
    {
        QFETCH(QJsonObject, invite);
        QFETCH(QString, field);
        const auto list = inviteListFromJson(QJsonObject{{u"items"_s, QJsonArray{invite}}});
        QVERIFY(!list);
        QCOMPARE(list.error().field, field);
    }

    void lists_and_created_answers_are_checked()
    {
        const auto noItems = inviteListFromJson(parse(R"({"invites": []})"));
        QVERIFY(!noItems);
        QCOMPARE(noItems.error().field, u"items"_s);
        const auto notObjects = inviteListFromJson(parse(R"({"items": [1]})"));
        QVERIFY(!notObjects);
        QCOMPARE(notObjects.error().field, u"items"_s);
        // A create answer without its code is useless: the code is shown only this once.
        const auto noCode = CreatedInvite::fromJson(openInvite());
        QVERIFY(!noCode);
        QCOMPARE(noCode.error().field, u"code"_s);
    }

    void request_bodies_leave_out_what_is_not_given()
    {
        NewInvite invite;
        QCOMPARE(invite.role, u"user"_s);
        QCOMPARE(invite.toJson(), (QJsonObject{{u"role"_s, u"user"_s}})); // anyone, the server's default lifetime
        invite.role = u"viewer"_s;
        invite.email = u"new@example.org"_s;
        invite.ttlS = 3 * 86'400;
        QCOMPARE(invite.toJson(), (QJsonObject{{u"role"_s, u"viewer"_s}, {u"email"_s, u"new@example.org"_s},
                                              {u"ttl_s"_s, 259'200}}));
        QCOMPARE(NewInvite::MaxTtlS, 30 * 86'400); // backend/api/InviteHandler.h

        Registration r{u"a@b.org"_s, u"correct horse"_s, {}};
        QCOMPARE(r.toJson(), (QJsonObject{{u"email"_s, u"a@b.org"_s}, {u"password"_s, u"correct horse"_s}}));
        r.invite = u"inv_abc"_s;
        QCOMPARE(r.toJson().value(u"invite"_s).toString(), u"inv_abc"_s);
    }
};

QTEST_GUILESS_MAIN(TestInviteTypes)
#include "test_InviteTypes.moc"

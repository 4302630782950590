// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Wire types of the admin routes /api/v1/users and /api/v1/tokens: round trips, the request bodies (a PATCH
// names only what changes), and malformed answers rejected with the offending field named.
#include "wire/AccountTypes.h"

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
} // namespace

class TestAccountTypes : public QObject
{
    Q_OBJECT

private slots:
    void user_round_trips()
    {
        const UserAccount u{3, u"ops@example.org"_s, u"operator"_s, true, Created};
        const Result<UserAccount> back = UserAccount::fromJson(u.toJson());
        QVERIFY(back);
        QCOMPARE(*back, u);
        QVERIFY(!u.toJson().contains(u"password"_s));
    }

    void token_round_trips_with_and_without_last_use()
    {
        ApiTokenInfo t{5, u"ci <b>"_s, u"viewer"_s, false, {u"resize"_s, u"email"_s}, u"user:1"_s, Created, {}};
        Result<ApiTokenInfo> back = ApiTokenInfo::fromJson(t.toJson());
        QVERIFY(back);
        QCOMPARE(*back, t);
        QVERIFY(t.toJson().value(u"last_used_at"_s).isNull());
        t.lastUsedAt = Created.addSecs(60);
        back = ApiTokenInfo::fromJson(t.toJson());
        QVERIFY(back);
        QCOMPARE(back->lastUsedAt, t.lastUsedAt);
    }

    void server_answers_parse()
    {
        // As taskmilld writes them: created_by null for tokens from `taskmilld`'s own start, types empty = all.
        const auto users = userListFromJson(parse(R"({"items": [{"id": 1, "email": "a@b.org", "role": "admin",
            "payloads": true, "created_at": "2026-11-23T12:00:00.000Z"}]})"));
        QVERIFY(users);
        QCOMPARE(users->size(), 1);
        QCOMPARE(users->at(0).role, u"admin"_s);
        const auto tokens = tokenListFromJson(parse(R"({"items": [{"id": 2, "name": "local", "role": "admin",
            "payloads": true, "types": [], "created_by": null, "created_at": "2026-11-23T12:00:00.000Z",
            "last_used_at": null}]})"));
        QVERIFY(tokens);
        QCOMPARE(tokens->at(0).types, QStringList());
        QVERIFY(tokens->at(0).createdBy.isEmpty());
        QVERIFY(!tokens->at(0).lastUsedAt.isValid());
        const auto created = CreatedToken::fromJson(parse(R"({"id": 7, "name": "w", "role": "operator", "payloads": false,
            "types": ["x"], "created_by": "local", "created_at": "2026-11-23T12:00:00Z", "last_used_at": null,
            "token": "tm_secret"})"));
        QVERIFY(created);
        QCOMPARE(created->secret, u"tm_secret"_s);
        QCOMPARE(created->info.id, 7);
    }

    void malformed_answers_name_the_field_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("no items") << QByteArray(R"({"users": []})") << u"items"_s;
        QTest::newRow("id text") << QByteArray(R"({"items": [{"id": "1", "email": "a@b", "role": "user", "created_at": "2026-11-23T12:00:00Z"}]})")
                                 << u"id"_s;
        QTest::newRow("no email") << QByteArray(R"({"items": [{"id": 1, "role": "user", "created_at": "2026-11-23T12:00:00Z"}]})")
                                  << u"email"_s;
        QTest::newRow("bad time") << QByteArray(R"({"items": [{"id": 1, "email": "a@b", "role": "user", "created_at": "yesterday"}]})")
                                  << u"created_at"_s;
        QTest::newRow("payloads text") << QByteArray(R"({"items": [{"id": 1, "email": "a@b", "role": "user", "payloads": "yes", "created_at": "2026-11-23T12:00:00Z"}]})")
                                       << u"payloads"_s;
    }
    void malformed_answers_name_the_field()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto users = userListFromJson(parse(json));
        QVERIFY(!users);
        QCOMPARE(users.error().field, field);
    }

    void token_answer_without_secret_is_refused()
    {
        const auto created = CreatedToken::fromJson(parse(R"({"id": 7, "name": "w", "role": "operator",
            "created_at": "2026-11-23T12:00:00Z"})"));
        QVERIFY(!created);
        QCOMPARE(created.error().field, u"token"_s);
        const auto badTypes = ApiTokenInfo::fromJson(parse(R"({"id": 7, "name": "w", "role": "operator",
            "types": [1], "created_at": "2026-11-23T12:00:00Z"})"));
        QVERIFY(!badTypes);
        QCOMPARE(badTypes.error().field, u"types"_s);
    }

    void request_bodies_name_only_what_changes()
    {
        QCOMPARE(UserChange{}.toJson(), QJsonObject());
        QVERIFY(UserChange{}.isEmpty());
        UserChange change;
        change.role = u"viewer"_s;
        QCOMPARE(change.toJson(), (QJsonObject{{u"role"_s, u"viewer"_s}}));
        change.password = u"new password"_s;
        change.payloads = false;
        QCOMPARE(change.toJson().size(), 3);
        QCOMPARE(change.toJson().value(u"payloads"_s), QJsonValue(false));

        const NewUser user{u"a@b.org"_s, u"12345678"_s, u"user"_s, true};
        QCOMPARE(user.toJson().value(u"payloads"_s), QJsonValue(true));
        QCOMPARE(user.toJson().value(u"email"_s).toString(), u"a@b.org"_s);

        NewToken token{u"ci"_s, u"operator"_s, false, {}};
        QVERIFY(!token.toJson().contains(u"types"_s)); // absent: every type
        token.types = {u"a"_s, u"b"_s};
        QCOMPARE(token.toJson().value(u"types"_s).toArray().size(), 2);
    }

    void roles_are_listed_least_allowed_first()
    {
        QCOMPARE(accountRoleNames(), (QStringList{u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}));
    }
};

QTEST_GUILESS_MAIN(TestAccountTypes)
#include "test_AccountTypes.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The pauses on the wire (GET /api/v1/pauses, stats, the WebSocket "pauses" message): round trips, the
// questions readers ask of a set, and malformed items refused naming the field.
#include "wire/PauseTypes.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

class TestPauseTypes : public QObject
{
    Q_OBJECT
private slots:
    void round_trips_and_answers_what_is_paused()
    {
        PauseSet s;
        s.items = {{PauseScope::Priority, u"LOW"_s, u"user:3"_s, QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC)},
                   {PauseScope::Type, u"email.send"_s, u"local"_s, QDateTime::fromMSecsSinceEpoch(1'700'000'100'000, Qt::UTC)}};
        const auto back = PauseSet::fromJson(s.toJson());
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(*back, s);
        QCOMPARE(s.toJson().at(0).toObject().value(u"scope"_s).toString(), u"priority"_s);
        QVERIFY(s.priorityPaused(Priority::Low));
        QVERIFY(!s.priorityPaused(Priority::High));
        QVERIFY(s.typePaused(u"email.send"_s));
        QVERIFY(!s.typePaused(u"LOW"_s));
        QVERIFY(s.runnablePriorities() == (QList<Priority>{Priority::High, Priority::Medium}));
    }

    void malformed_items_name_the_field_data()
    {
        QTest::addColumn<QJsonObject>("item");
        QTest::addColumn<QString>("field");
        const QJsonObject good{{u"scope"_s, u"type"_s}, {u"name"_s, u"noop"_s}, {u"paused_by"_s, u"local"_s},
                               {u"paused_at"_s, u"2026-11-23T12:00:00.000Z"_s}};
        QJsonObject o = good;
        o.insert(u"scope"_s, u"queue"_s);
        QTest::newRow("unknown scope") << o << u"items[0].scope"_s;
        o = good;
        o.insert(u"scope"_s, u"priority"_s);
        QTest::newRow("not a priority") << o << u"items[0].name"_s;
        o = good;
        o.remove(u"paused_by"_s);
        QTest::newRow("no author") << o << u"items[0].paused_by"_s;
        o = good;
        o.insert(u"paused_at"_s, 5);
        QTest::newRow("time of the wrong type") << o << u"items[0].paused_at"_s;
    }
    void malformed_items_name_the_field()
    {
        QFETCH(QJsonObject, item);
        QFETCH(QString, field);
        const auto r = PauseSet::fromJson(QJsonArray{item});
        QVERIFY(!r);
        QCOMPARE(r.error().field, field);
    }
};

QTEST_GUILESS_MAIN(TestPauseTypes)
#include "test_PauseTypes.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/PgArray.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

class TestPgArray : public QObject
{
    Q_OBJECT

private slots:
    void text_array_quotes_and_escapes_data();
    void text_array_quotes_and_escapes();
    void text_array_round_trips_through_a_reference_parser_data();
    void text_array_round_trips_through_a_reference_parser();
    void uuid_array_uses_plain_uuids();
    void int_array_lists_numbers();
};

namespace {
// A minimal reader of PostgreSQL's array literal syntax for one-dimensional text arrays
// (quoted elements with backslash escapes, or the bare word NULL), enough to show the writer is reversible.
std::optional<QStringList> parseTextArray(const QString &s)
{
    if (!s.startsWith(u'{') || !s.endsWith(u'}'))
        return std::nullopt;
    QStringList out;
    qsizetype i = 1;
    const qsizetype end = s.size() - 1;
    if (i == end)
        return out;
    while (i < end) {
        if (s.mid(i, 4) == u"NULL" && (i + 4 == end || s.at(i + 4) == u',')) {
            out << QString();
            i += 4;
        } else if (s.at(i) == u'"') {
            QString v = u""_s; // not null
            ++i;
            while (i < end && s.at(i) != u'"') {
                if (s.at(i) == u'\\')
                    ++i;
                if (i >= end)
                    return std::nullopt;
                v += s.at(i++);
            }
            if (i >= end)
                return std::nullopt;
            ++i; // closing quote
            out << v;
        } else {
            return std::nullopt; // the writer always quotes
        }
        if (i < end) {
            if (s.at(i) != u',')
                return std::nullopt;
            ++i;
        }
    }
    return out;
}
} // namespace

void TestPgArray::text_array_quotes_and_escapes_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty list") << QStringList{} << u"{}"_s;
    QTest::newRow("one plain") << QStringList{u"abc"_s} << uR"({"abc"})"_s;
    QTest::newRow("two plain") << QStringList{u"a"_s, u"b"_s} << uR"({"a","b"})"_s;
    QTest::newRow("empty string is not NULL") << QStringList{u""_s} << uR"({""})"_s;
    QTest::newRow("null string is NULL") << QStringList{QString()} << u"{NULL}"_s;
    QTest::newRow("NULL among values") << QStringList{u"a"_s, QString(), u"b"_s} << uR"({"a",NULL,"b"})"_s;
    QTest::newRow("the word NULL is quoted") << QStringList{u"NULL"_s, u"null"_s} << uR"({"NULL","null"})"_s;
    QTest::newRow("double quote") << QStringList{uR"(say "hi")"_s} << uR"({"say \"hi\""})"_s;
    QTest::newRow("backslash") << QStringList{uR"(C:\dir\)"_s} << uR"({"C:\\dir\\"})"_s;
    QTest::newRow("backslash before quote") << QStringList{uR"(\")"_s} << uR"({"\\\""})"_s;
    QTest::newRow("comma") << QStringList{u"a,b"_s} << uR"({"a,b"})"_s;
    QTest::newRow("braces") << QStringList{u"{x}"_s, u"}"_s} << uR"({"{x}","}"})"_s;
    QTest::newRow("JSON object") << QStringList{uR"({"ms": 5, "s": "a,b"})"_s}
                                 << uR"({"{\"ms\": 5, \"s\": \"a,b\"}"})"_s;
    QTest::newRow("whitespace kept") << QStringList{u"  padded  "_s, u"tab\tnew\nline"_s}
                                     << u"{\"  padded  \",\"tab\tnew\nline\"}"_s;
    QTest::newRow("unicode") << QStringList{u"Über 日本 😀"_s} << u"{\"Über 日本 😀\"}"_s;
    QTest::newRow("single quote untouched") << QStringList{u"it's"_s} << uR"({"it's"})"_s;
}

void TestPgArray::text_array_quotes_and_escapes()
{
    QFETCH(QStringList, values);
    QFETCH(QString, expected);
    QCOMPARE(pgTextArray(values), expected);
}

void TestPgArray::text_array_round_trips_through_a_reference_parser_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::newRow("empty") << QStringList{};
    QTest::newRow("mixed") << QStringList{u"a"_s, QString(), u""_s, u"NULL"_s, uR"(\"\\)"_s, u"{,}"_s, u"😀"_s};
    QStringList many;
    for (int i = 0; i < 200; ++i)
        many << (i % 7 == 0 ? QString() : u"v%1 \"%2\" \\ ,{}"_s.arg(i).arg(i * i));
    QTest::newRow("many") << many;
}

void TestPgArray::text_array_round_trips_through_a_reference_parser()
{
    QFETCH(QStringList, values);
    const auto back = parseTextArray(pgTextArray(values));
    QVERIFY(back);
    QCOMPARE(back->size(), values.size());
    for (qsizetype i = 0; i < values.size(); ++i) {
        QCOMPARE(back->at(i), values.at(i));
        QCOMPARE(back->at(i).isNull(), values.at(i).isNull());
    }
}

void TestPgArray::uuid_array_uses_plain_uuids()
{
    QCOMPARE(pgUuidArray({}), u"{}"_s);
    const QUuid a(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
    const QUuid b(u"{11111111-2222-3333-4444-555555555555}"_s);
    QCOMPARE(pgUuidArray({a}), u"{0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10}"_s);
    QCOMPARE(pgUuidArray({a, b}),
             u"{0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10,11111111-2222-3333-4444-555555555555}"_s);
}

void TestPgArray::int_array_lists_numbers()
{
    QCOMPARE(pgIntArray({}), u"{}"_s);
    QCOMPARE(pgIntArray({7}), u"{7}"_s);
    QCOMPARE(pgIntArray({1, -2, 0, 2147483647, -2147483647 - 1}), u"{1,-2,0,2147483647,-2147483648}"_s);
}

QTEST_GUILESS_MAIN(TestPgArray)
#include "test_PgArray.moc"

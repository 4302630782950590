// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// TaskFilter::matches() (what the app keeps on a live page) against TaskFilterSql (what the list, counts and
// estimates select) over random tasks in a real PostgreSQL: for every random filter both must pick exactly the
// same tasks. The tasks go in through TaskRepository::insert and the search indexer, so task_search is built as in
// production, and the predicate sees them as taskFromRow() reads them back and the API's JSON carries them.
// TASKMILL_TEST_SEED=<n> replays a run; the seed in use is printed first.
#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/DbParams.h"
#include "store/Migrator.h"
#include "store/PgArray.h"
#include "store/TaskFilterSql.h"
#include "store/SearchIndexRepository.h"
#include "store/TaskRepository.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"
#include "support/TestServers.h"
#include "wire/TaskFilter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QTimeZone>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
constexpr int TaskCount = 400;
constexpr int FillerTasks = 100'000; // an_id_prefix_is_found_through_the_primary_key
constexpr int FilterCount = 10'000;
constexpr int FiltersPerStatement = 100; // one round trip answers this many filters
constexpr quint32 DefaultSeed = 20260131;

// One code point per entry. ASCII comes several times so random strings hit the tasks often. The rest is
// what case-insensitive search gets wrong most easily: Cyrillic, sharp s (its upper case is "SS" or U+1E9E),
// dotted and dotless i, final sigma, micro sign beside mu, long s, the Kelvin and Angstrom signs, a titlecase
// digraph, letters outside the BMP (Deseret has case) and LIKE's own wildcard and escape characters.
const QStringList TextPieces = {
    u"a"_s, u"a"_s, u"a"_s, u"b"_s, u"b"_s, u"A"_s, u"B"_s, u"c"_s, u"x"_s, u"Y"_s, u"1"_s, u"0"_s, u" "_s, u" "_s,
    u"%"_s, u"_"_s, u"\\"_s, u"\""_s, u"."_s, u":"_s, u","_s, u"{"_s, u"}"_s,
    u"Ё"_s, u"ё"_s, u"ß"_s, u"ẞ"_s, u"Ä"_s, u"ö"_s, u"é"_s, u"İ"_s, u"ı"_s, u"I"_s, u"i"_s, u"Σ"_s, u"σ"_s, u"ς"_s,
    u"µ"_s, u"μ"_s, u"ſ"_s, u"s"_s, u"S"_s, u"\u212A"_s /* Kelvin */, u"k"_s, u"\u212B"_s /* Angstrom */, u"å"_s,
    u"ǅ"_s, u"Ǆ"_s, u"ǆ"_s, u"𐐀"_s, u"𐐨"_s, u"😀"_s};
// Descriptions and payload strings may also hold control characters (jsonb prints them escaped).
const QStringList ControlPieces = {u"\n"_s, u"\t"_s, u"\u0001"_s};
// Keys of different byte lengths for the same character count: jsonb orders keys by byte length.
const QStringList KeyPieces = {u"a"_s, u"b"_s, u"A"_s, u"_"_s, u" "_s, u"é"_s, u"Ё"_s, u"ß"_s, u"Σ"_s, u"😀"_s};
const QStringList TypePool = {u"noop"_s,        u"sleep"_s,   u"resize"_s,          u"Resize"_s, u"email.send"_s,
                              u"odd,type {x}"_s, u"NULL"_s,    u"quote\"d\\slash"_s, u"Ёлка"_s};
// Numbers as a client may send them: integers beyond 2^53 (kept exact), fractions, tiny and huge magnitudes.
const QList<qint64> Integers = {0, 1, -1, 42, 2147483648LL, 9007199254740993LL, -9007199254740993LL,
                                9223372036854775807LL};
const QList<double> Doubles = {0.1, 2.5, -3.25, 1e-7, 1.5e-7, 1e19, 1e20, 1e21, 1.2345678901234567e19, 12345.678,
                               0.30000000000000004, 123456789012.5, 5e-324, 1e300, -0.0, 2.0};

QString hexDump(const QString &s)
{
    QStringList out;
    for (char32_t c : s.toUcs4())
        out << QString::number(uint(c), 16);
    return out.join(u' ');
}
} // namespace

class TestTaskFilterSql final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServers> m_servers;
    std::unique_ptr<Database> m_database;
    QSqlDatabase m_db;
    QRandomGenerator m_rng;
    quint32 m_seed = DefaultSeed;
    QList<Task> m_tasks;                 // as taskFromRow() reads them back, through the API's JSON
    QHash<QUuid, QString> m_payloadText; // payload::text as PostgreSQL prints it
    QHash<QUuid, QString> m_createdText; // created_at::text, exact to the microsecond

    int pick(qsizetype n) { return int(m_rng.bounded(quint32(n))); }
    bool chance(int percent) { return pick(100) < percent; }

    QString randomText(int maxPieces, bool controls)
    {
        QString s;
        const int n = pick(maxPieces + 1);
        for (int i = 0; i < n; ++i)
            s += controls && chance(5) ? ControlPieces.at(pick(ControlPieces.size())) : TextPieces.at(pick(TextPieces.size()));
        return s;
    }

    QString randomKey()
    {
        QString k;
        const int n = pick(6);
        for (int i = 0; i < n; ++i)
            k += KeyPieces.at(pick(KeyPieces.size()));
        return k;
    }

    QJsonValue randomValue(int depth)
    {
        switch (pick(depth >= 3 ? 6 : 8)) {
        case 0:
        case 1: return randomText(10, true);
        case 2: return chance(70) ? QJsonValue(qint64(pick(100'000)) - 50'000) : QJsonValue(Integers.at(pick(Integers.size())));
        case 3: {
            if (chance(60))
                return Doubles.at(pick(Doubles.size()));
            const double mantissa = m_rng.generateDouble() - 0.5;
            return mantissa * std::pow(10.0, pick(40) - 15);
        }
        case 4: return chance(50);
        case 5: return QJsonValue(QJsonValue::Null);
        case 6: {
            QJsonArray a;
            for (int i = pick(5); i > 0; --i)
                a.append(randomValue(depth + 1));
            return a;
        }
        default: return randomObject(depth + 1);
        }
    }

    QJsonObject randomObject(int depth)
    {
        QJsonObject o;
        for (int i = pick(6); i > 0; --i)
            o.insert(randomKey(), randomValue(depth));
        return o;
    }

    QUuid randomUuid()
    {
        QUuid id(m_rng.generate(), quint16(m_rng.generate()), quint16((m_rng.generate() & 0x0fff) | 0x4000),
                 uchar((m_rng.generate() & 0x3f) | 0x80), uchar(m_rng.generate()), uchar(m_rng.generate()),
                 uchar(m_rng.generate()), uchar(m_rng.generate()), uchar(m_rng.generate()), uchar(m_rng.generate()),
                 uchar(m_rng.generate()));
        return id;
    }

    // Per code point: kept, upper-cased, lower-cased or title-cased; sometimes the whole string through
    // QString's full mappings (ß → SS).
    QString randomCase(const QString &s)
    {
        switch (pick(5)) {
        case 0: return s;
        case 1: return s.toUpper();
        case 2: return s.toLower();
        default: break;
        }
        QList<uint> cps = s.toUcs4();
        for (uint &c : cps) {
            switch (pick(4)) {
            case 0: break;
            case 1: c = QChar::toUpper(c); break;
            case 2: c = QChar::toLower(c); break;
            default: c = QChar::toTitleCase(c); break;
            }
        }
        return QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData()), cps.size());
    }

    // A search text as fromQuery() would accept it: no control characters.
    static QString withoutControls(const QString &s)
    {
        QString out;
        for (QChar c : s)
            if (c.category() != QChar::Other_Control)
                out += c;
        return out;
    }

    QString substringOf(const QString &s)
    {
        const QList<uint> cps = s.toUcs4();
        if (cps.isEmpty())
            return {};
        const int from = pick(cps.size());
        const int len = 1 + pick(qMin<qsizetype>(8, cps.size() - from));
        return QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData() + from), len);
    }

    // The start of a task's id as a person would paste it (wire/TaskIdSearch): any length from too short to
    // whole, either case, with or without dashes, now and then in braces.
    QString idText(const QUuid &id)
    {
        const bool dashed = chance(50);
        QString text = id.toString(dashed ? QUuid::WithoutBraces : QUuid::Id128);
        text = text.left(4 + pick(text.size() - 3));
        if (chance(50))
            text = text.toUpper();
        if (text.size() == 36 && chance(30))
            text = u'{' + text + u'}';
        return text;
    }

    QString randomSearchText()
    {
        const Task &t = m_tasks.at(pick(m_tasks.size()));
        if (chance(10))
            return idText(chance(80) ? t.id : randomUuid());
        QString source;
        switch (pick(6)) {
        case 0: source = t.title; break;
        case 1: source = t.description; break;
        case 2: source = m_payloadText.value(t.id); break; // what SQL searches
        case 3: source = payloadSearchText(t.payload); break; // what the app searches
        case 4: return randomCase(withoutControls(randomText(3, false)));
        default: return randomCase(withoutControls(t.title));
        }
        return randomCase(withoutControls(substringOf(source)));
    }

    QDateTime randomBound()
    {
        const QDateTime at = m_tasks.at(pick(m_tasks.size())).createdAt;
        switch (pick(6)) {
        case 0:
        case 1: return at;
        case 2: return at.addMSecs(-1);
        case 3: return at.addMSecs(1);
        case 4: return at.addSecs(qint64(pick(48 * 3600)) - 24 * 3600);
        default: return at.addDays(pick(5) - 2);
        }
    }

    TaskFilter randomFilter()
    {
        TaskFilter f;
        if (chance(35)) {
            const QList<Status> all = allStatuses();
            for (int i = 1 + pick(3); i > 0; --i)
                f.statuses.insert(all.at(pick(all.size())));
        }
        if (chance(35)) {
            const QList<Priority> all = allPriorities();
            for (int i = 1 + pick(2); i > 0; --i)
                f.priorities.insert(all.at(pick(all.size())));
        }
        if (chance(30)) {
            for (int i = 1 + pick(3); i > 0; --i)
                f.types << TypePool.at(pick(TypePool.size()));
            if (chance(20))
                f.types << u"no-such-type"_s;
        }
        if (chance(15)) {
            for (int i = pick(6); i > 0; --i)
                f.ids.insert(m_tasks.at(pick(m_tasks.size())).id);
            if (f.ids.isEmpty() || chance(30))
                f.ids.insert(randomUuid());
        }
        if (chance(60))
            f.text = randomSearchText();
        if (chance(35))
            f.createdFrom = randomBound();
        if (chance(35))
            f.createdTo = randomBound();
        return f;
    }

    QString describe(const TaskFilter &f) const
    {
        QStringList out;
        QUrlQuery q;
        f.addToQuery(q);
        out << u"query: "_s + q.toString(QUrl::FullyDecoded);
        if (!f.text.isEmpty())
            out << u"text code points: "_s + hexDump(f.text);
        const TaskFilterSql sql = TaskFilterSql::of(f);
        out << u"sql:"_s + sql.where();
        for (const QVariant &v : sql.binds)
            out << u"  bind: "_s + v.toString();
        return out.join(u'\n');
    }

    QString describe(const Task &t) const
    {
        return u"  task %1 %2 %3 type=%4 created=%5 (stored %6)\n    title=%7 [%8]\n    description=%9\n"
               u"    app payload=%10\n    sql payload=%11"_s
            .arg(t.id.toString(QUuid::WithoutBraces), toString(t.status), toString(t.priority), t.type,
                 formatTimestamp(t.createdAt), m_createdText.value(t.id), t.title, hexDump(t.title), t.description,
                 payloadSearchText(t.payload), m_payloadText.value(t.id));
    }

    bool exec(QSqlQuery &q, const QString &sql)
    {
        if (q.exec(sql))
            return true;
        qWarning().noquote() << sql << q.lastError().text();
        return false;
    }

private slots:
    void initTestCase()
    {
        bool ok = false;
        const quint32 env = quint32(qEnvironmentVariable("TASKMILL_TEST_SEED").toUInt(&ok));
        m_seed = ok ? env : DefaultSeed;
        m_rng.seed(m_seed);
        qInfo().noquote() << u"seed %1 (replay with TASKMILL_TEST_SEED=%1)"_s.arg(m_seed);

        m_servers = std::make_unique<TestServers>();
        auto started = m_servers->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto params = DbParams::fromUrl(m_servers->postgresUrl());
        QVERIFY(params);
        m_database = std::make_unique<Database>(*params, u"filter-sql"_s);
        auto db = m_database->connection();
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        m_db = *db;
        auto migrated = Migrator(m_db).migrate();
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().message));

        QElapsedTimer timer;
        timer.start();
        const QDateTime base(QDate(2026, 1, 10), QTime(0, 0), QTimeZone::utc());
        QList<Task> tasks;
        for (int i = 0; i < TaskCount; ++i) {
            Task t;
            t.id = randomUuid();
            t.type = TypePool.at(pick(TypePool.size()));
            t.title = randomText(16, false);
            t.description = randomText(30, true);
            t.payload = randomObject(0);
            t.status = allStatuses().at(pick(allStatuses().size()));
            t.priority = allPriorities().at(pick(allPriorities().size()));
            // Spread over five days; some tasks share a creation instant.
            t.createdAt = !tasks.isEmpty() && chance(10) ? tasks.at(pick(tasks.size())).createdAt
                                                         : base.addMSecs(qint64(m_rng.bounded(5u * 24 * 3600 * 1000)));
            t.traceId = newTraceId();
            t.spanId = newSpanId();
            tasks.append(t);
        }
        {
            Transaction tx(m_db);
            for (qsizetype at = 0; at < tasks.size(); at += 100) {
                auto inserted = TaskRepository(m_db).insert(tasks.mid(at, 100));
                QVERIFY2(inserted, qPrintable(inserted ? QString() : inserted.error().message));
            }
            // The API writes created_at in milliseconds, but the column keeps microseconds (its DEFAULT now(),
            // rows written by other tools): give half the tasks a sub-millisecond part, ties at .5 ms included.
            QStringList ids;
            QList<int> micros;
            for (const Task &t : std::as_const(tasks)) {
                if (!chance(50))
                    continue;
                ids << t.id.toString(QUuid::WithoutBraces);
                micros << (chance(20) ? 500 : 1 + pick(999));
            }
            QSqlQuery q(m_db);
            q.prepare(u"UPDATE tasks t SET created_at = t.created_at + x.us * interval '1 microsecond' "
                      u"FROM unnest(?::uuid[], ?::int[]) AS x(id, us) WHERE t.id = x.id"_s);
            q.addBindValue(pgTextArray(ids));
            q.addBindValue(pgIntArray(micros));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY(tx.commit());
        }
        // The search documents, as the api's indexer writes them after a create (migration 0005).
        for (;;) {
            auto indexed = SearchIndexRepository(m_db).indexPending(SearchIndexRepository::PassMax);
            QVERIFY2(indexed, qPrintable(indexed ? QString() : indexed.error().message));
            if (*indexed == 0)
                break;
        }
        QSqlQuery q(m_db);
        QVERIFY(exec(q, u"ANALYZE tasks"_s));
        QVERIFY(exec(q, u"ANALYZE task_search"_s));
        QVERIFY(exec(q, u"SELECT "_s + taskColumns() + u", payload::text, created_at::text FROM tasks"_s));
        const int extra = q.record().count() - 2;
        while (q.next()) {
            const Task row = taskFromRow(q);
            // The app holds the task as the API's JSON carried it: what it filters must be what the row said.
            const QByteArray wire = QJsonDocument(toJson(row)).toJson(QJsonDocument::Compact);
            const auto t = taskFromJson(QJsonDocument::fromJson(wire).object());
            QVERIFY2(t, qPrintable(t ? QString() : t.error().message));
            QCOMPARE(t->payload, row.payload);
            QCOMPARE(t->createdAt, row.createdAt);
            QCOMPARE(t->title, row.title);
            QCOMPARE(t->description, row.description);
            QCOMPARE(t->type, row.type);
            m_tasks.append(*t);
            m_payloadText.insert(row.id, q.value(extra).toString());
            m_createdText.insert(row.id, q.value(extra + 1).toString());
        }
        QCOMPARE(m_tasks.size(), TaskCount);
        QVERIFY(exec(q, u"SELECT count(*) FROM task_search"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), TaskCount);
        qInfo().noquote() << TaskCount << "tasks inserted and read back in" << timer.elapsed() << "ms";
    }

    void cleanupTestCase()
    {
        m_db = QSqlDatabase();
        if (m_database)
            m_database->closeThreadConnection();
        m_servers.reset();
    }

    // ILIKE lowers both sides with the database's towlower (C.UTF-8 here, as in taskmilld --local);
    // searchLower() must give the same for every code point, not just the few the random texts use.
    void search_lowering_agrees_with_postgresql_for_every_code_point()
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        QVERIFY(exec(q, u"SELECT c, lower(chr(c)) FROM generate_series(1, 1114111) AS c "
                        u"WHERE (c < 55296 OR c > 57343) AND lower(chr(c)) <> chr(c)"_s));
        QHash<char32_t, QString> lowered;
        while (q.next())
            lowered.insert(char32_t(q.value(0).toUInt()), q.value(1).toString());
        QVERIFY(lowered.size() > 1000);
        QStringList differ;
        for (char32_t c = 1; c <= 0x10FFFF; ++c) {
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            const QString s = QString::fromUcs4(&c, 1);
            const QString expected = lowered.value(c, s);
            if (searchLower(s) != expected)
                differ << u"U+%1 → %2 (PostgreSQL %3)"_s.arg(QString::number(uint(c), 16), hexDump(searchLower(s)), hexDump(expected));
        }
        QVERIFY2(differ.isEmpty(), qPrintable(differ.mid(0, 20).join(u"; "_s)));
    }

    // The text search's view of a payload, compared directly: payloadSearchText() of the payload as read
    // back must be PostgreSQL's payload::text, character for character.
    void payload_text_is_what_postgresql_prints()
    {
        int differ = 0;
        for (const Task &t : std::as_const(m_tasks)) {
            const QString app = payloadSearchText(t.payload);
            const QString sql = m_payloadText.value(t.id);
            if (app != sql && ++differ <= 5)
                qWarning().noquote() << "payload text differs:\n  app" << app << "\n  sql" << sql;
        }
        QCOMPARE(differ, 0);
    }

    void sql_selects_exactly_the_tasks_matches_accepts()
    {
        QElapsedTimer timer;
        timer.start();
        QList<TaskFilter> filters;
        for (int i = 0; i < FilterCount; ++i)
            filters.append(randomFilter());

        QList<QSet<QUuid>> selected(filters.size());
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        // Disabled plan types cost 1e10, which would make PostgreSQL JIT-compile every statement below.
        QVERIFY(exec(q, u"SET jit = off"_s));
        for (qsizetype first = 0; first < filters.size(); first += FiltersPerStatement) {
            // Every other statement may only use bitmap index scans: the search then goes through the
            // trigram index (task_search_trgm_idx) and its recheck, the other keys through the b-trees, and
            // those paths are held to the same answers as the planner's choice on a small table (scans).
            const bool indexOnly = (first / FiltersPerStatement) % 2;
            for (const char *setting : {"enable_seqscan", "enable_indexscan", "enable_indexonlyscan"})
                QVERIFY(exec(q, u"SET %1 = %2"_s.arg(QLatin1String(setting), indexOnly ? u"off"_s : u"on"_s)));
            QStringList parts;
            QVariantList binds;
            const qsizetype end = qMin(first + FiltersPerStatement, filters.size());
            for (qsizetype i = first; i < end; ++i) {
                const TaskFilterSql sql = TaskFilterSql::of(filters.at(i));
                if (i % 2 && sql.hasText()) {
                    // Half the text filters in the list's walk form: every other key as clauses, the text
                    // tested row by row (TaskQueryRepository::list walks the sort order this way).
                    const TaskFilterSql plain = sql.withoutText();
                    parts << u"SELECT %1 AS k, id FROM tasks"_s.arg(i) + plain.where()
                                 + (plain.clauses.isEmpty() ? u" WHERE "_s : u" AND "_s) + plain.textMatches(u"tasks"_s);
                    binds << plain.binds << plain.textBinds;
                    continue;
                }
                parts << u"SELECT %1 AS k, id FROM tasks"_s.arg(i) + sql.where();
                binds << sql.binds;
            }
            QVERIFY2(q.prepare(parts.join(u" UNION ALL "_s)), qPrintable(q.lastError().text()));
            bindAll(q, binds);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            while (q.next())
                selected[q.value(0).toInt()].insert(QUuid::fromString(q.value(1).toString()));
            q.finish();
        }
        const qint64 sqlMs = timer.restart();

        int mismatches = 0;
        int textFilters = 0, textHits = 0, nonTrivial = 0;
        for (qsizetype i = 0; i < filters.size(); ++i) {
            const TaskFilter &f = filters.at(i);
            QSet<QUuid> matched;
            for (const Task &t : std::as_const(m_tasks))
                if (f.matches(t))
                    matched.insert(t.id);
            if (!f.text.isEmpty()) {
                ++textFilters;
                textHits += !matched.isEmpty();
            }
            nonTrivial += !matched.isEmpty() && matched.size() < m_tasks.size();
            if (matched == selected.at(i))
                continue;
            if (++mismatches > 10)
                continue;
            QString report = u"filter #%1 disagrees (seed %2)\n"_s.arg(i).arg(m_seed) + describe(f);
            for (const Task &t : std::as_const(m_tasks)) {
                if (matched.contains(t.id) && !selected.at(i).contains(t.id))
                    report += u"\n matches() only:\n"_s + describe(t);
                else if (!matched.contains(t.id) && selected.at(i).contains(t.id))
                    report += u"\n SQL only:\n"_s + describe(t);
            }
            qWarning().noquote() << report;
        }
        qInfo().noquote() << filters.size() << "filters:" << sqlMs << "ms in PostgreSQL," << timer.elapsed()
                          << "ms in matches();" << nonTrivial << "selected some but not all tasks;" << textHits << "of"
                          << textFilters << "text filters matched something";
        QVERIFY2(mismatches == 0, qPrintable(u"%1 of %2 filters disagree (seed %3)"_s.arg(mismatches).arg(filters.size()).arg(m_seed)));
        // The property means little if the filters rarely select anything.
        QVERIFY(nonTrivial > filters.size() / 4);
        QVERIFY(textHits > textFilters / 4);
    }

    // Finding a task by its id's start must not cost a scan: on 100,000 more tasks (added last, so the slots
    // above compare their few hundred), the list's first page and the capped count go through tasks_pkey
    // for the id and the trigram index for the text, whatever the planner picks for the rest.
    void an_id_prefix_is_found_through_the_primary_key()
    {
        QSqlQuery q(m_db);
        QVERIFY(exec(q, u"INSERT INTO tasks (id, type, title, status, created_at) SELECT gen_random_uuid(), 'noop', "
                        u"'filler ' || i, 'COMPLETED', now() - i * interval '1 second' FROM generate_series(1, %1) AS i"_s
                            .arg(FillerTasks)));
        for (;;) {
            auto indexed = SearchIndexRepository(m_db).indexPending(SearchIndexRepository::PassMax);
            QVERIFY2(indexed, qPrintable(indexed ? QString() : indexed.error().message));
            if (*indexed == 0)
                break;
        }
        QVERIFY(exec(q, u"ANALYZE tasks"_s));
        QVERIFY(exec(q, u"ANALYZE task_search"_s));
        const QUuid target = m_tasks.at(pick(m_tasks.size())).id;
        const QString whole = target.toString(QUuid::WithoutBraces);
        for (const QString &text : {whole.left(8), whole.toUpper(), target.toString(QUuid::Id128)}) {
            TaskFilter f;
            f.text = text;
            const TaskFilterSql sql = TaskFilterSql::of(f);
            QStringList plans;
            for (const QString &statement : {u"SELECT id FROM tasks%1 ORDER BY created_at DESC, id DESC LIMIT 51"_s,
                                             u"SELECT count(*) FROM (SELECT 1 FROM tasks%1 LIMIT 2001) capped"_s}) {
                QVERIFY(exec(q, u"EXPLAIN "_s + inlineBinds(statement.arg(sql.where()), sql.binds)));
                QString plan;
                while (q.next())
                    plan += q.value(0).toString() + u'\n';
                QVERIFY2(plan.contains(u"tasks_pkey"_s), qPrintable(plan));
                QVERIFY2(!plan.contains(u"Seq Scan on tasks"_s), qPrintable(plan));
                plans << plan;
            }
            QVERIFY(q.prepare(u"SELECT id FROM tasks"_s + sql.where()));
            bindAll(q, sql.binds);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QSet<QUuid> found;
            while (q.next())
                found.insert(QUuid::fromString(q.value(0).toString()));
            QVERIFY2(found.contains(target), qPrintable(text + u": "_s + plans.join(u"\n"_s)));
            for (const QUuid &id : std::as_const(found))
                QVERIFY2(id.toString(QUuid::Id128).startsWith(whole.left(8)), qPrintable(id.toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestTaskFilterSql)
#include "test_TaskFilterSql.moc"

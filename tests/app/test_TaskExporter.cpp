// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Export against a real taskmilld (RealBackend.h): every task the filter matches, across several 1,000-row
// pages, to CSV (RFC 4180 quoting, formula-looking text neutralised) and JSON Lines (the API's task JSON), and
// a stopped export leaving no file behind.
#include "RealBackend.h"

#include "codec/TaskJson.h"
#include "models/TaskExporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
constexpr int Exported = 2'345; // three pages of 1,000
constexpr int Others = 100;     // another type, filtered out
const QString Tricky = u"=cmd, \"quoted\"\nsecond line"_s;
} // namespace

class TestTaskExporter final : public QObject
{
    Q_OBJECT
    RealBackend m_real;
    std::unique_ptr<BackendClient> m_client;
    QTemporaryDir m_dir;

    void create(const QString &type, int count, int offset)
    {
        QJsonArray tasks;
        for (int i = 0; i < count; ++i)
            tasks.append(QJsonObject{{u"type"_s, type}, {u"title"_s, i == 0 && offset == 0 ? Tricky : u"report %1"_s.arg(offset + i)},
                                     {u"payload"_s, type == u"sleep" ? QJsonObject{{u"ms"_s, 1}} : QJsonObject{}},
                                     {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        const auto r = m_real.http.post(u"/api/v1/tasks/batch"_s, QJsonValue(tasks));
        QVERIFY2(r.status == 201, r.body.left(200).constData());
    }

    TaskListQuery query() const
    {
        TaskListQuery q;
        q.filter.types = {u"noop"_s};
        return q;
    }

    bool run(TaskExporter &exporter)
    {
        QSignalSpy finished(&exporter, &TaskExporter::finished);
        QSignalSpy failed(&exporter, &TaskExporter::failed);
        exporter.start();
        return QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60'000) && !finished.isEmpty();
    }

private slots:
    void initTestCase()
    {
        m_real.start();
        if (QTest::currentTestFailed())
            return;
        m_client = m_real.client();
        for (int offset = 0; offset < Exported; offset += 1'000)
            create(u"noop"_s, qMin(1'000, Exported - offset), offset);
        create(u"sleep"_s, Others, Exported);
    }

    void csv_holds_every_matching_task_once()
    {
        const QString path = m_dir.filePath(u"tasks.csv"_s);
        QCOMPARE(TaskExporter::formatForPath(path), TaskExporter::Format::Csv);
        TaskExporter exporter(*m_client, query(), path, TaskExporter::Format::Csv);
        QSignalSpy progress(&exporter, &TaskExporter::progress);
        QVERIFY(run(exporter));
        QCOMPARE(exporter.written(), Exported);
        QVERIFY(progress.size() >= 3); // a page at a time
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray all = file.readAll();
        QVERIFY(all.startsWith(TaskExporter::csvHeader()));
        // The tricky title: quoted, its quotes doubled, its line break kept inside the quotes, and the leading
        // "=" turned into text for spreadsheets.
        QVERIFY2(all.contains("\"'=cmd, \"\"quoted\"\"\nsecond line\""), all.left(400).constData());
        QCOMPARE(all.count("\r\n"), Exported + 1); // records end in CRLF; the title's own LF is not one
        QVERIFY(!all.contains(",sleep,"));
    }

    void json_lines_are_the_api_task_json()
    {
        const QString path = m_dir.filePath(u"tasks.jsonl"_s);
        QCOMPARE(TaskExporter::formatForPath(path), TaskExporter::Format::JsonLines);
        TaskExporter exporter(*m_client, query(), path, TaskExporter::Format::JsonLines);
        QVERIFY(run(exporter));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QSet<QString> ids;
        int lines = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine();
            ++lines;
            const auto task = taskFromJson(QJsonDocument::fromJson(line).object());
            QVERIFY2(task, line.left(200).constData());
            QCOMPARE(task->type, u"noop"_s);
            ids.insert(task->id.toString());
        }
        QCOMPARE(lines, Exported);
        QCOMPARE(ids.size(), Exported); // no row twice across page borders
    }

    void a_stopped_export_writes_no_file()
    {
        const QString path = m_dir.filePath(u"stopped.csv"_s);
        TaskExporter exporter(*m_client, query(), path, TaskExporter::Format::Csv);
        QSignalSpy failed(&exporter, &TaskExporter::failed);
        exporter.start();
        exporter.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30'000);
        QVERIFY(!QFile::exists(path));
    }

    void cleanupTestCase() { QVERIFY(m_real.backend.terminate()); }
};

QTEST_MAIN(TestTaskExporter)
#include "test_TaskExporter.moc"

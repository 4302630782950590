// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "E2EHelpers.h"
#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/LocalBackend.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace taskmill;

using namespace taskmill::e2e;


// Drives BackendClient against a real backend started through LocalBackend, as `taskmill --local` does.
class TestBackendClientE2E final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString program = qEnvironmentVariable("TASKMILLD_BIN");
        if (program.isEmpty())
            QSKIP("TASKMILLD_BIN is not set: build with TASKMILL_BUILD_BACKEND=ON to run end-to-end tests");
        startLocalBackend(program, m_dataDir, m_network, m_backend, m_client);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!m_client->version().isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_client)
            m_client->disconnectFromBackend();
        m_client.reset();
        if (m_backend) {
            m_backend->stop();
            QVERIFY(!m_backend->isRunning());
        }
    }

    void health_reports_protocol()
    {
        const Result<HealthInfo> health = await(m_client->health());
        QVERIFY2(health, qPrintable(health ? QString() : health.error().message));
        QCOMPARE(health->protocol, ProtocolVersion);
    }

    void high_noop_task_completes()
    {
        CreateTaskRequest request;
        request.type = QStringLiteral("noop");
        request.title = QStringLiteral("e2e noop");
        request.priority = Priority::High;
        const Result<Task> created = await(m_client->createTask(request));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QCOMPARE(toString(created->priority), toString(Priority::High));
        m_noopId = created->id;

        const Result<Task> done = pollTask(*m_client, m_noopId, [](const Task &t) { return isTerminal(t.status); });
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        QCOMPARE(toString(done->status), toString(Status::Completed));
    }

    void list_contains_created_task()
    {
        QVERIFY(!m_noopId.isNull());
        TaskListQuery query;
        query.limit = 100;
        query.filter.priorities = {Priority::High};
        const Result<TaskPage> page = await(m_client->listTasks(query));
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QVERIFY(page->total >= 1);
        QVERIFY(std::any_of(page->items.cbegin(), page->items.cend(), [this](const Task &t) { return t.id == m_noopId; }));
        for (const Task &t : page->items)
            QCOMPARE(toString(t.priority), toString(Priority::High));
    }

    // What the New Task dialog relies on: the same request sent again with its key is the same task.
    void a_create_sent_again_with_its_key_is_the_same_task()
    {
        CreateTaskRequest request;
        request.type = QStringLiteral("noop");
        request.title = QStringLiteral("e2e keyed");
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const Result<Task> first = await(m_client->createTask(request, key));
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
        const Result<Task> again = await(m_client->createTask(request, key));
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        QCOMPARE(again->id, first->id);
        const Result<Task> other = await(m_client->createTask(request, QUuid::createUuid().toByteArray(QUuid::WithoutBraces)));
        QVERIFY2(other, qPrintable(other ? QString() : other.error().message));
        QVERIFY(other->id != first->id);
    }

    void sleeping_task_is_cancelled()
    {
        CreateTaskRequest request;
        request.type = QStringLiteral("sleep");
        request.title = QStringLiteral("e2e sleep");
        request.payload = QJsonObject{{QStringLiteral("ms"), 30'000}};
        const Result<Task> created = await(m_client->createTask(request));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));

        const Result<Task> cancelled = await(m_client->cancelTask(created->id));
        QVERIFY2(cancelled, qPrintable(cancelled ? QString() : cancelled.error().message));
        const Result<Task> final = pollTask(*m_client, created->id, [](const Task &t) { return isTerminal(t.status); });
        QVERIFY(final);
        QCOMPARE(toString(final->status), toString(Status::Cancelled));

        // Cancelling a finished task is a conflict.
        const Result<Task> again = await(m_client->cancelTask(created->id));
        QVERIFY(!again);
        QCOMPARE(toString(again.error().code), toString(ErrorCode::Conflict));
    }

    void history_records_transitions()
    {
        QVERIFY(!m_noopId.isNull());
        const auto history = await(m_client->taskHistory(m_noopId));
        QVERIFY2(history, qPrintable(history ? QString() : history.error().message));
        QVERIFY(!history->isEmpty());
        QCOMPARE(toString(history->last().toStatus), toString(Status::Completed));
    }

    void completed_event_arrives_over_the_websocket()
    {
        EventStream &stream = m_client->eventStream();
        QSet<QUuid> completed;
        QList<TaskEvent> all;
        connect(&stream, &EventStream::eventsReceived, this, [&](const QList<TaskEvent> &events, qint64) {
            all.append(events);
            for (const TaskEvent &e : events)
                if (e.kind == TaskEvent::Kind::Completed)
                    completed.insert(e.taskId);
        });
        stream.open();
        QTRY_VERIFY_WITH_TIMEOUT(stream.isConnected(), 15'000);

        CreateTaskRequest request;
        request.type = QStringLiteral("noop");
        request.title = QStringLiteral("e2e websocket");
        const Result<Task> created = await(m_client->createTask(request));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(completed.contains(created->id), 30'000);
        for (qsizetype i = 1; i < all.size(); ++i)
            QCOMPARE(all.at(i).revision, all.at(i - 1).revision + 1); // no gaps, in order
        // The catch-up endpoint serves the same events.
        const Result<EventsPage> page = await(m_client->events(all.first().revision - 1, 10));
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QVERIFY(!page->events.isEmpty());
        QCOMPARE(page->events.first(), all.first());
        stream.close();
        disconnect(&stream, nullptr, this, nullptr);
    }

private:
    QTemporaryDir m_dataDir;
    QNetworkAccessManager m_network;
    std::unique_ptr<LocalBackend> m_backend;
    std::unique_ptr<BackendClient> m_client;
    QUuid m_noopId;
};

QTEST_GUILESS_MAIN(TestBackendClientE2E)
#include "test_BackendClientE2E.moc"

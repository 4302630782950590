// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "models/TaskModel.h"
#include "models/TaskPager.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace taskmill;
using namespace taskmill::test;

namespace {
constexpr int PollMs = 100; // several polls within a test, yet no pile-up behind the fake network's answers

QUuid taskId(int n)
{
    return QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

QByteArray taskJson(int n, const QString &status)
{
    return QStringLiteral("{\"id\":\"%1\",\"type\":\"sleep\",\"title\":\"task %2\",\"description\":\"\",\"payload\":{},"
                          "\"priority\":\"HIGH\",\"status\":\"%3\",\"created_at\":\"2026-11-23T12:00:00.000Z\","
                          "\"started_at\":null,\"completed_at\":null,\"run_at\":null,"
                          "\"updated_at\":\"2026-11-23T12:00:00.000Z\",\"result\":null,\"error\":null,\"attempts\":0,"
                          "\"max_attempts\":3,\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                          "\"span_id\":\"00f067aa0ba902b7\",\"worker\":null}")
        .arg(taskId(n).toString(QUuid::WithoutBraces))
        .arg(n)
        .arg(status)
        .toUtf8();
}

QByteArray pageJson(std::initializer_list<int> ns, qint64 revision)
{
    QByteArrayList items;
    for (int n : ns)
        items << taskJson(n, QStringLiteral("PENDING"));
    return "{\"items\":[" + items.join(',') + "],\"total\":" + QByteArray::number(qsizetype(ns.size()))
        + ",\"next_after\":null,\"revision\":" + QByteArray::number(revision) + "}";
}

QByteArray eventJson(qint64 revision, int n, const char *kind, const char *status)
{
    return QStringLiteral("{\"revision\":%1,\"kind\":\"%2\",\"task_id\":\"%3\",\"from_status\":null,\"status\":\"%4\","
                          "\"priority\":\"HIGH\",\"type\":\"sleep\",\"title\":\"task %5\","
                          "\"at\":\"2026-11-23T12:00:05.000Z\",\"worker\":\"host-1\",\"attempt\":1,\"message\":null}")
        .arg(revision)
        .arg(QString::fromLatin1(kind), taskId(n).toString(QUuid::WithoutBraces), QString::fromLatin1(status))
        .arg(n)
        .toUtf8();
}

TaskEvent makeEvent(qint64 revision, int n, TaskEvent::Kind kind, Status status)
{
    TaskEvent e;
    e.revision = revision;
    e.kind = kind;
    e.taskId = taskId(n);
    e.status = status;
    e.title = QStringLiteral("task %1").arg(n);
    return e;
}
} // namespace

// TaskPager with HTTP from the fake network manager and /api/v1/ws from a loopback QWebSocketServer.
class TestTaskPager final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<QWebSocketServer>(QStringLiteral("fake taskmilld"), QWebSocketServer::NonSecureMode);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        connect(m_server.get(), &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server->nextPendingConnection())
                m_peers.append(socket);
        });
        m_network = std::make_unique<FakeNetworkAccessManager>();
        const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort()));
        m_client = std::make_unique<BackendClient>(*m_network, ConnectionProfile{QStringLiteral("t"), base,
                                                                                 ConnectionProfile::Kind::Remote});
        m_model = std::make_unique<TaskModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_pager = std::make_unique<TaskPager>(*m_client, *m_model);
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson({3, 2, 1}, 5)));
    }

    void cleanup()
    {
        m_pager.reset();
        m_tester.reset();
        m_model.reset();
        m_client.reset();
        m_network.reset();
        qDeleteAll(m_peers);
        m_peers.clear();
        m_server.reset();
    }

    void sort_and_keyset_cursor_go_into_the_query()
    {
        QByteArray page = pageJson({3, 2, 1}, 5);
        page.replace("\"next_after\":null", "\"next_after\":null,\"next_cursor\":\"CUR-1\"");
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, page));
        m_pager->setSort(TaskSort::Priority, SortOrder::Ascending);
        QCOMPARE(m_network->countSent("GET"), 0); // not started: nothing loads yet
        m_pager->start();
        QTRY_COMPARE(m_model->rowCount(), 3);
        auto lastQuery = [this] { return QUrlQuery(m_network->sent.constLast().url); };
        QCOMPARE(lastQuery().queryItemValue(QStringLiteral("sort")), QStringLiteral("priority"));
        QCOMPARE(lastQuery().queryItemValue(QStringLiteral("order")), QStringLiteral("asc"));
        QVERIFY(!lastQuery().hasQueryItem(QStringLiteral("cursor")));
        QVERIFY(m_pager->hasNextPage());

        const qsizetype before = m_network->countSent("GET");
        m_pager->nextPage();
        QTRY_COMPARE(m_network->countSent("GET"), before + 1);
        QCOMPARE(lastQuery().queryItemValue(QStringLiteral("cursor")), QStringLiteral("CUR-1"));
        QCOMPARE(lastQuery().queryItemValue(QStringLiteral("sort")), QStringLiteral("priority"));
        QTRY_COMPARE(m_pager->pageNumber(), 2);

        // A new sort starts over on the first page.
        QSignalSpy sortChanged(m_pager.get(), &TaskPager::sortChanged);
        m_pager->setSort(TaskSort::Started, SortOrder::Descending);
        QCOMPARE(sortChanged.size(), 1);
        QTRY_COMPARE(m_network->countSent("GET"), before + 2);
        QVERIFY(!lastQuery().hasQueryItem(QStringLiteral("cursor")));
        QCOMPARE(lastQuery().queryItemValue(QStringLiteral("sort")), QStringLiteral("started"));
        QCOMPARE(m_pager->pageNumber(), 1);
    }

    void an_estimated_total_is_reported_as_such()
    {
        QByteArray page = pageJson({3, 2, 1}, 5);
        page.replace("\"total\":3", "\"total\":812000,\"total_exact\":false");
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, page));
        m_pager->start();
        QTRY_COMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_pager->total(), 812000);
        QVERIFY(!m_pager->isTotalExact());
    }

    void events_update_rows_in_place_and_keep_selection()
    {
        m_pager->start();
        QTRY_COMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_pager->revision(), 5);
        QItemSelectionModel selection(m_model.get());
        selection.setCurrentIndex(m_model->index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(m_pager.get(), &TaskPager::tasksChanged);
        m_pager->applyEvents({makeEvent(6, 2, TaskEvent::Kind::Started, Status::InProgress)}, 6);
        QCOMPARE(changed.size(), 1);
        QVERIFY(m_model->taskAt(1).status == Status::InProgress);
        QCOMPARE(m_pager->revision(), 6);
        QCOMPARE(selection.currentIndex().row(), 1);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        // An event already applied is not applied twice.
        m_pager->applyEvents({makeEvent(6, 2, TaskEvent::Kind::Started, Status::InProgress)}, 6);
        QCOMPARE(changed.size(), 1);
    }

    void created_event_refreshes_the_first_page()
    {
        m_pager->start();
        QTRY_COMPARE(m_model->rowCount(), 3);
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson({4, 3, 2, 1}, 6)));
        m_pager->applyEvents({makeEvent(6, 4, TaskEvent::Kind::Created, Status::New)}, 6);
        QTRY_COMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->taskAt(0).id, taskId(4));
    }

    void completed_event_refetches_the_task()
    {
        m_pager->start();
        QTRY_COMPARE(m_model->rowCount(), 3);
        const QString path = QStringLiteral("/api/v1/tasks/") + taskId(1).toString(QUuid::WithoutBraces);
        m_network->route("GET", path, CannedResponse::json(200, taskJson(1, QStringLiteral("COMPLETED"))));
        m_pager->applyEvents({makeEvent(6, 1, TaskEvent::Kind::Completed, Status::Completed)}, 6);
        QVERIFY(m_model->taskAt(2).status == Status::Completed);
        QTRY_COMPARE(m_network->countSent("GET", path), 1);
    }

    void subscription_catches_up_from_the_snapshot_revision()
    {
        m_network->route("GET", QStringLiteral("/api/v1/events"),
                         CannedResponse::json(200, "{\"events\":[" + eventJson(6, 3, "started", "IN_PROGRESS")
                                                       + "],\"revision\":6,\"head\":6}"));
        m_pager->start();
        m_client->eventStream().open();
        QTRY_COMPARE(m_model->rowCount(), 3);
        QTRY_COMPARE(m_peers.size(), 1);
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":6}"));
        QTRY_VERIFY(m_model->taskAt(0).status == Status::InProgress);
        QCOMPARE(m_pager->revision(), 6);
        const auto sent = m_network->sent;
        const auto it = std::find_if(sent.cbegin(), sent.cend(),
                                     [](const auto &r) { return r.url.path() == u"/api/v1/events"; });
        QVERIFY(it != sent.cend());
        QCOMPARE(QUrlQuery(it->url).queryItemValue(QStringLiteral("since")), QStringLiteral("5"));

        // Live events follow; a gap makes the pager catch up instead of guessing.
        m_peers.first()->sendTextMessage(QString::fromUtf8("{\"type\":\"events\",\"revision\":7,\"events\":["
                                                           + eventJson(7, 3, "completed", "COMPLETED") + "]}"));
        QTRY_VERIFY(m_model->taskAt(0).status == Status::Completed);
        QCOMPARE(m_pager->revision(), 7);
    }

    void gone_reloads_the_snapshot()
    {
        m_network->route("GET", QStringLiteral("/api/v1/events"),
                         CannedResponse::json(410, "{\"error\":{\"code\":\"gone\",\"message\":\"reload\"}}"));
        m_pager->start();
        m_client->eventStream().open();
        QTRY_COMPARE(m_model->rowCount(), 3);
        QTRY_COMPARE(m_peers.size(), 1);
        const qsizetype pages = m_network->countSent("GET", QStringLiteral("/api/v1/tasks"));
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":90}"));
        QTRY_COMPARE(m_network->countSent("GET", QStringLiteral("/api/v1/events")), 1);
        QTRY_COMPARE(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")), pages + 1);
    }

    void resync_reloads_the_snapshot()
    {
        m_pager->start();
        m_client->eventStream().open();
        QTRY_COMPARE(m_peers.size(), 1);
        QTRY_COMPARE(m_model->rowCount(), 3);
        const qsizetype pages = m_network->countSent("GET", QStringLiteral("/api/v1/tasks"));
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"resync\",\"reason\":\"slow\"}"));
        QTRY_COMPARE(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")), pages + 1);
    }

    void polling_runs_only_while_the_stream_is_down()
    {
        m_pager->setRefreshInterval(PollMs);
        m_pager->start();
        QVERIFY(m_pager->isPolling());
        QTRY_VERIFY(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")) >= 3);
        m_network->route("GET", QStringLiteral("/api/v1/events"),
                         CannedResponse::json(200, "{\"events\":[],\"revision\":5,\"head\":5}"));
        m_client->eventStream().open();
        QTRY_COMPARE(m_peers.size(), 1);
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":5}"));
        QTRY_VERIFY(m_client->eventStream().isConnected());
        const qsizetype pages = m_network->countSent("GET", QStringLiteral("/api/v1/tasks"));
        // The poll timer itself is stopped, so no later tick can load; a subscription alone loads nothing.
        QVERIFY(!m_pager->isPolling());
        QCOMPARE(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")), pages);

        // The stream drops: polling resumes.
        m_peers.first()->close();
        QTRY_VERIFY(!m_client->eventStream().isConnected());
        QVERIFY(m_pager->isPolling());
        QTRY_VERIFY(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")) > pages);
        m_client->eventStream().close();
    }

private:
    std::unique_ptr<QWebSocketServer> m_server;
    QList<QWebSocket *> m_peers;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<TaskModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<TaskPager> m_pager;
};

QTEST_GUILESS_MAIN(TestTaskPager)
#include "test_TaskPager.moc"

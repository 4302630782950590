// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "models/DeadLetterGroupModel.h"
#include "models/DeadLetterModel.h"
#include "models/DeadLetterPager.h"
#include "views/DeadLetterActions.h"
#include "views/DeadLetterDetailsPanel.h"
#include "views/DeadLetterFilterBar.h"
#include "views/DeadLetterPage.h"
#include "views/ExportActions.h"
#include "models/TaskExporter.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString GroupA = QStringLiteral("boom & 50% + café");
const QString GroupB = QStringLiteral("timeout");
const QString DlqPath = QStringLiteral("/api/v1/dlq");
const QString GroupsPath = QStringLiteral("/api/v1/dlq/groups");
constexpr int ThrottleMs = 300;    // long enough that 20 synchronous events surely fall in one window
constexpr int FastThrottleMs = 50; // where the throttle is not under test: its windows pass quickly

QUuid taskId(int n)
{
    return QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

QJsonObject taskJson(int n)
{
    return QJsonObject{
        {QStringLiteral("id"), taskId(n).toString(QUuid::WithoutBraces)},
        {QStringLiteral("type"), QStringLiteral("fail")},
        {QStringLiteral("title"), QStringLiteral("task %1").arg(n)},
        {QStringLiteral("payload"), QJsonObject{{QStringLiteral("times"), 5}}},
        {QStringLiteral("priority"), QStringLiteral("MEDIUM")},
        {QStringLiteral("status"), QStringLiteral("FAILED")},
        {QStringLiteral("created_at"), QStringLiteral("2026-11-23T12:00:00.000Z")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-11-23T12:00:03.000Z")},
        {QStringLiteral("completed_at"), QStringLiteral("2026-11-23T12:00:03.000Z")},
        {QStringLiteral("dead_lettered_at"), QStringLiteral("2026-11-23T12:00:03.000Z")},
        {QStringLiteral("error"), GroupA},
        {QStringLiteral("attempts"), 3},
        {QStringLiteral("max_attempts"), 3},
    };
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray pageJson(std::initializer_list<int> ns, qint64 total)
{
    QJsonArray items;
    for (int n : ns)
        items.append(taskJson(n));
    return json({{QStringLiteral("items"), items}, {QStringLiteral("total"), total},
                 {QStringLiteral("next_after"), QJsonValue::Null}});
}

QByteArray groupsJson()
{
    auto group = [](const QString &error, int count) {
        return QJsonObject{{QStringLiteral("error"), error},
                           {QStringLiteral("count"), count},
                           {QStringLiteral("first_seen"), QStringLiteral("2026-11-23T11:00:00.000Z")},
                           {QStringLiteral("last_seen"), QStringLiteral("2026-11-23T12:00:03.000Z")},
                           {QStringLiteral("types"), QJsonArray{QStringLiteral("fail")}}};
    };
    return json({{QStringLiteral("groups"), QJsonArray{group(GroupA, 3), group(GroupB, 2)}}});
}

QByteArray detailsJson(int n)
{
    auto h = [n](qint64 id, const QJsonValue &from, const QString &to, int attempt, const QJsonValue &message,
                 const QString &at) {
        return QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("task_id"), taskId(n).toString(QUuid::WithoutBraces)},
                           {QStringLiteral("from_status"), from},
                           {QStringLiteral("to_status"), to},
                           {QStringLiteral("at"), at},
                           {QStringLiteral("worker"), QStringLiteral("host-1")},
                           {QStringLiteral("attempt"), attempt},
                           {QStringLiteral("message"), message}};
    };
    const QJsonArray history{
        h(1, QJsonValue::Null, QStringLiteral("NEW"), 0, QJsonValue::Null, QStringLiteral("2026-11-23T12:00:00.000Z")),
        h(2, QStringLiteral("NEW"), QStringLiteral("IN_PROGRESS"), 1, QJsonValue::Null,
          QStringLiteral("2026-11-23T12:00:01.000Z")),
        h(3, QStringLiteral("IN_PROGRESS"), QStringLiteral("RETRY_WAITING"), 1, QStringLiteral("first failure"),
          QStringLiteral("2026-11-23T12:00:01.500Z")),
        h(4, QStringLiteral("RETRY_WAITING"), QStringLiteral("IN_PROGRESS"), 2, QJsonValue::Null,
          QStringLiteral("2026-11-23T12:00:02.000Z")),
        h(5, QStringLiteral("IN_PROGRESS"), QStringLiteral("FAILED"), 2, QString(GroupA + QStringLiteral(" [dead-lettered]")),
          QStringLiteral("2026-11-23T12:00:03.000Z")),
    };
    return json({{QStringLiteral("task"), taskJson(n)}, {QStringLiteral("history"), history}});
}

TaskEvent dlqEvent(TaskEvent::Kind kind, qint64 revision = 1)
{
    TaskEvent e;
    e.kind = kind;
    e.revision = revision;
    e.taskId = taskId(9);
    e.status = Status::Failed;
    return e;
}

QJsonObject bodyOf(const FakeNetworkAccessManager::SentRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}
} // namespace

// The Dead Letters page against the fake network manager: loading on show, group → task list → details,
// requeue and purge bodies, confirmations with the backend's count, the payload editor, live refresh.
class TestDeadLetterPage final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:9")),
                                          ConnectionProfile::Kind::Remote});
        m_network->route("GET", GroupsPath, CannedResponse::json(200, groupsJson()));
        m_network->route("GET", DlqPath, CannedResponse::json(200, pageJson({3, 2, 1}, 3)));
        for (int n : {1, 2, 3})
            m_network->route("GET", DlqPath + u'/' + taskId(n).toString(QUuid::WithoutBraces),
                             CannedResponse::json(200, detailsJson(n)));
        m_page = std::make_unique<DeadLetterPage>(*m_client);
        m_groupTester = std::make_unique<QAbstractItemModelTester>(
            m_page->groupModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_taskTester = std::make_unique<QAbstractItemModelTester>(
            m_page->taskModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_page->resize(1100, 700);
    }

    void cleanup()
    {
        m_taskTester.reset();
        m_groupTester.reset();
        m_page.reset();
        m_client.reset();
        m_network.reset();
    }

    void loads_only_once_shown()
    {
        // Requests go out as they are made; hidden, the pager has no timer that could make one later.
        DeadLetterPager *pager = m_page->pager();
        QVERIFY(!pager->isActive());
        QVERIFY(!pager->isPolling());
        QVERIFY(!pager->isThrottling());
        QCOMPARE(m_network->sent.size(), 0);
        showLoaded();
        QCOMPARE(m_page->groupModel()->rowCount(), 2);
        QCOMPARE(m_page->groupModel()->totalCount(), 5);
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("summary"))->text().contains(u'5'));
        // Nothing selected: the list asks for every dead letter.
        const auto list = lastSent("GET", DlqPath);
        QVERIFY(!QUrlQuery(list.url).hasQueryItem(QStringLiteral("error")));
        QCOMPARE(QUrlQuery(list.url).queryItemValue(QStringLiteral("limit")), QString::number(DeadLetterPager::PageSize));
    }

    void selecting_a_group_lists_its_tasks()
    {
        showLoaded();
        const qsizetype lists = m_network->countSent("GET", DlqPath);
        selectGroup(0);
        QTRY_COMPARE(m_network->countSent("GET", DlqPath), lists + 1);
        // The exact error text survives the query string, '&', '%', '+' and non-ASCII included.
        const auto list = lastSent("GET", DlqPath);
        QCOMPARE(QUrlQuery(list.url).queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded), GroupA);
        QCOMPARE(m_page->pager()->group(), std::optional<QString>(GroupA));
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("tasksHeading"))->text().contains(GroupA));

        m_page->showAllDeadLetters();
        QVERIFY(!m_page->pager()->group());
    }

    void selecting_a_task_shows_every_attempt_and_the_payload()
    {
        showLoaded();
        selectTasks({1}); // task 2
        DeadLetterDetailsPanel *details = m_page->details();
        QTRY_COMPARE(details->details().task.id, taskId(2));
        auto *attempts = details->findChild<QTableWidget *>(QStringLiteral("attempts"));
        QCOMPARE(attempts->rowCount(), 2);
        QCOMPARE(attempts->item(0, 5)->text(), QStringLiteral("first failure"));
        QCOMPARE(attempts->item(1, 1)->text(), QStringLiteral("2"));
        QCOMPARE(attempts->item(1, 4)->text(), QStringLiteral("host-1"));
        QVERIFY(attempts->item(1, 5)->text().startsWith(GroupA));
        QCOMPARE(QJsonDocument::fromJson(details->payloadEditor()->toPlainText().toUtf8()).object(),
                 (QJsonObject{{QStringLiteral("times"), 5}}));
        QVERIFY(details->requeueButton()->isEnabled());
    }

    void requeue_shortcut_sends_the_selected_ids()
    {
        m_network->route("POST", DlqPath + QStringLiteral("/requeue"),
                         CannedResponse::json(200, json({{QStringLiteral("count"), 2},
                                                         {QStringLiteral("ids"), QJsonArray{taskId(3).toString(QUuid::WithoutBraces),
                                                                                            taskId(1).toString(QUuid::WithoutBraces)}}})));
        showLoaded();
        selectTasks({0, 2});
        QSignalSpy status(m_page.get(), &DeadLetterPage::statusMessagePosted);
        m_page->tasksView()->setFocus();
        QTest::keyClick(m_page->tasksView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(m_network->countSent("POST", DlqPath + QStringLiteral("/requeue")), 1);
        const QJsonObject body = bodyOf(lastSent("POST", DlqPath + QStringLiteral("/requeue")));
        QCOMPARE(body, (QJsonObject{{QStringLiteral("ids"), QJsonArray{taskId(3).toString(QUuid::WithoutBraces),
                                                                        taskId(1).toString(QUuid::WithoutBraces)}}}));
        QTRY_COMPARE(status.size(), 1);
        QVERIFY(status.first().first().toString().contains(u'2'));
        QVERIFY(!m_page->findChild<QMessageBox *>(QStringLiteral("requeueConfirmation"))); // a selection needs none
    }

    void purge_of_a_group_confirms_the_backends_count()
    {
        m_network->route("POST", DlqPath + QStringLiteral("/purge"),
                         CannedResponse::json(200, json({{QStringLiteral("count"), 7}})));
        showLoaded();
        selectGroup(0);
        QTRY_COMPARE(m_page->pager()->group(), std::optional<QString>(GroupA));
        // The group row says 3; the backend has 7 by now: the dialog must show what will be deleted.
        m_network->route("GET", DlqPath, CannedResponse::json(200, pageJson({3}, 7)));
        m_page->groupsView()->setFocus();
        QTest::keyClick(m_page->groupsView(), Qt::Key_Delete, Qt::ShiftModifier);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_page->findChild<QMessageBox *>(QStringLiteral("purgeConfirmation"))));
        const auto countRequest = lastSent("GET", DlqPath);
        QCOMPARE(QUrlQuery(countRequest.url).queryItemValue(QStringLiteral("limit")), QStringLiteral("1"));
        QCOMPARE(QUrlQuery(countRequest.url).queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded), GroupA);
        QVERIFY2(box->text().contains(QStringLiteral("7")), qPrintable(box->text()));
        QCOMPARE(m_network->countSent("POST", DlqPath + QStringLiteral("/purge")), 0);

        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_COMPARE(m_network->countSent("POST", DlqPath + QStringLiteral("/purge")), 1);
        QCOMPARE(bodyOf(lastSent("POST", DlqPath + QStringLiteral("/purge"))),
                 (QJsonObject{{QStringLiteral("filter"), QJsonObject{{QStringLiteral("error"), GroupA}}}}));
    }

    void cancelled_purge_sends_nothing()
    {
        showLoaded();
        selectTasks({0, 1});
        m_page->actions()->purgeAction()->trigger();
        QMessageBox *box = m_page->actions()->confirmation();
        QVERIFY(box);
        QVERIFY2(box->text().contains(u'2'), qPrintable(box->text())); // the selection's exact size
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_page->actions()->confirmation()); // the dialog has finished and is gone
        QCOMPARE(m_network->countSent("POST", DlqPath + QStringLiteral("/purge")), 0);
    }

    void purge_all_asks_for_the_total_and_names_everything()
    {
        m_network->route("POST", DlqPath + QStringLiteral("/purge"),
                         CannedResponse::json(200, json({{QStringLiteral("count"), 3}})));
        showLoaded();
        m_network->route("GET", DlqPath, CannedResponse::json(200, pageJson({3}, 1234)));
        m_page->actions()->purgeAllAction()->trigger();
        QTRY_VERIFY(m_page->actions()->confirmation());
        QMessageBox *box = m_page->actions()->confirmation();
        QVERIFY(!QUrlQuery(lastSent("GET", DlqPath).url).hasQueryItem(QStringLiteral("error")));
        QVERIFY2(box->text().contains(QLocale().toString(1234)) || box->text().contains(QStringLiteral("1234")),
                 qPrintable(box->text()));
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_COMPARE(m_network->countSent("POST", DlqPath + QStringLiteral("/purge")), 1);
        QCOMPARE(bodyOf(lastSent("POST", DlqPath + QStringLiteral("/purge"))), (QJsonObject{{QStringLiteral("all"), true}}));
        QTRY_COMPARE(m_page->taskModel()->rowCount(), 1); // cleared at once, then the reload's one row
    }

    void rows_that_go_away_take_the_details_and_the_group_with_them()
    {
        m_network->route("POST", DlqPath + QStringLiteral("/purge"),
                         CannedResponse::json(200, json({{QStringLiteral("count"), 3}})));
        showTaskDetails(2);
        selectGroup(0);
        QTRY_COMPARE(m_page->pager()->group(), std::optional<QString>(GroupA));
        selectTasks({1});
        QTRY_COMPARE(m_page->details()->taskId(), taskId(2));

        // Purging everything empties the list at once (a model reset): the details must not linger.
        m_network->route("GET", DlqPath, CannedResponse::json(200, pageJson({}, 3))); // count 3, list empty
        m_page->actions()->purgeAllAction()->trigger();
        QTRY_VERIFY(m_page->actions()->confirmation());
        m_page->actions()->confirmation()->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_VERIFY(m_page->details()->taskId().isNull());

        // The selected group disappears from the groups answer: the list falls back to every dead letter.
        m_network->route("GET", GroupsPath, CannedResponse::json(200, R"({"groups":[]})"));
        m_page->pager()->refresh();
        QTRY_COMPARE(m_page->groupModel()->rowCount(), 0);
        QTRY_VERIFY(!m_page->pager()->group());
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("summary"))->text().contains(QStringLiteral("empty")));
    }

    void invalid_payload_disables_requeue_and_points_at_the_error()
    {
        showTaskDetails(2);
        DeadLetterDetailsPanel *details = m_page->details();
        details->payloadEditor()->setPlainText(QStringLiteral("{\n  \"times\": \n}"));
        QVERIFY(!details->requeueButton()->isEnabled());
        QVERIFY2(details->payloadError().contains(QStringLiteral("Line 3")), qPrintable(details->payloadError()));
        details->payloadEditor()->setPlainText(QStringLiteral("[1, 2]"));
        QVERIFY(!details->requeueButton()->isEnabled());
        QVERIFY(!details->payloadError().isEmpty());
        details->payloadEditor()->setPlainText(QStringLiteral("{\"times\": 0}"));
        QVERIFY(details->requeueButton()->isEnabled());
        QVERIFY(details->payloadError().isEmpty());
        // Clicking a disabled button sends nothing.
        details->payloadEditor()->setPlainText(QStringLiteral("{"));
        QTest::mouseClick(details->requeueButton(), Qt::LeftButton);
        details->requeueWithEditedPayload();
        QCOMPARE(m_network->countSent("POST"), 0); // a requeue would have been sent by the call itself
    }

    void requeue_with_edited_payload_sends_it()
    {
        const QString path = DlqPath + u'/' + taskId(2).toString(QUuid::WithoutBraces) + QStringLiteral("/requeue");
        QJsonObject requeued = taskJson(2);
        requeued.insert(QStringLiteral("status"), QStringLiteral("NEW"));
        requeued.insert(QStringLiteral("dead_lettered_at"), QJsonValue::Null);
        m_network->route("POST", path, CannedResponse::json(200, json(requeued)));
        showTaskDetails(2);
        DeadLetterDetailsPanel *details = m_page->details();
        QVERIFY(!details->isPayloadEdited());
        details->payloadEditor()->setPlainText(QStringLiteral("{\"times\": 0, \"note\": \"fixed\"}"));
        QVERIFY(details->isPayloadEdited());
        QSignalSpy done(details, &DeadLetterDetailsPanel::requeued);
        QSignalSpy status(m_page.get(), &DeadLetterPage::statusMessagePosted);
        details->requeueButton()->click();
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(bodyOf(lastSent("POST", path)),
                 (QJsonObject{{QStringLiteral("payload"),
                               QJsonObject{{QStringLiteral("times"), 0}, {QStringLiteral("note"), QStringLiteral("fixed")}}}}));
        QCOMPARE(status.size(), 1);
        QCOMPARE(m_page->taskModel()->rowOf(taskId(2)), -1); // gone at once; the refresh follows
        QVERIFY(m_page->details()->taskId().isNull());
    }

    void server_validation_error_is_shown_at_the_payload()
    {
        const QString path = DlqPath + u'/' + taskId(2).toString(QUuid::WithoutBraces) + QStringLiteral("/requeue");
        m_network->route("POST", path,
                         CannedResponse::json(422, R"({"error":{"code":"validation","message":"payload.to must be an )"
                                                   R"(e-mail address","field":"payload.to"}})"));
        showTaskDetails(2);
        DeadLetterDetailsPanel *details = m_page->details();
        details->payloadEditor()->setPlainText(QStringLiteral("{\"to\": \"nobody\"}"));
        details->requeueButton()->click();
        QTRY_COMPARE(details->payloadError(), QStringLiteral("payload.to must be an e-mail address"));
        QVERIFY(details->actionError().isEmpty());
        QVERIFY(details->requeueButton()->isEnabled()); // fix it and try again
        QCOMPARE(m_page->taskModel()->rowOf(taskId(2)), 1);
    }

    void refresh_of_the_same_task_keeps_an_edited_payload()
    {
        showTaskDetails(2);
        DeadLetterDetailsPanel *details = m_page->details();
        details->payloadEditor()->setPlainText(QStringLiteral("{\"times\": 1}"));
        QSignalSpy loaded(details, &DeadLetterDetailsPanel::loaded);
        details->reload();
        QVERIFY(loaded.wait());
        QCOMPARE(details->payloadEditor()->toPlainText(), QStringLiteral("{\"times\": 1}"));
    }

    void dead_letter_events_refresh_throttled()
    {
        DeadLetterPager *pager = m_page->pager();
        pager->setThrottleInterval(ThrottleMs);
        showLoaded();
        QTRY_VERIFY(!pager->isThrottling()); // the load's own throttle window has passed
        const qsizetype groups = m_network->countSent("GET", GroupsPath);
        pager->onEventsReceived({dlqEvent(TaskEvent::Kind::Completed), dlqEvent(TaskEvent::Kind::Started)});
        // Not a dead-letter change: no refresh now (it would go out at once) and none scheduled.
        QVERIFY(!pager->isThrottling());
        QCOMPARE(m_network->countSent("GET", GroupsPath), groups);

        for (int i = 0; i < 20; ++i)
            pager->onEventsReceived({dlqEvent(TaskEvent::Kind::DeadLettered, i)});
        QCOMPARE(m_network->countSent("GET", GroupsPath), groups + 1); // the leading edge at once
        QVERIFY(pager->isThrottling());
        QTRY_COMPARE(m_network->countSent("GET", GroupsPath), groups + 2); // the trailing one
        // Evidence that the trailing refresh's own window has passed: the throttle timer fired and stayed idle.
        QTRY_VERIFY(!pager->isThrottling());
        QCOMPARE(m_network->countSent("GET", GroupsPath), groups + 2); // and no more

        pager->onEventsReceived({dlqEvent(TaskEvent::Kind::Requeued)});
        QTRY_COMPARE(m_network->countSent("GET", GroupsPath), groups + 3);
    }

    void hidden_page_refreshes_when_shown_again()
    {
        showLoaded();
        m_page->hide();
        const qsizetype groups = m_network->countSent("GET", GroupsPath);
        m_page->pager()->onEventsReceived({dlqEvent(TaskEvent::Kind::DeadLettered)});
        // Hidden: nothing sent (a refresh goes out at once) and no timer left that could send one.
        QVERIFY(!m_page->pager()->isThrottling());
        QVERIFY(!m_page->pager()->isPolling());
        QCOMPARE(m_network->countSent("GET", GroupsPath), groups);
        m_page->show();
        QTRY_COMPARE(m_network->countSent("GET", GroupsPath), groups + 1);
    }

    void events_from_the_websocket_reach_the_page()
    {
        QWebSocketServer server(QStringLiteral("fake taskmilld"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QWebSocket *> peers;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            while (QWebSocket *socket = server.nextPendingConnection())
                peers.append(socket);
        });
        m_taskTester.reset();
        m_groupTester.reset();
        m_page.reset();
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())),
                                          ConnectionProfile::Kind::Remote});
        m_page = std::make_unique<DeadLetterPage>(*m_client);
        m_page->pager()->setThrottleInterval(FastThrottleMs);
        showLoaded();
        m_client->eventStream().open();
        QTRY_COMPARE(peers.size(), 1);
        peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":6}"));
        QTRY_VERIFY(m_client->eventStream().isConnected());
        QTRY_VERIFY(!m_page->pager()->isThrottling()); // the refreshes for showing and subscribing are over
        const qsizetype groups = m_network->countSent("GET", GroupsPath);
        peers.first()->sendTextMessage(QStringLiteral(
            "{\"type\":\"events\",\"revision\":7,\"events\":[{\"revision\":7,\"kind\":\"dead_lettered\",\"task_id\":\"%1\","
            "\"from_status\":\"IN_PROGRESS\",\"status\":\"FAILED\",\"priority\":\"HIGH\",\"type\":\"fail\",\"title\":\"x\","
            "\"at\":\"2026-11-23T12:00:05.000Z\",\"worker\":\"host-1\",\"attempt\":3,\"message\":\"boom\"}]}")
                                           .arg(taskId(9).toString(QUuid::WithoutBraces)));
        QTRY_COMPARE(m_network->countSent("GET", GroupsPath), groups + 1);
        m_client->eventStream().close();
        m_page.reset();
        qDeleteAll(peers);
    }

    void search_narrows_the_groups_and_the_tasks()
    {
        showLoaded();
        DeadLetterFilterBar *bar = m_page->filterBar();
        QCOMPARE(bar->typeBox()->findData(QStringLiteral("fail")), 1); // learnt from the groups
        QVERIFY(!m_page->actions()->requeueAction()->isEnabled());     // nothing selected, no search
        const qsizetype lists = m_network->countSent("GET", DlqPath);
        const qsizetype groups = m_network->countSent("GET", GroupsPath);
        bar->searchField()->setText(QStringLiteral("00000000…0002")); // QTest::keyClicks types ASCII only
        QTRY_COMPARE(m_network->countSent("GET", DlqPath), lists + 1); // once, after the typing settles
        QCOMPARE(m_network->countSent("GET", GroupsPath), groups + 1);
        QCOMPARE(QUrlQuery(lastSent("GET", DlqPath).url).queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded),
                 QStringLiteral("00000000…0002"));
        QCOMPARE(QUrlQuery(lastSent("GET", GroupsPath).url).queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded),
                 QStringLiteral("00000000…0002"));
        bar->priorityBox()->setCurrentIndex(bar->priorityBox()->findData(int(Priority::High)));
        bar->typeBox()->setCurrentIndex(1);
        QTRY_COMPARE(QUrlQuery(lastSent("GET", DlqPath).url).queryItemValue(QStringLiteral("priority")), QStringLiteral("HIGH"));
        QCOMPARE(QUrlQuery(lastSent("GET", DlqPath).url).queryItemValue(QStringLiteral("type")), QStringLiteral("fail"));
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("tasksHeading"))->text().contains(QStringLiteral("search")));

        // With a search and no selection, Requeue means everything the search matches: count first, then ask.
        QVERIFY(m_page->actions()->requeueAction()->isEnabled());
        m_network->route("GET", DlqPath, CannedResponse::json(200, pageJson({2}, 1)));
        m_page->actions()->requeue();
        QTRY_VERIFY(m_page->findChild<QMessageBox *>(QStringLiteral("requeueConfirmation")));
        QMessageBox *box = m_page->findChild<QMessageBox *>(QStringLiteral("requeueConfirmation"));
        QVERIFY(box->informativeText().contains(QStringLiteral("search")));
        box->reject();

        const qsizetype before = m_network->countSent("GET", DlqPath);
        bar->clear();
        QTRY_COMPARE(m_network->countSent("GET", DlqPath), before + 1);
        const QUrlQuery cleared(lastSent("GET", DlqPath).url);
        QVERIFY(!cleared.hasQueryItem(QStringLiteral("q")) && !cleared.hasQueryItem(QStringLiteral("priority")));
    }

    void header_click_sorts_on_the_server()
    {
        showLoaded();
        QHeaderView *header = m_page->tasksView()->horizontalHeader();
        QCOMPARE(header->sortIndicatorSection(), int(DeadLetterModel::DeadLettered));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder); // newest first, shown as such
        const qsizetype lists = m_network->countSent("GET", DlqPath);
        header->setSortIndicator(DeadLetterModel::Title, Qt::AscendingOrder);
        QTRY_COMPARE(m_network->countSent("GET", DlqPath), lists + 1);
        const QUrlQuery q(lastSent("GET", DlqPath).url);
        QCOMPARE(q.queryItemValue(QStringLiteral("sort")), QStringLiteral("title"));
        QCOMPARE(q.queryItemValue(QStringLiteral("order")), QStringLiteral("asc"));
        // The error column has no server order: the indicator goes back, nothing is asked.
        header->setSortIndicator(DeadLetterModel::Error, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(DeadLetterModel::Title));
        QCOMPARE(m_network->countSent("GET", DlqPath), lists + 1);
    }

    void id_column_shows_the_short_form_and_copies_whole_ids()
    {
        showLoaded();
        const QString shown = m_page->taskModel()->index(0, DeadLetterModel::Id).data().toString();
        QCOMPARE(shown, QStringLiteral("00000000…0003"));
        selectTasks({0, 2});
        m_page->tasksView()->setFocus();
        QTest::keyClick(m_page->tasksView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 taskId(3).toString(QUuid::WithoutBraces) + u'\n' + taskId(1).toString(QUuid::WithoutBraces));
    }

    void export_writes_what_the_page_lists()
    {
        showLoaded();
        selectGroup(0);
        QTRY_COMPARE(m_page->pager()->group(), std::optional<QString>(GroupA));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dead.jsonl"));
        QSignalSpy finished(m_page->exportActions(), &ExportActions::exportFinished);
        m_page->exportActions()->exportTo(path);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.first().first().toBool());
        const QUrlQuery q(lastSent("GET", DlqPath).url);
        QCOMPARE(q.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded), GroupA); // the group's list
        QCOMPARE(q.queryItemValue(QStringLiteral("limit")), QString::number(TaskExporter::PageSize));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 4); // three tasks and the empty end after the last LF
        QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(QStringLiteral("id")).toString(),
                 taskId(3).toString(QUuid::WithoutBraces));
    }

private:
    void showLoaded()
    {
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        // Page shortcuts only fire in the active window.
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        QTRY_COMPARE(m_page->groupModel()->rowCount(), 2);
        QTRY_COMPARE(m_page->taskModel()->rowCount(), 3);
    }

    void selectTasks(const QList<int> &rows)
    {
        QItemSelection selection;
        for (int row : rows)
            selection.select(m_page->taskModel()->index(row, 0),
                             m_page->taskModel()->index(row, DeadLetterModel::ColumnCount - 1));
        m_page->tasksView()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        QCOMPARE(m_page->selectedTaskIds().size(), rows.size());
    }

    // Through the selection model: QTableView::selectRow() depends on the keyboard modifiers still held.
    void selectGroup(int row)
    {
        m_page->groupsView()->selectionModel()->select(m_page->groupModel()->index(row, 0),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    void showTaskDetails(int n)
    {
        showLoaded();
        selectTasks({m_page->taskModel()->rowOf(taskId(n))});
        QTRY_COMPARE(m_page->details()->details().task.id, taskId(n));
    }

    FakeNetworkAccessManager::SentRequest lastSent(const QByteArray &verb, const QString &path) const
    {
        for (auto it = m_network->sent.crbegin(); it != m_network->sent.crend(); ++it)
            if (it->verb == verb && it->url.path() == path)
                return *it;
        return {};
    }

    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<DeadLetterPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_groupTester;
    std::unique_ptr<QAbstractItemModelTester> m_taskTester;
};

QTEST_MAIN(TestDeadLetterPage)
#include "test_DeadLetterPage.moc"

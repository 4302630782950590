// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "codec/TaskJson.h"
#include "models/TimeFormat.h"
#include "views/TaskDetailsPanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTableWidget>
#include <QTest>
#include <QSignalSpy>
#include <QMessageBox>

using namespace taskmill;
using namespace taskmill::test;

namespace {
const QUuid TaskId = QUuid(QStringLiteral("0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"));

Task sampleTask()
{
    Task t;
    t.id = TaskId;
    t.type = QStringLiteral("sleep");
    t.title = QStringLiteral("Resize avatars");
    t.payload = QJsonObject{{QStringLiteral("ms"), 250}};
    t.status = Status::InProgress;
    t.attempts = 1;
    t.worker = QStringLiteral("host-1");
    t.traceId = QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
    t.createdAt = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
    return t;
}

QByteArray historyJson(int entries)
{
    QByteArrayList items;
    const QByteArray id = TaskId.toByteArray(QUuid::WithoutBraces);
    items << "{\"id\":1,\"task_id\":\"" + id + "\",\"from_status\":null,\"to_status\":\"NEW\","
                 "\"at\":\"2026-11-23T12:00:00.000Z\",\"worker\":null,\"attempt\":0,\"message\":null}";
    if (entries > 1)
        items << "{\"id\":2,\"task_id\":\"" + id + "\",\"from_status\":\"PENDING\",\"to_status\":\"IN_PROGRESS\","
                     "\"at\":\"2026-11-23T12:00:01.000Z\",\"worker\":\"host-1\",\"attempt\":1,\"message\":null}";
    return "{\"items\":[" + items.join(',') + "]}";
}

const QString HistoryPath = QStringLiteral("/api/v1/tasks/0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10/history");
const QString InfoPath = QStringLiteral("/api/v1/info");
// A Grafana-style template: braces and quotes around the placeholder must survive into the URL.
const QByteArray InfoWithTemplate =
    R"({"version":"0.1.0","tracing":{"link_template":"http://grafana.example:3000/explore?left={\"query\":\"{trace_id}\"}&span={span_id}","exporting":true}})";
} // namespace

// Receives what QDesktopServices::openUrl would hand to the browser.
class UrlCatcher final : public QObject
{
    Q_OBJECT
public slots:
    void open(const QUrl &url) { urls.append(url); }

public:
    QList<QUrl> urls;
};

class TestTaskDetailsPanel final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                          ConnectionProfile::Kind::Remote});
        m_panel = std::make_unique<TaskDetailsPanel>(*m_client);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_client.reset();
        m_network.reset();
    }

    void shows_placeholder_until_a_task_is_selected()
    {
        QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("placeholder"))->isVisible());
        QVERIFY(!m_panel->copyTraceIdAction()->isEnabled());
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        m_panel->showTask(sampleTask());
        QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("placeholder"))->isVisible());
        m_panel->clear();
        QVERIFY(m_panel->taskId().isNull());
        QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("placeholder"))->isVisible());
    }

    void shows_fields_payload_and_history()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(2)));
        m_panel->showTask(sampleTask());
        QCOMPARE(label(QStringLiteral("id")), TaskId.toString(QUuid::WithoutBraces));
        QCOMPARE(label(QStringLiteral("title")), QStringLiteral("Resize avatars"));
        QCOMPARE(label(QStringLiteral("worker")), QStringLiteral("host-1"));
        QCOMPARE(label(QStringLiteral("traceId")), sampleTask().traceId);
        const QString payload = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("payload"))->toPlainText();
        QCOMPARE(QJsonDocument::fromJson(payload.toUtf8()).object(), sampleTask().payload);
        QVERIFY(payload.contains(u'\n')); // indented, not compact
        // A task that has not finished has no result yet, and the tab says so instead of a bare "null".
        QCOMPARE(m_panel->findChild<QPlainTextEdit *>(QStringLiteral("result"))->toPlainText(), TaskDetailsPanel::resultText(sampleTask()));
        QVERIFY(!TaskDetailsPanel::resultText(sampleTask()).contains(QStringLiteral("null")));
        auto *history = m_panel->findChild<QTableWidget *>(QStringLiteral("history"));
        QTRY_COMPARE(history->rowCount(), 2);
        QCOMPARE(history->item(1, 3)->text(), QStringLiteral("host-1"));
        QCOMPARE(history->item(1, 4)->text(), QStringLiteral("1"));
    }

    void copies_the_trace_id()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        m_panel->showTask(sampleTask());
        QVERIFY(m_panel->copyTraceIdAction()->isEnabled());
        QSignalSpy posted(m_panel.get(), &TaskDetailsPanel::statusMessagePosted);
        m_panel->copyTraceIdAction()->trigger();
        QCOMPARE(QApplication::clipboard()->text(), sampleTask().traceId);
        QCOMPARE(posted.size(), 1); // said, not silent
        QVERIFY(posted.first().first().toString().contains(sampleTask().traceId));
    }

    void only_web_links_are_opened()
    {
        // A template naming a local file (or any non-web scheme) is the server's text: never opened.
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        m_network->route("GET", InfoPath, CannedResponse::json(200, "{\"version\":\"0.1.0\",\"tracing\":{\"link_template\":\"file:///etc/passwd?t={trace_id}\"}}"));
        m_panel->showTask(sampleTask());
        emit m_client->connectionStateChanged(BackendClient::ConnectionState::Connected);
        QTRY_VERIFY(m_panel->openTraceAction()->isEnabled());
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &catcher, "open");
        m_panel->openTraceAction()->trigger();
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QVERIFY(catcher.urls.isEmpty());
        auto *box = m_panel->findChild<QMessageBox *>(QStringLiteral("openTraceError"));
        QVERIFY(box);
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QVERIFY(box->text().contains(QStringLiteral("file:///etc/passwd")));
        QVERIFY(TaskDetailsPanel::isOpenableLink(QUrl(QStringLiteral("https://tempo.example/trace/1"))));
        QVERIFY(!TaskDetailsPanel::isOpenableLink(QUrl(QStringLiteral("javascript:alert(1)"))));
        QVERIFY(!TaskDetailsPanel::isOpenableLink(QUrl(QStringLiteral("http:///no-host"))));
    }

    void the_result_tab_says_why_there_is_no_result()
    {
        Task failed = sampleTask();
        failed.status = Status::Failed;
        failed.result = QJsonValue::Null;
        QVERIFY(TaskDetailsPanel::resultText(failed).contains(QStringLiteral("failed")));
        QVERIFY(!TaskDetailsPanel::resultText(failed).contains(QStringLiteral("null")));
        Task done = failed;
        done.status = Status::Completed;
        done.result = QJsonObject{{QStringLiteral("rows"), 3}};
        QVERIFY(TaskDetailsPanel::resultText(done).contains(QStringLiteral("\"rows\"")));
    }

    void open_trace_is_disabled_without_a_link_template()
    {
        // The fixture's panel asked /api/v1/info and got "connection refused": no template known.
        QTRY_COMPARE(m_network->countSent("GET", InfoPath), 1);
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        m_panel->showTask(sampleTask());
        QVERIFY(m_panel->copyTraceIdAction()->isEnabled()); // copying needs no template
        QVERIFY(!m_panel->openTraceAction()->isEnabled());
        QVERIFY(m_panel->openTraceAction()->toolTip().contains(QStringLiteral("tracing.link_template")));

        // A backend that answers but names no viewer: still disabled.
        m_network->route("GET", InfoPath, CannedResponse::json(200, R"({"version":"0.1.0","tracing":{"link_template":null}})"));
        emit m_client->connectionStateChanged(BackendClient::ConnectionState::Connected);
        QTRY_COMPARE(m_network->countAnswered("GET", InfoPath), 2); // the answer has been handled
        QVERIFY(!m_panel->openTraceAction()->isEnabled());
    }

    void open_trace_fills_the_link_template_and_opens_it()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        m_network->route("GET", InfoPath, CannedResponse::json(200, InfoWithTemplate));
        Task task = sampleTask();
        task.spanId = QStringLiteral("00f067aa0ba902b7");
        m_panel->showTask(task);
        QVERIFY(!m_panel->openTraceAction()->isEnabled());
        // Connecting (or reconnecting, perhaps to another backend) fetches the template again.
        emit m_client->connectionStateChanged(BackendClient::ConnectionState::Connected);
        QTRY_VERIFY(m_panel->openTraceAction()->isEnabled());
        QVERIFY(m_panel->traceLinkTemplate().contains(QStringLiteral("{trace_id}")));

        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &catcher, "open");
        m_panel->openTraceAction()->trigger();
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        auto *refused = m_panel->findChild<QMessageBox *>(QStringLiteral("openTraceError"));
        QVERIFY2(!refused, refused ? qPrintable(refused->text()) : "");
        QCOMPARE(catcher.urls.size(), 1);
        const QUrl url = catcher.urls.first();
        QCOMPARE(url.host(), QStringLiteral("grafana.example"));
        QCOMPARE(url.port(), 3000);
        const QString query = url.query(QUrl::FullyDecoded);
        QVERIFY2(query.contains(QStringLiteral("\"query\":\"%1\"").arg(task.traceId)), qPrintable(query));
        QVERIFY2(query.contains(QStringLiteral("span=00f067aa0ba902b7")), qPrintable(query));
        QVERIFY(!query.contains(QStringLiteral("{trace_id}")));

        Task untraced = task;
        untraced.id = QUuid::createUuid();
        untraced.traceId.clear();
        m_panel->showTask(untraced);
        QVERIFY(!m_panel->openTraceAction()->isEnabled());
        QVERIFY(!m_panel->copyTraceIdAction()->isEnabled());
        QCOMPARE(m_panel->openTraceAction()->toolTip(), TaskDetailsPanel::tr("This task has no trace ID."));
    }

    void updates_and_events_for_the_shown_task_refresh_it()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        m_panel->showTask(sampleTask());
        auto *history = m_panel->findChild<QTableWidget *>(QStringLiteral("history"));
        QTRY_COMPARE(history->rowCount(), 1);

        Task other = sampleTask();
        other.id = QUuid::createUuid();
        other.title = QStringLiteral("other");
        Task done = sampleTask();
        done.status = Status::Completed;
        done.result = QJsonObject{{QStringLiteral("ok"), true}};
        m_panel->updateTasks({other, done});
        QCOMPARE(label(QStringLiteral("title")), QStringLiteral("Resize avatars"));
        QVERIFY(m_panel->findChild<QPlainTextEdit *>(QStringLiteral("result"))->toPlainText().contains(u"\"ok\": true"));

        TaskEvent elsewhere;
        elsewhere.taskId = other.id;
        m_panel->onEventsApplied({elsewhere});
        QCOMPARE(m_network->countSent("GET", HistoryPath), 1);
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(2)));
        TaskEvent mine;
        mine.taskId = TaskId;
        m_panel->onEventsApplied({mine});
        QTRY_COMPARE(history->rowCount(), 2);
        QCOMPARE(m_network->countSent("GET", HistoryPath), 2);
    }

    void shows_a_leased_tasks_progress_message_and_lease_end()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        // What GET /api/v1/tasks/{id} answers for a task an external worker holds.
        QJsonObject json = toJson(sampleTask());
        json.insert(QStringLiteral("worker"), QStringLiteral("render-7"));
        json.insert(QStringLiteral("progress"), 42);
        json.insert(QStringLiteral("progress_message"), QStringLiteral("<b>page</b> 21 of 50 & counting"));
        json.insert(QStringLiteral("lease_expires_at"), QStringLiteral("2026-11-23T12:00:30.000Z"));
        const Result<Task> task = taskFromJson(json);
        QVERIFY(task);
        m_panel->showTask(*task);

        QCOMPARE(label(QStringLiteral("worker")), QStringLiteral("render-7"));
        auto *bar = m_panel->findChild<QProgressBar *>(QStringLiteral("progress"));
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->value(), 42);
        QCOMPARE(bar->text(), QStringLiteral("42%"));
        auto *message = m_panel->findChild<QLabel *>(QStringLiteral("progressMessage"));
        QVERIFY(message->isVisible());
        // Worker text is shown as typed, never as markup.
        QCOMPARE(message->textFormat(), Qt::PlainText);
        QCOMPARE(message->text(), QStringLiteral("<b>page</b> 21 of 50 & counting"));
        auto *lease = m_panel->findChild<QLabel *>(QStringLiteral("lease"));
        QVERIFY(lease->isVisible());
        const QDateTime leaseEnd(QDate(2026, 11, 23), QTime(12, 0, 30), Qt::UTC);
        QCOMPARE(lease->text(), QStringLiteral("Lease until %1").arg(formatTime(leaseEnd, TimePrecision::Milliseconds)));

        // The same task after its worker finished: the lease fields are null and the rows go away.
        json.insert(QStringLiteral("progress"), QJsonValue::Null);
        json.insert(QStringLiteral("progress_message"), QJsonValue::Null);
        json.insert(QStringLiteral("lease_expires_at"), QJsonValue::Null);
        m_panel->updateTasks({*taskFromJson(json)});
        QVERIFY(!bar->isVisible());
        QVERIFY(!message->isVisible());
        QVERIFY(!lease->isVisible());
        QCOMPARE(label(QStringLiteral("worker")), QStringLiteral("render-7"));
    }

    void a_message_without_a_percentage_shows_alone()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        Task task = sampleTask();
        task.progressMessage = QStringLiteral("warming up");
        m_panel->showTask(task);
        QVERIFY(!m_panel->findChild<QProgressBar *>(QStringLiteral("progress"))->isVisible());
        QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("progressMessage"))->isVisible());
        QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("lease"))->isVisible());
    }

    void field_values_are_plain_text()
    {
        m_network->route("GET", HistoryPath, CannedResponse::json(200, historyJson(1)));
        Task task = sampleTask();
        task.title = QStringLiteral("<i>not italic</i>");
        m_panel->showTask(task);
        auto *title = m_panel->findChild<QLabel *>(QStringLiteral("title"));
        QCOMPARE(title->textFormat(), Qt::PlainText);
        QCOMPARE(title->text(), task.title);
    }

    void history_failure_is_shown_in_the_panel()
    {
        m_network->route("GET", HistoryPath,
                         CannedResponse::json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such task\"}}"));
        m_panel->showTask(sampleTask());
        auto *error = m_panel->findChild<QLabel *>(QStringLiteral("historyError"));
        QTRY_VERIFY(!error->isHidden());
        QVERIFY(error->text().contains(QStringLiteral("no such task")));
    }

private:
    QString label(const QString &name) const { return m_panel->findChild<QLabel *>(name)->text(); }

    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<TaskDetailsPanel> m_panel;
};

QTEST_MAIN(TestTaskDetailsPanel)
#include "test_TaskDetailsPanel.moc"

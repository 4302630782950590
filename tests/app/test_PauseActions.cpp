// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Paused priorities and types in the main window: shown on the Monitor's queue table, the Handlers page and
// the status bar; Pause / Resume send the documented requests; a WebSocket "pauses" message updates every view;
// a role without tasks.operate cannot pause; a refusal is shown as plain text. HTTP goes to the fake network
// manager, the event stream to a QWebSocketServer on loopback that plays the backend's side of /api/v1/ws.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "models/CallerAccess.h"
#include "models/HandlerModel.h"
#include "models/PauseState.h"
#include "models/StatsQueueModel.h"
#include "settings/AppSettings.h"
#include "views/DashboardController.h"
#include "views/DashboardPage.h"
#include "views/HandlersPage.h"
#include "views/MainWindow.h"
#include "views/PauseActions.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QByteArray Health = R"({"status":"ok","postgres":"up","redis":"up","version":"0.1.0","protocol":1})";
const QByteArray Operator = R"({"version":"0.1.0","caller":{"name":"ops","role":"operator",
    "permissions":["tasks.read","tasks.create","tasks.cancel","tasks.operate","system.read"]}})";
const QByteArray Viewer = R"({"version":"0.1.0","caller":{"name":"eve","role":"viewer",
    "permissions":["tasks.read","system.read"]}})";
constexpr int ProbeMs = 100;
constexpr int HighRow = 0; // StatsQueueModel rows: HIGH, MEDIUM, LOW
constexpr int MediumRow = 1;
constexpr int LowRow = 2;

QJsonObject pauseJson(const QString &scope, const QString &name, const QString &by)
{
    return {{u"scope"_s, scope}, {u"name"_s, name}, {u"paused_by"_s, by}, {u"paused_at"_s, u"2026-12-05T10:00:00.000Z"_s}};
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject handlerJson(const QString &name)
{
    return {{u"name"_s, name}, {u"description"_s, u""_s}, {u"kind"_s, u"external"_s},
            {u"schema"_s, QJsonObject{{u"type"_s, u"object"_s}}}, {u"default_priority"_s, u"MEDIUM"_s},
            {u"max_attempts"_s, 3}, {u"retry_policy"_s, QJsonValue::Null}, {u"timeout_ms"_s, 0}, {u"concurrency"_s, 0},
            {u"enabled"_s, true}, {u"version"_s, 1},
            {u"counts"_s, QJsonObject{{u"queued"_s, 0}, {u"running"_s, 0}, {u"failed"_s, 0}, {u"workers"_s, 0}}},
            {u"created_at"_s, u"2026-11-23T12:00:00.000Z"_s}, {u"updated_at"_s, u"2026-11-23T12:00:00.000Z"_s}};
}
} // namespace

class TestPauseActions final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_ws = std::make_unique<QWebSocketServer>(u"fake taskmilld"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(m_ws->listen(QHostAddress::LocalHost));
        connect(m_ws.get(), &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_ws->nextPendingConnection()) {
                socket->setParent(m_ws.get()); // the caller owns accepted sockets: gone with the server
                m_peer = socket;
                connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &) {
                    socket->sendTextMessage(u"{\"type\":\"subscribed\",\"revision\":1}"_s);
                });
            }
        });
        QVERIFY(m_dir.isValid());
        m_qsettings = std::make_unique<QSettings>(m_dir.filePath(u"taskmill.ini"_s), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(*m_qsettings);
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_network->setFallback(CannedResponse::json(404, R"({"error":{"code":"not_found","message":"x"}})"));
        m_network->route("GET", u"/health"_s, CannedResponse::json(200, Health));
        m_network->route("GET", u"/api/v1/info"_s, CannedResponse::json(200, Operator));
        // HIGH paused by an account, the type send_email by a token.
        const QJsonArray paused{pauseJson(u"priority"_s, u"HIGH"_s, u"user:3"_s), pauseJson(u"type"_s, u"send_email"_s, u"token:2"_s)};
        m_network->route("GET", u"/api/v1/pauses"_s, CannedResponse::json(200, compact({{u"items"_s, paused}})));
        m_network->route("GET", u"/api/v1/handlers"_s,
                         CannedResponse::json(200, compact({{u"items"_s, QJsonArray{handlerJson(u"resize_image"_s),
                                                                                   handlerJson(u"send_email"_s)}}})));
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{u"test"_s, QUrl(u"http://127.0.0.1:%1"_s.arg(m_ws->serverPort())),
                                          ConnectionProfile::Kind::Remote});
        m_client->setProbeInterval(ProbeMs);
        m_window = std::make_unique<MainWindow>(*m_client, *m_settings);
        m_client->connectToBackend();
        m_client->eventStream().open();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_client->connectionState(), BackendClient::ConnectionState::Connected);
        QTRY_VERIFY(m_client->eventStream().isConnected());
        QTRY_VERIFY(m_window->access()->isKnown());
    }

    void cleanup()
    {
        m_client->abortAll();
        m_window.reset();
        m_client.reset();
        m_network.reset();
        m_peer = nullptr;
        m_ws.reset();
        m_settings.reset();
        m_qsettings.reset();
    }

    void pauses_show_on_the_monitor_the_handlers_page_and_the_status_bar()
    {
        StatsQueueModel *queues = m_window->monitor()->dashboard()->queueModel();
        QTRY_COMPARE(stateOf(HighRow), u"Paused"_s);
        QCOMPARE(stateOf(LowRow), u"Active"_s);
        const QString tip = queues->index(HighRow, StatsQueueModel::State).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"Paused by user:3 at "_s) && tip.contains(u"2026"_s), qPrintable(tip));

        QLabel *indicator = m_window->findChild<QLabel *>(u"pauseIndicator"_s);
        QVERIFY(indicator && indicator->isVisible());
        QCOMPARE(indicator->text(), u"Paused: High queue, type send_email"_s);
        QCOMPARE(indicator->textFormat(), Qt::PlainText);
        QVERIFY(indicator->toolTip().contains(u"paused by token:2"_s));

        HandlersPage *handlers = showHandlers();
        QCOMPARE(handlerState(handlers, u"send_email"_s), u"Paused"_s);
        QCOMPARE(handlerState(handlers, u"resize_image"_s), u"Enabled"_s);
    }

    void pause_and_resume_send_the_right_requests()
    {
        DashboardPage *dashboard = m_window->monitor()->dashboard();
        PauseActions *actions = m_window->monitor()->pauseActions();
        m_window->pages()->setCurrentWidget(dashboard);
        QTRY_COMPARE(stateOf(HighRow), u"Paused"_s);
        QVERIFY(!actions->pauseAction()->isEnabled()); // nothing selected
        dashboard->queueView()->selectRow(HighRow);
        QVERIFY(!actions->pauseAction()->isEnabled()); // paused already
        QVERIFY(actions->resumeAction()->isEnabled());
        dashboard->queueView()->selectRow(LowRow);
        QVERIFY(actions->pauseAction()->isEnabled());
        QVERIFY(!actions->resumeAction()->isEnabled());
        QVERIFY(dashboard->queueView()->actions().contains(actions->pauseAction())); // the context menu

        const QString low = u"/api/v1/queues/LOW/pause"_s;
        m_network->route("PUT", low, CannedResponse::json(200, R"({"scope":"priority","name":"LOW","paused":true,
            "paused_by":"user:3","paused_at":"2026-12-05T10:01:00.000Z"})"));
        m_network->route("DELETE", low,
                         CannedResponse::json(200, R"({"scope":"priority","name":"LOW","paused":false,"dispatched":4})"));
        actions->pauseAction()->trigger();
        QTRY_COMPARE(stateOf(LowRow), u"Paused"_s);
        QCOMPARE(m_network->countSent("PUT", low), 1);
        QCOMPARE(m_network->countSent("PUT"), 1);
        QVERIFY(actions->resumeAction()->isEnabled());
        QCOMPARE(m_window->statusBar()->currentMessage(), u"Paused the Low queue."_s);

        actions->resumeAction()->trigger();
        QTRY_COMPARE(stateOf(LowRow), u"Active"_s);
        QCOMPARE(m_network->countSent("DELETE", low), 1);
        QCOMPARE(m_window->statusBar()->currentMessage(), u"Resumed the Low queue; 4 held task(s) dispatched again."_s);

        // A type, from the Handlers page.
        HandlersPage *handlers = showHandlers();
        PauseActions *types = handlers->pauseActions();
        const QString resize = u"/api/v1/types/resize_image/pause"_s;
        m_network->route("PUT", resize, CannedResponse::json(200, R"({"scope":"type","name":"resize_image","paused":true,
            "paused_by":"user:3","paused_at":"2026-12-05T10:02:00.000Z"})"));
        handlers->view()->selectRow(rowOf(handlers, u"resize_image"_s));
        QVERIFY(types->pauseAction()->isEnabled());
        types->pauseAction()->trigger();
        QTRY_COMPARE(handlerState(handlers, u"resize_image"_s), u"Paused"_s);
        QCOMPARE(m_network->countSent("PUT", resize), 1);
        QVERIFY(types->resumeAction()->isEnabled());
        QVERIFY(m_window->findChild<QLabel *>(u"pauseIndicator"_s)->text().contains(u"3 paused"_s));
    }

    void a_pauses_message_updates_every_view()
    {
        QTRY_COMPARE(stateOf(HighRow), u"Paused"_s);
        QVERIFY(m_peer);
        const qsizetype reads = m_network->countSent("GET", u"/api/v1/pauses"_s);
        // The whole set each time: MEDIUM now, by a name with markup in it; HIGH and the type resumed.
        m_peer->sendTextMessage(QString::fromUtf8(compact(
            {{u"type"_s, u"pauses"_s}, {u"items"_s, QJsonArray{pauseJson(u"priority"_s, u"MEDIUM"_s, u"<i>user:7</i>"_s)}}})));
        QTRY_COMPARE(stateOf(MediumRow), u"Paused"_s);
        QCOMPARE(stateOf(HighRow), u"Active"_s);
        QCOMPARE(m_network->countSent("GET", u"/api/v1/pauses"_s), reads); // the message itself, not a read
        const QString tip = m_window->monitor()->dashboard()->queueModel()->index(MediumRow, StatsQueueModel::State)
                                .data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"&lt;i&gt;user:7&lt;/i&gt;"_s), qPrintable(tip)); // shown as typed, not as markup
        QLabel *indicator = m_window->findChild<QLabel *>(u"pauseIndicator"_s);
        QCOMPARE(indicator->text(), u"Paused: Medium queue"_s);
        HandlersPage *handlers = showHandlers();
        QCOMPARE(handlerState(handlers, u"send_email"_s), u"Enabled"_s);

        m_peer->sendTextMessage(u"{\"type\":\"pauses\",\"items\":[]}"_s); // the last one lifted
        QTRY_COMPARE(stateOf(MediumRow), u"Active"_s);
        QVERIFY(!indicator->isVisibleTo(m_window.get()));
    }

    void a_poll_sent_before_a_push_does_not_undo_it()
    {
        PauseState *state = m_window->pauseState();
        QTRY_VERIFY(state->isPaused(PauseScope::Priority, u"HIGH"_s));
        const PauseSet before = state->pauses();
        state->notePollSent();
        state->applyResumed(PauseScope::Priority, u"HIGH"_s); // e.g. this app's Resume answered meanwhile
        state->applyPolled(before);                            // the stats answer, older than that
        QVERIFY(!state->isPaused(PauseScope::Priority, u"HIGH"_s));
        state->notePollSent();
        state->applyPolled(before); // a poll sent afterwards is news
        QVERIFY(state->isPaused(PauseScope::Priority, u"HIGH"_s));
    }

    void a_role_without_tasks_operate_cannot_pause()
    {
        PauseActions *actions = m_window->monitor()->pauseActions();
        m_window->monitor()->dashboard()->queueView()->selectRow(LowRow);
        QVERIFY(actions->pauseAction()->isEnabled());
        m_network->route("GET", u"/api/v1/info"_s, CannedResponse::json(200, Viewer));
        m_window->access()->reload();
        QTRY_VERIFY(!actions->pauseAction()->isEnabled());
        QCOMPARE(actions->pauseAction()->toolTip(), u"Your role (viewer) does not allow this."_s);
        QCOMPARE(showHandlers()->pauseActions()->pauseAction()->toolTip(), u"Your role (viewer) does not allow this."_s);
        actions->pauseAction()->trigger();
        QTest::qWait(ProbeMs);
        QCOMPARE(m_network->countSent("PUT"), 0);
    }

    void a_refused_pause_is_shown_as_plain_text()
    {
        PauseActions *actions = m_window->monitor()->pauseActions();
        m_window->monitor()->dashboard()->queueView()->selectRow(LowRow);
        m_network->route("PUT", u"/api/v1/queues/LOW/pause"_s,
                         CannedResponse::json(403, R"({"error":{"code":"forbidden","message":"<b>tasks.operate</b> needed"}})"));
        actions->pauseAction()->trigger();
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(u"pauseActionError"_s)));
        QVERIFY(!error->isModal());
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY2(error->text().contains(u"Your role does not allow this."_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"<b>tasks.operate</b> needed"_s));
        QCOMPARE(stateOf(LowRow), u"Active"_s);
        QVERIFY(actions->pauseAction()->isEnabled()); // nothing changed: it can be tried again
    }

private:
    QString stateOf(int row) const
    {
        return m_window->monitor()->dashboard()->queueModel()->index(row, StatsQueueModel::State).data().toString();
    }

    HandlersPage *showHandlers()
    {
        HandlersPage *page = m_window->handlersPage();
        m_window->pages()->setCurrentWidget(page);
        [&] { QTRY_COMPARE(page->model()->rowCount(), 2); }();
        return page;
    }

    static int rowOf(HandlersPage *page, const QString &name)
    {
        for (int row = 0; row < page->model()->rowCount(); ++row)
            if (page->model()->rowAt(row).name == name)
                return row;
        return -1;
    }

    static QString handlerState(HandlersPage *page, const QString &name)
    {
        return page->model()->index(rowOf(page, name), HandlerModel::Enabled).data().toString();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QWebSocketServer> m_ws;
    QWebSocket *m_peer = nullptr; // owned by m_ws
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestPauseActions)
#include "test_PauseActions.moc"

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// What the main window shows while its server is away, against real taskmilld processes (RealBackend.h): the
// app's api process, stopped and restarted on the same port by PID, and a second api + notifier process on the
// same PostgreSQL and Redis that keeps making tasks (and so events) while the first is down. The banner appears
// at once, actions that need the server are disabled with a reason, rows are dimmed but keep their selection,
// "Reconnect now" reconnects; afterwards the Events panel holds the events of the offline time, or, when the
// server no longer keeps them, a line that says which span was missed.
#include "RealBackend.h"

#include "client/EventStream.h"
#include "models/EventLogModel.h"
#include "models/EventLogRecorder.h"
#include "models/TaskModel.h"
#include "settings/AppSettings.h"
#include "views/DashboardController.h"
#include "views/MainWindow.h"
#include "views/OfflineBanner.h"
#include "views/PauseActions.h"
#include "views/TaskActions.h"
#include "views/TaskTablePanel.h"

#include <QAction>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;
using State = BackendClient::ConnectionState;

namespace {
constexpr int AtOnceMs = 1'000;       // "at once": the closed WebSocket makes the client probe right away
constexpr int ReconnectMs = 15'000;   // the event stream's backoff is at most 10 s
constexpr int BatchSize = 100;
constexpr int MaxBatches = 40;        // far more than events.retain = 100 needs to be trimmed past
constexpr int LongBackoffMs = 60'000; // longer than any test: only the button brings the server back

bool logged(const EventLogModel &log, const QUuid &task)
{
    for (int row = 0; row < log.rowCount(); ++row)
        if (log.entryAt(row).kind == TaskEvent::Kind::Created && log.entryAt(row).taskId == task)
            return true;
    return false;
}

bool noticed(const EventLogModel &log, const QString &text)
{
    for (int row = 0; row < log.rowCount(); ++row)
        if (!log.entryAt(row).kind && log.entryAt(row).message.contains(text))
            return true;
    return false;
}
} // namespace

class TestOfflineBanner final : public QObject
{
    Q_OBJECT
    RealBackend m_real;          // the app's api process
    BackendProcess m_writer;     // api + notifier: tasks and events while the other is down
    TestHttp m_writerHttp;
    int m_port = 0;

    QStringList dbArgs() const
    {
        return {u"--postgres"_s, m_real.servers.postgresUrl(), u"--redis"_s, m_real.servers.redisUrl()};
    }

    void restartApi()
    {
        auto up = m_real.backend.start(dbArgs() + QStringList{u"-a"_s, u"127.0.0.1:%1"_s.arg(m_port), u"--role"_s, u"api"_s});
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        QCOMPARE(m_real.backend.baseUrl().port(), m_port);
    }

    QUuid createTask(TestHttp &http, const QString &title)
    {
        const auto r = http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}, {u"title"_s, title}}));
        return r.status == 201 ? QUuid::fromString(r.obj().value(u"id"_s).toString()) : QUuid();
    }

    struct Session
    {
        QTemporaryDir dir;
        std::unique_ptr<QSettings> qsettings;
        std::unique_ptr<AppSettings> settings;
        std::unique_ptr<BackendClient> client;
        std::unique_ptr<MainWindow> window;
        ~Session()
        {
            if (client)
                client->abortAll();
            window.reset();
        }
    };

    // A window on the app's api process, connected and following live events.
    std::unique_ptr<Session> open()
    {
        auto s = std::make_unique<Session>();
        s->qsettings = std::make_unique<QSettings>(s->dir.filePath(u"taskmill.ini"_s), QSettings::IniFormat);
        s->settings = std::make_unique<AppSettings>(*s->qsettings);
        s->client = m_real.client();
        s->client->setBackoff(100, 400);
        s->window = std::make_unique<MainWindow>(*s->client, *s->settings);
        s->client->connectToBackend();
        s->client->eventStream().open();
        s->window->show();
        return s;
    }

private slots:
    void initTestCase()
    {
        m_real.start();
        QVERIFY(!QTest::currentTestFailed());
        m_port = m_real.backend.baseUrl().port();
        auto up = m_writer.start(dbArgs() + QStringList{u"-a"_s, u"127.0.0.1:0"_s, u"--role"_s, u"api,notifier"_s,
                                                        u"--set"_s, u"events.retain=100"_s});
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_writerHttp.setBaseUrl(m_writer.baseUrl());
    }

    void init()
    {
        if (!m_real.backend.isRunning())
            restartApi();
    }

    void the_banner_appears_at_once_and_reconnect_now_brings_the_server_back()
    {
        auto s = open();
        MainWindow &window = *s->window;
        QTRY_COMPARE(s->client->connectionState(), State::Connected);
        QTRY_VERIFY(s->client->eventStream().isConnected());
        const QUuid id = createTask(m_real.http, u"before the outage"_s);
        QVERIFY(!id.isNull());
        QTRY_VERIFY(window.taskModel()->rowOf(id) >= 0);
        QTableView *table = window.taskTable()->view();
        table->selectRow(window.taskModel()->rowOf(id));
        QAction *newTask = window.taskActions()->newTaskAction();
        QAction *cancel = window.taskActions()->cancelAction();
        QAction *pause = window.monitor()->pauseActions()->pauseAction();
        QVERIFY(newTask->isEnabled());
        QVERIFY(cancel->isEnabled());
        const QString ownTip = newTask->toolTip();
        const QColor liveText = table->palette().color(QPalette::Active, QPalette::Text);
        const int rows = window.taskModel()->rowCount();
        OfflineBanner *banner = window.offlineBanner();
        QVERIFY(!banner->isVisible());

        // No periodic probe or retry during the test: the loss must show by itself.
        s->client->setProbeInterval(LongBackoffMs);
        s->client->setBackoff(LongBackoffMs, LongBackoffMs);
        QVERIFY(m_real.backend.terminate()); // SIGTERM to its PID, waits for the exit
        QElapsedTimer stopped;
        stopped.start();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), AtOnceMs);
        QVERIFY2(stopped.elapsed() < AtOnceMs, qPrintable(QString::number(stopped.elapsed())));
        const QString where = s->client->profile().baseUrl.toDisplayString();
        QVERIFY2(banner->text().startsWith(u"Not connected to %1 — showing data from "_s.arg(where)),
                 qPrintable(banner->text()));
        QTRY_VERIFY2(banner->text().contains(u"Reconnecting in "_s), qPrintable(banner->text()));
        QVERIFY(banner->reconnectButton()->isVisible());

        // Nothing that needs the server is offered, and each says why.
        for (QAction *action : {newTask, cancel, pause}) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            QCOMPARE(action->toolTip(), u"Not connected"_s);
        }
        // The rows stay, dimmed, and so does the selection.
        QCOMPARE(window.taskModel()->rowCount(), rows);
        QCOMPARE(window.taskTable()->selectedTaskIds(), QList<QUuid>{id});
        const QPalette dimmed = table->palette();
        QCOMPARE(dimmed.color(QPalette::Active, QPalette::Text), dimmed.color(QPalette::Disabled, QPalette::Text));
        QVERIFY(liveText != table->palette().color(QPalette::Disabled, QPalette::Text));

        // The stream would reconnect on its own within seconds; closed, only the button can bring it back.
        s->client->eventStream().close();
        restartApi();
        QTest::qWait(500);
        QCOMPARE(s->client->connectionState(), State::Disconnected);
        QTest::mouseClick(banner->reconnectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(s->client->connectionState(), State::Connected, 3'000);
        QVERIFY(!banner->isVisible());
        QTRY_VERIFY(newTask->isEnabled());
        QCOMPARE(newTask->toolTip(), ownTip);
        QVERIFY(cancel->isEnabled());
        QCOMPARE(table->palette().color(QPalette::Active, QPalette::Text), liveText);
        QCOMPARE(window.taskTable()->selectedTaskIds(), QList<QUuid>{id});
    }

    void events_of_the_offline_time_are_caught_up()
    {
        auto s = open();
        EventLogModel &log = *s->window->monitor()->eventLog();
        QTRY_VERIFY(s->client->eventStream().isConnected());
        const QUuid live = createTask(m_real.http, u"live"_s);
        QTRY_VERIFY(logged(log, live));

        QVERIFY(m_real.backend.terminate());
        QTRY_VERIFY_WITH_TIMEOUT(s->window->offlineBanner()->isVisible(), AtOnceMs);
        QList<QUuid> offline;
        for (int i = 0; i < 3; ++i)
            offline << createTask(m_writerHttp, u"while offline %1"_s.arg(i));
        QVERIFY(!offline.contains(QUuid()));
        for (const QUuid &id : offline)
            QVERIFY(!logged(log, id));
        // Published (the notifier moves them to Redis within a second) before the app's server comes back.
        QTRY_VERIFY(m_writerHttp.get(u"/api/v1/events?since=0&limit=10000"_s).body.contains(
            offline.constLast().toString(QUuid::WithoutBraces).toLatin1()));
        restartApi();

        QTRY_VERIFY_WITH_TIMEOUT(s->client->eventStream().isConnected(), ReconnectMs);
        QTRY_VERIFY(!s->window->offlineBanner()->isVisible());
        for (const QUuid &id : offline)
            QTRY_VERIFY2(logged(log, id), qPrintable(id.toString()));
        QVERIFY(noticed(log, u"Caught up on "_s));
        QVERIFY(!noticed(log, u"were missed"_s));
        // Live again, after them.
        const QUuid after = createTask(m_real.http, u"after"_s);
        QTRY_VERIFY(logged(log, after));
    }

    void events_the_server_no_longer_keeps_leave_a_visible_gap()
    {
        auto s = open();
        EventLogModel &log = *s->window->monitor()->eventLog();
        QTRY_VERIFY(s->client->eventStream().isConnected());
        const QUuid live = createTask(m_real.http, u"live"_s);
        QTRY_VERIFY(logged(log, live));
        const EventLogRecorder *recorder = s->window->monitor()->findChild<EventLogRecorder *>();
        QVERIFY(recorder);
        const qint64 lastSeen = recorder->revision();

        QVERIFY(m_real.backend.terminate());
        QTRY_VERIFY_WITH_TIMEOUT(s->window->offlineBanner()->isVisible(), AtOnceMs);
        // Enough new events that the notifier (events.retain = 100) trims past what the app saw last.
        bool gone = false;
        for (int batch = 0; batch < MaxBatches && !gone; ++batch) {
            QJsonArray tasks;
            for (int i = 0; i < BatchSize; ++i)
                tasks.append(QJsonObject{{u"type"_s, u"noop"_s}, {u"title"_s, u"flood %1"_s.arg(batch * BatchSize + i)}});
            const auto r = m_writerHttp.post(u"/api/v1/tasks/batch"_s, QJsonValue(tasks));
            QVERIFY2(r.status == 201 || r.status == 200, r.body.left(300).constData());
            QTest::qWait(200);
            gone = m_writerHttp.get(u"/api/v1/events?since=%1&limit=1"_s.arg(lastSeen)).status == 410;
        }
        QVERIFY2(gone, "the notifier never trimmed the events the app saw last");
        restartApi();

        QTRY_VERIFY_WITH_TIMEOUT(s->client->eventStream().isConnected(), ReconnectMs);
        QTRY_VERIFY(noticed(log, u"were missed while offline"_s));
        QVERIFY(!noticed(log, u"Caught up on "_s));
        const QUuid after = createTask(m_real.http, u"after the gap"_s);
        QTRY_VERIFY(logged(log, after));
    }

    void cleanupTestCase()
    {
        QVERIFY(m_writer.terminate());
        if (m_real.backend.isRunning())
            QVERIFY(m_real.backend.terminate());
    }
};

QTEST_MAIN(TestOfflineBanner)
#include "test_OfflineBanner.moc"

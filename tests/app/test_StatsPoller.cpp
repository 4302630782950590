// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Dashboard polling against a fake network: all three monitor routes while the page is visible, only
// stats in the background when a tray threshold wants them, nothing otherwise; malformed answers are
// reported, not shown; the page feeds its models and chart.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/StatsCountsModel.h"
#include "models/StatsPendingModel.h"
#include "models/StatsPoller.h"
#include "models/StatsWorkerModel.h"
#include "views/DashboardPage.h"
#include "views/DashboardThroughputChart.h"

#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QByteArray StatsBody = R"({"counts":{"COMPLETED":{"LOW":1,"MEDIUM":2,"HIGH":3}},"last_minute":{"completed":6,"failed":0,"retried":0},
"workers":[{"consumer":"w1","host":"h","pid":1,"threads":4,"started_at":"2026-11-23T12:00:00.000Z","heartbeat_at":"2026-11-23T12:00:01.000Z","running":[]}],
"queues":{"HIGH":{"length":5,"waiting":4,"pending":1}},"pending":[],"redis":"up","visibility_timeout_ms":30000})";
const QByteArray PendingBody = R"({"visibility_timeout_ms":30000,"total":2,"truncated":false,
"consumers":[{"consumer":"gone","pending":2,"max_idle_ms":90000,"alive":false}],
"entries":[{"priority":"LOW","entry":"1-0","consumer":"gone","task_id":null,"idle_ms":90000,"deliveries":2},
           {"priority":"LOW","entry":"2-0","consumer":"gone","task_id":"00000000-0000-4000-8000-000000000001","idle_ms":1000,"deliveries":1}]})";
const QByteArray ThroughputBody = R"({"step":10,"from":"2026-11-23T12:00:00.000Z","to":"2026-11-23T12:00:30.000Z",
"buckets":[{"start":"2026-11-23T12:00:00.000Z","completed":4,"failed":1,"cancelled":0},
           {"start":"2026-11-23T12:00:10.000Z","completed":0,"failed":0,"cancelled":0},
           {"start":"2026-11-23T12:00:20.000Z","completed":9,"failed":2,"cancelled":1}]})";

constexpr int PollMs = 100;        // the smallest interval StatsPoller accepts: several polls per test
constexpr int NoTickMs = 600'000;  // longer than any test: the timer stays out of the way, pollNow() drives
constexpr int AnswerTimeoutMs = 3000; // a full poll is three requests answered by the fake network

ConnectionProfile profile()
{
    ConnectionProfile p;
    p.baseUrl = QUrl(u"http://127.0.0.1:1"_s);
    return p;
}
} // namespace

class TestStatsPoller : public QObject
{
    Q_OBJECT

    void routeAll(FakeNetworkAccessManager &network)
    {
        network.route("GET", u"/api/v1/stats"_s, CannedResponse::json(200, StatsBody));
        network.route("GET", u"/api/v1/stats/pending"_s, CannedResponse::json(200, PendingBody));
        network.route("GET", u"/api/v1/stats/throughput"_s, CannedResponse::json(200, ThroughputBody));
    }

private slots:
    void foreground_polls_all_routes_and_background_only_when_wanted()
    {
        FakeNetworkAccessManager network;
        routeAll(network);
        BackendClient client(network, profile());
        StatsPoller poller(client);
        poller.setInterval(PollMs);
        QSignalSpy stats(&poller, &StatsPoller::statsUpdated);
        QSignalSpy pending(&poller, &StatsPoller::pendingUpdated);
        QSignalSpy throughput(&poller, &StatsPoller::throughputUpdated);

        // Hidden and nobody wants stats: silent, and no timer runs that could ask later.
        QVERIFY(!poller.isPolling());
        QCOMPARE(network.sent.size(), 0);

        poller.setForeground(true);
        QTRY_VERIFY_WITH_TIMEOUT(throughput.size() >= 2, AnswerTimeoutMs);
        QVERIFY(stats.size() >= 2);
        QVERIFY(pending.size() >= 2);
        const QUrl throughputUrl = [&] {
            for (const auto &s : network.sent)
                if (s.url.path() == u"/api/v1/stats/throughput")
                    return s.url;
            return QUrl();
        }();
        QCOMPARE(QUrlQuery(throughputUrl).queryItemValue(u"minutes"_s), u"15"_s);
        QCOMPARE(QUrlQuery(throughputUrl).queryItemValue(u"step"_s), u"10"_s);
        QCOMPARE(stats.last().at(0).value<StatsSnapshot>().count(Status::Completed, Priority::High), qint64(3));

        poller.setForeground(false);
        QVERIFY(!poller.isPolling());
        // pollNow() skips while a poll is in flight: let the last foreground one finish.
        QTRY_COMPARE_WITH_TIMEOUT(network.answered.size(), network.sent.size(), AnswerTimeoutMs);
        poller.setBackgroundWanted(true);
        QVERIFY(poller.isPolling());
        network.sent.clear();
        const qsizetype statsBefore = stats.size();
        poller.pollNow(); // sends all of a poll's requests before it returns
        QCOMPARE(network.countSent("GET", u"/api/v1/stats"_s), 1);
        QCOMPARE(network.sent.size(), 1); // background: stats only
        QTRY_COMPARE_WITH_TIMEOUT(stats.size(), statsBefore + 1, AnswerTimeoutMs);
        QCOMPARE(network.sent.size(), 1); // the answer asks for nothing more
    }

    void malformed_answers_are_reported_once_per_poll()
    {
        FakeNetworkAccessManager network;
        network.route("GET", u"/api/v1/stats"_s, CannedResponse::json(200, R"({"counts":[],"redis":"up"})"));
        network.route("GET", u"/api/v1/stats/pending"_s, CannedResponse::json(200, "not json"));
        network.route("GET", u"/api/v1/stats/throughput"_s, CannedResponse::json(503, R"({"error":{"code":"unavailable","message":"PostgreSQL down"}})"));
        BackendClient client(network, profile());
        StatsPoller poller(client);
        poller.setInterval(NoTickMs); // exactly one poll: the one setForeground() starts
        QSignalSpy failed(&poller, &StatsPoller::pollFailed);
        QSignalSpy stats(&poller, &StatsPoller::statsUpdated);
        poller.setForeground(true);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, AnswerTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(network.answered.size(), 3, AnswerTimeoutMs); // every failure has been handled
        QCOMPARE(failed.size(), 1);
        QCOMPARE(stats.size(), 0);
        poller.setForeground(false);
    }

    void the_count_axis_steps_in_whole_numbers()
    {
        // Five intervals up to 1-2-5 × 10^k: steps 2, 4, 10, 20, 40, 100… never 2.5 (shown as "2", "5", "7").
        const QList<QPair<qint64, qint64>> cases{{0, 10}, {7, 10}, {10, 10}, {11, 20}, {21, 50}, {50, 50}, {51, 100},
                                                 {101, 200}, {1'999, 2'000}, {2'001, 5'000}, {123'456, 200'000}};
        for (const auto &[peak, top] : cases) {
            QCOMPARE(DashboardThroughputChart::axisTop(peak), top);
            QCOMPARE(top % DashboardThroughputChart::CountIntervals, 0);
        }
    }

    void a_poll_is_skipped_while_the_last_is_in_flight()
    {
        FakeNetworkAccessManager network;
        network.setFallback(CannedResponse::hanging());
        BackendClient client(network, profile());
        StatsPoller poller(client);
        poller.setInterval(NoTickMs);
        poller.setForeground(true); // polls at once; the answers hang
        QCOMPARE(network.countSent("GET", u"/api/v1/stats"_s), 1);
        // pollNow() is what the timer calls: ticks driven by hand, as many as the test likes.
        for (int tick = 0; tick < 3; ++tick)
            poller.pollNow();
        QCOMPARE(network.countSent("GET", u"/api/v1/stats"_s), 1);

        // Once the hanging poll has ended (here: aborted), the next tick asks again.
        client.abortAll();
        QTRY_COMPARE(network.answered.size(), network.sent.size());
        poller.pollNow();
        QCOMPARE(network.countSent("GET", u"/api/v1/stats"_s), 2);
        poller.setForeground(false);
        client.abortAll();
    }

    void the_page_feeds_its_models_only_while_visible()
    {
        FakeNetworkAccessManager network;
        routeAll(network);
        BackendClient client(network, profile());
        StatsPoller poller(client);
        DashboardPage page(poller);
        QVERIFY(!poller.isForeground());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(poller.isForeground());
        QTRY_COMPARE_WITH_TIMEOUT(page.pendingModel()->rowCount(), 2, AnswerTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(page.throughputChart()->completedSeries()->count(), 3, AnswerTimeoutMs);
        QCOMPARE(page.throughputChart()->failedSeries()->at(2).y(), 2.0);
        QCOMPARE(page.countsModel()->snapshot().count(Status::Completed, Priority::Medium), qint64(2));
        QCOMPARE(page.workerModel()->rowCount(), 1);
        QCOMPARE(page.pendingModel()->stuckCount(), 1);
        QVERIFY(!page.statusText().isEmpty());
        page.hide();
        QVERIFY(!poller.isForeground());
        QVERIFY(!poller.isPolling());
    }

    void activating_a_pending_entry_or_worker_opens_its_task()
    {
        FakeNetworkAccessManager network;
        BackendClient client(network, profile());
        StatsPoller poller(client);
        DashboardPage page(poller);
        QSignalSpy opened(&page, &DashboardPage::taskActivated);
        const QUuid pendingTask(u"00000000-0000-4000-8000-000000000007"_s);
        PendingEntry unknown, known;
        unknown.entry = u"1-0"_s; // an entry whose task id is not known opens nothing
        known.entry = u"2-0"_s;
        known.taskId = pendingTask;
        known.idleMs = 5000; // sorted first: idle, longest first
        page.pendingModel()->setRows({unknown, known});
        QTableView *pending = page.pendingView();
        pending->setCurrentIndex(pending->model()->index(0, StatsPendingModel::Task));
        QTest::keyClick(pending, Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.takeFirst().at(0).toUuid(), pendingTask);
        pending->setCurrentIndex(pending->model()->index(1, StatsPendingModel::Task));
        QTest::keyClick(pending, Qt::Key_Return);
        QCOMPARE(opened.size(), 0);

        // The task filter has no worker key: a worker opens the first task it runs, an idle one nothing.
        WorkerInfo busy, idle;
        busy.consumer = u"busy"_s;
        idle.consumer = u"idle"_s;
        RunningTask first, second;
        first.id = QUuid(u"00000000-0000-4000-8000-000000000008"_s);
        second.id = QUuid(u"00000000-0000-4000-8000-000000000009"_s);
        busy.running = {first, second};
        page.workerModel()->setRows({busy, idle});
        QTableView *workers = page.workerView();
        const int busyRow = workers->model()->index(0, StatsWorkerModel::Consumer).data().toString() == u"busy"_s ? 0 : 1;
        emit workers->activated(workers->model()->index(busyRow, StatsWorkerModel::Running)); // as a double-click does
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.takeFirst().at(0).toUuid(), first.id);
        emit workers->activated(workers->model()->index(1 - busyRow, StatsWorkerModel::Running));
        QCOMPARE(opened.size(), 0);
    }
};

QTEST_MAIN(TestStatsPoller)
#include "test_StatsPoller.moc"

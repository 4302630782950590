// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/EventStream.h"
#include "models/PollingFallback.h"

#include <QSignalSpy>
#include <QTest>

using namespace taskmill;

namespace {
constexpr int PollMs = 20;          // several ticks within a test's first few hundred milliseconds
constexpr int LongPollMs = 600'000; // longer than any test: a tick seen came from a shorter interval
} // namespace

// PollingFallback beside a stream that is never opened, so always down. How it follows a subscribing and
// dropping stream is tested through TaskPager (polling_runs_only_while_the_stream_is_down), which has the
// loopback WebSocket server for it.
class TestPollingFallback final : public QObject
{
    Q_OBJECT

private slots:
    void polls_only_while_enabled()
    {
        EventStream stream(QUrl(QStringLiteral("http://127.0.0.1:1")));
        PollingFallback polling(stream, PollMs);
        QSignalSpy ticks(&polling, &PollingFallback::intervalElapsed);
        QVERIFY(!polling.isPolling());
        polling.setEnabled(true);
        QVERIFY(polling.isPolling());
        QTRY_VERIFY(ticks.size() >= 2);
        polling.setEnabled(false);
        QVERIFY(!polling.isPolling()); // a stopped timer cannot tick again
    }

    void a_new_interval_applies_at_once()
    {
        EventStream stream(QUrl(QStringLiteral("http://127.0.0.1:1")));
        PollingFallback polling(stream, LongPollMs);
        QSignalSpy ticks(&polling, &PollingFallback::intervalElapsed);
        polling.setEnabled(true);
        polling.setInterval(PollMs); // restarts the running timer: no wait for the long first interval
        QVERIFY(polling.isPolling());
        QTRY_VERIFY(ticks.size() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestPollingFallback)
#include "test_PollingFallback.moc"

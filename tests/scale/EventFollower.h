// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <atomic>

class QNetworkAccessManager;
class QWebSocket;

namespace taskmill::test {

// A client of the live event stream that behaves as docs/events.md tells clients to: subscribe to
// everything on /api/v1/ws, apply events in revision order, and after any reconnect catch up from the last
// applied revision with GET /api/v1/events until the revision `subscribed` announced, holding back the live
// events that arrive meanwhile. Every revision it applies must be the one after the last: a jump is a gap
// (recorded in problems), which is what the scale test checks across an api process dying under it.
//
// Threading: construct it, move it to a worker thread, then call start() and stop() through queued or
// blocking-queued invocations; applied(), connects() and report() may be read from any thread.
class EventFollower final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFollower)

public:
    struct Report
    {
        qint64 start = -1;     // revision announced by the first `subscribed`
        qint64 applied = -1;   // last revision applied (contiguous from start unless problems say otherwise)
        int connects = 0;      // `subscribed` answers received
        int disconnects = 0;
        int caughtUp = 0;      // events applied from GET /api/v1/events after a reconnect
        int replayed = 0;      // live events at or below `applied` after a reconnect (skipped, harmless)
        QStringList problems;  // gaps, out-of-order live events, resync/error messages
    };

    // `base`: http://HOST:PORT of the proxy; `token`: a bearer token with system.read.
    EventFollower(const QUrl &base, const QByteArray &token, QObject *parent = nullptr);
    ~EventFollower() override;

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();

    // With `lag` > 0 the follower stays away after a disconnect until the stream has moved `lag` revisions
    // past what it applied (or about two seconds passed), so its resume has to fill that much from the
    // catch-up route. Any thread.
    void setLag(int lag) { m_lag.store(lag); }
    qint64 applied() const { return m_appliedAtomic.load(); }
    int connects() const { return m_connectsAtomic.load(); }
    bool live() const { return m_liveAtomic.load(); } // subscribed and not catching up
    Report report() const;

private:
    void open();
    void reopenWhenBehind(int attempt);
    void onText(const QString &text);
    void onDisconnected();
    void catchUp();
    void applyLive(qint64 revision);
    void advance(qint64 revision, bool caughtUp);
    void problem(const QString &text);
    void publish();

    QUrl m_base;
    QByteArray m_token;
    std::atomic<int> m_lag{0};
    QWebSocket *m_ws = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    bool m_stopping = false;
    bool m_catchingUp = false;
    bool m_subscribed = false;
    qint64 m_target = -1;          // catch up to here (the last `subscribed` revision)
    qint64 m_lastLive = -1;        // last live revision on the current connection
    QList<qint64> m_held;          // live revisions received while catching up

    mutable QMutex m_mutex;
    Report m_report;               // guarded by m_mutex
    std::atomic<qint64> m_appliedAtomic{-1};
    std::atomic<int> m_connectsAtomic{0};
    std::atomic<bool> m_liveAtomic{false};
};

} // namespace taskmill::test

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/RequestGuard.h"
#include "service/Authenticator.h"
#include "model/TaskEvent.h"
#include "queue/RedisConnection.h"
#include "wire/PauseTypes.h"
#include "wire/TaskFilter.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class QHttpServer;
class QThread;
class QWebSocket;

namespace taskmill {

// WebSocket fan-out of task events at /api/v1/ws, on the api's port. A follower thread reads the shared
// Redis events stream (so any number of api processes can serve clients); the hub, on the HTTP thread,
// filters per client and sends coalesced batches at most every 50 ms.
//
// Protocol (JSON text messages):
//   client → {"type":"subscribe", "types":[…], "priorities":[…], "statuses":[…], "task_ids":[…]} (all optional)
//            Read by TaskFilter::fromSubscription and applied with TaskFilter::matchesEvent: the list
//            endpoint's predicate, restricted to the keys an event carries.
//   server → {"type":"error", "field":F, "message":…}  a bad value, or q / created_from / created_to
//                                                   (events carry no text or created_at); the previous
//                                                   subscription, if any, stays in force
//   server → {"type":"subscribed", "revision":R}     live events follow from R+1; fetch older ones with
//                                                   GET /api/v1/events?since=<yours> up to R
//   server → {"type":"events", "events":[…], "revision":R}   R = last revision the hub has seen
//   server → {"type":"resync", "reason":"…"} then close  the client fell behind: reload a snapshot
//   server → {"type":"pauses", "items":[…]}        every paused priority and type (GET /api/v1/pauses): right
//                                                   after "subscribed" if any is paused (no message: none is),
//                                                   and whenever they change
// Slow clients: a client whose unsent data exceeds 4 MiB, or whose queue exceeds 10,000 events, gets
// "resync" and is disconnected; server memory per client stays bounded.
class EventHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventHub)
public:
    EventHub(RedisEndpoint redis, QByteArray streamPrefix, QObject *parent = nullptr);
    ~EventHub() override;

    // Serves /api/v1/ws on `server`; `guard` refuses handshakes from foreign origins and names.
    // Handshakes need the ReadSystem permission (credentials in the Authorization header or ?access_token=).
    void attach(QHttpServer &server, std::shared_ptr<const RequestGuard> guard, std::shared_ptr<const Authenticator> auth);
    // Per-caller bounds (docs/security.md, "Limits"): event streams one account or token may hold (the local
    // owner is not counted), and subscribe messages a second per stream (a burst of twice that is allowed).
    void setLimits(int streamsPerCaller, int messagesPerS);

    // The pauses changed (api/PauseHandler): every subscribed client gets a "pauses" message, and each new
    // subscription gets them right after "subscribed" when any is paused. Not an event with a revision: pauses
    // are no task transition, and each message is the whole set, so a client needs no history of them.
    void onPausesChanged(const taskmill::PauseSet &pauses);

    // The newest revision the follower has read: live events after it reach eventsArrived (thread-safe).
    qint64 revision() const { return m_revision; }

    // A subscribe message is a few hundred bytes; anything far larger is not one.
    static constexpr qint64 MaxIncomingMessageBytes = 64 * 1024;

    // The coalescing window: at most 20 messages a second per client, and no event waits longer than this.
    static constexpr int CoalesceMs = 50;
    static constexpr qint64 MaxUnsentBytes = 4 * 1024 * 1024;
    static constexpr int MaxQueuedEvents = 10'000;
    // The follower thread: events read per blocking read, how long one read waits (also how fast a stop
    // is noticed), and the pause before it reads again after Redis failed.
    static constexpr int FollowerBatchMax = 1000;
    static constexpr int FollowerBlockMs = 500;
    static constexpr int FollowerRetryPauseMs = 500;
    static constexpr int FollowerRedisTimeoutMs = 2000;

signals:
    void eventsArrived(const QList<taskmill::TaskEvent> &events, qint64 revision);

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        bool subscribed = false;
        bool payloads = true; // false: its events go out redacted (api/Redaction)
        TaskFilter filter; // TaskFilter::fromSubscription: only the keys an event carries
        QList<TaskEvent> queue;
        QString caller;        // Principal::actor(); empty for the local owner (not counted)
        double messageTokens = 0; // token bucket for incoming messages
        qint64 refilledAtMs = 0;
    };
    int streamsOf(const QString &caller) const;
    bool overStreamLimit(const std::optional<Principal> &who) const;
    int m_streamsPerCaller = 16;
    int m_messagesPerS = 5;

    void onNewConnection(QHttpServer &server, const RequestGuard *guard, const Authenticator *auth);
    void onMessage(QWebSocket *socket, const QString &text);
    void onEvents(const QList<TaskEvent> &events, qint64 revision);
    void flush();
    void dropSlow(Client &client, const QString &reason);
    void follow();
    QString pausesMessage() const;

    RedisEndpoint m_redis;
    std::optional<PauseSet> m_pauses; // unknown until PauseHandler's first read
    QByteArray m_prefix;
    QHash<QWebSocket *, Client> m_clients;
    QTimer m_flushTimer;
    std::atomic<qint64> m_revision{0};
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_follower;
};

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/Result.h"
#include "api/TaskFilter.h"
#include "api/WireTypes.h"
#include "client/ConnectionProfile.h"
#include "model/Task.h"
#include "model/TaskEvent.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace taskmill {

class EventStream;

// GET /api/v1/events answer: the events after `since`, the revision they reach and the newest revision
// published. Continue with since = revision until `events` is empty.
struct EventsPage
{
    QList<TaskEvent> events;
    qint64 revision = 0;
    qint64 head = 0;
};

// The only class that knows the backend's URLs, verbs and JSON (docs/api.md). One typed method per
// endpoint; each returns a future that always finishes with a Result, never throws, and is continued
// on the GUI thread with `.then(context, …)`. Expected failures arrive as ApiError:
// - no HTTP answer (refused, unreachable, timed out)  → ErrorCode::Unavailable;
// - an HTTP error status                               → ApiError::fromJson(body, status), `field` kept;
// - a 2xx answer that is not the documented JSON       → ErrorCode::BadRequest.
// Connection state follows a health probe every probeInterval() plus the transport outcome of every
// request. The network manager is injected and must outlive the client; all calls are GUI-thread only.
class BackendClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendClient)

public:
    enum class ConnectionState {
        Disconnected, // not probing, or the last request/probe got no valid answer
        Connecting,   // probing started, no answer yet
        Connected,    // the last health probe answered with a compatible protocol
    };
    Q_ENUM(ConnectionState)

    static constexpr int DefaultTimeoutMs = 10'000;
    static constexpr int DefaultProbeIntervalMs = 2'000;

    BackendClient(QNetworkAccessManager &network, ConnectionProfile profile, QObject *parent = nullptr);
    ~BackendClient() override;

    const ConnectionProfile &profile() const { return m_profile; }
    ConnectionState connectionState() const { return m_state; }
    int latencyMs() const { return m_latencyMs; } // round trip of the last answered probe; -1 before one
    QString version() const { return m_version; } // backend version from /health; empty before one
    QString lastError() const { return m_lastError; } // why the last probe failed; empty when connected

    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; } // per request, applies to requests sent afterwards
    void setProbeInterval(int ms);

    // Starts the periodic health probe (state Connecting until the first answer) / stops it.
    void connectToBackend();
    void disconnectFromBackend();
    // Aborts every request in flight; their futures finish with Unavailable. Call before widgets go away.
    void abortAll();

    QFuture<Result<HealthInfo>> health();                          // GET /health (200 or 503 "degraded")
    QFuture<Result<TaskPage>> listTasks(const TaskListQuery &query); // GET /api/v1/tasks
    QFuture<Result<Task>> getTask(const QUuid &id);                 // GET /api/v1/tasks/{id}
    QFuture<Result<QList<TaskHistoryEntry>>> taskHistory(const QUuid &id); // GET …/{id}/history
    QFuture<Result<Task>> createTask(const CreateTaskRequest &request); // POST /api/v1/tasks → 201
    QFuture<Result<Task>> cancelTask(const QUuid &id);              // DELETE /api/v1/tasks/{id}
    // GET /api/v1/events?since=&limit=; a `since` older than the retained events → ErrorCode::Gone.
    QFuture<Result<EventsPage>> events(qint64 since, int limit = 1000);

    // -- tasks: sort, counts, retry, duplicate (implemented in BackendClientTasks.cpp) --

    // -- dead letters (implemented in BackendClientDeadLetters.cpp) --

    // -- monitor: stats, throughput, workers, pending entries (implemented in BackendClientMonitor.cpp) --

    // -- server info: tracing link template etc. --

    // The WebSocket half of the event protocol; opened by whoever wants live events (main), not by
    // connectToBackend(), so a client used for single requests never opens a socket.
    EventStream &eventStream() { return *m_eventStream; }

signals:
    void connectionStateChanged(taskmill::BackendClient::ConnectionState state);
    void healthUpdated(const taskmill::HealthInfo &health); // after every answered probe

private:
    enum class Verb { Get, Post, Delete };

    // What came back for one request: an HTTP status and body, or a transport failure (status 0).
    struct RawResponse
    {
        int status = 0;
        QByteArray body;
        QString transportError;
    };
    using Handler = std::function<void(const RawResponse &)>;
    template<typename T>
    using Decoder = std::function<Result<T>(const RawResponse &)>;

    template<typename T>
    QFuture<Result<T>> call(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                            Decoder<T> decode);
    // Turns a response into T: transport and HTTP errors as they are, then `parse` on the JSON object.
    template<typename T>
    Decoder<T> objectDecoder(std::function<Result<T>(const QJsonObject &)> parse) const;
    void send(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body, Handler onDone);
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    QString transportErrorMessage(const QNetworkReply &reply) const;
    Result<QJsonObject> decodeObject(const RawResponse &response) const;
    void probe();
    void onHealthProbeFinished(const Result<HealthInfo> &result);
    void setState(ConnectionState state);

    QNetworkAccessManager &m_network;
    ConnectionProfile m_profile;
    ConnectionState m_state = ConnectionState::Disconnected;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_latencyMs = -1;
    QString m_version;
    QString m_lastError;
    QTimer m_probeTimer;
    QElapsedTimer m_probeClock;
    bool m_probeInFlight = false;
    bool m_aborting = false;
    QSet<QNetworkReply *> m_pending;
    EventStream *m_eventStream = nullptr; // child
};

} // namespace taskmill

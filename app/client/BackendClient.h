// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/AccountTypes.h"
#include "wire/AuditTypes.h"
#include "wire/DeadLetterTypes.h"
#include "wire/HandlerTypes.h"
#include "wire/InviteTypes.h"
#include "wire/PauseTypes.h"
#include "wire/Result.h"
#include "wire/ServerInfo.h"
#include "wire/StatsTypes.h"
#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"
#include "wire/WireTypes.h"
#include "client/ConnectionProfile.h"
#include "model/Task.h"
#include "model/TaskEvent.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace taskmill {

class EventStream;
struct BulkOperation;
enum class BulkAction;

// DELETE /api/v1/handlers/{name} answer: the handler removed and how many of its unfinished tasks a
// forced delete cancelled (0 without force).
struct HandlerDeleted
{
    QString name;
    qint64 cancelled = 0;
};

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
// request; the event stream closing or subscribing again probes at once. After a loss the probe backs off (InitialBackoffMs doubling to MaxBackoffMs, ±20 % jitter)
// until an answer arrives; retryNow() probes at once. Every request and the WebSocket carry the profile's
// credentials and its TLS options: an API token as "Bearer"; a user name and password are exchanged for a
// short-lived access token (POST /api/v1/auth/login), renewed before it expires with the rotating refresh
// token (BackendClientSession.cpp); with no credentials, a local backend's token file (setLocalToken()).
// Secrets stay in memory. With pinned keys (ConnectionProfile::pinnedKeys) every connection whose certificate
// chain holds none of them is aborted right after its TLS handshake, before a request line or header is
// written: a lost connection (Disconnected, the usual backoff), never an authentication failure. An HTTP
// 401 that a fresh login cannot cure means the credentials are wrong: state AuthenticationFailed, probing
// and the event stream stop until retryNow() or setSecret(). The network manager is injected and must
// outlive the client (a pinned https profile sends through a manager of its own, with the injected one's
// proxy and redirect policy); all calls are GUI-thread only.
class BackendClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendClient)

public:
    enum class ConnectionState {
        Disconnected, // not probing, or the last request/probe got no valid answer
        Connecting,   // probing started, no answer yet
        Connected,    // the last health probe answered with a compatible protocol
        AuthenticationFailed, // a request got 401: no retries until retryNow() or setSecret()
    };
    Q_ENUM(ConnectionState)

    static constexpr int DefaultTimeoutMs = 10'000;
    static constexpr int DefaultProbeIntervalMs = 2'000;
    static constexpr int InitialBackoffMs = 500;
    static constexpr int MaxBackoffMs = 30'000;

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
    // -- connections: credentials, TLS, reconnect backoff (implemented in BackendClient.cpp) --
    void setSecret(const QString &secret); // password or token of profile().auth; retries if auth had failed
    // The token of a local backend's <data-dir>/local-token, sent when the profile has no credentials of its
    // own; empty: none. Retries if auth had failed.
    void setLocalToken(const QByteArray &token);
    bool hasLocalToken() const { return !m_localToken.isEmpty(); }
    QByteArray localToken() const { return m_localToken; }
    // Password profiles: whether an access token is held now (after a login, until it is refused).
    bool hasSession() const { return !m_accessToken.isEmpty(); }
    // Seconds until the access token is renewed; -1 without one.
    int sessionRenewInS() const { return m_renewTimer.isActive() ? m_renewTimer.remainingTime() / 1000 : -1; }
    QSslConfiguration sslConfiguration() const { return m_ssl; } // from the profile's TLS options
    QStringList pinnedKeys() const { return m_pins; } // the profile's pins in canonical form (https only)
    // The "sha256//…" pin (PublicKeyPin) of the key the server presents, for the user to pin: one TLS handshake
    // with the profile's verification (verifyPeer, CA file; not its pins) and no HTTP request, so no
    // credential leaves. Fails with Unavailable (the first TLS or socket error, or a timeout) or, for an
    // http:// profile, BadRequest.
    QFuture<Result<QString>> serverKeyPin();
    QByteArray authorizationHeader() const; // empty for Auth::None
    // Who runs the app, for the audit actor of anonymous loopback access: $USER, $LOGNAME, else the account.
    static QString desktopUserName();
    void setBackoff(int initialMs, int maxMs);
    // The un-jittered delay before probe number `failures` after a loss: initial · 2^(failures−1), capped.
    static int backoffMs(int failures, int initialMs = InitialBackoffMs, int maxMs = MaxBackoffMs);
    int reconnectInMs() const; // until the next probe while not connected; -1 when none is scheduled
    void retryNow();           // probes at once (and reopens a wanted event stream)

    // Starts the periodic health probe (state Connecting until the first answer) / stops it.
    void connectToBackend();
    void disconnectFromBackend();
    // Aborts every request in flight; their futures finish with Unavailable. Call before widgets go away.
    void abortAll();
    // Requests sent and not yet answered (the event stream not counted): a busy indicator, or a test waiting
    // until a page has loaded what it asked for.
    int requestsInFlight() const { return int(m_pending.size()); }

    QFuture<Result<HealthInfo>> health();                          // GET /health (200 or 503 "degraded")
    QFuture<Result<TaskPage>> listTasks(const TaskListQuery &query); // GET /api/v1/tasks
    QFuture<Result<Task>> getTask(const QUuid &id);                 // GET /api/v1/tasks/{id}
    QFuture<Result<QList<TaskHistoryEntry>>> taskHistory(const QUuid &id); // GET …/{id}/history
    // POST /api/v1/tasks → 201 (200 for a repeat). `idempotencyKey` makes sending the same request again safe:
    // a repeat answers the task the first made (the dialog keeps one key while its request stays the same).
    QFuture<Result<Task>> createTask(const CreateTaskRequest &request, const QByteArray &idempotencyKey = {});
    QFuture<Result<Task>> cancelTask(const QUuid &id);              // DELETE /api/v1/tasks/{id}
    // GET /api/v1/events?since=&limit=; a `since` older than the retained events → ErrorCode::Gone.
    QFuture<Result<EventsPage>> events(qint64 since, int limit = 1000);

    // -- tasks: sort, counts, retry, duplicate (implemented in BackendClientTasks.cpp) --
    QFuture<Result<TaskCounts>> taskCounts(const TaskFilter &filter); // GET /api/v1/tasks/counts
    QFuture<Result<QStringList>> taskTypes();                          // GET /api/v1/tasks/types
    QFuture<Result<Task>> retryTask(const QUuid &id);                  // POST /api/v1/tasks/{id}/retry
    QFuture<Result<TaskBulkResult>> cancelTasks(const QList<QUuid> &ids); // POST /api/v1/tasks/cancel
    QFuture<Result<TaskBulkResult>> retryTasks(const QList<QUuid> &ids);  // POST /api/v1/tasks/retry
    // Bulk operations by filter (docs/api.md, "Bulk operations by filter"; wire/BulkTypes.h):
    // POST /api/v1/tasks/bulk/{cancel|retry} as a dry run → how many tasks the action would take now (exact).
    QFuture<Result<qint64>> countBulkAction(BulkAction action, const TaskFilter &filter);
    // POST /api/v1/tasks/bulk/{cancel|retry} {filter, expected} → 202 the operation, running; 409 when the count
    // changed (bulkCountChangedTotal() reads the real one), 429 at a limit, 422 naming the field.
    QFuture<Result<BulkOperation>> startBulkAction(BulkAction action, const TaskFilter &filter, qint64 expected);
    QFuture<Result<BulkOperation>> bulkOperation(const QUuid &id);     // GET /api/v1/tasks/bulk/{id}
    QFuture<Result<BulkOperation>> stopBulkOperation(const QUuid &id); // DELETE /api/v1/tasks/bulk/{id}

    // -- dead letters (implemented in BackendClientDeadLetters.cpp) --
    // GET /api/v1/dlq/groups: groups by final error, largest first.
    QFuture<Result<QList<DeadLetterGroup>>> deadLetterGroups(const DeadLetterFilter &filter = {}, int limit = 100);
    // GET /api/v1/dlq: one keyset page, newest first; `after` = last id of the previous page (null: first).
    QFuture<Result<TaskPage>> listDeadLetters(const DeadLetterFilter &filter, int limit, const QUuid &after = {},
                                              const DeadLetterOrder &order = {});
    // How many dead letters match `filter` right now (the list's `total` with limit 1).
    QFuture<Result<qint64>> countDeadLetters(const DeadLetterFilter &filter);
    QFuture<Result<DeadLetterDetails>> deadLetter(const QUuid &id); // GET /api/v1/dlq/{id}; 404 if not dead-lettered
    // POST /api/v1/dlq/{id}/requeue, with {"payload": …} when `payload` is set → the task, status NEW.
    QFuture<Result<Task>> requeueDeadLetter(const QUuid &id, const std::optional<QJsonObject> &payload = std::nullopt);
    QFuture<Result<DeadLetterBulkResult>> requeueDeadLetters(const DeadLetterSelection &selection); // POST …/dlq/requeue
    QFuture<Result<DeadLetterBulkResult>> purgeDeadLetters(const DeadLetterSelection &selection);   // POST …/dlq/purge

    // -- monitor: stats, throughput, workers, pending entries (implemented in BackendClientMonitor.cpp) --
    QFuture<Result<StatsSnapshot>> stats(); // GET /api/v1/stats
    // GET /api/v1/stats/throughput: finished tasks per `stepSeconds` bucket over the last `minutes`.
    QFuture<Result<ThroughputHistory>> throughput(int minutes = ThroughputHistory::DefaultMinutes,
                                                  int stepSeconds = ThroughputHistory::DefaultStepSeconds);
    // GET /api/v1/stats/pending: the pending list per consumer, longest idle first; empty `consumer` = all.
    QFuture<Result<PendingReport>> pendingEntries(int limit = PendingReport::DefaultLimit, qint64 minIdleMs = 0,
                                                  const QString &consumer = {});

    // -- handler registry (implemented in BackendClientHandlers.cpp; docs/handlers.md, "The registry API") --
    QFuture<Result<QList<HandlerSpec>>> listHandlers();          // GET /api/v1/handlers, by name
    QFuture<Result<HandlerSpec>> getHandler(const QString &name); // GET /api/v1/handlers/{name}; 404
    // POST /api/v1/handlers → 201: the spec's editable fields (kind is always external); 409 when the
    // name is taken, 422 naming the field.
    QFuture<Result<HandlerSpec>> createHandler(const HandlerSpec &spec);
    // PUT /api/v1/handlers/{name}: every editable field of `spec` (its schema only for an external
    // handler: a built-in's belongs to taskmilld) and spec.version, so a handler changed since it was
    // read answers 409 (Conflict) instead of losing that change.
    QFuture<Result<HandlerSpec>> updateHandler(const HandlerSpec &spec);
    // DELETE /api/v1/handlers/{name}[?force=true]: without force, 409 while it has unfinished tasks; with
    // force those tasks are cancelled. A built-in is always 409.
    QFuture<Result<HandlerDeleted>> deleteHandler(const QString &name, bool force);

    // -- pauses (BackendClientPauses.cpp; docs/api.md, "Pausing a priority or a type") --
    QFuture<Result<PauseSet>> pauses(); // GET /api/v1/pauses
    // PUT /api/v1/queues/{priority}/pause or /api/v1/types/{type}/pause → the pause in force (idempotent: the
    // first author and time are kept); 422 naming priority or type; 403 without tasks.operate.
    QFuture<Result<Pause>> pause(PauseScope scope, const QString &name);
    // DELETE …/pause (same paths) → how many held tasks went back on their streams; 0 when it was not paused.
    QFuture<Result<qint64>> resume(PauseScope scope, const QString &name);

    // -- server info: tracing link template etc. --
    QFuture<Result<ServerInfo>> serverInfo(); // GET /api/v1/info (implemented in BackendClientInfo.cpp)

    // -- accounts and audit (BackendClientAdmin.cpp) --
    // Admin routes (docs/security.md, "Accounts and tokens"; docs/api.md, "Audit log"): other roles get 403.
    QFuture<Result<QList<UserAccount>>> listUsers(); // GET /api/v1/users
    // POST /api/v1/users → 201; 422 naming email, password or role; 409 when the e-mail is taken.
    QFuture<Result<UserAccount>> createUser(const NewUser &user);
    // PATCH /api/v1/users/{id} with only what `change` names; 422 naming the field; 404 for an unknown id.
    QFuture<Result<UserAccount>> updateUser(qint64 id, const UserChange &change);
    QFuture<Result<qint64>> deleteUser(qint64 id);             // DELETE /api/v1/users/{id} → the id deleted
    QFuture<Result<QList<ApiTokenInfo>>> listTokens();         // GET /api/v1/tokens: live tokens, no secrets
    // POST /api/v1/tokens → 201 with the secret, which no later answer contains; 422 naming name, role or types.
    QFuture<Result<CreatedToken>> createToken(const NewToken &token);
    QFuture<Result<qint64>> revokeToken(qint64 id);            // DELETE /api/v1/tokens/{id} → the id revoked
    // GET /api/v1/audit: one page, newest first; `before` is the previous page's `next` (0: the newest page).
    QFuture<Result<AuditPage>> audit(const AuditFilter &filter, qint64 before = 0, int limit = limits::AuditPageDefault);
    QFuture<Result<QStringList>> auditActions();               // GET /api/v1/audit/actions, sorted
    // Invites for auth.registration = invite (docs/security.md, "Registration"), admin routes as above.
    QFuture<Result<QList<InviteInfo>>> listInvites();          // GET /api/v1/invites: open ones first, no codes
    // POST /api/v1/invites → 201 with the code, which no later answer contains; 422 naming role, email or ttl_s.
    QFuture<Result<CreatedInvite>> createInvite(const NewInvite &invite);
    QFuture<Result<qint64>> deleteInvite(qint64 id);           // DELETE /api/v1/invites/{id} → 204: the id; 404
    // -- end of accounts and audit --

    // POST /api/register (open; implemented in BackendClientSession.cpp) → the new account, sent without
    // credentials. A password profile whose user is that e-mail takes the answer's tokens as a login's and the
    // password for later logins; any other client only reports the account. 403 when registration is closed,
    // or with field "invite" when an invite is needed or refused; 422 naming email or password; 409 with field
    // "email" when the e-mail has an account.
    QFuture<Result<UserAccount>> registerAccount(const Registration &registration);

    // The WebSocket half of the event protocol; opened by whoever wants live events (main), not by
    // connectToBackend(), so a client used for single requests never opens a socket.
    EventStream &eventStream() { return *m_eventStream; }

signals:
    void connectionStateChanged(taskmill::BackendClient::ConnectionState state);
    void healthUpdated(const taskmill::HealthInfo &health); // after every answered probe
    void reconnectScheduled(int ms);                         // the next probe after a loss, jitter included
    void authenticationRequired(const QString &message);     // a request got 401
    void credentialsChanged(); // a new secret, local token or access token: who the server sees may differ

private:
    enum class Verb { Get, Post, Put, Patch, Delete };

    // What came back for one request: an HTTP status and body, or a transport failure (status 0).
    struct RawResponse
    {
        int status = 0;
        QByteArray body;
        QString transportError;
        int retryAfterS = 0; // the Retry-After of a 429 or 503
    };
    using Handler = std::function<void(const RawResponse &)>;
    template<typename T>
    using Decoder = std::function<Result<T>(const RawResponse &)>;

    // `idempotencyKey`: sent as Idempotency-Key (creates; docs/api.md), again with every resend of this request.
    template<typename T>
    QFuture<Result<T>> call(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                            Decoder<T> decode, const QByteArray &idempotencyKey = {});
    // Turns a response into T: transport and HTTP errors as they are, then `parse` on the JSON object.
    template<typename T>
    Decoder<T> objectDecoder(std::function<Result<T>(const QJsonObject &)> parse) const;
    // Sends with the current credentials; a password profile without an access token logs in first.
    void send(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body, Handler onDone,
              const QByteArray &idempotencyKey = {});
    // `retried`: already sent once and refused with a stale access token; a second 401 is final.
    void sendNow(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body, Handler onDone,
                 bool retried, const QByteArray &idempotencyKey = {});
    // -- the login session of password profiles (BackendClientSession.cpp) --
    bool usesSession() const { return m_profile.auth == ConnectionProfile::Auth::Password; }
    // Runs `then` once an access token is held (failure null) or the login failed (the answer to pass on).
    using SessionWaiter = std::function<void(const RawResponse *failure)>;
    void waitForSession(SessionWaiter then);
    void startSessionRequest(); // refresh when a refresh token is held, else login; one at a time
    void onSessionAnswer(bool wasRefresh, const RawResponse &answer);
    // Takes the tokens of a login, refresh or registration answer; false when it has no access_token.
    bool adoptSession(const QJsonObject &answer);
    // POSTs JSON to an open route (login, refresh, register) without credentials; `onDone` gets the answer.
    QNetworkReply *postOpen(const QString &path, const QByteArray &body, Handler onDone);
    Result<UserAccount> onRegistered(const Registration &registration, const RawResponse &answer);
    void finishSessionWaiters(const RawResponse *failure);
    void clearSession();
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    QString transportErrorMessage(const QNetworkReply &reply) const;
    Result<QJsonObject> decodeObject(const RawResponse &response) const;
    void probe();
    void onHealthProbeFinished(const Result<HealthInfo> &result);
    void setState(ConnectionState state);
    void prepare(QNetworkRequest &request) const;
    // -- TLS and key pinning of every request (BackendClientTls.cpp) --
    void applyTls(QNetworkRequest &request) const;
    // With pins: aborts `reply` when its TLS handshake shows no pinned key, before the request is written.
    void enforcePins(QNetworkReply *reply);
    // Why `reply` must not be trusted by the pins: refused at the handshake, or answered on a connection whose
    // chain has no pinned key; empty when it may be used.
    QString pinFailure(const QNetworkReply &reply) const;
    void scheduleProbe(int ms);
    void onConnectionLost(const QString &reason);
    void onAuthenticationFailed(const QString &message);

    // A pinned https profile's own manager (BackendClientTls.cpp says why); null: the injected one is used.
    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    QNetworkAccessManager &m_network;
    ConnectionProfile m_profile;
    ConnectionState m_state = ConnectionState::Disconnected;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_latencyMs = -1;
    QString m_version;
    QString m_lastError;
    QTimer m_probeTimer; // single shot, re-armed after every probe
    bool m_probing = false; // between connectToBackend() and disconnectFromBackend()
    int m_probeIntervalMs = DefaultProbeIntervalMs;
    int m_failures = 0;     // probes without an answer since the last one answered
    int m_backoffInitialMs = InitialBackoffMs;
    int m_backoffMaxMs = MaxBackoffMs;
    QString m_secret;
    QByteArray m_localToken;
    QByteArray m_accessToken;  // password profiles: from the last login or refresh
    QByteArray m_refreshToken; // rotated by every refresh
    QTimer m_renewTimer;       // single shot, before the access token expires
    QNetworkReply *m_sessionReply = nullptr; // the login or refresh in flight
    QList<SessionWaiter> m_sessionWaiters;
    // A login the server put off (429 after failed logins, 5xx): not tried again before this, so a client
    // polling every few seconds cannot keep an account locked; requests meanwhile get that answer.
    QDeadlineTimer m_sessionRetryAt; // default: expired
    RawResponse m_sessionFailure;
    QSslConfiguration m_ssl;
    QStringList m_pins; // canonical; empty for http:// and unpinned profiles
    bool m_streamSuspended = false; // closed because of a 401; reopened by the next answered probe
    QElapsedTimer m_probeClock;
    bool m_probeInFlight = false;
    bool m_aborting = false;
    QSet<QNetworkReply *> m_pending;
    EventStream *m_eventStream = nullptr; // child
};

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"
#include "wire/PauseTypes.h"

#include <QObject>
#include <QTimer>

#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// Pausing and resuming a whole priority or one task type (docs/api.md, "Pausing a priority or a type"). A
// paused task stays queued with its attempts; nobody starts it until the resume, which puts it back on its
// stream at once (service/PauseControl). Changes are audited ("pause", "resume"). Every api process watches
// the pauses (its own changes at once, other processes' within PollMs) and tells its WebSocket clients
// (pausesChanged → EventHub).
class PauseHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PauseHandler)
public:
    PauseHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

    // How often the pauses are read for pausesChanged: what another api process changed reaches this one's
    // WebSocket clients within it.
    static constexpr int PollMs = 1000;

signals:
    // The pauses in force changed (or were read for the first time).
    void pausesChanged(const taskmill::PauseSet &pauses);

private:
    // GET /api/v1/pauses → {"items": [{scope: "priority"|"type", name, paused_by, paused_at}]}, by scope and name.
    void list(QHttpServerResponder &&responder);
    // PUT /api/v1/queues/{priority}/pause, PUT /api/v1/types/{type}/pause (no body) → 200 {scope, name,
    // paused: true, paused_by, paused_at}; pausing again answers the first pause. 422 naming `priority` (not
    // LOW, MEDIUM or HIGH, any case) or `type` (not a type name, or no handler of that name is registered).
    void pause(PauseScope scope, const QString &name, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // DELETE …/pause → 200 {scope, name, paused: false, dispatched: n}: n parked tasks put back on their
    // streams. Resuming what is not paused is no error. 422 as for PUT, except that a type need not be
    // registered (a handler deleted while paused must still be resumable).
    void resume(PauseScope scope, const QString &name, const QHttpServerRequest &request, QHttpServerResponder &&responder);

    // The path's name checked and normalised (a priority upper-cased), or the 422.
    Result<QString> checkName(PauseScope scope, const QString &name, bool mustBeRegistered) const;
    // Reads the pauses on a pool thread and emits pausesChanged when they differ from the last read.
    void poll();
    void onPollFinished(const HttpReply &reply);

    ApiContext &m_ctx;
    QTimer m_pollTimer;
    std::optional<PauseSet> m_known;
    bool m_polling = false;
    bool m_pollAgain = false; // a change was made while a poll was reading: read once more
};

} // namespace taskmill

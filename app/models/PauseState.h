// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/PollingFallback.h"
#include "wire/PauseTypes.h"

#include <QObject>

#include <optional>

namespace taskmill {

class BackendClient;

// The paused priorities and types as the app knows them (docs/api.md, "Pausing a priority or a type"), for
// every view that shows them. Fed by pushes — the WebSocket "pauses" message (the whole set) and the answers
// to the app's own pause and resume requests — and by reads: GET /api/v1/pauses on every (re)connection and
// subscription (a subscription without a following "pauses" message means nothing is paused), every PollMs
// while the event stream is down, and the pauses of each /api/v1/stats answer (applyPolled). A read that was
// sent before the latest push is dropped, so an answer in flight never undoes a newer change.
class PauseState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PauseState)

public:
    static constexpr int PollMs = 10'000; // only while the event stream is down; pauses change rarely

    explicit PauseState(BackendClient &client, QObject *parent = nullptr);

    const PauseSet &pauses() const { return m_pauses; }
    std::optional<Pause> find(PauseScope scope, const QString &name) const;
    bool isPaused(PauseScope scope, const QString &name) const { return find(scope, name).has_value(); }

    void reload(); // GET /api/v1/pauses
    // For a poll that carries the pauses (GET /api/v1/stats): call notePollSent() when it is sent and
    // applyPolled() with its answer.
    void notePollSent() { m_pollTicket = m_generation; }
    void applyPolled(const PauseSet &pauses);
    // A push: the server's "pauses" message, or the answer to a pause or resume this app sent.
    void applyPushed(const PauseSet &pauses);
    void applyPaused(const Pause &pause);
    void applyResumed(PauseScope scope, const QString &name);

signals:
    void changed();

private:
    void set(const PauseSet &pauses);

    BackendClient &m_client;
    PollingFallback m_polling;
    PauseSet m_pauses;
    int m_generation = 0; // counts pushes; a read answers for the generation it was sent in
    int m_pollTicket = -1;
};

} // namespace taskmill

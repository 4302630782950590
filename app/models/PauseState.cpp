// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/PauseState.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"

#include <algorithm>

namespace taskmill {

PauseState::PauseState(BackendClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_polling(client.eventStream(), PollMs)
{
    EventStream &stream = client.eventStream();
    connect(&stream, &EventStream::pausesReceived, this, &PauseState::applyPushed);
    // The server says nothing after `subscribed` when nothing is paused: what was paused before may have
    // been resumed meanwhile, so a new subscription reads the set.
    connect(&stream, &EventStream::connectedChanged, this, [this](bool subscribed) {
        if (subscribed)
            reload();
    });
    connect(&client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected)
            reload();
    });
    connect(&m_polling, &PollingFallback::intervalElapsed, this, [this] {
        if (m_client.connectionState() == BackendClient::ConnectionState::Connected)
            reload();
    });
    m_polling.setEnabled(true);
}

std::optional<Pause> PauseState::find(PauseScope scope, const QString &name) const
{
    const auto it = std::find_if(m_pauses.items.cbegin(), m_pauses.items.cend(),
                                 [&](const Pause &p) { return p.scope == scope && p.name == name; });
    return it == m_pauses.items.cend() ? std::nullopt : std::optional<Pause>(*it);
}

void PauseState::reload()
{
    m_client.pauses().then(this, [this, ticket = m_generation](Result<PauseSet> result) {
        // Unreachable or refused: what was known stays, and the banner says the data is old.
        if (result && ticket == m_generation)
            set(*result);
    });
}

void PauseState::applyPolled(const PauseSet &pauses)
{
    if (m_pollTicket == m_generation)
        set(pauses);
}

void PauseState::applyPushed(const PauseSet &pauses)
{
    ++m_generation;
    set(pauses);
}

void PauseState::applyPaused(const Pause &pause)
{
    PauseSet next = m_pauses;
    if (!find(pause.scope, pause.name))
        next.items.append(pause);
    // The server's order: by scope, then name.
    std::sort(next.items.begin(), next.items.end(), [](const Pause &a, const Pause &b) {
        return std::pair(int(a.scope), a.name) < std::pair(int(b.scope), b.name);
    });
    applyPushed(next);
}

void PauseState::applyResumed(PauseScope scope, const QString &name)
{
    PauseSet next = m_pauses;
    next.items.removeIf([&](const Pause &p) { return p.scope == scope && p.name == name; });
    applyPushed(next);
}

void PauseState::set(const PauseSet &pauses)
{
    if (pauses == m_pauses)
        return;
    m_pauses = pauses;
    emit changed();
}

} // namespace taskmill

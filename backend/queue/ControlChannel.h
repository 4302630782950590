// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "queue/RedisConnection.h"

#include <QUuid>

#include <optional>

namespace taskmill {

// A message on the executors' control channel.
struct ControlMessage
{
    enum class Kind { Cancel }; // stop the handler of `taskId` (PostgreSQL already says it is finished)
    Kind kind = Kind::Cancel;
    QUuid taskId;

    QByteArray encode() const;                                    // "cancel <uuid>"
    static std::optional<ControlMessage> decode(const QByteArray &text); // nullopt for anything else
};

// The executors' control channel, `<prefix>:control` (Redis pub/sub): the api publishes, every executor
// subscribes. Pub/sub may lose messages (no subscriber connected, a reconnect), so a message only makes
// something happen sooner; the executors' periodic PostgreSQL check is what guarantees it happens.
class ControlChannel final
{
public:
    ControlChannel(RedisConnection &connection, QByteArray prefix);

    QByteArray name() const { return m_prefix + ":control"; }

    // Publishes; returns how many subscribers received it.
    RedisResult<qint64> publish(const ControlMessage &message);
    // Subscribes this connection: afterwards it only reads messages (next()).
    RedisResult<bool> subscribe();
    // The next message, nullopt after timeoutMs with none. Pushes that are not control messages are skipped.
    RedisResult<std::optional<ControlMessage>> next(int timeoutMs);

private:
    RedisConnection &m_conn;
    QByteArray m_prefix;
};

} // namespace taskmill

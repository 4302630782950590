// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/ControlChannel.h"

namespace taskmill {

namespace {
const QByteArray CancelVerb = QByteArrayLiteral("cancel ");
} // namespace

QByteArray ControlMessage::encode() const
{
    return CancelVerb + taskId.toByteArray(QUuid::WithoutBraces);
}

std::optional<ControlMessage> ControlMessage::decode(const QByteArray &text)
{
    if (!text.startsWith(CancelVerb))
        return std::nullopt;
    const QUuid id = QUuid::fromString(QLatin1String(text.mid(CancelVerb.size())));
    if (id.isNull())
        return std::nullopt;
    return ControlMessage{Kind::Cancel, id};
}

ControlChannel::ControlChannel(RedisConnection &connection, QByteArray prefix)
    : m_conn(connection), m_prefix(std::move(prefix))
{
}

RedisResult<qint64> ControlChannel::publish(const ControlMessage &message)
{
    auto r = m_conn.command({"PUBLISH", name(), message.encode()});
    if (!r)
        return r.error();
    return r->integer;
}

RedisResult<bool> ControlChannel::subscribe()
{
    auto r = m_conn.command({"SUBSCRIBE", name()});
    if (!r)
        return r.error();
    return true;
}

RedisResult<std::optional<ControlMessage>> ControlChannel::next(int timeoutMs)
{
    auto pushed = m_conn.readPushed(timeoutMs);
    if (!pushed)
        return pushed.error();
    if (!*pushed)
        return std::optional<ControlMessage>{};
    // ["message", channel, payload]
    const QList<RedisValue> &parts = (*pushed)->elements;
    if (parts.size() != 3 || parts.at(0).string != "message")
        return std::optional<ControlMessage>{};
    return ControlMessage::decode(parts.at(2).string);
}

} // namespace taskmill

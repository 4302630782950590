// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "codec/TaskJson.h"

#include <QByteArray>
#include <QJsonValue>

namespace taskmill {

// What a caller without the `payloads` permission sees of tasks (docs/security.md): payloads, results,
// errors, progress messages and the messages of history entries and events are replaced by "<redacted>";
// ids, types, titles, states and times stay. Applied to every JSON answer of such a caller (api/HttpReply)
// and to its WebSocket events (api/EventHub), so no route can forget it.
inline constexpr const char *Redacted = RedactedValue;

QJsonValue redacted(const QJsonValue &value);
// The same on a JSON body; a body that is not JSON comes back unchanged.
QByteArray redactedBody(const QByteArray &json);

} // namespace taskmill

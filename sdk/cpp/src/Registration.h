// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "Channel.h"
#include "taskmill_sdk/Handler.h"

namespace taskmill::sdk::detail {

// Makes the server's registry agree with `handler`: GET it; POST when missing (with defaults()); PUT the schema
// and description with the version read when they differ. Returns the server's handler, or an ApiError: code
// "builtin_handler" (status 0, not transient) for a name of a built-in handler, the server's refusal (an
// invalid schema: 422 naming "schema"), or a transport error.
Result<QJsonObject> registerHandler(const Channel &transport, const Handler &handler,
                                    const std::function<bool()> &cancelled);

// [a-z0-9][a-z0-9_.-]{0,63}, as the server requires.
bool isValidHandlerName(const QString &name);

} // namespace taskmill::sdk::detail

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/BuiltinCatalog.h"
#include "handlers/UrlPolicy.h"

namespace taskmill {

// http: one HTTP request (a webhook) from the payload {method, url, headers, body, timeout_ms}; completes
// with {status, headers, body, body_truncated, url}. 5xx, 408, 429, timeouts and connection errors are
// retryable failures, other 4xx and refused destinations permanent (docs/handlers.md "http").
BuiltinHandler httpHandler();

// The handler with an explicit network policy (the built-in passes NetworkPolicy::fromSettings).
HandlerOutcome runHttp(const Task &task, CancellationToken &token, const HandlerSettings &settings,
                       const NetworkPolicy &policy);

} // namespace taskmill

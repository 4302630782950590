// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QLoggingCategory>

namespace taskmill::sdk::detail {
// "taskmill.sdk.worker": leases, heartbeats, reports, registration and shutdown.
Q_DECLARE_LOGGING_CATEGORY(lcWorker)
}

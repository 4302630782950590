// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "Logging.h"

namespace taskmill::sdk::detail {
Q_LOGGING_CATEGORY(lcWorker, "taskmill.sdk.worker")
}

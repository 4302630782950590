// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QLoggingCategory>

namespace taskmill {

// "taskmill.backend.local": the embedded PostgreSQL/Redis processes.
Q_DECLARE_LOGGING_CATEGORY(lcLocal)

} // namespace taskmill

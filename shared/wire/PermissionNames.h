// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QLatin1StringView>

namespace taskmill::permission {

// The wire names of the backend's permissions (docs/security.md, "Roles"). The backend maps its
// Permission enum to these; /api/v1/info lists the caller's, and the app enables its actions by them.
inline constexpr QLatin1StringView ReadTasks{"tasks.read"};
inline constexpr QLatin1StringView CreateTasks{"tasks.create"};
inline constexpr QLatin1StringView CancelTasks{"tasks.cancel"};
inline constexpr QLatin1StringView OperateTasks{"tasks.operate"};
inline constexpr QLatin1StringView ReadSystem{"system.read"};
inline constexpr QLatin1StringView ManageDeadLetters{"dlq.manage"};
inline constexpr QLatin1StringView Lease{"workers.lease"};
inline constexpr QLatin1StringView Admin{"admin"};

} // namespace taskmill::permission

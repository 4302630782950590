// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>

#include <atomic>
#include <functional>

namespace taskmill::sdk::detail {

// What all copies of one Task share with the worker that leased it. `report` is set before the handler runs
// and never changed afterwards, so handler threads may call it without a lock.
struct TaskState
{
    std::atomic<bool> lost{false};
    std::function<void(int percent, const QString &message)> report;
};

} // namespace taskmill::sdk::detail

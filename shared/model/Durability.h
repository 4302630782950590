// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>

#include <optional>

namespace taskmill {

// When a create is acknowledged (docs/semantics.md, "Durability"). Ordered from least to most strict,
// so a batch that mixes levels runs at the strictest of them.
enum class Durability {
    Fast,       // once Redis holds the stream entry with the whole task; PostgreSQL follows
    Durable,    // once PostgreSQL committed the task (the default)
    Replicated, // once a synchronous PostgreSQL standby confirmed the commit (and Redis WAIT, if set)
};

QString toString(Durability d);                                // "fast", "durable", "replicated"
std::optional<Durability> durabilityFromString(const QString &s); // exact, lower case

} // namespace taskmill

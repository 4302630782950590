// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "config/BackendConfig.h"

#include <QStringList>

namespace taskmill {

// What the command line asked for besides the configuration itself.
struct CommandLine
{
    BackendConfig config;
    QString command; // "" (run), "migrate", "migrate-dry-run" (migrate --dry-run) or "user-add"
    // `taskmilld user add EMAIL [--role ROLE] [--payloads]`: the account to create (docs/security.md).
    QString userEmail;
    QString userRole = QStringLiteral("user");
    bool userPayloads = false;
    bool exitNow = false; // --help / --version were printed
};

// Resolves a BackendConfig: defaults < TOML file (-p/--config) < TASKMILL_* environment < flags.
// Every TOML key `section.key` is also the environment variable TASKMILL_SECTION_KEY
// (e.g. api.listen ↔ TASKMILL_API_LISTEN); the full list is in docs/configuration.md.
class ConfigLoader final
{
public:
    static Result<CommandLine> fromArguments(const QStringList &arguments, const QStringList &environment);

    // Applies one `section.key = value` setting given as text; Validation error names the key.
    static Result<Unit> applySetting(BackendConfig &config, const QString &key, const QString &value);
    static Result<Unit> applyTomlFile(BackendConfig &config, const QString &path);
    static QStringList knownKeys();
};

} // namespace taskmill

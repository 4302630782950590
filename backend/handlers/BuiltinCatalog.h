// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/HandlerOutcome.h"
#include "handlers/HandlerSettings.h"

#include <QJsonObject>
#include <QList>

namespace taskmill {

// A handler compiled into taskmilld. The api seeds the handler registry with each one's name, description
// and payload schema (draft-07) on start; the executor runs it.
struct BuiltinHandler
{
    QString name;
    QString description;
    QJsonObject schema;
    std::function<HandlerOutcome(const Task &, CancellationToken &, const HandlerSettings &)> run;
};

// Every built-in handler, in the order docs/handlers.md lists them.
const QList<BuiltinHandler> &builtinHandlers();

} // namespace taskmill

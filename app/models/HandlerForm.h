// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/HandlerTypes.h"
#include "wire/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace taskmill {

// The values of the handler dialog as typed. checkSchema() judges the schema text with the server's own
// PayloadSchema, so the editor flags what a save would be refused for; validate() builds the HandlerSpec
// to send, failing with a Validation error that names the wire field ("name", "description", "schema")
// and speaks the UI language.
struct HandlerForm
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::HandlerForm)

public:
    QString name;
    QString description;
    QString schemaText; // a JSON Schema (draft-07) object; blank means {} (every payload)
    Priority defaultPriority = Priority::Medium;
    int maxAttempts = 3;
    int timeoutMs = 0;   // 0: no limit
    int concurrency = 0; // 0: unlimited
    bool enabled = true;

    // The schema object, or why a save would be refused: not JSON (with line and column), not an
    // object, over limits::HandlerSchemaBytesMax, or not a schema valijson can compile.
    static Result<QJsonObject, QString> checkSchema(const QString &text);

    // `base` is the handler being edited (its name, kind, version and retry policy are kept), or a
    // default HandlerSpec when `creating`, where the name is checked too.
    Result<HandlerSpec> validate(const HandlerSpec &base, bool creating) const;
    static HandlerForm fromHandler(const HandlerSpec &handler);
};

} // namespace taskmill

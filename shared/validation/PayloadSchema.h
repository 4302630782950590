// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <memory>

namespace valijson {
class Schema;
}

namespace taskmill {

// A handler's payload schema (JSON Schema draft-07), compiled once with valijson and shared read-only by
// every thread that validates against it. Used by the api on every create and by the app's schema editor
// and generated forms, so both sides give the same messages.
class PayloadSchema final
{
public:
    // The schema's own error ("schema: ..."), when it is not a draft-07 schema valijson can use.
    static Result<std::shared_ptr<const PayloadSchema>, QString> compile(const QJsonObject &schema);

    // Every violation of `value`, as [{"path": JSON Pointer, "message"}], leaves only (valijson also reports
    // each enclosing property; those add nothing). `pathPrefix` is put before each pointer ("/3/payload").
    // Empty when the value is valid.
    QJsonArray violations(const QJsonValue &value, const QString &pathPrefix = {}) const;

    // True for {} and {"type": "object"}: every payload (always an object) is valid, so callers may skip
    // the walk (the benchmark's noop tasks).
    bool acceptsEveryObject() const { return m_trivial; }

    ~PayloadSchema();

private:
    PayloadSchema();
    std::unique_ptr<valijson::Schema> m_schema;
    bool m_trivial = false;
};

} // namespace taskmill

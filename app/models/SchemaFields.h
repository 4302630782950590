// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace taskmill {

// One input of the generated New Task form: a property of a handler's payload schema (draft-07) and the
// kind of editor that fits it. Whatever a simple editor cannot express exactly (nested objects, arrays of
// objects, oneOf/anyOf/allOf, $ref, mixed-type enums, patterns in arrays…) is Json: a JSON editor for that
// property, still checked by the same PayloadSchema as the rest.
struct SchemaField
{
    enum class Kind { Text, Choice, Integer, Number, Boolean, StringList, Json };

    QString name;         // the property key, as it appears in the payload
    QString title;        // the schema's "title", else the name
    QString description;  // the schema's "description"; a tooltip
    Kind kind = Kind::Json;
    bool required = false;
    QStringList choices;  // Choice: the enum values, in schema order
    // Integer/Number: the inclusive bounds the editor offers (exclusive ones moved in by one step).
    std::optional<double> minimum;
    std::optional<double> maximum;
    QJsonValue defaultValue; // the schema's "default"; Undefined when none

    static constexpr int NumberDecimals = 3; // what a Number editor shows; also its exclusive-bound step
};

// The fields of a schema whose top level is an object with `properties`, required first, then by name; empty
// when there is nothing to build a form from ({} or a schema of another shape): the caller then keeps a
// plain JSON editor for the whole payload.
QList<SchemaField> schemaFields(const QJsonObject &schema);

// The property a schema violation belongs to: the first token of its JSON Pointer path ("/to/0" → "to"),
// or for a missing required property (reported at the enclosing object) the property named in the
// message. Empty when the violation concerns the payload as a whole.
QString violationField(const QJsonObject &violation);

} // namespace taskmill

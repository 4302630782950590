// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/SchemaFields.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace taskmill {

namespace {
// Keywords a simple editor would silently ignore: such a property gets a JSON editor instead.
const QStringList CompositeKeywords = {QStringLiteral("oneOf"), QStringLiteral("anyOf"), QStringLiteral("allOf"),
                                       QStringLiteral("not"),   QStringLiteral("$ref"),  QStringLiteral("if")};

bool allStrings(const QJsonArray &values)
{
    return !values.isEmpty() && std::all_of(values.begin(), values.end(), [](const QJsonValue &v) { return v.isString(); });
}

SchemaField::Kind kindOf(const QJsonObject &property)
{
    using Kind = SchemaField::Kind;
    for (const QString &keyword : CompositeKeywords)
        if (property.contains(keyword))
            return Kind::Json;
    const QString type = property.value(QStringLiteral("type")).toString(); // a list of types is not a string
    if (property.contains(QStringLiteral("enum")))
        return type == u"string" || (type.isEmpty() && allStrings(property.value(QStringLiteral("enum")).toArray()))
            ? Kind::Choice
            : Kind::Json;
    if (type == u"string")
        return Kind::Text;
    if (type == u"integer")
        return Kind::Integer;
    if (type == u"number")
        return Kind::Number;
    if (type == u"boolean")
        return Kind::Boolean;
    if (type == u"array") {
        const QJsonObject items = property.value(QStringLiteral("items")).toObject();
        if (items.value(QStringLiteral("type")).toString() == u"string" && !items.contains(QStringLiteral("enum")))
            return Kind::StringList;
    }
    return Kind::Json;
}

std::optional<double> bound(const QJsonObject &property, const QString &inclusive, const QString &exclusive,
                            double inward)
{
    std::optional<double> out;
    if (property.value(inclusive).isDouble())
        out = property.value(inclusive).toDouble();
    // draft-07: exclusiveMinimum/Maximum are numbers of their own, not draft-04 booleans.
    if (property.value(exclusive).isDouble()) {
        const double moved = property.value(exclusive).toDouble() + inward;
        out = out ? (inward > 0 ? std::max(*out, moved) : std::min(*out, moved)) : moved;
    }
    return out;
}
} // namespace

QList<SchemaField> schemaFields(const QJsonObject &schema)
{
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    if (properties.isEmpty() || (schema.contains(QStringLiteral("type")) && schema.value(QStringLiteral("type")).toString() != u"object"))
        return {};
    QStringList required;
    for (const QJsonValue &name : schema.value(QStringLiteral("required")).toArray())
        required.append(name.toString());

    // QJsonObject keeps its keys sorted, so the fields come in name order, required ones first (below).
    QList<SchemaField> fields;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        SchemaField f;
        f.name = it.key();
        f.title = property.value(QStringLiteral("title")).toString(f.name);
        f.description = property.value(QStringLiteral("description")).toString();
        f.kind = kindOf(property);
        f.required = required.contains(f.name);
        f.defaultValue = property.value(QStringLiteral("default"));
        if (f.kind == SchemaField::Kind::Choice)
            for (const QJsonValue &v : property.value(QStringLiteral("enum")).toArray())
                f.choices.append(v.toString());
        const double step = f.kind == SchemaField::Kind::Integer ? 1.0 : std::pow(10.0, -SchemaField::NumberDecimals);
        f.minimum = bound(property, QStringLiteral("minimum"), QStringLiteral("exclusiveMinimum"), step);
        f.maximum = bound(property, QStringLiteral("maximum"), QStringLiteral("exclusiveMaximum"), -step);
        if (f.kind == SchemaField::Kind::Integer) {
            if (f.minimum)
                f.minimum = std::ceil(*f.minimum);
            if (f.maximum)
                f.maximum = std::floor(*f.maximum);
        }
        fields.append(f);
    }
    // Required fields first: they are the ones a user must fill in.
    std::stable_sort(fields.begin(), fields.end(),
                     [](const SchemaField &a, const SchemaField &b) { return a.required && !b.required; });
    return fields;
}

QString violationField(const QJsonObject &violation)
{
    const QString path = violation.value(QStringLiteral("path")).toString();
    if (!path.isEmpty()) {
        QString token = path.section(u'/', 1, 1);
        return token.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
    }
    // valijson's wording (PayloadSchema passes it through): "Missing required property 'to'."
    static const QRegularExpression missing(QStringLiteral("^Missing required property '(.+)'"));
    const QRegularExpressionMatch m = missing.match(violation.value(QStringLiteral("message")).toString());
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace taskmill

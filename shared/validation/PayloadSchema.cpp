// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// valijson reports a bad schema by calling throwRuntimeError(), which aborts the process unless exceptions
// are enabled: a schema a client sends must never be able to do that.
#define VALIJSON_USE_EXCEPTIONS 1
#include "validation/PayloadSchema.h"

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// valijson's messages for "something inside failed": each is followed by the inner failure itself.
constexpr const char *EnclosingMessages[] = {
    "Failed to validate against schema associated with property name",
    "Failed to validate against schema associated with pattern",
    "Failed to validate against additional properties schema",
    "Failed to validate item #",
    "Failed to validate against child schema #",
};

bool isEnclosing(const std::string &description)
{
    for (const char *prefix : EnclosingMessages)
        if (description.rfind(prefix, 0) == 0)
            return true;
    return false;
}

// valijson's context ["<root>", "[to]", "[0]"] as a JSON Pointer "/to/0" (RFC 6901 escapes).
QString pointerOf(const std::vector<std::string> &context)
{
    QString out;
    for (const std::string &part : context) {
        if (part == "<root>")
            continue;
        QString token = QString::fromStdString(part);
        if (token.startsWith(u'[') && token.endsWith(u']'))
            token = token.mid(1, token.size() - 2);
        token.replace(u"~"_s, u"~0"_s).replace(u"/"_s, u"~1"_s);
        out += u'/' + token;
    }
    return out;
}

bool startsWith(const std::vector<std::string> &longer, const std::vector<std::string> &prefix)
{
    return longer.size() > prefix.size() && std::equal(prefix.begin(), prefix.end(), longer.begin());
}
} // namespace

PayloadSchema::PayloadSchema() : m_schema(std::make_unique<valijson::Schema>()) {}
PayloadSchema::~PayloadSchema() = default;

Result<std::shared_ptr<const PayloadSchema>, QString> PayloadSchema::compile(const QJsonObject &schema)
{
    std::shared_ptr<PayloadSchema> out(new PayloadSchema());
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const QJsonValue root(schema);
        valijson::adapters::QtJsonAdapter adapter(root);
        parser.populateSchema(adapter, *out->m_schema);
    } catch (const std::exception &e) {
        return QString(u"schema: "_s + QString::fromUtf8(e.what()));
    }
    out->m_trivial = schema.isEmpty() || (schema.size() == 1 && schema.value(u"type"_s) == u"object"_s);
    return std::shared_ptr<const PayloadSchema>(std::move(out));
}

QJsonArray PayloadSchema::violations(const QJsonValue &value, const QString &pathPrefix) const
{
    // One validator per thread, kept: it caches every `pattern` it compiles (std::regex), and compiling
    // them again for each payload made a create with a typical schema cost ~60 µs instead of ~10.
    thread_local valijson::Validator validator;
    valijson::ValidationResults results;
    const valijson::adapters::QtJsonAdapter target(value);
    try {
        if (validator.validate(*m_schema, target, &results))
            return {};
    } catch (const std::exception &e) {
        // A construct valijson cannot evaluate (a remote $ref): reported as a violation, never thrown on.
        return QJsonArray{QJsonObject{{u"path"_s, pathPrefix}, {u"message"_s, QString::fromUtf8(e.what())}}};
    }
    const std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
    QJsonArray out;
    for (const auto &e : errors) {
        if (isEnclosing(e.description)
            && std::any_of(errors.begin(), errors.end(), [&](const auto &o) { return startsWith(o.context, e.context); }))
            continue;
        out.append(QJsonObject{{u"path"_s, QString(pathPrefix + pointerOf(e.context))},
                               {u"message"_s, QString::fromStdString(e.description)}});
    }
    return out;
}

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/HandlerTypes.h"

#include "codec/TaskJson.h"
#include "validation/PayloadSchema.h"
#include "validation/StorableText.h"
#include "validation/TaskValidation.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

using namespace Qt::StringLiterals;

namespace taskmill {

QString toString(HandlerKind k)
{
    return k == HandlerKind::Builtin ? u"builtin"_s : u"external"_s;
}

bool isValidHandlerName(const QString &name)
{
    static const QRegularExpression rule(u"^[a-z0-9][a-z0-9_.-]{0,63}$"_s);
    return rule.match(name).hasMatch();
}

QJsonObject HandlerSpec::toJson() const
{
    QJsonObject o{{u"name"_s, name},
                  {u"description"_s, description},
                  {u"kind"_s, toString(kind)},
                  {u"schema"_s, schema},
                  {u"default_priority"_s, toString(defaultPriority)},
                  {u"max_attempts"_s, maxAttempts},
                  {u"retry_policy"_s, retryPolicy ? QJsonValue(retryPolicy->toJson()) : QJsonValue(QJsonValue::Null)},
                  {u"timeout_ms"_s, timeoutMs},
                  {u"concurrency"_s, concurrency},
                  {u"enabled"_s, enabled},
                  {u"version"_s, version},
                  {u"counts"_s, QJsonObject{{u"queued"_s, queued}, {u"running"_s, running}, {u"failed"_s, failed},
                                            {u"workers"_s, workers}}}};
    if (createdAt.isValid())
        o.insert(u"created_at"_s, formatTimestamp(createdAt));
    if (updatedAt.isValid())
        o.insert(u"updated_at"_s, formatTimestamp(updatedAt));
    return o;
}

Result<HandlerSpec> HandlerSpec::fromJson(const QJsonObject &o)
{
    HandlerSpec h;
    h.name = o.value(u"name"_s).toString();
    if (h.name.isEmpty())
        return ApiError::badRequest(u"handler without a name"_s, u"name"_s);
    h.description = o.value(u"description"_s).toString();
    h.kind = o.value(u"kind"_s).toString() == u"builtin" ? HandlerKind::Builtin : HandlerKind::External;
    h.schema = o.value(u"schema"_s).toObject();
    h.defaultPriority = priorityFromString(o.value(u"default_priority"_s).toString()).value_or(Priority::Medium);
    h.maxAttempts = o.value(u"max_attempts"_s).toInt(3);
    if (o.value(u"retry_policy"_s).isObject())
        if (auto p = RetryPolicy::fromJson(o.value(u"retry_policy"_s).toObject()))
            h.retryPolicy = *p;
    h.timeoutMs = o.value(u"timeout_ms"_s).toInt();
    h.concurrency = o.value(u"concurrency"_s).toInt();
    h.enabled = o.value(u"enabled"_s).toBool(true);
    h.version = o.value(u"version"_s).toInt();
    h.createdAt = parseTimestamp(o.value(u"created_at"_s).toString());
    h.updatedAt = parseTimestamp(o.value(u"updated_at"_s).toString());
    const QJsonObject counts = o.value(u"counts"_s).toObject();
    h.queued = counts.value(u"queued"_s).toInteger();
    h.running = counts.value(u"running"_s).toInteger();
    h.failed = counts.value(u"failed"_s).toInteger();
    h.workers = counts.value(u"workers"_s).toInteger();
    return h;
}

namespace {
std::optional<ApiError> intField(const QJsonObject &o, const QString &key, int min, int max, int *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return std::nullopt;
    const double d = v.toDouble(-1e300);
    // Range first: converting an out-of-range double to an integer is undefined behaviour.
    if (!v.isDouble() || d < min || d > max || d != double(qint64(d)))
        return ApiError::validation(key, u"%1 must be an integer from %2 to %3"_s.arg(key).arg(min).arg(max));
    *out = int(d);
    return std::nullopt;
}
} // namespace

Result<HandlerSpec> parseHandlerBody(const QJsonObject &o, const std::optional<HandlerSpec> &existing, const QString &pathName)
{
    if (auto bad = findUnstorableText(o, {}))
        return unstorableTextError(*bad);
    HandlerSpec h = existing.value_or(HandlerSpec{});
    const QJsonValue name = o.value(u"name"_s);
    if (existing) {
        if (!name.isUndefined() && name.toString() != pathName)
            return ApiError::validation(u"name"_s, u"name cannot change (it is the handler's key); create a new handler instead"_s);
        h.name = pathName;
    } else {
        if (!name.isString() || !isValidHandlerName(name.toString()))
            return ApiError::validation(u"name"_s, u"name must be 1-64 characters of a-z 0-9 _ . - starting with a letter or digit"_s);
        h.name = name.toString();
        h.kind = HandlerKind::External;
    }
    if (const QJsonValue kind = o.value(u"kind"_s); !kind.isUndefined()) {
        if (kind != u"builtin"_s && kind != u"external"_s)
            return ApiError::validation(u"kind"_s, u"kind must be builtin or external"_s);
        const HandlerKind k = kind == u"builtin"_s ? HandlerKind::Builtin : HandlerKind::External;
        if (existing ? k != existing->kind : k == HandlerKind::Builtin)
            return ApiError::validation(u"kind"_s, existing ? u"kind cannot change"_s
                                                            : u"only taskmilld defines builtin handlers; register yours as external"_s);
    }
    if (const QJsonValue d = o.value(u"description"_s); !d.isUndefined()) {
        if (!d.isString() || d.toString().size() > limits::HandlerDescriptionMax)
            return ApiError::validation(u"description"_s, u"description must be a string of at most %1 characters"_s.arg(limits::HandlerDescriptionMax));
        h.description = d.toString();
    }
    if (const QJsonValue s = o.value(u"schema"_s); !s.isUndefined()) {
        if (!s.isObject())
            return ApiError::validation(u"schema"_s, u"schema must be a JSON Schema (draft-07) object"_s);
        if (QJsonDocument(s.toObject()).toJson(QJsonDocument::Compact).size() > limits::HandlerSchemaBytesMax)
            return ApiError::validation(u"schema"_s, u"schema must be at most %1 bytes"_s.arg(limits::HandlerSchemaBytesMax));
        if (auto compiled = PayloadSchema::compile(s.toObject()); !compiled)
            return ApiError::validation(u"schema"_s, compiled.error());
        h.schema = s.toObject();
    }
    if (const QJsonValue p = o.value(u"default_priority"_s); !p.isUndefined()) {
        const auto parsed = priorityFromString(p.toString());
        if (!p.isString() || !parsed)
            return ApiError::validation(u"default_priority"_s, u"default_priority must be one of LOW, MEDIUM, HIGH"_s);
        h.defaultPriority = *parsed;
    }
    if (auto e = intField(o, u"max_attempts"_s, 1, limits::MaxAttemptsMax, &h.maxAttempts))
        return *e;
    if (auto e = intField(o, u"timeout_ms"_s, 0, limits::HandlerTimeoutMsMax, &h.timeoutMs))
        return *e;
    if (auto e = intField(o, u"concurrency"_s, 0, limits::HandlerConcurrencyMax, &h.concurrency))
        return *e;
    if (const QJsonValue r = o.value(u"retry_policy"_s); !r.isUndefined()) {
        if (r.isNull()) {
            h.retryPolicy.reset();
        } else if (!r.isObject()) {
            return ApiError::validation(u"retry_policy"_s, u"retry_policy must be a JSON object or null"_s);
        } else {
            auto policy = RetryPolicy::fromJson(r.toObject());
            if (!policy)
                return policy.error();
            h.retryPolicy = *policy;
        }
    }
    if (const QJsonValue e = o.value(u"enabled"_s); !e.isUndefined()) {
        if (!e.isBool())
            return ApiError::validation(u"enabled"_s, u"enabled must be true or false"_s);
        h.enabled = e.toBool();
    }
    // A PUT naming the version it read turns a lost update into a 409; one naming none edits whatever is
    // stored (seed 004's clients send no version): -1 tells the store not to check.
    if (existing) {
        int version = -1;
        if (auto e = intField(o, u"version"_s, 0, std::numeric_limits<int>::max(), &version))
            return *e;
        h.version = version;
    }
    return h;
}

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "validation/TaskValidation.h"

#include <algorithm>

#include "codec/TaskJson.h"
#include "validation/StorableText.h"

#include <QJsonParseError>

namespace taskmill {

bool isValidTaskType(const QString &type)
{
    if (type.isEmpty() || type.size() > limits::TypeMax)
        return false;
    for (QChar c : type)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'.' && c != u':' && c != u'-')
            return false;
    return true;
}

bool isValidTraceId(const QString &id)
{
    if (id.size() != 32 || id == QString(32, u'0'))
        return false;
    for (QChar c : id)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

int jsonNestingDepth(const QByteArray &json)
{
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

Result<QJsonDocument> parseJsonBody(const QByteArray &body, int maxDepth)
{
    if (const int depth = jsonNestingDepth(body); depth > maxDepth)
        return ApiError::badRequest(QStringLiteral("JSON nested %1 levels deep; at most %2 are accepted (api.max_json_depth)")
                                        .arg(depth).arg(maxDepth));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        return ApiError::badRequest(QStringLiteral("malformed JSON at offset %1: %2").arg(err.offset).arg(err.errorString()));
    return doc;
}

Result<CreateTaskRequest> parseCreateTask(const QJsonObject &o, const QString &prefix)
{
    // Every string and key first, payload included: nothing PostgreSQL cannot store gets any further.
    QString base = prefix;
    if (base.endsWith(u'.'))
        base.chop(1);
    if (auto bad = findUnstorableText(o, base))
        return unstorableTextError(*bad);
    CreateTaskRequest r;
    auto fail = [&](const QString &field, const QString &msg) -> Result<CreateTaskRequest> {
        return ApiError::validation(prefix + field, prefix + field + u' ' + msg);
    };
    auto optString = [&](const QString &key, QString *out, std::optional<ApiError> *err) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isString())
            *err = ApiError::validation(prefix + key, prefix + key + QStringLiteral(" must be a string"));
        else
            *out = v.toString();
    };
    std::optional<ApiError> err;
    optString(QStringLiteral("type"), &r.type, &err);
    optString(QStringLiteral("title"), &r.title, &err);
    optString(QStringLiteral("description"), &r.description, &err);
    QString priority, runAt;
    const bool durabilityGiven = o.contains(QStringLiteral("durability")) && !o.value(QStringLiteral("durability")).isNull();
    QString durability;
    optString(QStringLiteral("durability"), &durability, &err);
    optString(QStringLiteral("priority"), &priority, &err);
    optString(QStringLiteral("run_at"), &runAt, &err);
    if (err)
        return *err;

    if (!isValidTaskType(r.type))
        return fail(QStringLiteral("type"), QStringLiteral("must be 1-%1 characters of A-Z a-z 0-9 _ . : -").arg(limits::TypeMax));
    if (r.title.size() > limits::TitleMax)
        return fail(QStringLiteral("title"), QStringLiteral("must be at most %1 characters").arg(limits::TitleMax));
    if (r.description.size() > limits::DescriptionMax)
        return fail(QStringLiteral("description"), QStringLiteral("must be at most %1 characters").arg(limits::DescriptionMax));
    // A present key is validated even when empty: "" is no priority and no timestamp.
    if (o.value(QStringLiteral("priority")).isString()) {
        auto p = priorityFromString(priority);
        if (!p)
            return fail(QStringLiteral("priority"), QStringLiteral("must be one of LOW, MEDIUM, HIGH"));
        r.priority = *p;
        r.priorityGiven = true;
    }
    if (o.value(QStringLiteral("run_at")).isString()) {
        r.runAt = parseTimestamp(runAt);
        if (!r.runAt.isValid())
            return fail(QStringLiteral("run_at"), QStringLiteral("must be an RFC 3339 timestamp with a zone, e.g. 2026-01-31T12:00:00Z"));
    }

    if (durabilityGiven) {
        r.durability = durabilityFromString(durability);
        if (!r.durability)
            return fail(QStringLiteral("durability"), QStringLiteral("must be one of durable, fast, replicated"));
    }
    const QJsonValue policy = o.value(QStringLiteral("retry_policy"));
    if (policy.isObject()) {
        auto p = RetryPolicy::fromJson(policy.toObject(), prefix);
        if (!p)
            return p.error();
        r.retryPolicy = *p;
    } else if (!policy.isUndefined() && !policy.isNull()) {
        return fail(QStringLiteral("retry_policy"), QStringLiteral("must be a JSON object"));
    }

    const QJsonValue payload = o.value(QStringLiteral("payload"));
    if (payload.isObject())
        r.payload = payload.toObject();
    else if (!payload.isUndefined() && !payload.isNull())
        return fail(QStringLiteral("payload"), QStringLiteral("must be a JSON object"));

    auto intField = [&](const QString &key, int min, int max, int *out) -> std::optional<ApiError> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const double d = v.toDouble(-1e300);
        // Range first: converting an out-of-range double to an integer is undefined behaviour.
        if (!v.isDouble() || d < min || d > max || d != double(qint64(d)))
            return ApiError::validation(prefix + key, prefix + key + QStringLiteral(" must be an integer from %1 to %2").arg(min).arg(max));
        *out = int(d);
        return std::nullopt;
    };
    if (auto e = intField(QStringLiteral("max_attempts"), 1, limits::MaxAttemptsMax, &r.maxAttempts))
        return *e;
    int retries = -1;
    if (auto e = intField(QStringLiteral("max_retries"), 0, limits::MaxAttemptsMax - 1, &retries))
        return *e;
    const QJsonValue attempts = o.value(QStringLiteral("max_attempts"));
    if (retries >= 0 && (attempts.isUndefined() || attempts.isNull()))
        r.maxAttempts = retries + 1;
    r.maxAttemptsGiven = retries >= 0 || !(attempts.isUndefined() || attempts.isNull());
    return r;
}

} // namespace taskmill

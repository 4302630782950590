// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/BulkTypes.h"

#include "codec/TaskJson.h"

#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// The keys a filter object may hold: the list query's filter keys (TaskFilter::fromQuery).
const QStringList FilterKeys{u"status"_s, u"priority"_s, u"type"_s, u"id"_s, u"q"_s, u"created_from"_s, u"created_to"_s};
// Keys whose value is a comma list, so an array of strings may stand for it.
const QStringList ListKeys{u"status"_s, u"priority"_s, u"type"_s, u"id"_s};

ApiError wrongType(const QString &field, const QString &what)
{
    return ApiError::badRequest(field + u" must be "_s + what, field);
}
} // namespace

QString toString(BulkAction action)
{
    return action == BulkAction::Cancel ? u"cancel"_s : u"retry"_s;
}

std::optional<BulkAction> bulkActionFromString(const QString &text)
{
    if (text == u"cancel")
        return BulkAction::Cancel;
    if (text == u"retry")
        return BulkAction::Retry;
    return std::nullopt;
}

QSet<Status> bulkActionStatuses(BulkAction action)
{
    QSet<Status> out;
    for (Status s : allStatuses())
        if (action == BulkAction::Cancel ? !isTerminal(s)
                                         : (s == Status::Failed || s == Status::Cancelled || s == Status::Postponed
                                            || s == Status::RetryWaiting))
            out.insert(s);
    return out;
}

QString toString(BulkState state)
{
    switch (state) {
    case BulkState::Running: return u"running"_s;
    case BulkState::Stopping: return u"stopping"_s;
    case BulkState::Completed: return u"completed"_s;
    case BulkState::Stopped: return u"stopped"_s;
    case BulkState::Interrupted: return u"interrupted"_s;
    case BulkState::Failed: return u"failed"_s;
    }
    return u"failed"_s;
}

std::optional<BulkState> bulkStateFromString(const QString &text)
{
    for (BulkState s : {BulkState::Running, BulkState::Stopping, BulkState::Completed, BulkState::Stopped,
                        BulkState::Interrupted, BulkState::Failed})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

bool isFinal(BulkState state)
{
    return state != BulkState::Running && state != BulkState::Stopping;
}

QJsonObject taskFilterToJson(const TaskFilter &filter)
{
    QUrlQuery query;
    filter.addToQuery(query);
    QJsonObject out;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        out.insert(key, value);
    return out;
}

Result<TaskFilter> taskFilterFromJson(const QJsonObject &object, int maxSearchChars, int maxParamChars)
{
    // Through the list query's own parser, so a bulk filter selects exactly what the list shows.
    QUrlQuery query;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString field = u"filter."_s + it.key().left(100);
        if (!FilterKeys.contains(it.key()))
            return ApiError::validation(field, u"unknown filter key '%1': one of %2"_s.arg(it.key().left(100), FilterKeys.join(u", "_s)));
        QString value;
        if (it.value().isString()) {
            value = it.value().toString();
        } else if (it.value().isArray() && ListKeys.contains(it.key())) {
            QStringList parts;
            for (const QJsonValue &v : it.value().toArray()) {
                if (!v.isString())
                    return ApiError::validation(field, u"%1 must list strings"_s.arg(field));
                parts << v.toString();
            }
            value = parts.join(u',');
        } else {
            return ApiError::validation(field, ListKeys.contains(it.key()) ? u"%1 must be a string or an array of strings"_s.arg(field)
                                                                           : u"%1 must be a string"_s.arg(field));
        }
        const int max = it.key() == u"q" ? maxSearchChars : maxParamChars;
        if (value.size() > max)
            return ApiError::validation(field, u"%1 is %2 characters long; at most %3 are accepted"_s.arg(field).arg(value.size()).arg(max));
        query.addQueryItem(it.key(), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    auto filter = TaskFilter::fromQuery(query);
    if (!filter) {
        ApiError e = filter.error();
        if (!e.field.isEmpty())
            e.field = u"filter."_s + e.field;
        return e;
    }
    return filter;
}

QJsonObject BulkRequest::toJson() const
{
    QJsonObject o{{u"filter"_s, taskFilterToJson(filter)}};
    if (dryRun)
        o.insert(u"dry_run"_s, true);
    else
        o.insert(u"expected"_s, expected);
    return o;
}

Result<BulkRequest> BulkRequest::fromJson(const QJsonObject &o, int maxSearchChars, int maxParamChars)
{
    BulkRequest r;
    // Required: a forgotten filter must never mean "every task".
    if (!o.value(u"filter"_s).isObject())
        return ApiError::validation(u"filter"_s, u"filter must be an object with the task list's filter keys ({} for every task)"_s);
    auto filter = taskFilterFromJson(o.value(u"filter"_s).toObject(), maxSearchChars, maxParamChars);
    if (!filter)
        return filter.error();
    r.filter = *filter;
    const QJsonValue dry = o.value(u"dry_run"_s);
    if (!dry.isUndefined() && !dry.isBool())
        return ApiError::validation(u"dry_run"_s, u"dry_run must be true or false"_s);
    r.dryRun = dry.toBool();
    const QJsonValue expected = o.value(u"expected"_s);
    if (r.dryRun && expected.isUndefined())
        return r;
    const double n = expected.toDouble(-1);
    if (!expected.isDouble() || n != double(qint64(n)) || n < 0 || n > double(MaxTasks))
        return ApiError::validation(u"expected"_s, u"expected must be the number of tasks you confirmed, 0 to %1"_s.arg(MaxTasks));
    r.expected = qint64(n);
    return r;
}

ApiError bulkCountChanged(qint64 expected, qint64 total)
{
    ApiError e = ApiError::conflict(u"%1 tasks match now, not the %2 confirmed: confirm %1 and send it as expected"_s.arg(total).arg(expected));
    e.field = u"expected"_s;
    e.details = QJsonArray{QJsonObject{{u"total"_s, total}}};
    return e;
}

std::optional<qint64> bulkCountChangedTotal(const ApiError &error)
{
    if (error.code != ErrorCode::Conflict || error.field != u"expected" || error.details.isEmpty())
        return std::nullopt;
    const QJsonValue total = error.details.first().toObject().value(u"total"_s);
    if (!total.isDouble() || total.toDouble() < 0)
        return std::nullopt;
    return qint64(total.toDouble());
}

QJsonObject BulkCount::toJson() const
{
    return {{u"action"_s, toString(action)}, {u"total"_s, total}, {u"dry_run"_s, true}};
}

Result<BulkCount> BulkCount::fromJson(const QJsonObject &o)
{
    const auto action = bulkActionFromString(o.value(u"action"_s).toString());
    if (!action)
        return wrongType(u"action"_s, u"\"cancel\" or \"retry\""_s);
    if (!o.value(u"total"_s).isDouble() || o.value(u"total"_s).toDouble() < 0)
        return wrongType(u"total"_s, u"a count"_s);
    return BulkCount{*action, qint64(o.value(u"total"_s).toDouble())};
}

QJsonObject BulkOperation::toJson() const
{
    QJsonArray list;
    for (const BulkFailure &f : failures)
        list.append(QJsonObject{{u"id"_s, f.id.toString(QUuid::WithoutBraces)}, {u"error"_s, f.error.toJson().value(u"error"_s)}});
    QJsonObject o{{u"id"_s, id.toString(QUuid::WithoutBraces)},
                  {u"action"_s, toString(action)},
                  {u"state"_s, toString(state)},
                  {u"filter"_s, taskFilterToJson(filter)},
                  {u"expected"_s, expected},
                  {u"total"_s, total},
                  {u"done"_s, done},
                  {u"failed"_s, failed},
                  {u"failures"_s, list},
                  {u"created_by"_s, createdBy},
                  {u"created_at"_s, formatTimestamp(createdAt)},
                  {u"finished_at"_s, finishedAt.isValid() ? QJsonValue(formatTimestamp(finishedAt)) : QJsonValue()}};
    if (!message.isEmpty())
        o.insert(u"message"_s, message);
    return o;
}

Result<BulkOperation> BulkOperation::fromJson(const QJsonObject &o)
{
    BulkOperation op;
    op.id = QUuid::fromString(o.value(u"id"_s).toString());
    if (op.id.isNull())
        return wrongType(u"id"_s, u"a UUID"_s);
    const auto action = bulkActionFromString(o.value(u"action"_s).toString());
    if (!action)
        return wrongType(u"action"_s, u"\"cancel\" or \"retry\""_s);
    op.action = *action;
    const auto state = bulkStateFromString(o.value(u"state"_s).toString());
    if (!state)
        return wrongType(u"state"_s, u"a bulk operation state"_s);
    op.state = *state;
    // The server wrote this filter itself: no length limits beyond what it accepted.
    auto filter = taskFilterFromJson(o.value(u"filter"_s).toObject(), std::numeric_limits<int>::max(), std::numeric_limits<int>::max());
    if (!filter)
        return wrongType(u"filter"_s, u"a task filter: "_s + filter.error().message);
    op.filter = *filter;
    for (const auto &[key, target] : {std::pair{u"expected"_s, &op.expected}, std::pair{u"total"_s, &op.total},
                                      std::pair{u"done"_s, &op.done}, std::pair{u"failed"_s, &op.failed}}) {
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() < 0)
            return wrongType(key, u"a count"_s);
        *target = qint64(v.toDouble());
    }
    if (!o.value(u"failures"_s).isArray())
        return wrongType(u"failures"_s, u"an array"_s);
    for (const QJsonValue &v : o.value(u"failures"_s).toArray()) {
        const QJsonObject f = v.toObject();
        const QUuid id = QUuid::fromString(f.value(u"id"_s).toString());
        if (id.isNull() || !f.value(u"error"_s).isObject())
            return wrongType(u"failures"_s, u"a list of {id, error}"_s);
        op.failures.append({id, ApiError::fromJson(QJsonObject{{u"error"_s, f.value(u"error"_s)}}, 500)}); // `code` decides
    }
    op.message = o.value(u"message"_s).toString();
    op.createdBy = o.value(u"created_by"_s).toString();
    op.createdAt = parseTimestamp(o.value(u"created_at"_s).toString());
    if (!op.createdAt.isValid())
        return wrongType(u"created_at"_s, u"an RFC 3339 timestamp"_s);
    if (o.value(u"finished_at"_s).isString())
        op.finishedAt = parseTimestamp(o.value(u"finished_at"_s).toString());
    return op;
}

} // namespace taskmill

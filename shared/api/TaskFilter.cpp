// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/TaskFilter.h"

#include "codec/TaskJson.h"

namespace taskmill {

namespace {
QStringList splitList(const QString &v)
{
    QStringList out;
    for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty())
            out << t;
    }
    return out;
}

QString value(const QUrlQuery &q, const QString &key)
{
    return q.queryItemValue(key, QUrl::FullyDecoded);
}
} // namespace

bool TaskFilter::isEmpty() const
{
    return statuses.isEmpty() && priorities.isEmpty() && types.isEmpty() && text.isEmpty()
        && !createdFrom.isValid() && !createdTo.isValid();
}

bool TaskFilter::matches(const Task &t) const
{
    if (!statuses.isEmpty() && !statuses.contains(t.status))
        return false;
    if (!priorities.isEmpty() && !priorities.contains(t.priority))
        return false;
    if (!types.isEmpty() && !types.contains(t.type))
        return false;
    if (createdFrom.isValid() && t.createdAt < createdFrom)
        return false;
    if (createdTo.isValid() && t.createdAt >= createdTo)
        return false;
    if (!text.isEmpty() && !t.title.contains(text, Qt::CaseInsensitive)
        && !t.description.contains(text, Qt::CaseInsensitive))
        return false;
    return true;
}

Result<TaskFilter> TaskFilter::fromQuery(const QUrlQuery &q)
{
    TaskFilter f;
    for (const QString &s : splitList(value(q, QStringLiteral("status")))) {
        auto st = statusFromString(s);
        if (!st)
            return ApiError::validation(QStringLiteral("status"),
                                        QStringLiteral("unknown status '%1'").arg(s));
        f.statuses.insert(*st);
    }
    for (const QString &s : splitList(value(q, QStringLiteral("priority")))) {
        auto p = priorityFromString(s);
        if (!p)
            return ApiError::validation(QStringLiteral("priority"),
                                        QStringLiteral("unknown priority '%1'").arg(s));
        f.priorities.insert(*p);
    }
    f.types = splitList(value(q, QStringLiteral("type")));
    f.text = value(q, QStringLiteral("q")).trimmed();
    for (const auto &[key, target] : {std::pair{QStringLiteral("created_from"), &f.createdFrom},
                                      std::pair{QStringLiteral("created_to"), &f.createdTo}}) {
        const QString v = value(q, key);
        if (v.isEmpty())
            continue;
        *target = parseTimestamp(v);
        if (!target->isValid())
            return ApiError::validation(key, QStringLiteral("%1 must be an RFC 3339 timestamp").arg(key));
    }
    return f;
}

void TaskFilter::addToQuery(QUrlQuery &q) const
{
    auto join = [](QStringList l) {
        l.sort();
        return l.join(u',');
    };
    QStringList s, p;
    for (Status st : statuses)
        s << toString(st);
    for (Priority pr : priorities)
        p << toString(pr);
    if (!s.isEmpty())
        q.addQueryItem(QStringLiteral("status"), join(s));
    if (!p.isEmpty())
        q.addQueryItem(QStringLiteral("priority"), join(p));
    if (!types.isEmpty())
        q.addQueryItem(QStringLiteral("type"), types.join(u','));
    if (!text.isEmpty())
        q.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(text)));
    if (createdFrom.isValid())
        q.addQueryItem(QStringLiteral("created_from"), formatTimestamp(createdFrom));
    if (createdTo.isValid())
        q.addQueryItem(QStringLiteral("created_to"), formatTimestamp(createdTo));
}

Result<TaskListQuery> TaskListQuery::fromQuery(const QUrlQuery &q)
{
    auto f = TaskFilter::fromQuery(q);
    if (!f)
        return f.error();
    TaskListQuery lq;
    lq.filter = *f;
    auto intParam = [&](const QString &key, int def, int min, int max, int *out) -> std::optional<ApiError> {
        const QString v = value(q, key);
        if (v.isEmpty()) {
            *out = def;
            return std::nullopt;
        }
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < min || n > max)
            return ApiError::validation(key, QStringLiteral("%1 must be an integer from %2 to %3").arg(key).arg(min).arg(max));
        *out = n;
        return std::nullopt;
    };
    if (auto e = intParam(QStringLiteral("skip"), 0, 0, 100'000'000, &lq.skip))
        return *e;
    if (auto e = intParam(QStringLiteral("limit"), DefaultLimit, 1, MaxLimit, &lq.limit))
        return *e;
    const QString after = value(q, QStringLiteral("after"));
    if (!after.isEmpty()) {
        lq.after = QUuid::fromString(after);
        if (lq.after.isNull())
            return ApiError::validation(QStringLiteral("after"), QStringLiteral("after must be a task id (UUID)"));
    }
    return lq;
}

QUrlQuery TaskListQuery::toQuery() const
{
    QUrlQuery q;
    filter.addToQuery(q);
    if (skip > 0)
        q.addQueryItem(QStringLiteral("skip"), QString::number(skip));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!after.isNull())
        q.addQueryItem(QStringLiteral("after"), after.toString(QUuid::WithoutBraces));
    return q;
}

} // namespace taskmill

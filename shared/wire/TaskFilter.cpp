// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/TaskFilter.h"

#include "codec/TaskJson.h"
#include "wire/QueryParams.h"
#include "wire/TaskIdSearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

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
    return queryValue(q, key);
}

// jsonb's escape_json: the two mandatory escapes, the short forms, \u00xx for other control characters.
void appendJsonString(QString &out, const QString &s)
{
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"': out += QLatin1String("\\\""); break;
        case '\\': out += QLatin1String("\\\\"); break;
        case '\b': out += QLatin1String("\\b"); break;
        case '\f': out += QLatin1String("\\f"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

void appendJsonb(QString &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += QLatin1String("null"); break;
    case QJsonValue::Bool: out += v.toBool() ? QLatin1String("true") : QLatin1String("false"); break;
    case QJsonValue::Double: {
        // jsonb prints a number as the decimal it was given, positionally (numeric_out: no exponent). Qt
        // writes an integer exactly and any other double as its shortest round-trip digits (1e-07,
        // 1e+20), so PostgreSQL prints 0.0000001 and 100000000000000000000: the same digits in plain
        // notation, which 'f' with FloatingPointShortest gives.
        const double d = v.toDouble();
        const qint64 i = v.toInteger();
        if (double(i) == d)
            out += QString::number(i); // exact also beyond 2^53 (QJsonValue keeps such integers)
        else
            out += QString::number(d, 'f', QLocale::FloatingPointShortest);
        break;
    }
    case QJsonValue::String: appendJsonString(out, v.toString()); break;
    case QJsonValue::Array: {
        out += u'[';
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i > 0)
                out += QLatin1String(", ");
            appendJsonb(out, a.at(i));
        }
        out += u']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        QList<QPair<QByteArray, QString>> keys;
        for (auto it = o.begin(); it != o.end(); ++it)
            keys.append({it.key().toUtf8(), it.key()});
        // jsonb orders keys by byte length, then bytewise.
        std::sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) {
            return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
        });
        out += u'{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out += QLatin1String(", ");
            appendJsonString(out, keys.at(i).second);
            out += QLatin1String(": ");
            appendJsonb(out, o.value(keys.at(i).second));
        }
        out += u'}';
        break;
    }
    }
}

bool hasControlCharacter(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}
} // namespace

QString searchLower(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        char32_t c = s.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(s.at(i), s.at(i + 1));
            ++i;
        }
        // UnicodeData.txt (and so glibc's towlower) lowers U+0130 to 'i'; QChar::toLower() leaves it, as
        // the full mapping gives "i" + U+0307. Every other code point agrees (test_TaskFilterSql).
        const char32_t lower = c == 0x130 ? U'i' : QChar::toLower(c);
        if (QChar::requiresSurrogates(lower)) {
            out += QChar(QChar::highSurrogate(lower));
            out += QChar(QChar::lowSurrogate(lower));
        } else {
            out += QChar(char16_t(lower));
        }
    }
    return out;
}

QString payloadSearchText(const QJsonObject &payload)
{
    QString out;
    appendJsonb(out, payload);
    return out;
}

QString toString(TaskSort sort)
{
    switch (sort) {
    case TaskSort::Created: return QStringLiteral("created");
    case TaskSort::Started: return QStringLiteral("started");
    case TaskSort::Completed: return QStringLiteral("completed");
    case TaskSort::Priority: return QStringLiteral("priority");
    case TaskSort::Status: return QStringLiteral("status");
    }
    return {};
}

QString toString(SortOrder order)
{
    return order == SortOrder::Ascending ? QStringLiteral("asc") : QStringLiteral("desc");
}

std::optional<TaskSort> taskSortFromString(const QString &s)
{
    for (TaskSort sort : {TaskSort::Created, TaskSort::Started, TaskSort::Completed, TaskSort::Priority, TaskSort::Status})
        if (s.compare(toString(sort), Qt::CaseInsensitive) == 0)
            return sort;
    return std::nullopt;
}

std::optional<SortOrder> sortOrderFromString(const QString &s)
{
    if (s.compare(QLatin1String("asc"), Qt::CaseInsensitive) == 0)
        return SortOrder::Ascending;
    if (s.compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0)
        return SortOrder::Descending;
    return std::nullopt;
}

bool TaskFilter::isEmpty() const
{
    return statuses.isEmpty() && priorities.isEmpty() && types.isEmpty() && ids.isEmpty() && text.isEmpty()
        && !createdFrom.isValid() && !createdTo.isValid() && owner.isEmpty();
}

bool TaskFilter::usesTaskOnlyKeys() const
{
    return !text.isEmpty() || createdFrom.isValid() || createdTo.isValid();
}

bool TaskFilter::matchesKeys(Status status, Priority priority, const QString &type, const QUuid &id) const
{
    return (statuses.isEmpty() || statuses.contains(status)) && (priorities.isEmpty() || priorities.contains(priority))
        && (types.isEmpty() || types.contains(type)) && (ids.isEmpty() || ids.contains(id));
}

bool TaskFilter::matches(const Task &t) const
{
    if (!matchesKeys(t.status, t.priority, t.type, t.id))
        return false;
    if (!owner.isEmpty() && t.owner != owner)
        return false;
    if (createdFrom.isValid() && t.createdAt < createdFrom)
        return false;
    if (createdTo.isValid() && t.createdAt >= createdTo)
        return false;
    if (text.isEmpty())
        return true;
    // Text that reads as a task id or an id's start also finds that task (wire/TaskIdSearch).
    if (const auto id = TaskIdSearch::parse(text.trimmed()); id && id->matches(t.id))
        return true;
    const QString needle = searchLower(text);
    return searchLower(t.title).contains(needle) || searchLower(t.description).contains(needle)
        || searchLower(payloadSearchText(t.payload)).contains(needle);
}

bool TaskFilter::matchesEvent(const TaskEvent &e) const
{
    return !usesTaskOnlyKeys() && matchesKeys(e.status, e.priority, e.type, e.taskId);
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
    if (std::any_of(f.types.cbegin(), f.types.cend(), hasNonCharacter))
        return ApiError::validation(QStringLiteral("type"), QStringLiteral("type may not contain Unicode non-characters"));
    const QStringList ids = splitList(value(q, QStringLiteral("id")));
    if (ids.size() > MaxIds)
        return ApiError::validation(QStringLiteral("id"), QStringLiteral("id lists at most %1 task ids").arg(MaxIds));
    for (const QString &s : ids) {
        const QUuid id = QUuid::fromString(s);
        if (id.isNull())
            return ApiError::validation(QStringLiteral("id"), QStringLiteral("id must list task ids (UUIDs)"));
        f.ids.insert(id);
    }
    f.text = value(q, QStringLiteral("q")).trimmed();
    if (hasControlCharacter(f.text) || hasNonCharacter(f.text))
        return ApiError::validation(QStringLiteral("q"),
                                    QStringLiteral("q may not contain control characters or Unicode non-characters"));
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
    if (!types.isEmpty()) // encoded like q: a '%' in a type must not reach the server as an escape
        q.addQueryItem(QStringLiteral("type"), QString::fromLatin1(QUrl::toPercentEncoding(types.join(u','), ",")));
    if (!ids.isEmpty()) {
        QStringList list;
        for (const QUuid &id : ids)
            list << id.toString(QUuid::WithoutBraces);
        q.addQueryItem(QStringLiteral("id"), join(list));
    }
    if (!text.isEmpty())
        q.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(text)));
    if (createdFrom.isValid())
        q.addQueryItem(QStringLiteral("created_from"), formatTimestamp(createdFrom));
    if (createdTo.isValid())
        q.addQueryItem(QStringLiteral("created_to"), formatTimestamp(createdTo));
}

Result<TaskFilter> TaskFilter::fromSubscription(const QJsonObject &message)
{
    for (const char *key : {"q", "created_from", "created_to"}) {
        if (message.contains(QLatin1String(key)))
            return ApiError::validation(QLatin1String(key),
                                        QStringLiteral("a subscription filters by types, priorities, statuses and task_ids: "
                                                       "events carry no description, payload or created_at"));
    }
    // Each key is a list of strings, each of which `take` accepts (answering "" or why not); anything
    // else is refused rather than read as "no filter".
    auto each = [&message](const char *key, const auto &take) -> std::optional<ApiError> {
        const QString field = QLatin1String(key);
        const QJsonValue v = message.value(field);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const auto notStrings = ApiError::validation(field, QStringLiteral("%1 must be a list of strings").arg(field));
        if (!v.isArray())
            return notStrings;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                return notStrings;
            if (const QString why = take(item.toString()); !why.isEmpty())
                return ApiError::validation(field, why);
        }
        return std::nullopt;
    };
    TaskFilter f;
    std::optional<ApiError> error = each("types", [&f](const QString &s) {
        f.types << s;
        return QString();
    });
    // A `take` that parses each value into `set`.
    auto into = [](auto &set, auto parse, const char *unknown) {
        return [&set, parse, unknown](const QString &s) {
            const auto value = parse(s);
            if (value)
                set.insert(*value);
            return value ? QString() : QLatin1String(unknown).arg(s);
        };
    };
    if (!error)
        error = each("priorities", into(f.priorities, priorityFromString, "unknown priority '%1'"));
    if (!error)
        error = each("statuses", into(f.statuses, statusFromString, "unknown status '%1'"));
    if (!error)
        error = each("task_ids", [&f](const QString &s) {
            const QUuid id = QUuid::fromString(s);
            if (!id.isNull())
                f.ids.insert(id);
            return id.isNull() ? QStringLiteral("task_ids must be UUIDs") : QString();
        });
    if (error)
        return *error;
    return f;
}

Result<PageParams> PageParams::fromQuery(const QUrlQuery &q, int defaultLimit, int maxLimit)
{
    PageParams p;
    const auto skip = queryInt(q, QStringLiteral("skip"), 0, 0, MaxSkip);
    if (!skip)
        return skip.error();
    const auto limit = queryInt(q, QStringLiteral("limit"), defaultLimit, 1, maxLimit);
    if (!limit)
        return limit.error();
    p.skip = int(*skip);
    p.limit = int(*limit);
    const QString after = queryValue(q, QStringLiteral("after"));
    if (!after.isEmpty()) {
        p.after = QUuid::fromString(after);
        if (p.after.isNull())
            return ApiError::validation(QStringLiteral("after"), QStringLiteral("after must be a task id (UUID)"));
    }
    return p;
}

Result<TaskListQuery> TaskListQuery::fromQuery(const QUrlQuery &q)
{
    auto f = TaskFilter::fromQuery(q);
    if (!f)
        return f.error();
    TaskListQuery lq;
    lq.filter = *f;
    const auto page = PageParams::fromQuery(q, DefaultLimit, MaxLimit);
    if (!page)
        return page.error();
    lq.skip = page->skip;
    lq.limit = page->limit;
    lq.after = page->after;
    if (const QString s = value(q, QStringLiteral("sort")); !s.isEmpty()) {
        const auto sort = taskSortFromString(s);
        if (!sort)
            return ApiError::validation(QStringLiteral("sort"),
                                        QStringLiteral("sort must be one of created, started, completed, priority, status"));
        lq.sort = *sort;
    }
    if (const QString o = value(q, QStringLiteral("order")); !o.isEmpty()) {
        const auto order = sortOrderFromString(o);
        if (!order)
            return ApiError::validation(QStringLiteral("order"), QStringLiteral("order must be asc or desc"));
        lq.order = *order;
    }
    lq.cursor = value(q, QStringLiteral("cursor"));
    if (!lq.cursor.isEmpty()) {
        if (!lq.after.isNull())
            return ApiError::validation(QStringLiteral("cursor"), QStringLiteral("give cursor or after, not both"));
        auto cursor = TaskCursor::decode(lq.cursor);
        if (!cursor)
            return cursor.error();
        if (cursor->sort != lq.sort || cursor->order != lq.order)
            return ApiError::validation(QStringLiteral("cursor"),
                                        QStringLiteral("cursor belongs to sort=%1&order=%2")
                                            .arg(toString(cursor->sort), toString(cursor->order)));
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
    if (!cursor.isEmpty())
        q.addQueryItem(QStringLiteral("cursor"), cursor);
    if (sort != TaskSort::Created)
        q.addQueryItem(QStringLiteral("sort"), toString(sort));
    if (order != SortOrder::Descending)
        q.addQueryItem(QStringLiteral("order"), toString(order));
    return q;
}

QString TaskCursor::encode() const
{
    QJsonObject o{{QStringLiteral("s"), toString(sort)},
                  {QStringLiteral("o"), toString(order)},
                  {QStringLiteral("k"), key.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(key)},
                  {QStringLiteral("i"), id.toString(QUuid::WithoutBraces)}};
    if (!created.isEmpty())
        o.insert(QStringLiteral("c"), created);
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<TaskCursor> TaskCursor::decode(const QString &text)
{
    const auto bad = [] {
        return ApiError::validation(QStringLiteral("cursor"),
                                    QStringLiteral("cursor is not a value this server handed out (use next_cursor)"));
    };
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::Base64UrlEncoding
                                                                            | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return bad();
    const QJsonObject o = QJsonDocument::fromJson(*decoded).object();
    TaskCursor c;
    const auto sort = taskSortFromString(o.value(QStringLiteral("s")).toString());
    const auto order = sortOrderFromString(o.value(QStringLiteral("o")).toString());
    c.id = QUuid::fromString(o.value(QStringLiteral("i")).toString());
    const QJsonValue key = o.value(QStringLiteral("k"));
    if (!sort || !order || c.id.isNull() || !(key.isString() || key.isNull()))
        return bad();
    c.sort = *sort;
    c.order = *order;
    c.key = key.isString() ? key.toString() : QString();
    c.created = o.value(QStringLiteral("c")).toString();
    const bool nullable = c.sort == TaskSort::Started || c.sort == TaskSort::Completed;
    const bool needsCreated = c.sort == TaskSort::Priority || c.sort == TaskSort::Status;
    if ((c.key.isNull() && !nullable) || (needsCreated && c.created.isEmpty()))
        return bad();
    // The keys are bound as typed SQL parameters: check them here, so junk is a 422, not a SQL error. A
    // timestamp must be one PostgreSQL accepts: a real date from year 1 on, a real time, an offset
    // within ±15:59 (PostgreSQL's limit).
    static const QRegularExpression timestamp(QStringLiteral(
        "^(\\d{4})-(\\d\\d)-(\\d\\d)[ T](\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d{1,6})?(Z|([+-])(\\d\\d)(:?(\\d\\d))?)$"));
    const auto isTimestamp = [](const QString &s) {
        const QRegularExpressionMatch m = timestamp.match(s);
        if (!m.hasMatch())
            return false;
        const int year = m.captured(1).toInt();
        if (year < 1 || !QDate(year, m.captured(2).toInt(), m.captured(3).toInt()).isValid()
            || !QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt()).isValid())
            return false;
        return m.captured(8) == u"Z" || (m.captured(10).toInt() <= 15 && m.captured(12).toInt() < 60);
    };
    bool keyOk = false;
    switch (c.sort) {
    case TaskSort::Created:
    case TaskSort::Started:
    case TaskSort::Completed: keyOk = c.key.isNull() || isTimestamp(c.key); break;
    case TaskSort::Priority: keyOk = c.key == u"0" || c.key == u"1" || c.key == u"2"; break;
    case TaskSort::Status: keyOk = statusFromString(c.key).has_value(); break;
    }
    if (!keyOk || (needsCreated && !isTimestamp(c.created)))
        return bad();
    return c;
}

} // namespace taskmill

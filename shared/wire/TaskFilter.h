// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Task.h"
#include "model/TaskEvent.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace taskmill {

// The one definition of "which tasks match": the list and counts endpoints translate it to SQL
// (store/TaskFilterSql), the app calls matches() to tell whether a live-updated row still belongs on its
// page, and the WebSocket hub filters events with matchesEvent(). SQL and matches() must agree
// (test_TaskFilterSql checks them against each other in a real PostgreSQL):
// - statuses/priorities/types: empty = any; otherwise the task's value must be in the set (types
//   compare exactly, case-sensitively);
// - text: case-insensitive substring of the title, the description or the payload's JSON text as
//   PostgreSQL prints jsonb (payloadSearchText()). Case-insensitive means both sides lowered one code
//   point at a time by Unicode's simple lowercase mapping (searchLower()), which is what ILIKE does in
//   a database with a UTF-8 libc locale (C.UTF-8, en_US.UTF-8): "ς" does not find "σ", "ß" not "SS".
//   SQL: one ILIKE with escaped wildcards over title, description and payload::text joined by U+001F,
//   served by a pg_trgm GIN index. The text may not contain control characters (so no match can span
//   two fields); fromQuery() rejects them;
// - ids: empty = any; otherwise the task's id must be in the set;
// - createdFrom/createdTo: inclusive lower, exclusive upper bound on created_at. The bounds have
//   QDateTime's millisecond resolution and the store reads created_at truncated to the millisecond, so
//   a bound compares the same with the stored microseconds as with the value the app holds.
struct TaskFilter
{
    static constexpr int MaxIds = 1000;

    QSet<Status> statuses;
    QSet<Priority> priorities;
    QStringList types;
    QSet<QUuid> ids;
    QString text;
    QDateTime createdFrom;
    QDateTime createdTo;
    // Server side only, never read from a query string: the tasks of one owner (a `user` account's view).
    QString owner;

    bool isEmpty() const;
    bool matches(const Task &task) const;
    // The keys an event carries: statuses (the event's new status), priorities, types and ids (task_id).
    // An event has no description, payload or created_at, so it cannot show that it matches text or
    // created bounds: a filter with those keys (usesTaskOnlyKeys()) matches no event.
    bool matchesEvent(const TaskEvent &event) const;
    bool usesTaskOnlyKeys() const; // text, createdFrom or createdTo set

    // Query keys: status, priority, type, id (comma lists), q, created_from, created_to.
    static Result<TaskFilter> fromQuery(const QUrlQuery &query);
    void addToQuery(QUrlQuery &query) const;
    // The WebSocket subscribe message (docs/events.md): lists "types", "priorities", "statuses" and
    // "task_ids", each optional, empty = any. The list endpoint's q, created_from and created_to are
    // refused (Validation naming the key; see matchesEvent()), as are values of the wrong kind.
    static Result<TaskFilter> fromSubscription(const QJsonObject &message);

    bool operator==(const TaskFilter &) const = default;

private:
    bool matchesKeys(Status status, Priority priority, const QString &type, const QUuid &id) const;
};

// The payload as PostgreSQL's jsonb::text prints it (what the text search sees): object keys ordered by
// byte length, then bytewise; ", " between members and ": " after keys; no whitespace elsewhere; numbers
// in plain notation (0.0000001, 100000000000000000000), as numeric prints the digits Qt wrote. Exact for
// every payload written through Qt JSON; a number stored otherwise (1.50, 1E3) prints Qt's way.
QString payloadSearchText(const QJsonObject &payload);

// `s` lowered one code point at a time by Unicode's simple lowercase mapping (UnicodeData.txt): the case
// folding of the text search on both sides (PostgreSQL's lower() in a UTF-8 libc locale).
QString searchLower(const QString &s);

// Sort keys of GET /api/v1/tasks (`sort=`). Ties are broken by created_at, then id, in the same direction,
// so every order is total and keyset-pageable. started/completed are NULL until a task starts/finishes:
// those rows come last in both directions, newest-id first among themselves when descending.
// status sorts by its wire name (CANCELLED < COMPLETED < FAILED < IN_PROGRESS < NEW < …).
enum class TaskSort { Created, Started, Completed, Priority, Status };
enum class SortOrder { Ascending, Descending };

QString toString(TaskSort sort);
QString toString(SortOrder order);
std::optional<TaskSort> taskSortFromString(const QString &s); // case-insensitive
std::optional<SortOrder> sortOrderFromString(const QString &s);

// skip / limit / after of a keyset-paged list, read the same way by the task list and the dead-letter
// list: skip 0..MaxSkip, limit 1..maxLimit, after a task id (Validation errors name the key).
struct PageParams
{
    static constexpr int MaxSkip = 100'000'000;
    int skip = 0;
    int limit = 50;
    QUuid after;

    static Result<PageParams> fromQuery(const QUrlQuery &query, int defaultLimit, int maxLimit);
};

// A page request for GET /api/v1/tasks: filter, sort and either skip/limit or a keyset position.
// Default order: created DESC. The keyset position is `cursor` (opaque, from the previous page's
// next_cursor, valid for any sort) or, for compatibility, `after` (an id; the row's current sort values
// are looked up). A cursor made for another sort/order is refused (Validation, field "cursor").
struct TaskListQuery
{
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 1000;

    TaskFilter filter;
    TaskSort sort = TaskSort::Created;
    SortOrder order = SortOrder::Descending;
    int skip = 0;
    int limit = DefaultLimit;
    QUuid after;
    QString cursor;

    static Result<TaskListQuery> fromQuery(const QUrlQuery &query);
    QUrlQuery toQuery() const; // sort/order only when not the default

    bool operator==(const TaskListQuery &) const = default;
};

// What an opaque list cursor holds: the sort it belongs to and the last row's sort key as PostgreSQL
// text (exact to the microsecond, which QDateTime is not). For priority/status the created_at tie-break
// travels too.
struct TaskCursor
{
    TaskSort sort = TaskSort::Created;
    SortOrder order = SortOrder::Descending;
    QString key;     // the sort column's value; a null QString stands for SQL NULL
    QString created; // created_at, for the priority and status sorts
    QUuid id;

    QString encode() const; // base64url of a small JSON object
    static Result<TaskCursor> decode(const QString &text); // Validation error naming "cursor"
    bool operator==(const TaskCursor &) const = default;
};

} // namespace taskmill

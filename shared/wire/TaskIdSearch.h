// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>
#include <QUuid>

#include <optional>

namespace taskmill {

// The task-id side of the list's text search `q` (docs/api.md, "Finding a task by id"). A `q` that reads as
// a task id, or as the start of one, also finds the tasks whose id it is, besides the tasks whose text
// contains it (the two sets are joined; the page keeps its sort order). It reads as an id when it is
// - a whole UUID in any case, with or without its dashes (or in braces), or
// - at least MinDigits hex digits in any case that begin one: either without dashes, or with them exactly
//   where the 8-4-4-4-12 form has them ("0b6f1c8e-5f" yes, "0b6f-1c8e" no).
// - the app's short form of an id, its start and its end around an ellipsis ("01a246e2…4a13", or "..." typed):
//   ids made in the same minute share their first eight digits (the time in a version-7 id), so the table
//   shows the last four too, and that text finds exactly the task it shows.
// Five digits or fewer stay plain text: 16^5 ids share each such prefix, which is no way to name one task.
// Both sides use this: TaskFilter::matches() through matches(), store/TaskFilterSql as a primary-key range
// [low(), high()], so a prefix is found through tasks_pkey whatever the table holds.
class TaskIdSearch final
{
public:
    static constexpr int MinDigits = 6;
    static constexpr int UuidDigits = 32;

    // nullopt when `text` (already trimmed) does not read as an id or an id's start.
    static std::optional<TaskIdSearch> parse(const QString &text);

    // The app's Id column: the first 8 and the last 4 digits ("01a246e2…4a13"); parse() reads it back.
    static QString shortForm(const QUuid &id);
    static constexpr int ShortHead = 8;
    static constexpr int ShortTail = 4;

    bool matches(const QUuid &id) const;
    // The smallest and the largest id with this prefix: the prefix padded with 0s and with fs. PostgreSQL
    // orders uuid values by their bytes, which is the order of their hex digits.
    QUuid low() const;
    QUuid high() const;
    QString digits() const { return m_digits; } // lowercase hex, without dashes
    QString suffix() const { return m_suffix; } // the short form's end, lowercase hex; empty for a plain start
    QString likeSuffix() const { return u'%' + m_suffix; } // for `id::text LIKE`: hex digits need no escaping

private:
    explicit TaskIdSearch(QString digits, QString suffix = {}) : m_digits(std::move(digits)), m_suffix(std::move(suffix)) {}
    QString m_digits;
    QString m_suffix;
};

} // namespace taskmill

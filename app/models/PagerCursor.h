// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>
#include <QString>
#include <QUuid>

namespace taskmill {

// The keyset paging state of a server-paged list (TaskPager, DeadLetterPager): where every page up to the
// shown one starts, where the next one would, and which page-load answers still count. Forward goes to
// the position the server answered for the current page; back returns to a remembered start, so no
// reverse query is needed. Every move changes the query. Each load takes a Ticket; its answer is stale
// once the query has moved on, or once the answer of a load sent after it has been applied.
class PagerCursor
{
public:
    // Where a page starts: the server's opaque cursor, or the id to continue after (a server or endpoint
    // without cursors). Both null for the first page.
    struct Position
    {
        QString cursor;
        QUuid after;
        bool isNull() const { return cursor.isEmpty() && after.isNull(); }
    };
    // One page load: the query it was sent for and its place in sending order.
    struct Ticket
    {
        quint64 generation = 0;
        quint64 number = 0;
    };

    Position current() const { return m_starts.constLast(); }
    int pageNumber() const { return int(m_starts.size()); } // 1-based
    bool hasNextPage() const { return !m_next.isNull(); }
    bool hasPreviousPage() const { return m_starts.size() > 1; }
    void setNext(const Position &next) { m_next = next; } // from the answer for the current page

    void toFirst();
    bool toNext();     // false, and no move, without a next page
    bool toPrevious(); // false, and no move, on the first page

    Ticket issue(); // for a load of the current page
    bool isCurrentQuery(const Ticket &ticket) const { return ticket.generation == m_generation; }
    bool isStale(const Ticket &ticket) const;
    void markApplied(const Ticket &ticket); // its answer is shown: answers to loads sent before it are stale

private:
    QList<Position> m_starts{Position()};
    Position m_next;
    quint64 m_generation = 0; // bumped by every move
    quint64 m_issued = 0;
    quint64 m_applied = 0;
};

} // namespace taskmill

// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/PagerCursor.h"

namespace taskmill {

void PagerCursor::toFirst()
{
    m_starts = {Position()};
    ++m_generation;
}

bool PagerCursor::toNext()
{
    if (!hasNextPage())
        return false;
    m_starts.append(m_next);
    ++m_generation;
    return true;
}

bool PagerCursor::toPrevious()
{
    if (!hasPreviousPage())
        return false;
    m_starts.removeLast();
    ++m_generation;
    return true;
}

PagerCursor::Ticket PagerCursor::issue()
{
    return {m_generation, ++m_issued};
}

bool PagerCursor::isStale(const Ticket &ticket) const
{
    // The number matters within one query: a slow answer sent before a reload (reconnect, event burst)
    // must not put older rows back over the reload's.
    return !isCurrentQuery(ticket) || ticket.number < m_applied;
}

void PagerCursor::markApplied(const Ticket &ticket)
{
    m_applied = qMax(m_applied, ticket.number);
}

} // namespace taskmill

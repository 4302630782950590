// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/PagerCursor.h"
#include "models/PollingFallback.h"
#include "wire/ApiError.h"
#include "wire/DeadLetterFilter.h"
#include "model/TaskEvent.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

namespace taskmill {

class BackendClient;
class DeadLetterGroupModel;
class DeadLetterModel;

// Keeps the dead-letter models showing the server: all groups (GET /api/v1/dlq/groups) and one keyset
// page of the chosen group's tasks (GET /api/v1/dlq?error=…; no group = every dead letter).
// Live: `dead_lettered` and `requeued` events from the client's EventStream, a resubscription or a
// `resync` ask for a refresh; refreshes are throttled to one per ThrottleMs (the first at once, the last
// one of a burst always follows). Purges leave no event, so while the stream is down the pager polls.
// While inactive (page hidden) nothing is fetched; a change seen meanwhile refreshes on activation.
// A refresh asked for while one is in flight runs once more when it ends; answers for an outdated
// query are dropped.
class DeadLetterPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterPager)

public:
    static constexpr int PageSize = 100;
    static constexpr int GroupLimit = 1000;
    static constexpr int ThrottleMs = 500;  // a burst costs one fetch per half second, and its end still shows at once
    static constexpr int PollMs = 10'000; // fallback while the event stream is down: 10 s stale at most, cheap

    DeadLetterPager(BackendClient &client, DeadLetterGroupModel &groups, DeadLetterModel &tasks,
                    QObject *parent = nullptr);

    // The group whose tasks are listed: its exact error text; nullopt lists every dead letter.
    std::optional<QString> group() const { return m_group; }
    DeadLetterFilter filter() const; // what the task list asks for: the search and the group
    // The page's search (types, priorities, text; never `error`): it narrows the groups and the task list.
    DeadLetterFilter search() const { return m_search; }
    DeadLetterOrder order() const { return m_order; }
    int pageNumber() const { return m_cursor.pageNumber(); } // 1-based
    qint64 total() const { return m_total; }                 // tasks matching filter(), all pages
    bool hasNextPage() const { return m_cursor.hasNextPage(); }
    bool hasPreviousPage() const { return m_cursor.hasPreviousPage(); }
    bool isActive() const { return m_active; }
    bool isPolling() const { return m_polling.isPolling(); }     // active, and the event stream is down
    bool isThrottling() const { return m_throttle.isActive(); } // a refresh now would wait for the interval's end

    void setThrottleInterval(int ms) { m_throttle.setInterval(ms); }
    void setPollInterval(int ms) { m_polling.setInterval(ms); }

    void setActive(bool active); // activation loads if nothing was loaded yet or something changed
    void setGroup(const std::optional<QString> &group); // back to the first page
    void setSearch(const DeadLetterFilter &search);      // reloads the groups; back to the first page
    void setOrder(const DeadLetterOrder &order);         // back to the first page
    void firstPage();
    void nextPage();
    void previousPage();
    void refresh();        // groups and the current page, now
    void requestRefresh(); // throttled refresh; only marks the data stale while inactive

    // Refreshes when `events` contain a dead-letter change; public for the event stream and tests.
    void onEventsReceived(const QList<taskmill::TaskEvent> &events);

signals:
    void groupsLoaded();
    void pageLoaded();
    void loadFailed(const taskmill::ApiError &error);

private:
    void loadGroups();
    void loadPage();
    void onThrottleTimeout();
    void onStreamConnectedChanged(bool connected);

    BackendClient &m_client;
    DeadLetterGroupModel &m_groups;
    DeadLetterModel &m_tasks;
    QTimer m_throttle;
    PollingFallback m_polling;
    bool m_active = false;
    bool m_stale = true;            // something changed while inactive (or never loaded)
    bool m_refreshPending = false;  // asked for during the throttle interval
    std::optional<QString> m_group;
    DeadLetterFilter m_search;
    DeadLetterOrder m_order;
    PagerCursor m_cursor; // a new group moves it to the first page, so answers for the old one are stale
    qint64 m_total = 0;
    int m_pageInFlight = 0;
    PagerCursor::Ticket m_pageTicket; // of the last page load sent
    bool m_pageAgain = false;
    bool m_groupsInFlight = false;
    bool m_groupsAgain = false;
};

} // namespace taskmill

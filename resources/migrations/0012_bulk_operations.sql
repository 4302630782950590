-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Bulk operations by filter (docs/api.md, "Bulk operations by filter"): cancel or retry every task matching a
-- filter, run by one api process in batches. The record lives here so any api process can report or stop it.

CREATE TABLE bulk_operations (
    id           uuid        PRIMARY KEY,
    action       text        NOT NULL CHECK (action IN ('cancel', 'retry')),
    state        text        NOT NULL CHECK (state IN ('running', 'stopping', 'completed', 'stopped', 'interrupted', 'failed')),
    filter       jsonb       NOT NULL,             -- as the request gave it (wire/BulkTypes: the list query's keys)
    expected     bigint      NOT NULL,             -- the count the caller confirmed
    total        bigint      NOT NULL DEFAULT 0,   -- the tasks taken at the start (bulk_operation_tasks)
    done         bigint      NOT NULL DEFAULT 0,   -- changed
    failed       bigint      NOT NULL DEFAULT 0,   -- not changed (finished or gone meanwhile, …)
    failures     jsonb       NOT NULL DEFAULT '[]'::jsonb, -- the first 100 of them: [{id, error: {code, message}}]
    message      text,                             -- why it failed or was interrupted
    owner        text        NOT NULL,             -- the principal's actor: the per-caller limit, a `user`'s view
    actor        text        NOT NULL,             -- who, for the audit log (request::actor)
    created_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(), -- refreshed every batch; stale → interrupted
    finished_at  timestamptz
);
-- The unfinished ones: the per-caller limit and the sweep for stale ones.
CREATE INDEX bulk_operations_unfinished_idx ON bulk_operations (owner, heartbeat_at) WHERE state IN ('running', 'stopping');

-- The set an operation works through: the ids matching its filter when it started, walked in id order. Later
-- changes to the tasks do not add to it. Deleted when the operation ends.
CREATE TABLE bulk_operation_tasks (
    operation_id uuid NOT NULL REFERENCES bulk_operations (id) ON DELETE CASCADE,
    task_id      uuid NOT NULL,
    PRIMARY KEY (operation_id, task_id)
);

-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Tasks and their transition history. PostgreSQL is the source of truth; Redis streams are an index
-- of "what to run next" that can be rebuilt from the NEW/PENDING rows here.

CREATE TABLE tasks (
    id            uuid        PRIMARY KEY,
    type          text        NOT NULL DEFAULT 'noop',
    title         text        NOT NULL DEFAULT '',
    description   text        NOT NULL DEFAULT '',
    payload       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    priority      smallint    NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 2), -- 0 LOW, 1 MEDIUM, 2 HIGH
    status        text        NOT NULL DEFAULT 'NEW'
                  CHECK (status IN ('NEW','PENDING','IN_PROGRESS','COMPLETED','FAILED','CANCELLED','POSTPONED','RETRY_WAITING')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    completed_at  timestamptz,
    run_at        timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz,                 -- last XADD; the reconciler re-dispatches stale NEW rows
    result        jsonb,
    error         text,
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts  integer     NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 100),
    trace_id      text,
    span_id       text,
    worker        text
);

-- Keyset paging, newest first, optionally within one status.
CREATE INDEX tasks_created_idx        ON tasks (created_at DESC, id DESC);
CREATE INDEX tasks_status_created_idx ON tasks (status, created_at DESC, id DESC);
-- Small partial index: the reconciler scans only tasks that may still need a dispatch.
CREATE INDEX tasks_undispatched_idx   ON tasks (created_at) WHERE status = 'NEW';

CREATE TABLE task_history (
    id          bigserial   PRIMARY KEY,
    task_id     uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    from_status text,
    to_status   text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    worker      text,
    attempt     integer     NOT NULL DEFAULT 0,
    message     text
);
CREATE INDEX task_history_task_idx ON task_history (task_id, id);

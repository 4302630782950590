-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Retries, the dead-letter queue, audit, executor heartbeats, and what the reconciler needs.

ALTER TABLE tasks
    ADD COLUMN retry_policy     jsonb,        -- NULL: the executor's per-type or global default
    ADD COLUMN dead_lettered_at timestamptz,  -- set: the task failed for good and sits in the DLQ
    ADD COLUMN stream_entry     text;         -- id of the task's last stream entry (reconciler)

-- The scheduler's input: delayed tasks and retries waiting for their time.
CREATE INDEX tasks_due_idx ON tasks (run_at) WHERE status IN ('POSTPONED', 'RETRY_WAITING');
-- The dead-letter queue, newest first.
CREATE INDEX tasks_dlq_idx ON tasks (dead_lettered_at DESC, id DESC) WHERE dead_lettered_at IS NOT NULL;
-- The reconciler's input: tasks that should be in a stream or running somewhere.
CREATE INDEX tasks_active_idx ON tasks (status, updated_at) WHERE status IN ('PENDING', 'IN_PROGRESS');

-- Every operator action on the DLQ (requeue, edit, purge, delete): who, when, what.
CREATE TABLE audit_log (
    id       bigserial   PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text        NOT NULL,
    action   text        NOT NULL,
    task_ids uuid[]      NOT NULL DEFAULT '{}',
    details  jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

-- One row per executor process; heartbeat_at is refreshed every second. A consumer whose heartbeat is
-- older than the visibility timeout is presumed dead: its tasks are reclaimed.
CREATE TABLE workers (
    consumer      text        PRIMARY KEY,
    host          text        NOT NULL,
    pid           integer     NOT NULL,
    threads       integer     NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    running       integer     NOT NULL DEFAULT 0,
    stopped_at    timestamptz
);

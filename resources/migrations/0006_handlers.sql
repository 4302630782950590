-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- The handler registry (docs/handlers.md, seed 004's "executors"): what each task type is, the JSON Schema
-- its payload must match, its defaults and its limits. Tasks keep their type as plain text, with no foreign
-- key: tasks stored before this migration stay valid whatever their type, and a handler deleted with
-- ?force=true leaves its cancelled tasks readable. The api inserts the built-in handlers on every start
-- (ON CONFLICT DO NOTHING, so an admin's changes to them stay).
CREATE TABLE handlers (
    name text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'),
    description text NOT NULL DEFAULT '',
    kind text NOT NULL CHECK (kind IN ('builtin', 'external')),
    schema jsonb NOT NULL DEFAULT '{}'::jsonb,
    default_priority smallint NOT NULL DEFAULT 1 CHECK (default_priority BETWEEN 0 AND 2),
    max_attempts integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 100),
    retry_policy jsonb,                       -- NULL: the server's retry.* defaults
    timeout_ms integer NOT NULL DEFAULT 0 CHECK (timeout_ms >= 0),       -- 0: no limit
    concurrency integer NOT NULL DEFAULT 0 CHECK (concurrency >= 0),     -- 0: unlimited
    enabled boolean NOT NULL DEFAULT true,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- No new index on tasks: counting or cancelling a handler's unfinished tasks uses tasks_type_idx (0004), and
-- every index on tasks costs each state change of every task.

-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Paused priorities and task types (docs/api.md, "Pausing a priority or a type"). A queued task whose priority
-- or type has a row here is started by no one: the claim (ExecutionRepository::claim, for built-in executors
-- and leasing workers alike) reads this table in the same statement, so a pause holds from its commit on.
-- Priorities are named by their wire names, as the API and the audit log show them.

CREATE TABLE task_pauses (
    scope     text        NOT NULL CHECK (scope IN ('priority', 'type')),
    name      text        NOT NULL CHECK (scope <> 'priority' OR name IN ('LOW', 'MEDIUM', 'HIGH')),
    paused_by text        NOT NULL,   -- the principal's actor ("user:3", "token:2", "local")
    paused_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, name)
);

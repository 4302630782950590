-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Leases of external workers (docs/workers.md). A leased task is IN_PROGRESS with `worker` set, like a
-- built-in run, plus the time its lease ends; heartbeats move it on, the scheduler reclaims it once past.
-- Nullable columns without defaults: adding them rewrites nothing.
ALTER TABLE tasks ADD COLUMN lease_expires_at timestamptz,
                  ADD COLUMN progress smallint CHECK (progress BETWEEN 0 AND 100),
                  ADD COLUMN progress_message text;

-- The reaper's scan: only leased rows are in it.
CREATE INDEX tasks_lease_idx ON tasks (lease_expires_at) WHERE lease_expires_at IS NOT NULL;

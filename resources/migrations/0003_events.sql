-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- task_history doubles as the transactional outbox of task events. A bigserial id is taken at INSERT, not
-- at COMMIT, so ids alone can commit out of order; the writing transaction's id (xid8) lets the notifier
-- publish only rows of transactions older than every transaction still running, in (xid, id) order, and
-- number them itself: revisions a client sees never have gaps.
ALTER TABLE task_history ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX task_history_xid_idx ON task_history (xid, id);

-- The notifier's cursor: the last published (xid, id) and the revision it got. One row.
CREATE TABLE notifier_state (
    id        integer PRIMARY KEY CHECK (id = 1),
    last_xid  xid8    NOT NULL,
    last_id   bigint  NOT NULL,
    revision  bigint  NOT NULL
);
INSERT INTO notifier_state (id, last_xid, last_id, revision) VALUES (1, '0', 0, 0);

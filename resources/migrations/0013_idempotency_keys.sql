-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Idempotent creates (docs/api.md, "Idempotent creates"): a create sent with an Idempotency-Key stores the key
-- in the same transaction as its tasks, so a client that lost the answer (a timeout, a dropped connection, a 503
-- while the commit was in flight) sends the request again and gets the tasks the first one made, never a second
-- copy. Keys belong to a caller (the principal's actor): two callers may use the same key. The scheduler removes
-- keys older than retention.idempotency_keys.

CREATE TABLE idempotency_keys (
    owner        text        NOT NULL,   -- the principal's actor ('' for none): keys are per caller
    key          text        NOT NULL,   -- as the client sent it: 1..255 visible ASCII characters
    request_hash bytea       NOT NULL,   -- SHA-256 of the route and the request body as parsed
    task_ids     uuid[]      NOT NULL,   -- what the first request created, in its order
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, key)
);
-- Retention walks the oldest first.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

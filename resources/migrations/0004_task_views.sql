-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Task views: indexed text search over title, description and payload; keyset sorts of the task list;
-- the distinct task types.

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- `q` is one ILIKE '%…%' over one search document per task (store/TaskRepository.cpp). The document lives in
-- its own table, written by a trigger when a task is created or its title/description/payload change, and
-- NOT on the tasks row: a GIN index on tasks would be rewritten by every non-HOT status update (claim,
-- result) — measured 7x slower status updates with it (docs/benchmarks.md). U+001F between the fields
-- cannot occur in a search text (control characters are refused), so no match spans two fields.
CREATE TABLE task_search (
    task_id uuid PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    doc     text NOT NULL
);
INSERT INTO task_search (task_id, doc)
    SELECT id, title || E'\x1f' || description || E'\x1f' || payload::text FROM tasks;
CREATE INDEX task_search_trgm_idx ON task_search USING gin (doc gin_trgm_ops);

CREATE FUNCTION taskmill_task_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_search (task_id, doc)
        VALUES (NEW.id, NEW.title || E'\x1f' || NEW.description || E'\x1f' || NEW.payload::text)
        ON CONFLICT (task_id) DO UPDATE SET doc = EXCLUDED.doc;
    RETURN NULL;
END
$$;
-- UPDATE OF fires only when one of these columns is in the SET list: status changes never pay for it.
CREATE TRIGGER tasks_search_sync AFTER INSERT OR UPDATE OF title, description, payload ON tasks
    FOR EACH ROW EXECUTE FUNCTION taskmill_task_search_sync();

-- Keyset sorts: (key, id) for started/completed (NULL keys sit together in the index and are paged by
-- id), (key, created_at, id) for priority and status, all columns in one direction so a forward scan
-- serves ASC and a backward scan DESC. Created sorts use tasks_created_idx (0001).
CREATE INDEX tasks_started_idx   ON tasks (started_at, id);
CREATE INDEX tasks_completed_idx ON tasks (completed_at, id);
CREATE INDEX tasks_priority_created_idx ON tasks (priority, created_at, id);
-- Replaces 0001's (status, created_at DESC, id DESC), whose mixed directions cannot serve a status sort;
-- scanned backward it still serves "status = X, newest first", so the index count stays the same.
DROP INDEX tasks_status_created_idx;
CREATE INDEX tasks_status_created_idx ON tasks (status, created_at, id);

-- GET /api/v1/tasks/types walks this index with a loose index scan: one probe per distinct type.
CREATE INDEX tasks_type_idx ON tasks (type);

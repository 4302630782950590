-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Search documents leave the insert path. Writing the trigram document in a row trigger made a 1,000-task
-- insert about three times dearer (its GIN entries); a created task now only appends its id to
-- task_search_queue (one statement-level insert, no index), and a batched indexer (the api's dispatch thread
-- and, as a backstop, the scheduler: store/SearchIndexRepository) writes the documents shortly after, many
-- per statement. Edits of title, description or payload still rewrite their document at once.

-- No index and no key: appended by inserts, drained in batches by ctid with FOR UPDATE SKIP LOCKED, so
-- several indexers share it without waiting for each other.
CREATE TABLE task_search_queue (task_id uuid NOT NULL);

CREATE FUNCTION taskmill_task_search_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_search_queue (task_id) SELECT id FROM created;
    RETURN NULL;
END
$$;

DROP TRIGGER tasks_search_sync ON tasks;
CREATE TRIGGER tasks_search_sync AFTER UPDATE OF title, description, payload ON tasks
    FOR EACH ROW EXECUTE FUNCTION taskmill_task_search_sync();
CREATE TRIGGER tasks_search_enqueue AFTER INSERT ON tasks REFERENCING NEW TABLE AS created
    FOR EACH STATEMENT EXECUTE FUNCTION taskmill_task_search_enqueue();

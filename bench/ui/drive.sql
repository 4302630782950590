-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- taskmill-ui-bench: live task changes at :rate events/s for :seconds s, as a busy executor pipeline makes
-- them. Every 20 ms one transaction moves the newest IN_PROGRESS tasks to COMPLETED, the newest PENDING to
-- IN_PROGRESS, the newest NEW to PENDING, and creates new NEW tasks (rate/4 each per second), writing a
-- task_history row for every change in the same transaction, as the backend's statements do: the notifier
-- publishes them (created, dispatched, started, completed events) like any other. Paced against the
-- start time: a late tick takes what is due since the start (up to 10 ticks' worth), so a slow machine
-- gets fewer, larger transactions at the same rate; prints what it achieved.
-- With -v mode=outbox it writes only the task_history rows (the outbox) for the newest 400 tasks, cycling
-- them NEW -> PENDING -> IN_PROGRESS -> RETRY_WAITING -> NEW, and leaves `tasks` alone: everything from
-- the notifier on (Redis, the api's WebSocket fan-out, the app) is the real path, at a rate this machine's
-- PostgreSQL cannot reach with real row updates (docs/benchmarks.md explains why).
-- Run: psql -v rate=5000 -v seconds=20 -v mode=updates|outbox -f drive.sql
\set ON_ERROR_STOP on
\o /dev/null
SELECT set_config('tm.rate', :'rate', false), set_config('tm.seconds', :'seconds', false), set_config('tm.mode', :'mode', false);
\o
DO $$
DECLARE
    tick   constant float8 := 0.02;
    secs   constant float8 := current_setting('tm.seconds')::float8;
    outbox constant boolean := current_setting('tm.mode') = 'outbox';
    rate   constant float8 := current_setting('tm.rate')::float8;
    nominal constant int := greatest(1, round(rate * tick / 4)::int);
    n      int;
    stage  bigint := 0; -- tasks moved per stage so far
    t0     constant timestamptz := clock_timestamp();
    i      int := 0;
    late   int := 0;
    total  bigint := 0;
    c      bigint;
    behind float8;
BEGIN
    WHILE clock_timestamp() < t0 + make_interval(secs => secs) LOOP
        n := least(10 * nominal, greatest(1, round(rate / 4 * extract(epoch FROM clock_timestamp() - t0))::bigint + nominal - stage))::int;
        stage := stage + n;
        IF outbox THEN
            INSERT INTO task_history (task_id, from_status, to_status, worker, attempt)
            SELECT p.id, (ARRAY['NEW', 'PENDING', 'IN_PROGRESS', 'RETRY_WAITING'])[1 + (p.k + i) % 4],
                   (ARRAY['PENDING', 'IN_PROGRESS', 'RETRY_WAITING', 'NEW'])[1 + (p.k + i) % 4], 'bench-worker-' || (i % 8), 1
            FROM (SELECT id, row_number() OVER () AS k
                  FROM (SELECT id FROM tasks ORDER BY created_at DESC, id DESC LIMIT 400) AS newest
                  OFFSET (stage - n) * 4 % 400 LIMIT 4 * n) AS p;
            GET DIAGNOSTICS c = ROW_COUNT;
            total := total + c;
        ELSE
        WITH s AS (SELECT id FROM tasks WHERE status = 'IN_PROGRESS' ORDER BY created_at DESC, id DESC LIMIT n FOR UPDATE),
             u AS (UPDATE tasks t SET status = 'COMPLETED', completed_at = clock_timestamp(), updated_at = clock_timestamp(),
                                      result = jsonb_build_object('ok', true, 'duration_ms', 20)
                   FROM s WHERE t.id = s.id RETURNING t.id, t.worker, t.attempts)
        INSERT INTO task_history (task_id, from_status, to_status, worker, attempt)
        SELECT id, 'IN_PROGRESS', 'COMPLETED', worker, attempts FROM u;
        GET DIAGNOSTICS c = ROW_COUNT;
        total := total + c;
        WITH s AS (SELECT id FROM tasks WHERE status = 'PENDING' ORDER BY created_at DESC, id DESC LIMIT n FOR UPDATE),
             u AS (UPDATE tasks t SET status = 'IN_PROGRESS', started_at = clock_timestamp(), updated_at = clock_timestamp(),
                                      attempts = t.attempts + 1, worker = 'bench-worker-' || (i % 8)
                   FROM s WHERE t.id = s.id RETURNING t.id, t.worker, t.attempts)
        INSERT INTO task_history (task_id, from_status, to_status, worker, attempt)
        SELECT id, 'PENDING', 'IN_PROGRESS', worker, attempts FROM u;
        GET DIAGNOSTICS c = ROW_COUNT;
        total := total + c;
        WITH s AS (SELECT id FROM tasks WHERE status = 'NEW' ORDER BY created_at DESC, id DESC LIMIT n FOR UPDATE),
             u AS (UPDATE tasks t SET status = 'PENDING', dispatched_at = clock_timestamp(), updated_at = clock_timestamp()
                   FROM s WHERE t.id = s.id RETURNING t.id)
        INSERT INTO task_history (task_id, from_status, to_status) SELECT id, 'NEW', 'PENDING' FROM u;
        GET DIAGNOSTICS c = ROW_COUNT;
        total := total + c;
        WITH x AS (INSERT INTO tasks (id, type, title, description, payload, priority, status, created_at, updated_at)
                   SELECT gen_random_uuid(), (ARRAY['email.send', 'image.resize', 'webhook.deliver', 'invoice.render'])[1 + j % 4],
                          'Live task ' || i || '.' || j, 'Created by the UI benchmark''s update driver.',
                          jsonb_build_object('tick', i, 'j', j, 'customer_id', 100000 + (i * 7 + j) % 900000),
                          (j % 3)::smallint, 'NEW', clock_timestamp(), clock_timestamp()
                   FROM generate_series(1, n) AS j
                   RETURNING id, created_at)
        INSERT INTO task_history (task_id, from_status, to_status, at) SELECT id, NULL, 'NEW', created_at FROM x;
        GET DIAGNOSTICS c = ROW_COUNT;
        total := total + c;
        END IF;
        COMMIT;
        i := i + 1;
        behind := extract(epoch FROM clock_timestamp() - (t0 + make_interval(secs => i * tick)));
        IF behind > 0 THEN
            late := late + 1;
        ELSE
            PERFORM pg_sleep(-behind);
        END IF;
    END LOOP;
    RAISE NOTICE 'drive: ticks=% late_ticks=% per_stage_nominal=% events=% seconds=% events_per_s=%', i, late, nominal, total,
        round(extract(epoch FROM clock_timestamp() - t0)::numeric, 3),
        round((total / extract(epoch FROM clock_timestamp() - t0))::numeric, 1);
END $$;

-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- taskmill-ui-bench: fills a migrated, empty Taskmill database with :n tasks of realistic variety
-- (12 types, skewed; priorities 25/55/20 %; statuses: the newest 3 % mostly NEW/PENDING/IN_PROGRESS,
-- older ones mostly COMPLETED, some FAILED (dead-lettered after 3 attempts), CANCELLED, POSTPONED,
-- RETRY_WAITING; titles, descriptions and JSON payloads varied per type) created over the last :days days,
-- with the task_history rows each task's path implies (the outbox), in one transaction. The notifier's
-- cursor is moved past those rows, as if they had been published, so the backend starts consistent and
-- the notifier does not replay a million old events. Run: psql -v n=1000000 -f fill.sql
\set ON_ERROR_STOP on
-- Over how many days the tasks were created (psql -v days=D; 30 when not given). The scale benchmark
-- keeps them inside the default retention window (7 days) so a running scheduler does not remove them.
\if :{?days}
\else
\set days 30
\endif
-- -v finished_only=true: only COMPLETED, FAILED and CANCELLED tasks (the scale benchmark drains beside a
-- million finished tasks; NEW, PENDING or due tasks in the fill would be dispatched by the reconciler and run
-- by the drain's executor, which would then measure them too).
\if :{?finished_only}
\else
\set finished_only false
\endif
SET synchronous_commit = off; -- this session only: one bulk commit
SELECT setseed(0.42);
BEGIN;
-- The search tables first: a running api's indexer then waits for this transaction instead of holding a
-- lock that the DROP INDEX below would wait for (a deadlock otherwise).
LOCK TABLE task_search_queue, task_search IN ACCESS EXCLUSIVE MODE;

INSERT INTO tasks (id, type, title, description, payload, priority, status, created_at, started_at, completed_at,
                   run_at, updated_at, dispatched_at, result, error, attempts, max_attempts, trace_id, span_id,
                   worker, dead_lettered_at)
SELECT overlay(overlay(overlay(md5(random()::text || s.i) -- a time-ordered id, as the api makes (newTaskId)
                         PLACING lpad(to_hex(floor(extract(epoch FROM s.created_at) * 1000)::bigint), 12, '0') FROM 1 FOR 12)
                 PLACING '7' FROM 13 FOR 1)
       PLACING substr('89ab', 1 + floor(random() * 4)::int, 1) FROM 17 FOR 1)::uuid, s.type, s.title, s.description, s.payload, s.priority, s.status, s.created_at,
       s.started_at, s.completed_at,
       CASE s.status WHEN 'POSTPONED' THEN now() + make_interval(secs => s.r6 * 7 * 86400)
                     WHEN 'RETRY_WAITING' THEN now() + make_interval(secs => 5 + s.r6 * 600) END,
       coalesce(s.completed_at, s.started_at, s.created_at),
       CASE WHEN s.status NOT IN ('NEW', 'POSTPONED') THEN s.created_at + interval '3 ms' END,
       CASE WHEN s.status = 'COMPLETED' THEN jsonb_build_object('ok', true, 'duration_ms', round(s.r2 * 30000),
            'output', s.type || '/' || s.i || '.out', 'bytes', round(s.r5 * 5e6)) END,
       CASE WHEN s.status IN ('FAILED', 'RETRY_WAITING') THEN (ARRAY[
            'ConnectionError: upstream timed out after 30 s',
            'HTTP 503 Service Unavailable from https://hooks.example.com/ingest',
            'ValueError: invalid image header (expected PNG or JPEG)',
            'PermissionError: access denied to bucket s3://exports-eu',
            'MemoryError: worker exceeded its 512 MiB limit',
            'KeyError: ''customer_id'' missing from payload',
            'SMTPRecipientsRefused: 550 mailbox unavailable'])[1 + floor(s.r4 * 7)::int] END,
       s.attempts, 3, md5(s.i::text || 'trace'), left(md5(s.i::text || 'span'), 16),
       CASE WHEN s.started_at IS NOT NULL THEN 'worker-' || (1 + floor(s.r5 * 8)::int) || '-' || (1000 + floor(s.r4 * 50)::int) END,
       CASE WHEN s.status = 'FAILED' THEN s.completed_at END
FROM (
    SELECT t.*,
           CASE WHEN t.status IN ('IN_PROGRESS', 'COMPLETED', 'FAILED', 'RETRY_WAITING')
                THEN t.created_at + make_interval(secs => 0.005 + t.r6 * 5) END AS started_at,
           CASE WHEN t.status IN ('COMPLETED', 'FAILED') THEN t.created_at + make_interval(secs => 0.01 + t.r6 * 5 + t.r2 * 30)
                WHEN t.status = 'CANCELLED' THEN t.created_at + make_interval(secs => t.r2 * 600) END AS completed_at,
           CASE t.status WHEN 'FAILED' THEN 3 WHEN 'COMPLETED' THEN CASE WHEN t.r3 < 0.06 THEN 2 ELSE 1 END
                         WHEN 'IN_PROGRESS' THEN 1 WHEN 'RETRY_WAITING' THEN 1 ELSE 0 END AS attempts,
           (ARRAY['Send welcome email to', 'Resize avatar of', 'Generate monthly report for', 'Deliver webhook for',
                  'Render invoice for', 'Transcode upload of', 'Reindex catalogue of', 'Snapshot database of',
                  'Send one-time code to', 'Warm cache for', 'Export orders of', 'Probe endpoint of'])[t.k]
             || ' ' || (ARRAY['customer', 'account', 'tenant', 'merchant', 'user'])[1 + floor(t.r4 * 5)::int]
             || ' #' || (100000 + floor(t.r5 * 900000)::int) AS title,
           (ARRAY['Transactional email from the signup flow.', 'Thumbnail set for the profile page (64, 128, 512 px).',
                  'PDF with usage, invoices and SLA figures for the last calendar month.',
                  'Outgoing webhook with retries and HMAC signature.', 'Invoice PDF in the customer''s locale, archived after sending.',
                  'H.264 and VP9 renditions for adaptive streaming.', 'Full-text index rebuild after a bulk product import.',
                  'Nightly logical backup, uploaded to cold storage.', 'SMS one-time code, expires in 5 minutes.',
                  'Pre-computes the landing page fragments for the region.', 'CSV export requested from the admin console.',
                  'Synthetic check of the public API endpoints.'])[t.k]
             || ' Requested by ' || (ARRAY['billing-service', 'web-frontend', 'cron', 'admin console', 'partner API', 'mobile app'])[1 + floor(t.r3 * 6)::int]
             || '. ' || substr('Retries follow the per-type policy; the operator is paged only when the task lands in '
                               'the dead-letter queue. Payload fields are validated on submit; large artefacts go to '
                               'object storage and only their keys travel in the payload. Correlate with the trace id '
                               'in the tracing UI when a run is slow or fails repeatedly.', 1 + floor(t.r6 * 120)::int,
                               20 + floor(t.r2 * 150)::int) AS description,
           jsonb_build_object(
               'customer_id', 100000 + floor(t.r5 * 900000)::int,
               'region', (ARRAY['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-south-1', 'sa-east-1'])[1 + floor(t.r4 * 6)::int],
               'source', (ARRAY['signup', 'checkout', 'import', 'schedule', 'api', 'console'])[1 + floor(t.r3 * 6)::int],
               'requested_by', 'user' || floor(t.r6 * 50000)::int || '@example.com',
               'options', jsonb_build_object('dry_run', t.r2 < 0.05, 'locale', (ARRAY['en', 'de', 'fr', 'ru', 'es'])[1 + floor(t.r6 * 5)::int],
                                             'timeout_s', 30 + floor(t.r3 * 4)::int * 30),
               'items', CASE t.i % 4 WHEN 0 THEN '[]'::jsonb
                            WHEN 1 THEN jsonb_build_array(jsonb_build_object('sku', 'SKU-' || t.i % 9973, 'qty', 1 + t.i % 5))
                            ELSE jsonb_build_array(jsonb_build_object('sku', 'SKU-' || t.i % 9973, 'qty', 1 + t.i % 5),
                                                   jsonb_build_object('sku', 'SKU-' || t.i % 7919, 'qty', 1 + t.i % 3)) END,
               'target', CASE t.k WHEN 4 THEN 'https://hooks.example.com/' || (t.i % 500) || '/ingest'
                                  WHEN 2 THEN 'avatars/' || (t.i % 100000) || '.png'
                                  WHEN 1 THEN 'user' || (t.i % 50000) || '@example.com'
                                  ELSE 's3://taskmill-artifacts/' || (t.i % 7919) END) AS payload
    FROM (
        SELECT b.*,
               (ARRAY['email.send', 'image.resize', 'report.generate', 'webhook.deliver', 'invoice.render',
                      'video.transcode', 'search.reindex', 'backup.snapshot', 'sms.send', 'cache.warm',
                      'export.csv', 'noop'])[b.k] AS type,
               CASE WHEN b.r3 < 0.25 THEN 0 WHEN b.r3 < 0.80 THEN 1 ELSE 2 END::smallint AS priority,
               CASE WHEN :finished_only THEN
                        CASE WHEN b.r1 < 0.90 THEN 'COMPLETED' WHEN b.r1 < 0.96 THEN 'FAILED' ELSE 'CANCELLED' END
                    WHEN b.i > :n * 0.97 THEN
                        CASE WHEN b.r1 < 0.30 THEN 'NEW' WHEN b.r1 < 0.70 THEN 'PENDING' WHEN b.r1 < 0.80 THEN 'IN_PROGRESS' ELSE 'COMPLETED' END
                    ELSE
                        CASE WHEN b.r1 < 0.88 THEN 'COMPLETED' WHEN b.r1 < 0.94 THEN 'FAILED' WHEN b.r1 < 0.97 THEN 'CANCELLED'
                             WHEN b.r1 < 0.99 THEN 'POSTPONED' ELSE 'RETRY_WAITING' END
               END AS status
        FROM (
            SELECT i, r1, r2, r3, r4, r5, r6, 1 + floor(r2 * r2 * 12)::int AS k,
                   now() - make_interval(secs => (:n - i) * (:days * 86400.0 / :n)) AS created_at
            FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                         random() AS r6 FROM generate_series(1, :n) AS i) AS g
        ) AS b
    ) AS t
) AS s;

-- Statistics before the statements below: the foreign-key checks of the history rows are planned against
-- them, and against a table that looks empty (just migrated or truncated) the planner may probe an index
-- whose leading column is not the id — a scan of the whole index per history row, quadratic in the fill.
ANALYZE tasks;

-- The search documents the batched indexer (store/SearchIndexRepository) would write, in one statement with
-- the trigram index built once afterwards (as migration 0004 defines it): far quicker than a million GIN
-- insertions. The insert trigger queued every id for the indexer; those entries are then done.
DROP INDEX task_search_trgm_idx;
INSERT INTO task_search (task_id, doc)
SELECT id, title || E'\x1f' || description || E'\x1f' || payload::text FROM tasks
ON CONFLICT (task_id) DO UPDATE SET doc = EXCLUDED.doc;
TRUNCATE task_search_queue;
CREATE INDEX task_search_trgm_idx ON task_search USING gin (doc gin_trgm_ops);

-- Each task's path, in order (ids follow the order rows are produced: per task, by step).
INSERT INTO task_history (task_id, from_status, to_status, at, worker, attempt, message)
SELECT t.id, h.f, h.s, h.at, h.w, h.a, h.m
FROM tasks t
CROSS JOIN LATERAL (
    SELECT NULL::text AS f, CASE WHEN t.status = 'POSTPONED' THEN 'POSTPONED' ELSE 'NEW' END AS s, t.created_at AS at,
           NULL::text AS w, 0 AS a, NULL::text AS m
    UNION ALL
    SELECT 'NEW', 'PENDING', t.dispatched_at, NULL, 0, NULL WHERE t.status NOT IN ('NEW', 'POSTPONED')
    UNION ALL
    SELECT x.f, x.s, t.started_at + make_interval(secs => (k - 1) * 40 + x.o), t.worker, k, x.m
    FROM generate_series(1, t.attempts) AS k
    CROSS JOIN LATERAL (VALUES (0, 'PENDING', 'IN_PROGRESS', 0.0, NULL::text),
                               (1, 'IN_PROGRESS', 'RETRY_WAITING', 1.0, t.error),
                               (2, 'RETRY_WAITING', 'NEW', 30.0, NULL),
                               (3, 'NEW', 'PENDING', 30.001, NULL)) AS x(step, f, s, o, m)
    WHERE t.started_at IS NOT NULL AND (x.step = 0 OR k < t.attempts)
    UNION ALL
    SELECT CASE t.status WHEN 'CANCELLED' THEN 'PENDING' ELSE 'IN_PROGRESS' END, t.status,
           coalesce(t.completed_at, t.started_at + interval '1 s'), t.worker, t.attempts, t.error
    WHERE t.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'RETRY_WAITING')
) AS h;

-- As if every row above had been published: the notifier continues after them.
UPDATE notifier_state
SET last_xid = pg_current_xact_id(), last_id = (SELECT max(id) FROM task_history),
    revision = revision + (SELECT count(*) FROM task_history)
WHERE id = 1;
COMMIT;

-- What autovacuum would do after a bulk load: statistics and the visibility map.
VACUUM ANALYZE tasks;
VACUUM ANALYZE task_history;
VACUUM ANALYZE task_search;
SELECT status, count(*) FROM tasks GROUP BY status ORDER BY 2 DESC;

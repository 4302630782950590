-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- External workers (docs/workers.md) appear beside the executors in the Monitor: a row per worker name,
-- refreshed by each lease request and heartbeat, with the handler types it asked for.
ALTER TABLE workers ADD COLUMN kind text NOT NULL DEFAULT 'executor' CHECK (kind IN ('executor', 'external')),
                    ADD COLUMN types text[] NOT NULL DEFAULT '{}';
